//! Bindings of the survey domain: one stateful [`Survey`] (a loaded export), the built-in
//! example CSVs and the wave-size sensitivity table. Each method decodes, calls one core
//! function and encodes; all logic is in [`crate::survey`].

use super::{core, decode, encode, number, to_js_error};
use crate::error::{Code, Error};
use crate::survey::report::ReportOptions;
use crate::survey::{DuplicatePolicy, Mapping, ReadOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// A survey export loaded in memory: detect, edit the mapping, report.
#[wasm_bindgen]
pub struct Survey {
    inner: crate::survey::Survey,
}

#[wasm_bindgen]
impl Survey {
    /// Reads a CSV export (Google Forms, SurveyMonkey, Qualtrics; `,` or `;`) and detects the
    /// mapping. Throws `too_large`, `csv_empty`, `csv_malformed` or `bad_input`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReadOptions | undefined | null")]
        options: JsValue,
    ) -> Result<Survey, JsValue> {
        let text = csv.as_string().ok_or_else(|| {
            to_js_error(
                Error::new(Code::BadInput, "csv must be the file's text (a string)")
                    .with("argument", "csv"),
            )
        })?;
        let options: Option<ReadOptions> = decode("options", options)?;
        let inner = core(crate::survey::Survey::from_csv(
            &text,
            &options.unwrap_or_default(),
        ))?;
        Ok(Survey { inner })
    }

    /// Reads a CSV export from the file's bytes (a `Uint8Array`), detecting its encoding
    /// (byte-order mark, UTF-8, else Windows-1252) unless `options.encoding` names one. Throws
    /// `too_large`, `csv_empty`, `csv_malformed` or `bad_input`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReadOptions | undefined | null")]
        options: JsValue,
    ) -> Result<Survey, JsValue> {
        let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(to_js_error(
                Error::new(
                    Code::BadInput,
                    "bytes must be the file's bytes (a Uint8Array)",
                )
                .with("argument", "bytes"),
            ));
        };
        let options: Option<ReadOptions> = decode("options", options)?;
        let inner = core(crate::survey::Survey::from_bytes(
            &array.to_vec(),
            &options.unwrap_or_default(),
        ))?;
        Ok(Survey { inner })
    }

    /// Applies another duplicate-id policy to every analysis: "keep_first", "keep_last",
    /// "keep_all" or "drop_all". Throws `bad_input`.
    #[wasm_bindgen(js_name = setDuplicates)]
    pub fn set_duplicates(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyDuplicatePolicy")] policy: JsValue,
    ) -> Result<(), JsValue> {
        let policy: DuplicatePolicy = decode("policy", policy)?;
        core(self.inner.set_duplicates(policy))
    }

    /// The current mapping (column roles and instrument), with a summary of every column.
    #[wasm_bindgen(js_name = mapping, unchecked_return_type = "SurveyMapping")]
    pub fn mapping(&self) -> Result<JsValue, JsValue> {
        encode(self.inner.mapping())
    }

    /// Applies an edited mapping; on error the previous one stays. Throws `duplicate_id`,
    /// `unknown_id`, `unknown_column`, `invalid_instrument`, `too_large` or `bad_input`.
    #[wasm_bindgen(js_name = setMapping)]
    pub fn set_mapping(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyMapping")] mapping: JsValue,
    ) -> Result<(), JsValue> {
        let mapping: Mapping = decode("mapping", mapping)?;
        core(self.inner.set_mapping(mapping))
    }

    /// The codebook of the current mapping as CSV text (`column,code,label,label_es,missing`).
    #[wasm_bindgen(js_name = codebook)]
    pub fn codebook(&self) -> String {
        self.inner.codebook()
    }

    /// Reads a codebook (CSV text, or its UTF-8 bytes) and declares and confirms the scale of
    /// every item it covers; on error nothing changes. Throws `csv_empty`, `csv_malformed`,
    /// `bad_input`, `not_a_number`, `duplicate_id` (each with `line` and `field`),
    /// `unknown_column` (with `line`) or `invalid_instrument`.
    #[wasm_bindgen(js_name = setCodebook)]
    pub fn set_codebook(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] codebook: JsValue,
    ) -> Result<(), JsValue> {
        let text = match codebook.as_string() {
            Some(t) => t,
            None if codebook.is_instance_of::<js_sys::Uint8Array>() => {
                let bytes = js_sys::Uint8Array::new(&codebook).to_vec();
                String::from_utf8(bytes).map_err(|_| {
                    to_js_error(
                        Error::new(Code::BadInput, "the codebook's bytes are not UTF-8")
                            .with("argument", "codebook"),
                    )
                })?
            }
            None => {
                return Err(to_js_error(
                    Error::new(Code::BadInput, "codebook must be text or a Uint8Array")
                        .with("argument", "codebook"),
                ))
            }
        };
        core(self.inner.set_codebook(&text))
    }

    /// Import problems and missing counts under the current mapping.
    #[wasm_bindgen(js_name = issues, unchecked_return_type = "SurveyImportSummary")]
    pub fn issues(&self) -> Result<JsValue, JsValue> {
        encode(&self.inner.issues())
    }

    /// The full report. Throws `level_out_of_range`, `parameter_out_of_range`, `unknown_id`
    /// or `bad_input`.
    #[wasm_bindgen(js_name = report, unchecked_return_type = "SurveyReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SurveyReportOptions | undefined | null")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: Option<ReportOptions> = decode("options", options)?;
        encode(&core(self.inner.report(&options.unwrap_or_default()))?)
    }
}

/// The built-in SYNTHETIC parent survey (n = 113) as CSV text.
#[wasm_bindgen(js_name = exampleSurveyCsv)]
pub fn example_survey_csv() -> String {
    crate::survey::example::PARENTS_CSV.to_string()
}

/// The built-in SYNTHETIC staff climate survey (two waves, sizes ASSUMED) as CSV text.
#[wasm_bindgen(js_name = exampleStaffCsv)]
pub fn example_staff_csv() -> String {
    crate::survey::example::STAFF_CSV.to_string()
}

/// Options of [`wave_sensitivity`].
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SensitivityOptions {
    #[cfg_attr(test, ts(optional = nullable))]
    level: Option<f64>,
    #[cfg_attr(test, ts(optional = nullable))]
    sizes: Option<Vec<u64>>,
}

/// How the interval for a change between two independent shares (e.g. 0.48 → 0.72) depends on
/// the assumed wave sizes (default 25, 50, 100, 200, 400). Throws `probability_out_of_range`,
/// `parameter_out_of_range`, `level_out_of_range` or `bad_input`.
#[wasm_bindgen(js_name = waveSensitivity, unchecked_return_type = "SurveySensitivityRow[]")]
pub fn wave_sensitivity(
    #[wasm_bindgen(unchecked_param_type = "number")] share_from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] share_to: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ level?: number; sizes?: number[] } | undefined | null"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let from = number("shareFrom", &share_from)?;
    let to = number("shareTo", &share_to)?;
    let o: Option<SensitivityOptions> = decode("options", options)?;
    let o = o.unwrap_or_default();
    let sizes = o
        .sizes
        .unwrap_or_else(|| ReportOptions::default().assumed_sizes);
    encode(&core(crate::survey::report::wave_sensitivity(
        from,
        to,
        &sizes,
        o.level.unwrap_or(0.95),
    ))?)
}

/// Checks report options as `Survey.report` reads them — unknown fields (at any depth),
/// enum values, the level, `minCell` and `assumedSizes` — without a survey, for saved
/// settings. Throws `bad_input` (with the path), `level_out_of_range` or
/// `parameter_out_of_range`.
#[wasm_bindgen(js_name = checkReportOptions)]
pub fn check_report_options(
    #[wasm_bindgen(unchecked_param_type = "SurveyReportOptions")] options: JsValue,
) -> Result<(), JsValue> {
    let options: ReportOptions = decode("options", options)?;
    core(options.check())
}
