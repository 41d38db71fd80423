//! The JavaScript bindings: the only module that knows about `wasm_bindgen`, `js_sys` and
//! `serde_wasm_bindgen`.
//!
//! Every export has one shape: decode the arguments (untrusted JavaScript values) into core
//! inputs, call one core function, serialize the plain result struct with
//! [`SERIALIZER`]. Core errors become a JavaScript `Error` with `code`, `details` and an English
//! `message` (see [`to_js_error`]); nothing here panics on any input.

pub mod toc;

use crate::error::{Code, Error};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Plain JSON-compatible output: objects (never `Map`), `null` (never `undefined`).
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Every error thrown by waterline is an `Error` with these extra fields. */
export interface WaterlineError extends Error {
  /** Stable machine-readable code, e.g. "count_exceeds_total". */
  code: string;
  /** The offending values, row, column or id. */
  details: Record<string, number | string | Array<number | string>>;
}
/** Options of an interval. */
export interface LevelOptions {
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
}
/** A proportion with its confidence interval. */
export interface ProportionInterval {
  x: number;
  n: number;
  /** x / n, in [0, 1]. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  method: "wilson";
}
"#;

/// Installs the panic hook so that a bug (never bad input) reports its message in the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// Builds the JavaScript `Error` for a core error: `message` in English, plus `code` and
/// `details` set as own properties so that the page can translate by `code`.
pub fn to_js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    let obj: &JsValue = js.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &error.code.as_str().into());
    let details = error.details.serialize(&SERIALIZER).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(obj, &"details".into(), &details);
    js.into()
}

/// Decodes an untrusted JavaScript value into a core input type; failures become `bad_input`
/// naming the argument.
fn decode<T: DeserializeOwned>(name: &str, value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        to_js_error(
            Error::new(Code::BadInput, format!("{name}: {e}")).with("argument", name),
        )
    })
}

/// Reads one number argument, rejecting strings, `null` and `undefined` (which JavaScript would
/// otherwise coerce to NaN or 0).
fn number(name: &str, value: &JsValue) -> Result<f64, JsValue> {
    value.as_f64().ok_or_else(|| {
        let got = value.js_typeof().as_string().unwrap_or_default();
        to_js_error(
            Error::new(Code::BadInput, format!("{name} must be a number, got {got}"))
                .with("argument", name)
                .with("type", got),
        )
    })
}

/// Serializes a plain result struct for JavaScript.
fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| to_js_error(Error::new(Code::Internal, format!("encoding a result: {e}"))))
}

/// Runs a core call and converts its error.
fn core<T>(result: crate::Result<T>) -> Result<T, JsValue> {
    result.map_err(to_js_error)
}

/// Options that carry only a confidence level.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LevelOptions {
    level: Option<f64>,
}

/// The engine's version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Wilson score interval for `x` successes out of `n` (R: `prop.test(x, n, correct = FALSE)`).
///
/// `options.level` defaults to 0.95. Throws `count_exceeds_total`, `empty_sample`,
/// `invalid_count`, `not_finite`, `level_out_of_range` or `bad_input`.
#[wasm_bindgen(js_name = wilson, unchecked_return_type = "ProportionInterval")]
pub fn wilson(
    #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LevelOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let x = number("x", &x)?;
    let n = number("n", &n)?;
    let options: Option<LevelOptions> = decode("options", options)?;
    let level = options.unwrap_or_default().level.unwrap_or(0.95);
    encode(&core(crate::stats::wilson(x, n, level))?)
}
