//! A serde `Deserializer` over [`Value`] whose errors say where they happened
//! (`goals[3].dependsOn[0]: unknown field "gaol"`).

use super::value::{Number, Value};
use crate::error::{Code, Error};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use std::fmt;

/// A decoding error with the path to the offending value, innermost segment last.
#[derive(Debug)]
pub(crate) struct DeError {
    message: String,
    /// Path segments collected innermost-first while the error bubbles up.
    path: Vec<String>,
}

impl DeError {
    pub(super) fn at(mut self, segment: String) -> Self {
        self.path.push(segment);
        self
    }

    /// Prefixes the path with an array index (kept out of line: it is called from generic
    /// code instantiated once per target type).
    #[inline(never)]
    pub(super) fn at_index(self, i: usize) -> Self {
        self.at(format!("[{i}]"))
    }

    fn path(&self) -> String {
        let mut out = String::new();
        for seg in self.path.iter().rev() {
            if !seg.starts_with('[') && !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
        out
    }

    /// Converts into the engine error: `bad_input` with `path` in the details.
    pub(crate) fn into_error(self) -> Error {
        let path = self.path();
        let message = if path.is_empty() {
            self.message.clone()
        } else {
            format!("{path}: {}", self.message)
        };
        Error::new(Code::BadInput, message).with("path", path)
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: Vec::new(),
        }
    }
}

/// Deserializes `T` from a parsed value.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> crate::Result<T> {
    T::deserialize(ValueDe(value)).map_err(DeError::into_error)
}

struct ValueDe(Value);

impl<'de> de::Deserializer<'de> for ValueDe {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(Number::Unsigned(u)) => v.visit_u64(u),
            Value::Number(Number::Signed(i)) => v.visit_i64(i),
            Value::Number(Number::Float(f)) => v.visit_f64(f),
            Value::String(s) => v.visit_string(s),
            Value::Array(items) => {
                let len = items.len();
                let mut seq = Seq {
                    items: items.into_iter(),
                    index: 0,
                };
                let out = v.visit_seq(&mut seq)?;
                if seq.index < len {
                    return Err(de::Error::invalid_length(len, &"fewer elements"));
                }
                Ok(out)
            }
            Value::Object(members) => v.visit_map(Map {
                members: members.into_iter(),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => v.visit_none(),
            other => v.visit_some(ValueDe(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            _ => Err(de::Error::custom(
                "expected a text value naming one of the options",
            )),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Seq {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some(item) => {
                let i = self.index;
                self.index += 1;
                seed.deserialize(ValueDe(item))
                    .map(Some)
                    .map_err(|e| e.at_index(i))
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map {
    members: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for Map {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.members.next() {
            None => Ok(None),
            Some((key, value)) => {
                let k = seed.deserialize(ValueDe(Value::String(key.clone())));
                self.pending = Some((key, value));
                k.map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.pending.take() {
            Some((key, value)) => seed.deserialize(ValueDe(value)).map_err(|e| e.at(key)),
            None => Err(de::Error::custom("internal: value requested before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::parse;
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Dep {
        goal: String,
        lag_days: Option<u32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        NotStarted,
        Done,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Goal {
        id: String,
        status: Status,
        #[serde(default)]
        depends_on: Vec<Dep>,
        share: f64,
    }

    fn goals(text: &str) -> crate::Result<Vec<Goal>> {
        from_value(parse(text)?)
    }

    #[test]
    fn decodes_structs_options_enums_and_integers_as_floats() {
        let g = goals(r#"[{"id":"g8","status":"not_started","share":1,"dependsOn":[{"goal":"g6","lagDays":null}]}]"#)
            .unwrap();
        assert_eq!(
            g[0].depends_on[0],
            Dep {
                goal: "g6".into(),
                lag_days: None
            }
        );
        assert_eq!(g[0].status, Status::NotStarted);
        assert_eq!(g[0].share, 1.0);
    }

    #[test]
    fn errors_carry_the_path() {
        let e = goals(r#"[{"id":"g1","status":"done","share":0},{"id":"g8","status":"done","share":0,"dependsOn":[{"gaol":"g6"}]}]"#)
            .unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert!(
            e.message
                .starts_with("[1].dependsOn[0]: unknown field `gaol`"),
            "{}",
            e.message
        );
        let e = goals(r#"[{"id":"g1","status":"finished","share":0}]"#).unwrap_err();
        assert!(
            e.message
                .starts_with("[0].status: unknown variant `finished`"),
            "{}",
            e.message
        );
        let e = goals(r#"[{"id":"g1","status":"done"}]"#).unwrap_err();
        assert!(
            e.message.starts_with("[0]: missing field `share`"),
            "{}",
            e.message
        );
        let e = goals(r#"[{"id":"g1","id":"g2","status":"done","share":0}]"#).unwrap_err();
        assert!(e.message.contains("duplicate field `id`"), "{}", e.message);
        let e = from_value::<Dep>(parse(r#"{"goal":"g1","lagDays":-3}"#).unwrap()).unwrap_err();
        assert!(
            e.message.starts_with("lagDays: invalid value"),
            "{}",
            e.message
        );
    }
}
