//! The JavaScript bindings: the only module that knows about `wasm_bindgen` and `js_sys`
//! (arguments are read by [`read`] into a [`tree::Node`] and deserialized from it; results are
//! serialized by [`encode`](mod@encode) into a tape of operations and built from it).
//!
//! Every export has one shape: decode the arguments (untrusted JavaScript values) into core
//! inputs, call one core function, serialize the plain result struct with [`encode()`]. Core
//! errors become a JavaScript `Error` with `code`, `details` and an English
//! `message` (see [`to_js_error`]); nothing here panics on any input.

use crate::error::{Code, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "conditions")]
pub mod conditions;
#[cfg(all(feature = "conditions", feature = "deferred"))]
pub mod decision;
// The tape encoder every build writes results with (issues 19 and 21, size): see `encode()`.
mod encode;
#[cfg(any(feature = "survey", feature = "toc"))]
mod guard;
pub mod method_info;
// The Proposals and Theory-of-change builds have no statistics export: of the options reader
// they use `text` alone (methodInfo's argument).
#[cfg_attr(not(any(feature = "stats_api", feature = "survey")), allow(dead_code))]
mod options;
#[cfg(all(feature = "survey", feature = "toc", feature = "conditions"))]
pub mod project;
pub mod read;
#[cfg(all(feature = "conditions", feature = "deferred"))]
pub mod round_setup;
#[cfg(feature = "stats_api")]
pub mod stats_agreement;
#[cfg(feature = "stats_api")]
pub mod stats_dist;
#[cfg(feature = "stats_api")]
pub mod stats_more;
#[cfg(any(feature = "stats_api", all(feature = "survey", feature = "deferred")))]
pub mod stats_power;
#[cfg(feature = "stats_api")]
pub mod stats_scale;
#[cfg(feature = "stats_api")]
pub mod stats_shift;
#[cfg(feature = "stats_api")]
pub mod stats_weighted;
#[cfg(feature = "survey")]
pub mod survey;
#[cfg(feature = "survey")]
pub mod survey_limits;
#[cfg(all(feature = "survey", feature = "deferred"))]
pub mod survey_stream;
#[cfg(feature = "survey")]
pub mod survey_weights;
#[cfg(feature = "toc")]
pub mod toc;
#[cfg(all(feature = "toc", feature = "deferred"))]
pub mod toc_import;
/// The plain-data argument tree (moved to [`crate::tree`], which JSON text decodes into too).
pub use crate::tree;
#[cfg(all(
    test,
    feature = "survey",
    feature = "conditions",
    feature = "toc",
    feature = "stats_api"
))]
mod ts_types;

/// The declarations of every input and result, generated from the Rust types by ts-rs in
/// `cargo test` (see `ts_types.rs`; the shipped wasm carries no ts-rs code).
#[wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &'static str = include_str!("generated.d.ts");

/// What cannot be derived: a thrown error is a JavaScript `Error` carrying the fields of
/// [`Error`] (`EngineError` in the generated declarations).
#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** Every error thrown by waterline is an `Error` with these extra fields. */
export interface WaterlineError extends Error {
  /** Stable machine-readable code, e.g. "count_exceeds_total". */
  code: ErrorCode;
  /** The offending values, row, column or id. */
  details: Record<string, ErrorDetail>;
}
"#;

/// Installs the panic hook so that a bug (never bad input) reports its message in the console,
/// and the guard against freed objects on the classes' methods (see [`guard`]).
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
    #[cfg(feature = "survey")]
    if let Ok(survey) = survey::Survey::new("q\n1\n2\n".into(), JsValue::UNDEFINED) {
        guard::install("Survey", survey.into());
    }
    #[cfg(all(feature = "survey", feature = "deferred"))]
    guard::install(
        "SurveyStream",
        survey_stream::SurveyStream::placeholder().into(),
    );
    #[cfg(feature = "toc")]
    if let Ok(model) = toc::LogicModel::new(crate::toc::PASS_JSON.into()) {
        guard::install("LogicModel", model.into());
    }
}

/// Builds the JavaScript `Error` for a core error: `message` in English, plus `code` and
/// `details` set as own properties so that the page can translate by `code`.
pub fn to_js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    let obj: &JsValue = js.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &error.code.as_str().into());
    let details = details_value(&error.details);
    let _ = js_sys::Reflect::set(obj, &"details".into(), &details);
    js.into()
}

/// Decodes an untrusted JavaScript value into a core input type; failures become `bad_input`
/// (or `too_large`) naming the argument and, in `details.path`, where inside it.
///
/// This is the one way in for every structured argument. The value is first copied into a
/// [`tree::Node`] by [`read::read`] (catching every JavaScript exception, depth-limited,
/// cycle-checked, own enumerable properties of plain objects only), then deserialized from that
/// by the serde derive of the core type. Every input struct denies unknown fields, so a misspelt
/// key at any depth is refused with its path (`rubric.conditions[2].wieght`) and its name in
/// `details.field`.
// Unused in the statistics-only build, whose arguments `options.rs` reads.
#[cfg_attr(
    not(any(feature = "survey", feature = "conditions", feature = "toc")),
    allow(dead_code)
)]
pub(crate) fn decode<T: DeserializeOwned>(name: &str, value: JsValue) -> Result<T, JsValue> {
    let node = read::read(name, &value).map_err(to_js_error)?;
    decode_node(name, node).map_err(to_js_error)
}

/// The second half of [`decode`], on an already read node.
// Unused in the statistics-only build, whose arguments `options.rs` reads.
#[cfg_attr(
    not(any(feature = "survey", feature = "conditions", feature = "toc")),
    allow(dead_code)
)]
pub(crate) fn decode_node<T: DeserializeOwned>(name: &str, node: tree::Node) -> Result<T, Error> {
    tree::from_node(node).map_err(|e| {
        let at = format!("{name}{}", tree::path_text(&e.path));
        let mut error = Error::new(Code::BadInput, format!("{at}: {}", e.message))
            .with("argument", name)
            .with("path", at);
        if let Some(field) = e.field {
            error = error.with("field", field);
        }
        error
    })
}

/// The unknown-field check for an object read by hand rather than by serde (the columns of a
/// round): its own keys must be field names of the struct `T` (`bad_input` naming the first
/// stranger in `details.field` and `details.path`). [`decode`] needs no such check: serde's
/// `deny_unknown_fields` does it at every depth.
#[cfg(feature = "conditions")]
pub(crate) fn known_fields<'de, T: serde::Deserialize<'de>>(
    name: &str,
    node: &tree::Node,
) -> Result<(), Error> {
    let (Some(fields), tree::Node::Object(entries)) = (introspect::struct_fields::<T>(), node)
    else {
        return Ok(());
    };
    match entries
        .iter()
        .find(|(key, _)| !fields.contains(&key.as_str()))
    {
        Some((key, _)) => Err(Error::new(
            Code::BadInput,
            format!(
                "{name}: unknown field `{key}`, expected one of: {}",
                fields.join(", ")
            ),
        )
        .with("argument", name)
        .with("path", format!("{name}.{key}"))
        .with("field", key.as_str())),
        None => Ok(()),
    }
}

/// Finds the field names of a `Deserialize` struct without any input, by asking it to
/// deserialize from a deserializer that records the `fields` of `deserialize_struct`.
#[cfg(feature = "conditions")]
mod introspect {
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::cell::Cell;
    use std::fmt;

    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("introspection")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Stop
        }
    }

    struct Recorder<'a>(&'a Cell<Option<&'static [&'static str]>>);

    impl<'de> Deserializer<'de> for Recorder<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
            visitor.visit_some(self)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0.set(Some(fields));
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }

    /// The field names if `T` (or `Option<T>`) is a struct with named fields.
    pub fn struct_fields<'de, T: Deserialize<'de>>() -> Option<&'static [&'static str]> {
        let cell = Cell::new(None);
        let _ = T::deserialize(Recorder(&cell));
        cell.get()
    }
}

/// Reads one number argument, rejecting strings, `null` and `undefined` (which JavaScript would
/// otherwise coerce to NaN or 0).
#[cfg(any(feature = "stats_api", feature = "survey"))]
pub(crate) fn number(name: &str, value: &JsValue) -> Result<f64, JsValue> {
    value.as_f64().ok_or_else(|| {
        let got = value.js_typeof().as_string().unwrap_or_default();
        to_js_error(
            Error::new(
                Code::BadInput,
                format!("{name} must be a number, got {got}"),
            )
            .with("argument", name)
            .with("type", got),
        )
    })
}

/// Reads a bulk numeric argument: a `Float64Array` (copied into WebAssembly memory in one go)
/// or a plain array of numbers (read element by element, see [`read::numbers`]). Anything else
/// is `bad_input` naming the argument (and the index of an element that is not a number), rather
/// than the bare `TypeError` wasm-bindgen's glue would throw for a `&[f64]` parameter.
#[cfg(feature = "stats_api")]
pub(crate) fn floats(name: &str, value: &JsValue) -> Result<Vec<f64>, JsValue> {
    match read::numbers(name, value, "Float64Array") {
        Ok(Some(xs)) => Ok(xs),
        Ok(None) => {
            let got = value.js_typeof().as_string().unwrap_or_default();
            Err(to_js_error(
                Error::new(
                    Code::BadInput,
                    format!("{name} must be a Float64Array or an array of numbers, got {got}"),
                )
                .with("argument", name)
                .with("type", got),
            ))
        }
        Err(read::Bulk::Element(i)) => Err(to_js_error(
            Error::new(Code::BadInput, format!("{name}[{i}] must be a number"))
                .with("argument", name)
                .with("index", i),
        )),
        Err(read::Bulk::Error(e)) => Err(to_js_error(e)),
    }
}

/// The shape shared by the two-sample exports: two bulk arguments (named `names` in errors), an
/// optional options object (defaults when absent), one core call, its result encoded.
#[cfg(feature = "stats_api")]
pub(crate) fn two_arrays<O, R>(
    names: (&str, &str),
    a: JsValue,
    b: JsValue,
    options: JsValue,
    f: impl FnOnce(&[f64], &[f64], &O) -> crate::Result<R>,
) -> Result<JsValue, JsValue>
where
    O: options::FromOptions,
    R: Serialize,
{
    let a = floats(names.0, &a)?;
    let b = floats(names.1, &b)?;
    let options: O = options::options(options)?;
    encode(&core(f(&a, &b, &options))?)
}

/// Serializes a plain result struct for JavaScript: JSON-compatible (plain objects, `null` for
/// `None`, never `Map` or `undefined`), numbers as they are (NaN and ±∞ included).
///
/// Every build writes the value to a tape and builds it from there (`encode::Tape`): each
/// result type's `Serialize` is then instantiated for one small serializer that appends to a
/// vector, not for `serde_wasm_bindgen`'s, whose per-field JavaScript calls and error handling
/// were inlined into every export. Issue 19 did this for `pkg/stats/` (8 KiB gzipped); issue 21
/// for the area builds (measured in README "Shipped size", with W5 and W6 timed before and
/// after). `tests/node/stats-encode.test.mjs` checks the values are the ones
/// `serde_wasm_bindgen::Serializer::json_compatible()` built.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    built(encode::Tape::of(value))
}

/// The second, non-generic half of [`encode()`].
fn built(tape: Option<encode::Tape>) -> Result<JsValue, JsValue> {
    tape.and_then(|tape| tape.build())
        .ok_or_else(encoding_failed)
}

/// The error of a result JavaScript cannot hold (an integer beyond 2⁵³; no result has one).
fn encoding_failed() -> JsValue {
    to_js_error(Error::new(
        Code::Internal,
        "encoding a result: a value JavaScript cannot represent",
    ))
}

/// An error's `details` as a JavaScript object (`null` if they cannot be encoded).
fn details_value(details: &std::collections::BTreeMap<String, crate::error::Detail>) -> JsValue {
    encode::Tape::of(details)
        .and_then(|tape| tape.build())
        .unwrap_or(JsValue::NULL)
}

/// Runs a core call and converts its error.
#[cfg_attr(
    not(any(
        feature = "survey",
        feature = "conditions",
        feature = "toc",
        feature = "stats_api"
    )),
    allow(dead_code)
)]
pub(crate) fn core<T>(result: crate::Result<T>) -> Result<T, JsValue> {
    result.map_err(to_js_error)
}

/// `options.level` of `wilson` and `wilsonMany` (default 0.95).
#[cfg(any(feature = "stats_api", feature = "survey"))]
fn level_option(options: JsValue) -> Result<f64, JsValue> {
    let options: LevelOptions = options::options(options)?;
    Ok(options.level.unwrap_or(0.95))
}

/// Options that carry only a confidence level.
#[cfg(any(feature = "stats_api", feature = "survey"))]
#[derive(serde::Deserialize, Default)]
#[cfg_attr(test, derive(Debug))]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LevelOptions {
    #[cfg_attr(test, ts(optional = nullable))]
    level: Option<f64>,
}

#[cfg(any(feature = "stats_api", feature = "survey"))]
impl options::FromOptions for LevelOptions {
    const FIELDS: &'static [(&'static str, options::Kind)] = &[("level", options::Kind::OptNum)];
    fn build(v: options::Values) -> Self {
        LevelOptions { level: v.num(0) }
    }
}

/// The default rubric in a build with the toc area alone (pkg/toc/): the page maps outcomes to
/// its conditions (the same export as in `conditions.rs`, which that build leaves out).
#[cfg(all(feature = "toc", not(feature = "conditions")))]
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "Rubric")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    encode(&crate::conditions::default_rubric())
}

/// The engine's version, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Every note code the engine can emit (snake_case), so that a test can check that the page
/// renders each one in English and Spanish.
#[wasm_bindgen(js_name = noteCodes)]
pub fn note_codes() -> Vec<String> {
    crate::note::NoteCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect()
}

/// Wilson score interval for `x` successes out of `n` (R: `prop.test(x, n, correct = FALSE)`).
///
/// `options.level` defaults to 0.95. Throws `count_exceeds_total`, `empty_sample`,
/// `invalid_count`, `not_finite`, `level_out_of_range` or `bad_input`. In the Survey area's build
/// (its quick count computes it as it mounts), not the other areas' (issue 21).
#[cfg(any(feature = "stats_api", feature = "survey"))]
#[wasm_bindgen(js_name = wilson, unchecked_return_type = "ProportionInterval")]
pub fn wilson(
    #[wasm_bindgen(unchecked_param_type = "number")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LevelOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let x = number("x", &x)?;
    let n = number("n", &n)?;
    let level = level_option(options)?;
    encode(&core(crate::stats::wilson(x, n, level))?)
}

/// Wilson intervals for many `(x, n)` pairs (`Float64Array`s of equal length) at one level.
///
/// Returns a `Float64Array` of `2k` numbers: the `k` lower bounds, then the `k` upper bounds.
/// Throws with `details.index` naming the first invalid pair.
#[cfg(feature = "stats_api")]
#[wasm_bindgen(js_name = wilsonMany)]
pub fn wilson_many(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] n: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LevelOptions | undefined | null")] options: JsValue,
) -> Result<Vec<f64>, JsValue> {
    let x = floats("x", &x)?;
    let x = x.as_slice();
    let n = floats("n", &n)?;
    let n = n.as_slice();
    let level = level_option(options)?;
    core(crate::stats::proportion::wilson_many(x, n, level))
}

/// For benchmarks: receives two `Float64Array`s and returns their total length, so that the
/// cost of copying data into WebAssembly can be measured apart from any computation.
#[cfg(feature = "stats_api")]
#[wasm_bindgen(js_name = boundaryCopy)]
pub fn boundary_copy(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] b: JsValue,
) -> Result<f64, JsValue> {
    let a = floats("a", &a)?;
    let b = floats("b", &b)?;
    Ok((a.len() + b.len()) as f64)
}
