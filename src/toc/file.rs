//! The model file: schema-versioned JSON text, read with migration, written losslessly.
//!
//! Text is parsed by `serde_json` into a [`Node`] (the tree every structured input goes
//! through), the schema version is read and migrated on that tree, and [`Model`]'s serde derive
//! decodes it with [`crate::tree`]'s deserializer — the one the bindings use for a model object,
//! so a failure names the same path either way. `serde_json` parses with its `float_roundtrip`
//! feature, so a number written by [`to_json`] reads back as the same `f64`.

use super::model::{Model, SCHEMA_VERSION};
use crate::error::{Code, Error, Result};
use crate::tree::{self, Node};

/// Reads a model from JSON text, migrating older schema versions to [`SCHEMA_VERSION`].
///
/// Decoding is strict: unknown fields (at any depth), wrong types, impossible dates and
/// non-finite numbers are `bad_input` naming the path in the message and in `details.path`
/// (e.g. `goals[3].dependsOn[0].gaol`), with `details.line` and `details.column` in the text.
/// Problems *in* a well-formed model (a dangling id, a cycle) are not errors here: see
/// [`validate`](super::validate()).
///
/// # Errors
///
/// - `bad_input`: not JSON, not an object, or not a model (the message names line and column
///   and the path); `schemaVersion` missing.
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
    let node: Node = serde_json::from_str(text).map_err(|e| {
        let error = Error::new(Code::BadInput, e.to_string());
        match e.line() {
            0 => error,
            line => error.with("line", line).with("column", e.column()),
        }
    })?;
    model_from_node(node)
}

/// Reads a model from an already parsed tree (a model object the bindings received, or a
/// file's text parsed by [`parse_model`]), migrating older schema versions.
///
/// # Errors
///
/// As [`parse_model`]; `details.path` is relative to the model (`goals[0].dependOn`), and an
/// unknown field is also in `details.field`.
pub fn model_from_node(node: Node) -> Result<Model> {
    let version = schema_version(&node)?;
    tree::from_node(migrate(node, version)?).map_err(|e| {
        let path = tree::path_text(&e.path);
        let path = path.strip_prefix('.').unwrap_or(&path).to_string();
        let message = match path.as_str() {
            "" => e.message,
            at => format!("{at}: {}", e.message),
        };
        let error = Error::new(Code::BadInput, message).with("path", path);
        match e.field {
            Some(field) => error.with("field", field),
            None => error,
        }
    })
}

/// Writes a model as indented JSON text (two spaces, keys in the order of the struct fields).
/// `parse_model(to_json(m)) == m` for every model, and writing a parsed file again gives the
/// same text: whole numbers are written without a fraction (`60`, not `60.0`), others in the
/// shortest form that reads back exactly, and U+2028/U+2029 are escaped.
///
/// The text is read back and compared before it is returned: `serde_json` writes NaN and
/// infinities as `null`, which would reopen as a different model.
///
/// # Errors
///
/// `not_finite` if a number in the model is NaN or infinite (impossible for a parsed model;
/// JSON has no way to write one).
pub fn to_json(model: &Model) -> Result<String> {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical::default());
    serde::Serialize::serialize(model, &mut ser)
        .map_err(|e| Error::new(Code::Internal, format!("cannot write JSON: {e}")))?;
    let text = String::from_utf8(out)
        .map_err(|e| Error::new(Code::Internal, format!("cannot write JSON: {e}")))?;
    match parse_model(&text) {
        Ok(back) if back == *model => Ok(text),
        _ => Err(Error::new(
            Code::NotFinite,
            "cannot write JSON: a number in the model is NaN or infinite",
        )),
    }
}

/// The writer's number and escape rules on top of `serde_json`'s two-space pretty printer
/// (see [`to_json`]); the text is the one the engine has always written.
struct Canonical(serde_json::ser::PrettyFormatter<'static>);

impl Default for Canonical {
    fn default() -> Self {
        Canonical(serde_json::ser::PrettyFormatter::with_indent(b"  "))
    }
}

/// Forwards the layout methods to the pretty printer.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for Canonical {
    forward! {
        begin_array(), end_array(), begin_array_value(first: bool), end_array_value(),
        begin_object(), end_object(), begin_object_key(first: bool), begin_object_value(),
        end_object_value(),
    }

    /// Rust's shortest round-trip form without an exponent: `60`, `0.25`, `1e-7` as
    /// `0.0000001` (never `60.0`).
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        write!(w, "{value}")
    }

    /// U+2028 and U+2029 are escaped (valid in JSON, but line breaks in JavaScript source).
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['\u{2028}', '\u{2029}']) {
            let (plain, tail) = rest.split_at(i);
            w.write_all(plain.as_bytes())?;
            let c = tail.chars().next().unwrap_or('\u{2028}');
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &tail[c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    /// Control characters without a short escape in the old writer are written as `\u00XX`
    /// (so backspace and form feed are `\u0008` and `\u000c`, not `\b` and `\f`).
    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape as E;
        match escape {
            E::Backspace => w.write_all(b"\\u0008"),
            E::FormFeed => w.write_all(b"\\u000c"),
            other => serde_json::ser::CompactFormatter.write_char_escape(w, other),
        }
    }
}

fn schema_version(node: &Node) -> Result<u32> {
    let Node::Object(members) = node else {
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
        Some(Node::Number(v)) if v.fract() == 0.0 && *v >= 0.0 => {
            if *v > f64::from(u32::MAX) {
                Err(too_new(u64::MAX))
            } else {
                Ok(*v as u32)
            }
        }
        Some(_) => Err(Error::new(
            Code::BadInput,
            "schemaVersion must be a whole number such as 1",
        )
        .with("path", "schemaVersion")),
        None => Err(Error::new(
            Code::BadInput,
            "this is not a waterline model: schemaVersion is missing",
        )
        .with("path", "")
        .with("field", "schemaVersion")),
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
/// step at a time, as a tree. Version 1 is current, so there is no step yet; schema 2 will add
/// the arm `1 => migrate(step_1_to_2(node)?, 2)` and bump [`SCHEMA_VERSION`].
fn migrate(value: Node, from: u32) -> Result<Node> {
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

#[cfg(test)]
mod path_tests {
    use super::*;

    fn detail(e: &Error, key: &str) -> String {
        match e.details.get(key) {
            Some(crate::error::Detail::Text(s)) => s.clone(),
            other => format!("{other:?}"),
        }
    }

    const NESTED_TYPO: &str = r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"},
        "outputs": [{"id": "o", "title": {"en": "O"}}],
        "indicators": [{"id": "k", "of": "o", "measure": {"en": "M"}, "target": {"value": 1, "dtae": null}}]}"#;

    #[test]
    fn an_unknown_field_at_any_depth_names_its_path_and_name() {
        let e = parse_model(NESTED_TYPO).unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert_eq!(detail(&e, "path"), "indicators[0].target.dtae");
        assert_eq!(detail(&e, "field"), "dtae");
        assert!(e
            .message
            .starts_with("indicators[0].target.dtae: unknown field `dtae`"));
        // The same from a tree (what the bindings pass for a model object).
        let node: Node = serde_json::from_str(NESTED_TYPO).unwrap();
        assert_eq!(model_from_node(node).unwrap_err(), e);
    }

    #[test]
    fn text_that_is_not_json_names_line_and_column() {
        let e = parse_model("{\"schemaVersion\": 1,\n  \"id\": }").unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert_eq!(detail(&e, "line"), "Some(Number(2.0))");
        let e = parse_model(r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"}} trailing"#)
            .unwrap_err();
        assert_eq!(e.code, Code::BadInput);
    }

    #[test]
    fn a_current_value_decodes_and_a_future_one_is_unsupported() {
        let m = parse_model(crate::toc::PASS_JSON).unwrap();
        let node: Node = serde_json::from_str(&to_json(&m).unwrap()).unwrap();
        assert_eq!(model_from_node(node).unwrap(), m);
        let future: Node =
            serde_json::from_str(r#"{"schemaVersion": 2, "id": "x", "title": {"en": "X"}}"#)
                .unwrap();
        assert_eq!(
            model_from_node(future).unwrap_err().code,
            Code::UnsupportedVersion
        );
    }

    #[test]
    fn a_non_finite_number_is_not_written() {
        let mut m = parse_model(crate::toc::PASS_JSON).unwrap();
        let with_amount = m.inputs.iter_mut().find(|i| i.amount.is_some()).unwrap();
        if let Some(amount) = with_amount.amount.as_mut() {
            amount.value.value = f64::NAN;
        }
        assert_eq!(to_json(&m).unwrap_err().code, Code::NotFinite);
    }

    #[test]
    fn the_writer_keeps_the_canonical_number_and_escape_forms() {
        let mut m =
            parse_model(r#"{"schemaVersion": 1, "id": "x", "title": {"en": "X"}}"#).unwrap();
        m.title.en = "a\u{2028}b\u{8}c\u{c}\"\n".into();
        let text = to_json(&m).unwrap();
        assert!(
            text.contains(r#""en": "a\u2028b\u0008c\u000c\"\n""#),
            "{text}"
        );
        assert!(text.starts_with("{\n  \"schemaVersion\": 1,\n"), "{text}");
    }
}
