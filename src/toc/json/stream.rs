//! A serde `Deserializer` that reads straight from the JSON text, without building a value
//! tree: strings without escapes are borrowed, numbers are parsed once. Errors carry the path,
//! like [`super::de`], and syntax errors also the line and column.

use super::de::DeError;
use super::value::{Number, Parser};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use std::borrow::Cow;

/// Deserializes `T` from JSON text.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> crate::Result<T> {
    let mut p = Parser::new(text);
    let value = T::deserialize(&mut Stream(&mut p)).map_err(DeError::into_error)?;
    p.end()?;
    Ok(value)
}

struct Stream<'p, 'a>(&'p mut Parser<'a>);

fn syntax(e: crate::Error) -> DeError {
    <DeError as de::Error>::custom(e.message)
}

impl<'a> Stream<'_, 'a> {
    fn peek_value(&mut self) -> Option<u8> {
        self.0.skip_ws();
        self.0.peek()
    }

    fn string(&mut self) -> Result<Cow<'a, str>, DeError> {
        self.0.string().map_err(syntax)
    }
}

impl<'de> de::Deserializer<'de> for &mut Stream<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.peek_value() {
            None => Err(syntax(
                self.0.error("unexpected end of input (expected a value)"),
            )),
            Some(b'n') => {
                self.0.word("null").map_err(syntax)?;
                v.visit_unit()
            }
            Some(b't') => {
                self.0.word("true").map_err(syntax)?;
                v.visit_bool(true)
            }
            Some(b'f') => {
                self.0.word("false").map_err(syntax)?;
                v.visit_bool(false)
            }
            Some(b'"') => match self.string()? {
                Cow::Borrowed(s) => v.visit_str(s),
                Cow::Owned(s) => v.visit_string(s),
            },
            Some(b'-' | b'0'..=b'9') => match self.0.number().map_err(syntax)? {
                Number::Unsigned(u) => v.visit_u64(u),
                Number::Signed(i) => v.visit_i64(i),
                Number::Float(f) => v.visit_f64(f),
            },
            Some(b'[') => {
                self.0.enter().map_err(syntax)?;
                self.0.bump();
                let out = v.visit_seq(Seq {
                    s: &mut *self,
                    index: 0,
                    first: true,
                })?;
                // The visitor may stop early (a fixed-length target): that is an error here.
                self.0.skip_ws();
                if self.0.peek() != Some(b']') {
                    return Err(syntax(self.0.error("expected ']' at the end of an array")));
                }
                self.0.bump();
                self.0.leave();
                Ok(out)
            }
            Some(b'{') => {
                self.0.enter().map_err(syntax)?;
                self.0.bump();
                let out = v.visit_map(Map {
                    s: &mut *self,
                    first: true,
                    key: String::new(),
                })?;
                self.0.skip_ws();
                if self.0.peek() != Some(b'}') {
                    return Err(syntax(self.0.error("expected '}' at the end of an object")));
                }
                self.0.bump();
                self.0.leave();
                Ok(out)
            }
            Some(_) => Err(syntax(
                self.0.error("unexpected character (expected a value)"),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if self.peek_value() == Some(b'n') {
            self.0.word("null").map_err(syntax)?;
            v.visit_none()
        } else {
            v.visit_some(self)
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
        if self.peek_value() != Some(b'"') {
            return Err(de::Error::custom(
                "expected a text value naming one of the options",
            ));
        }
        let s = self.string()?.into_owned();
        v.visit_enum(s.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq<'s, 'p, 'a> {
    s: &'s mut Stream<'p, 'a>,
    index: usize,
    first: bool,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let p = &mut *self.s.0;
        p.skip_ws();
        match p.peek() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => {
                p.bump();
            }
            _ if self.first => {}
            _ => return Err(syntax(p.error("expected ',' or ']' in an array"))),
        }
        self.first = false;
        let i = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.s)
            .map(Some)
            .map_err(|e| e.at(format!("[{i}]")))
    }
}

struct Map<'s, 'p, 'a> {
    s: &'s mut Stream<'p, 'a>,
    first: bool,
    /// The current key, kept only to name the path in errors.
    key: String,
}

impl<'de> MapAccess<'de> for Map<'_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let p = &mut *self.s.0;
        p.skip_ws();
        match p.peek() {
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => {
                p.bump();
                p.skip_ws();
            }
            _ if self.first => {}
            _ => return Err(syntax(p.error("expected ',' or '}' in an object"))),
        }
        self.first = false;
        if p.peek() != Some(b'"') {
            return Err(syntax(p.error("expected a quoted key in an object")));
        }
        let key = p.string().map_err(syntax)?;
        self.key.clear();
        self.key.push_str(&key);
        p.skip_ws();
        if p.peek() != Some(b':') {
            return Err(syntax(p.error("expected ':' after a key")));
        }
        p.bump();
        let k: de::value::StrDeserializer<'_, DeError> = key.as_ref().into_deserializer();
        seed.deserialize(k).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(&mut *self.s)
            .map_err(|e| e.at(self.key.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Goal {
        id: String,
        #[serde(default)]
        depends_on: Vec<String>,
        share: Option<f64>,
    }

    #[test]
    fn reads_like_the_tree_reader() {
        let text = r#" [ {"id": "g\u0031", "dependsOn": ["g0"], "share": 0.5}, {"id":"g2","share":null} ] "#;
        let g: Vec<Goal> = from_str(text).unwrap();
        assert_eq!(
            g[0],
            Goal {
                id: "g1".into(),
                depends_on: vec!["g0".into()],
                share: Some(0.5)
            }
        );
        assert_eq!(g[1].share, None);
        let tree: Vec<Goal> = super::super::from_value(super::super::parse(text).unwrap()).unwrap();
        assert_eq!(tree, g);
    }

    #[test]
    fn errors_carry_path_and_position() {
        let e = from_str::<Vec<Goal>>(r#"[{"id": "g1"}, {"id": "g2", "dependsOn": ["g1" "g0"]}]"#)
            .unwrap_err();
        assert!(
            e.message
                .starts_with("[1].dependsOn: JSON: expected ',' or ']'"),
            "{}",
            e.message
        );
        assert!(e.message.contains("column 48"), "{}", e.message);
        let e = from_str::<Vec<Goal>>(r#"[{"id": "g1", "gaol": 1}]"#).unwrap_err();
        assert!(
            e.message.starts_with("[0]: unknown field `gaol`"),
            "{}",
            e.message
        );
        let e = from_str::<Vec<Goal>>(r#"[{"id": "g1"}] x"#).unwrap_err();
        assert!(e.message.contains("after the end"), "{}", e.message);
        let e = from_str::<de::IgnoredAny>(&"[".repeat(10_000)).unwrap_err();
        assert!(e.message.contains("nesting"), "{}", e.message);
        assert!(from_str::<Vec<Goal>>("[{\"id\": \"a\",}]").is_err());
        assert!(from_str::<Vec<Goal>>("[,]").is_err());
    }
}
