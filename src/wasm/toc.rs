//! Bindings of the theory-of-change domain ([`crate::toc`]).
//!
//! A model argument may be the model object or its JSON text. An object is read into a node
//! like every argument and handed to [`crate::toc::model_from_node`] (version check, migration,
//! then the serde derive of [`Model`]; errors name `model.goals[3].dependsOn[0].gaol`); text is
//! parsed by [`crate::toc::parse_model`] into the same kind of node (`serde_json`), so the
//! same paths come back without the argument's name. Nothing is written back to JSON text to be
//! parsed again. Free functions decode the model on every call;
//! [`LogicModel`] decodes once for repeated analyses.

use super::tree::Node;
use super::{core, decode, encode, read, to_js_error};
use crate::error::{Code, Error};
use crate::toc::{self, ExportOptions, Model, ProgressOptions, ScheduleOptions, WhatIfOptions};
use wasm_bindgen::prelude::*;

/// Decodes a model argument: JSON text, or an object (read like every argument, see
/// [`super::read`], then decoded from the node with the core's version check and migration).
pub(crate) fn model_arg(value: &JsValue) -> Result<Model, JsValue> {
    const NAME: &str = "model";
    if let Some(text) = value.as_string() {
        return core(toc::parse_model(&text));
    }
    let node = read::read(NAME, value).map_err(to_js_error)?;
    if !matches!(node, Node::Object(_)) {
        return Err(to_js_error(
            Error::new(
                Code::BadInput,
                "model: expected a model object or its JSON text",
            )
            .with("argument", NAME),
        ));
    }
    toc::model_from_node(node).map_err(|e| to_js_error(in_argument(NAME, e)))
}

/// A core decoding error about an argument: `details.argument`, and the argument's name in
/// front of `details.path` (`goals[0]` becomes `model.goals[0]`).
fn in_argument(name: &str, mut error: Error) -> Error {
    use crate::error::Detail;
    if let Some(Detail::Text(path)) = error.details.get("path") {
        let path = match path.chars().next() {
            None => name.to_string(),
            Some('[') => format!("{name}{path}"),
            Some(_) => format!("{name}.{path}"),
        };
        error = error.with("path", path);
    }
    error.with("argument", name)
}

/// The built-in PASS model (seed 004).
#[wasm_bindgen(js_name = examplePassModel, unchecked_return_type = "TocModel")]
pub fn example_pass_model() -> Result<JsValue, JsValue> {
    encode(&core(toc::example_pass_model())?)
}

/// The built-in Alianza parent leadership model (seed 000, Figure 3b).
#[wasm_bindgen(js_name = exampleAlianzaModel, unchecked_return_type = "TocModel")]
pub fn example_alianza_model() -> Result<JsValue, JsValue> {
    encode(&core(toc::example_alianza_model())?)
}

/// Reads a model file (JSON text), migrating older schema versions. Throws `bad_input` (with
/// line and column, or the path) or `unsupported_version`.
#[wasm_bindgen(js_name = parseModel, unchecked_return_type = "TocModel")]
pub fn parse_model(
    #[wasm_bindgen(unchecked_param_type = "string")] json_text: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("jsonText", json_text)?;
    encode(&core(toc::parse_model(&text))?)
}

/// Checks a model against every rule; never throws for problems in the model (they are
/// findings), only `bad_input` for what cannot be decoded.
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "TocValidation")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    encode(&toc::validate(&model_arg(&model)?))
}

/// Critical-path schedule. Throws `dependency_cycle`, `unknown_id`, `duplicate_id`,
/// `missing_duration`, `missing_date`, `invalid_window`, `invalid_date` or `bad_input`.
#[wasm_bindgen(js_name = scheduleModel, unchecked_return_type = "TocSchedule")]
pub fn schedule_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TocScheduleOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: Option<ScheduleOptions> = decode("options", options)?;
    encode(&core(toc::schedule(&m, &options.unwrap_or_default()))?)
}

/// Delays one goal and lists everything that moves. Throws as `scheduleModel`, plus
/// `unknown_id` and `parameter_out_of_range` (delay outside 0–36525 days).
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "TocWhatIf")]
pub fn what_if(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocWhatIfOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: WhatIfOptions = decode("options", options)?;
    encode(&core(toc::what_if(&m, &options))?)
}

/// Progress as of a date: status roll-ups, indicator shares, on-track judgements.
#[wasm_bindgen(js_name = progress, unchecked_return_type = "TocProgress")]
pub fn progress(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocProgressOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: ProgressOptions = decode("options", options)?;
    encode(&toc::progress(&m, &options))
}

/// Coordinates of the logic-model diagram (boxes and edge polylines).
#[wasm_bindgen(js_name = layoutModel, unchecked_return_type = "TocLayout")]
pub fn layout_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    encode(&toc::layout(&model_arg(&model)?))
}

/// The model as JSON, Mermaid, DOT or indicators CSV text.
#[wasm_bindgen(js_name = exportModel, unchecked_return_type = "TocExport")]
pub fn export_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocExportOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: ExportOptions = decode("options", options)?;
    encode(&core(toc::export(&m, &options))?)
}

/// A decoded model kept in the engine for repeated analyses (decode once, analyse many).
#[wasm_bindgen]
pub struct LogicModel {
    model: Model,
}

impl LogicModel {
    fn indicator(&self, id: JsValue) -> Result<&toc::Indicator, JsValue> {
        let id: String = decode("indicatorId", id)?;
        self.model
            .indicators
            .iter()
            .find(|i| i.id == id)
            .ok_or_else(|| {
                to_js_error(
                    Error::new(Code::UnknownId, format!("no indicator has the id \"{id}\""))
                        .with("id", id.as_str()),
                )
            })
    }
}

#[wasm_bindgen]
impl LogicModel {
    /// Decodes a model object or JSON text; throws `bad_input` or `unsupported_version`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    ) -> Result<LogicModel, JsValue> {
        Ok(LogicModel {
            model: model_arg(&model)?,
        })
    }

    /// The series of a derived indicator (ratio or difference of two others), computed by
    /// period where both have a value, else the value its own series states; `null` when the
    /// indicator is not derived. Throws `unknown_id` for an indicator that does not exist.
    #[wasm_bindgen(js_name = derivedSeries, unchecked_return_type = "TocDerivedPoint[] | null")]
    pub fn derived_series(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let i = self.indicator(indicator_id)?;
        encode(&toc::derived_series(&self.model, i))
    }

    /// The change of an indicator's series between two periods: Newcombe's interval when both
    /// have counts, else `noInterval: "rates_only"`. Throws `unknown_id` (indicator or period),
    /// `invalid_date` (a period that cannot be read), `level_out_of_range` or a count error.
    #[wasm_bindgen(js_name = seriesChange, unchecked_return_type = "TocChange")]
    pub fn series_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TocPeriod")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TocPeriod")] to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] level: JsValue,
    ) -> Result<JsValue, JsValue> {
        let i = self.indicator(indicator_id)?;
        let from: String = decode("from", from)?;
        let to: String = decode("to", to)?;
        let level: Option<f64> = decode("level", level)?;
        let (from, to) = (
            core(toc::Period::parse(&from))?,
            core(toc::Period::parse(&to))?,
        );
        encode(&core(toc::change(
            &toc::series_of(i),
            from,
            to,
            level.unwrap_or(0.95),
        ))?)
    }

    /// The default "as of" date: the end of the latest period with a value, or else the plan's
    /// first day — the model's own window, not today's date. `null` for a model without dates.
    #[wasm_bindgen(js_name = defaultAsOf, unchecked_return_type = "TocDate | null")]
    pub fn default_as_of(&self) -> Result<JsValue, JsValue> {
        encode(&toc::default_as_of(&self.model))
    }

    /// The model as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "TocModel")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        encode(&self.model)
    }

    /// As `validateModel`.
    #[wasm_bindgen(unchecked_return_type = "TocValidation")]
    pub fn validate(&self) -> Result<JsValue, JsValue> {
        encode(&toc::validate(&self.model))
    }

    /// As `scheduleModel`.
    #[wasm_bindgen(unchecked_return_type = "TocSchedule")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TocScheduleOptions | null")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: Option<ScheduleOptions> = decode("options", options)?;
        encode(&core(toc::schedule(
            &self.model,
            &options.unwrap_or_default(),
        ))?)
    }

    /// As `whatIf`.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "TocWhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocWhatIfOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: WhatIfOptions = decode("options", options)?;
        encode(&core(toc::what_if(&self.model, &options))?)
    }

    /// As `progress`.
    #[wasm_bindgen(unchecked_return_type = "TocProgress")]
    pub fn progress(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocProgressOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: ProgressOptions = decode("options", options)?;
        encode(&toc::progress(&self.model, &options))
    }

    /// As `validate`, with the condition ids of the rubric the page holds (an outcome naming
    /// any other gets `unknown_condition`). Throws `bad_input` when the ids are not strings.
    #[wasm_bindgen(js_name = validateFor, unchecked_return_type = "TocValidation")]
    pub fn validate_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] condition_ids: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ids: Vec<String> = decode("conditionIds", condition_ids)?;
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        encode(&toc::validate_for(&self.model, &ids))
    }

    /// As `layoutModel`.
    #[wasm_bindgen(unchecked_return_type = "TocLayout")]
    pub fn layout(&self) -> Result<JsValue, JsValue> {
        encode(&toc::layout(&self.model))
    }

    /// As `exportModel`.
    #[wasm_bindgen(js_name = export, unchecked_return_type = "TocExport")]
    pub fn export(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocExportOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: ExportOptions = decode("options", options)?;
        encode(&core(toc::export(&self.model, &options))?)
    }
}

/// Applies one edit with the engine's rules: `add` (defaults and a fresh id), `remove` (with
/// its cascade: links, dependencies, `about` entries, indicators and references that name the
/// removed id) or `rename` (every reference follows). Throws `bad_input`, `unknown_id` (no
/// element at that position) or `duplicate_id` (the new id is taken).
#[wasm_bindgen(js_name = tocEdit, unchecked_return_type = "TocEditResult")]
pub fn toc_edit(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocEdit")] op: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let op: toc::Edit = decode("op", op)?;
    encode(&core(toc::edit(m, &op))?)
}

/// A fresh id `<prefix><n>` no element or event of the model carries (e.g. `ev_` for a new
/// event). `prefix` is 1–16 ASCII letters, digits or `_`; else `bad_input`.
#[wasm_bindgen(js_name = tocFreshId)]
pub fn toc_fresh_id(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
) -> Result<String, JsValue> {
    let m = model_arg(&model)?;
    let prefix: String = decode("prefix", prefix)?;
    let ok = (1..=16).contains(&prefix.len())
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !ok {
        return Err(to_js_error(
            crate::Error::new(
                crate::Code::BadInput,
                "prefix: 1 to 16 ASCII letters, digits or underscores",
            )
            .with("argument", "prefix"),
        ));
    }
    Ok(toc::fresh_id_with_prefix(&m, &prefix))
}

#[wasm_bindgen]
impl LogicModel {
    /// What the series charts and the timeline strip draw (issue 17): points with their days,
    /// Wilson intervals where counts exist, line breaks where a period has no data, events,
    /// one shared axis. `level` defaults to 0.95. Throws `level_out_of_range` or a count error.
    #[wasm_bindgen(js_name = chartData, unchecked_return_type = "TocChartData")]
    pub fn chart_data(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] level: JsValue,
    ) -> Result<JsValue, JsValue> {
        let level: Option<f64> = decode("level", level)?;
        encode(&core(toc::chart_data(&self.model, level.unwrap_or(0.95)))?)
    }
}
