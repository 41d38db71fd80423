//! The model file: schema-versioned JSON text, read with migration, written losslessly.

use super::json::{self, Number, Value};
use super::model::{Model, SCHEMA_VERSION};
use crate::error::{Code, Error, Result};

/// Reads a model from JSON text, migrating older schema versions to [`SCHEMA_VERSION`].
///
/// Decoding is strict: unknown fields, wrong types, impossible dates and non-finite numbers are
/// errors naming the path (e.g. `goals[3].dependsOn[0]: unknown field "gaol"`). Problems *in*
/// a well-formed model (a dangling id, a cycle) are not errors here: see
/// [`validate`](super::validate()).
///
/// # Errors
///
/// - `bad_input`: not JSON, not an object, or not a model (the message names line and column
///   or the path); `schemaVersion` missing.
/// - `unsupported_version`: a `schemaVersion` newer than this engine or unknown.
///
/// # Examples
///
/// ```
/// use waterline::toc::{parse_model, to_json};
/// let m = parse_model(r#"{"schemaVersion": 1, "id": "demo", "title": {"en": "Demo", "es": null}}"#)?;
/// assert_eq!(m.title.en, "Demo");
/// assert_eq!(parse_model(&to_json(&m)?)?, m);
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn parse_model(text: &str) -> Result<Model> {
    // The common case, a current file, streams straight into the model.
    let streamed = json::from_str::<Model>(text);
    if matches!(&streamed, Ok(m) if m.schema_version == SCHEMA_VERSION) {
        return streamed;
    }
    // Otherwise read the tree to learn the version: migrate an older file, or report why a
    // current one does not decode (the streamed error names the path).
    let value = match json::parse(text) {
        Ok(v) => v,
        Err(e) => return Err(streamed.err().unwrap_or(e)),
    };
    let version = schema_version(&value)?;
    if version == SCHEMA_VERSION {
        return streamed;
    }
    json::from_value(migrate(value, version)?)
}

/// Writes a model as indented JSON text (two spaces). `parse_model(to_json(m)) == m` for every
/// model, and writing a parsed file again gives the same text.
///
/// # Errors
///
/// `not_finite` if a number in the model is NaN or infinite (impossible for a parsed model).
pub fn to_json(model: &Model) -> Result<String> {
    json::to_string(model, true)
}

fn schema_version(value: &Value) -> Result<u32> {
    let Value::Object(members) = value else {
        return Err(Error::new(
            Code::BadInput,
            "a model file must be a JSON object",
        ));
    };
    match members
        .iter()
        .find(|(k, _)| k == "schemaVersion")
        .map(|(_, v)| v)
    {
        Some(Value::Number(Number::Unsigned(v))) => u32::try_from(*v).map_err(|_| too_new(*v)),
        Some(_) => Err(Error::new(
            Code::BadInput,
            "schemaVersion must be a whole number such as 1",
        )),
        None => Err(Error::new(
            Code::BadInput,
            "this is not a waterline model: schemaVersion is missing",
        )),
    }
}

fn too_new(v: u64) -> Error {
    Error::new(
        Code::UnsupportedVersion,
        format!(
            "this model uses schema version {v}, but this version of waterline reads versions 1 to {SCHEMA_VERSION}; update waterline"
        ),
    )
    .with("schemaVersion", v)
    .with("supported", SCHEMA_VERSION as usize)
}

/// The migration hook: rewrites a file of schema `from` into the current schema one version
/// step at a time. Version 1 is current, so there is no step yet; schema 2 will add the arm
/// `1 => migrate(step_1_to_2(value)?, 2)` and bump [`SCHEMA_VERSION`].
fn migrate(value: Value, from: u32) -> Result<Value> {
    match from {
        SCHEMA_VERSION => Ok(value),
        v if v > SCHEMA_VERSION => Err(too_new(u64::from(v))),
        v => Err(Error::new(
            Code::UnsupportedVersion,
            format!("schema version {v} is not a known waterline model version (the first is 1)"),
        )
        .with("schemaVersion", v as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_missing_unknown_and_future_versions() {
        let e = parse_model(r#"{"id": "x"}"#).unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        let e =
            parse_model(r#"{"schemaVersion": 2, "id": "x", "title": {"en": "X"}}"#).unwrap_err();
        assert_eq!(e.code, Code::UnsupportedVersion);
        let e =
            parse_model(r#"{"schemaVersion": 0, "id": "x", "title": {"en": "X"}}"#).unwrap_err();
        assert_eq!(e.code, Code::UnsupportedVersion);
        let e = parse_model(r#"{"schemaVersion": 1.5}"#).unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        let e = parse_model("[1]").unwrap_err();
        assert_eq!(e.code, Code::BadInput);
    }

    #[test]
    fn decoding_errors_name_the_path() {
        let e = parse_model(
            r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"},
                "goals": [{"id": "g1", "title": {"en": "G"}, "start": {"value": "2021-02-30"}}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert!(
            e.message.starts_with("goals[0].start.value: "),
            "{}",
            e.message
        );
        assert!(e.message.contains("2021-02-30"), "{}", e.message);
    }
}
