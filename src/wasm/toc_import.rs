//! Bindings of the theory-of-change imports ([`crate::toc`]): indicator series and campaign
//! events from CSV. The page calls them only when a user picks a file, so the Theory-of-change
//! area's own build leaves them out (feature `deferred`, issue 21): the page takes them from the
//! whole engine, waiting for it if need be (`www/engine.js` `callSoon`).

use super::toc::model_arg;
use super::{core, decode, encode};
use crate::toc;
use wasm_bindgen::prelude::*;

/// Imports indicator series from a long (DataQuest-shaped) or wide CSV. Rows that cannot be
/// read are listed in `issues` with row and column; throws `csv_empty`, `too_large`,
/// `unclosed_quote` or `unknown_column` (details: `missing`).
#[wasm_bindgen(js_name = importSeriesCsv, unchecked_return_type = "TocSeriesCsvImport")]
pub fn import_series_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("csvText", csv_text)?;
    encode(&core(toc::import_series_csv(&text))?)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TOC_SERIES_COLUMNS: &'static str = r#"
/**
 * importSeriesCsv's result in columns, for files of millions of values: series k has the points
 * offsets[k] … offsets[k + 1] − 1; each point's period is periods[periodIndex[i]]; NaN marks a
 * missing value, numerator or denominator (never zero).
 */
export interface TocSeriesCsvColumns {
  shape: "long" | "wide"; nRows: number; issues: TocSeriesCsvIssue[];
  entities: string[]; groups: (string | null)[]; offsets: Uint32Array; periods: TocPeriod[];
  periodIndex: Uint32Array; value: Float64Array; numerator: Float64Array; denominator: Float64Array;
}
"#;

/// As [`import_series_csv`], in columns (typed arrays): a state portal's file of 2,000,000
/// values crosses the boundary as a few arrays instead of 2,000,000 objects (issue 17, T3).
#[wasm_bindgen(js_name = importSeriesCsvColumns, unchecked_return_type = "TocSeriesCsvColumns")]
pub fn import_series_csv_columns(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
    let text: String = decode("csvText", csv_text)?;
    let r = core(toc::import_series_csv_columns(&text))?;
    let (entities, groups) = (Array::new(), Array::new());
    for (e, g) in r.entities.iter().zip(&r.groups) {
        entities.push(&JsValue::from_str(e));
        groups.push(&g.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    }
    let out = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&out, &JsValue::from_str(k), v).map(|_| ());
    let labels: Vec<String> = r.periods.iter().map(ToString::to_string).collect();
    set("shape", &encode(&r.shape)?)?;
    set("nRows", &JsValue::from_f64(r.n_rows as f64))?;
    set("issues", &encode(&r.issues)?)?;
    set("entities", &entities)?;
    set("groups", &groups)?;
    set("offsets", &Uint32Array::from(&r.offsets[..]))?;
    set("periods", &encode(&labels)?)?;
    set("periodIndex", &Uint32Array::from(&r.period_index[..]))?;
    set("value", &Float64Array::from(&r.value[..]))?;
    // A file without counts has none to copy: all missing, filled on the JavaScript side.
    let counts = |c: &[f64]| match c.len() {
        0 => Float64Array::new_with_length(r.value.len() as u32).fill(
            f64::NAN,
            0,
            r.value.len() as u32,
        ),
        _ => Float64Array::from(c),
    };
    set("numerator", &counts(&r.numerator))?;
    set("denominator", &counts(&r.denominator))?;
    Ok(out.into())
}

/// Reads a CSV of campaign events (date, kind, title_en, title_es, concerns, source, quote;
/// headers in English or Spanish) against the model: returns the events with ids unused in
/// the model, ready to append, and the rows left out in `issues` (row, column, code, cell).
/// Throws `csv_empty`, `too_large`, `csv_malformed` or `unknown_column` (details: `missing`).
#[wasm_bindgen(js_name = importEventsCsv, unchecked_return_type = "TocEventsCsvImport")]
pub fn import_events_csv(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let text: String = decode("csvText", csv_text)?;
    encode(&core(toc::import_events_csv(&m, &text))?)
}
