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

/// One step of the reader, decided without knowing the target type: a scalar, or the opening
/// of an array or object (already entered).
enum Token<'a> {
    Null,
    Bool(bool),
    Str(Cow<'a, str>),
    Num(Number),
    SeqStart,
    MapStart,
}

// The reading itself lives in these non-generic functions; the generic `Deserializer` methods
// below only dispatch on the token. serde instantiates those methods once per target type, so
// keeping them thin is what keeps the WebAssembly module small.
impl<'a> Stream<'_, 'a> {
    fn peek_value(&mut self) -> Option<u8> {
        self.0.skip_ws();
        self.0.peek()
    }

    #[inline(never)]
    fn string(&mut self) -> Result<Cow<'a, str>, DeError> {
        self.0.string().map_err(syntax)
    }

    /// Reads the next value's token; `[` and `{` are entered (nesting depth checked).
    #[inline(never)]
    fn token(&mut self) -> Result<Token<'a>, DeError> {
        let token = match self.peek_value() {
            None => {
                return Err(syntax(
                    self.0.error("unexpected end of input (expected a value)"),
                ))
            }
            Some(b'n') => {
                self.0.word("null").map_err(syntax)?;
                Token::Null
            }
            Some(b't') => {
                self.0.word("true").map_err(syntax)?;
                Token::Bool(true)
            }
            Some(b'f') => {
                self.0.word("false").map_err(syntax)?;
                Token::Bool(false)
            }
            Some(b'"') => Token::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Token::Num(self.0.number().map_err(syntax)?),
            Some(open @ (b'[' | b'{')) => {
                self.0.enter().map_err(syntax)?;
                self.0.bump();
                if open == b'[' {
                    Token::SeqStart
                } else {
                    Token::MapStart
                }
            }
            Some(_) => {
                return Err(syntax(
                    self.0.error("unexpected character (expected a value)"),
                ))
            }
        };
        Ok(token)
    }

    /// Reads the `]` or `}` that closes an array or object whose visitor has returned (a
    /// visitor that stops early, e.g. a fixed-length target, leaves values: an error here).
    #[inline(never)]
    fn close(&mut self, array: bool) -> Result<(), DeError> {
        self.0.skip_ws();
        let (byte, message) = if array {
            (b']', "expected ']' at the end of an array")
        } else {
            (b'}', "expected '}' at the end of an object")
        };
        if self.0.peek() != Some(byte) {
            return Err(syntax(self.0.error(message)));
        }
        self.0.bump();
        self.0.leave();
        Ok(())
    }

    /// Moves to the next array element: `false` at the closing `]`.
    #[inline(never)]
    fn next_element(&mut self, first: bool) -> Result<bool, DeError> {
        let p = &mut *self.0;
        p.skip_ws();
        match p.peek() {
            Some(b']') => Ok(false),
            Some(b',') if !first => {
                p.bump();
                Ok(true)
            }
            _ if first => Ok(true),
            _ => Err(syntax(p.error("expected ',' or ']' in an array"))),
        }
    }

    /// Reads the next object key and its `:` into `key`: `false` at the closing `}`.
    #[inline(never)]
    fn next_key(&mut self, first: bool, key: &mut String) -> Result<bool, DeError> {
        let p = &mut *self.0;
        p.skip_ws();
        match p.peek() {
            Some(b'}') => return Ok(false),
            Some(b',') if !first => {
                p.bump();
                p.skip_ws();
            }
            _ if first => {}
            _ => return Err(syntax(p.error("expected ',' or '}' in an object"))),
        }
        if p.peek() != Some(b'"') {
            return Err(syntax(p.error("expected a quoted key in an object")));
        }
        let text = p.string().map_err(syntax)?;
        key.clear();
        key.push_str(&text);
        p.skip_ws();
        if p.peek() != Some(b':') {
            return Err(syntax(p.error("expected ':' after a key")));
        }
        p.bump();
        Ok(true)
    }
}

impl<'de> de::Deserializer<'de> for &mut Stream<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.token()? {
            Token::Null => v.visit_unit(),
            Token::Bool(b) => v.visit_bool(b),
            Token::Str(Cow::Borrowed(s)) => v.visit_str(s),
            Token::Str(Cow::Owned(s)) => v.visit_string(s),
            Token::Num(Number::Unsigned(u)) => v.visit_u64(u),
            Token::Num(Number::Signed(i)) => v.visit_i64(i),
            Token::Num(Number::Float(f)) => v.visit_f64(f),
            Token::SeqStart => {
                let out = v.visit_seq(Seq {
                    s: &mut *self,
                    index: 0,
                    first: true,
                })?;
                self.close(true)?;
                Ok(out)
            }
            Token::MapStart => {
                let out = v.visit_map(Map {
                    s: &mut *self,
                    first: true,
                    key: String::new(),
                })?;
                self.close(false)?;
                Ok(out)
            }
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
        if !self.s.next_element(self.first)? {
            return Ok(None);
        }
        self.first = false;
        let i = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.s)
            .map(Some)
            .map_err(|e| e.at_index(i))
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
        if !self.s.next_key(self.first, &mut self.key)? {
            return Ok(None);
        }
        self.first = false;
        let k: de::value::StrDeserializer<'_, DeError> = self.key.as_str().into_deserializer();
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
