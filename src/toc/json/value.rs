//! A strict RFC 8259 JSON reader into a small value tree.
//!
//! Untrusted input: nesting depth is limited, numbers must be finite, strings must be valid
//! UTF-8 with valid escapes, and every error names the line and column.

use crate::error::{Code, Error, Result};
use std::borrow::Cow;

/// Maximum nesting of arrays and objects (a logic model needs about 6).
const MAX_DEPTH: usize = 64;

/// A JSON number, kept as an integer when it was written as one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A non-negative integer that fits `u64`.
    Unsigned(u64),
    /// A negative integer that fits `i64`.
    Signed(i64),
    /// Any other (finite) number.
    Float(f64),
}

/// A parsed JSON value. Objects keep their keys in order (duplicates are caught by serde).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Parses one JSON document (surrounding whitespace allowed, nothing else after it).
pub(crate) fn parse(text: &str) -> Result<Value> {
    let mut p = Parser::new(text);
    p.skip_ws();
    let v = p.value()?;
    p.end()?;
    Ok(v)
}

/// The tokenizer shared by the tree reader here and the streaming deserializer.
pub(super) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    /// Checks that only whitespace follows the document.
    pub(super) fn end(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.error("unexpected text after the end of the JSON document"));
        }
        Ok(())
    }

    /// Enters an array or object, failing beyond [`MAX_DEPTH`].
    pub(super) fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub(super) fn bump(&mut self) {
        self.pos += 1;
    }

    pub(super) fn error(&self, what: &str) -> Error {
        let upto = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(upto.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        Error::new(
            Code::BadInput,
            format!("JSON: {what} at line {line}, column {column}"),
        )
        .with("line", line)
        .with("column", column)
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn skip_ws(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
    }

    /// Advances over plain string bytes (up to a quote, backslash or control character).
    fn skip_plain(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .unwrap_or(rest.len());
    }

    /// Consumes `null`, `true` or `false`.
    pub(super) fn word(&mut self, word: &str) -> Result<()> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("unexpected character (expected a value)"))
        }
    }

    fn expect_word(&mut self, word: &str, v: Value) -> Result<Value> {
        self.word(word).map(|()| v)
    }

    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            None => Err(self.error("unexpected end of input (expected a value)")),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.string()?.into_owned())),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(b'-' | b'0'..=b'9') => Ok(Value::Number(self.number()?)),
            Some(_) => Err(self.error("unexpected character (expected a value)")),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Value>) -> Result<Value> {
        self.enter()?;
        let v = f(self);
        self.leave();
        v
    }

    fn array(&mut self) -> Result<Value> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn object(&mut self) -> Result<Value> {
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted key in an object"));
            }
            let key = self.string()?.into_owned();
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after a key"));
            }
            self.pos += 1;
            self.skip_ws();
            members.push((key, self.value()?));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error("expected four hex digits after \\u")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// Reads a string at the opening quote; borrowed from the input when it has no escapes.
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let first = self.pos;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            // Runs between ASCII delimiters are whole characters of the &str input.
            let s = self.text.get(first..self.pos).unwrap_or_default();
            self.pos += 1;
            return Ok(Cow::Borrowed(s));
        }
        self.pos = first;
        let mut out = String::new();
        loop {
            let start = self.pos;
            self.skip_plain();
            // The input is a &str, so any run of bytes between ASCII delimiters is valid UTF-8.
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape in a string"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character inside a string")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error("lone surrogate in a \\u escape"));
            }
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("invalid surrogate pair in a \\u escape"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate in a \\u escape"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    pub(super) fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 {
            return Err(self.error("expected digits in a number"));
        }
        if n > 1 && self.bytes.get(int_start) == Some(&b'0') {
            return Err(self.error("leading zeros are not allowed in a number"));
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            float = true;
            if self.digits() == 0 {
                return Err(self.error("expected digits after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            float = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected digits in an exponent"));
            }
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.pos).unwrap_or_default())
            .unwrap_or_default();
        if !float {
            if !negative {
                if let Ok(u) = text.parse::<u64>() {
                    return Ok(Number::Unsigned(u));
                }
            } else if let Ok(i) = text.parse::<i64>() {
                if i != 0 {
                    return Ok(Number::Signed(i));
                }
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_values() {
        let v =
            parse(r#" {"a": [1, -2, 2.5, "x\u00e9\ud83d\ude00", null, true], "b": {}} "#).unwrap();
        let Value::Object(m) = v else { panic!() };
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0].1,
            Value::Array(vec![
                Value::Number(Number::Unsigned(1)),
                Value::Number(Number::Signed(-2)),
                Value::Number(Number::Float(2.5)),
                Value::String("xé😀".into()),
                Value::Null,
                Value::Bool(true),
            ])
        );
        assert_eq!(parse("-0").unwrap(), Value::Number(Number::Float(-0.0)));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert!(e.message.contains("line 3, column 7"), "{}", e.message);
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "NaN",
            "1e400",
            "\"\\x\"",
            "\"a\nb\"",
            "\"\\ud800\"",
            "[1] 2",
            "tru",
            "{'a':1}",
            "\"\\ud800\\u0041\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("nesting"));
    }
}
