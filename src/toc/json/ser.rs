//! A serde `Serializer` that writes JSON text, compact or indented by two spaces.
//!
//! Numbers are written in Rust's shortest round-trip form, so `parse(write(x)) == x` for every
//! finite `f64`; non-finite numbers are an error (JSON cannot carry them). `None` is `null`.

use serde::ser::{self, Serialize};
use std::fmt;

/// A serialization error (only non-finite numbers and non-text map keys can cause one).
#[derive(Debug)]
pub(crate) struct SerError(String);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for SerError {}
impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

/// Writes `value` as JSON text; `pretty` indents by two spaces and ends objects on their own
/// line.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> crate::Result<String> {
    let mut w = Writer {
        out: String::new(),
        pretty,
        depth: 0,
    };
    value.serialize(&mut w).map_err(|e| {
        crate::Error::new(crate::Code::NotFinite, format!("cannot write JSON: {e}"))
    })?;
    Ok(w.out)
}

/// Appends `s` as a quoted JSON string.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0; // start of the run of characters that need no escape
    for (i, c) in s.char_indices() {
        let esc = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if esc.is_empty() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(esc);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
    fn open(&mut self, c: char) -> Compound<'_> {
        self.out.push(c);
        self.depth += 1;
        Compound {
            w: self,
            first: true,
        }
    }
}

struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn item(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
        self.w.newline();
    }
    fn close(self, c: char) {
        self.w.depth -= 1;
        if !self.first {
            self.w.newline();
        }
        self.w.out.push(c);
    }
    fn key(&mut self, key: &str) {
        self.item();
        write_str(&mut self.w.out, key);
        self.w.out.push(':');
        if self.w.pretty {
            self.w.out.push(' ');
        }
    }
}

type R = Result<(), SerError>;

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_bool(self, v: bool) -> R {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> R {
        self.out.push_str(&v.to_string());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> R {
        self.out.push_str(&v.to_string());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R {
        if !v.is_finite() {
            return Err(SerError(format!("the number {v} is not finite")));
        }
        self.out.push_str(&v.to_string());
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        write_str(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        write_str(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> R {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        use ser::SerializeMap;
        let mut map = self.serialize_map(Some(1))?;
        map.serialize_entry(variant, value)?;
        map.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, SerError> {
        Ok(self.open('['))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(SerError("tuple variants are not supported".into()))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, SerError> {
        Ok(self.open('{'))
    }
    fn serialize_struct(self, _n: &'static str, len: usize) -> Result<Compound<'a>, SerError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(SerError("struct variants are not supported".into()))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        self.item();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> R {
        self.close(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        let mut k = String::new();
        key.serialize(KeyWriter(&mut k))?;
        self.key(&k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> R {
        self.close('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        self.key(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> R {
        self.close('}');
        Ok(())
    }
}

/// Accepts only text map keys (all our maps are keyed by ids).
struct KeyWriter<'a>(&'a mut String);

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = ser::Impossible<(), SerError>;
    type SerializeTuple = ser::Impossible<(), SerError>;
    type SerializeTupleStruct = ser::Impossible<(), SerError>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = ser::Impossible<(), SerError>;
    type SerializeStruct = ser::Impossible<(), SerError>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_str(self, v: &str) -> R {
        self.0.push_str(v);
        Ok(())
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, v: &'static str) -> R {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _n: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> R {
        Err(key_error())
    }
    fn serialize_i8(self, _: i8) -> R {
        Err(key_error())
    }
    fn serialize_i16(self, _: i16) -> R {
        Err(key_error())
    }
    fn serialize_i32(self, _: i32) -> R {
        Err(key_error())
    }
    fn serialize_i64(self, _: i64) -> R {
        Err(key_error())
    }
    fn serialize_u8(self, _: u8) -> R {
        Err(key_error())
    }
    fn serialize_u16(self, _: u16) -> R {
        Err(key_error())
    }
    fn serialize_u32(self, _: u32) -> R {
        Err(key_error())
    }
    fn serialize_u64(self, _: u64) -> R {
        Err(key_error())
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(key_error())
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(key_error())
    }
    fn serialize_char(self, _: char) -> R {
        Err(key_error())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(key_error())
    }
    fn serialize_none(self) -> R {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> R {
        Err(key_error())
    }
    fn serialize_unit(self) -> R {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(key_error())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, SerError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, SerError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, SerError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(key_error())
    }
}

fn key_error() -> SerError {
    SerError("map keys must be text".into())
}

#[cfg(test)]
mod tests {
    use super::super::value::{parse, Number, Value};
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn writes_compact_and_pretty_json_that_reads_back() {
        let mut m = BTreeMap::new();
        m.insert("a \"q\"", vec![Some(0.1), None, Some(-2.5e-8), Some(1e21)]);
        let compact = to_string(&m, false).unwrap();
        assert_eq!(
            compact,
            r#"{"a \"q\"":[0.1,null,-0.000000025,1000000000000000000000]}"#
        );
        let pretty = to_string(&m, true).unwrap();
        assert!(pretty.contains("\n  \"a"), "{pretty}");
        assert_eq!(parse(&pretty).unwrap(), parse(&compact).unwrap());
        let empty: Vec<u8> = vec![];
        assert_eq!(to_string(&empty, true).unwrap(), "[]");
    }

    #[test]
    fn every_finite_float_round_trips() {
        for x in [
            0.1,
            1.0 / 3.0,
            5e-324,
            f64::MAX,
            -0.0,
            123_456_789.123_456_79,
            0.72,
            2.8,
        ] {
            let text = to_string(&x, false).unwrap();
            let back = match parse(&text).unwrap() {
                Value::Number(Number::Float(f)) => f,
                Value::Number(Number::Unsigned(u)) => u as f64,
                Value::Number(Number::Signed(i)) => i as f64,
                other => panic!("{other:?}"),
            };
            assert_eq!(back.to_bits(), x.to_bits(), "{text}");
        }
        assert!(to_string(&f64::NAN, false).is_err());
    }

    #[test]
    fn escapes_control_and_line_separator_characters() {
        let s = "<script>\u{1}\u{2028}\"\\\n";
        let text = to_string(s, false).unwrap();
        assert_eq!(text, r#""<script>\u0001\u2028\"\\\n""#);
        assert_eq!(parse(&text).unwrap(), Value::String(s.into()));
    }
}
