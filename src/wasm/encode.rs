//! Results to JavaScript in two steps (issue 19, size): a serde [`Serializer`] that writes a
//! result into a flat list of operations ([`Tape`]), then one walk over that list that builds
//! the JavaScript value.
//!
//! Why: each result type's `Serialize` impl is instantiated once per serializer. With
//! `serde_wasm_bindgen`'s serializer every field of every result type was a JavaScript call and
//! its error handling inlined into the export; here a field is two small calls that append to a
//! vector and can never fail (the serializer's error is checked once, at the end), and the
//! JavaScript calls are made by one non-generic function, [`Tape::build`].
//!
//! The value built is the one `serde_wasm_bindgen::Serializer::json_compatible()` built: plain
//! objects for structs and maps (keys in serialization order), arrays for sequences, tuples and
//! bytes, `null` for `None` and `()`, numbers as the same `f64` (NaN and ±∞ included), unit
//! variants as their name, other variants as `{ Variant: value }`. Integers beyond ±2⁵³ and 128-bit
//! integers (which no result has) fail as before, as does a map key that is not a string.

use serde::ser::{self, Serialize};
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// Any object whose properties are set by assignment (`target[key] = value`, no catching:
    /// the targets are plain objects this module made).
    type Target;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Target, key: &JsValue, value: &JsValue);
}

/// One step of a serialized value.
enum Op {
    /// A number.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null` (`None`, `()`, unit structs).
    Null,
    /// A string known at compile time: a field name or a variant's name.
    Static(&'static str),
    /// A string copied into [`Tape::text`]: the byte range.
    Text(usize, usize),
    /// Opens an object; its keys and values follow, alternating, until [`Op::End`].
    Object,
    /// Opens an array; its elements follow until [`Op::End`].
    Array,
    /// Closes the innermost open object or array.
    End,
}

/// A serialized value: the operations in order, the text of the non-static strings, and
/// whether something could not be represented (then [`encode`](super::encode) reports it).
#[derive(Default)]
pub(crate) struct Tape {
    ops: Vec<Op>,
    text: String,
    failed: bool,
}

/// The serializer's error, for serde's `custom` (no result type calls it); every other failure
/// is recorded in [`Tape::failed`] so that the methods below always return `Ok`.
#[derive(Debug)]
pub(crate) struct Failed;

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value JavaScript cannot represent")
    }
}
impl std::error::Error for Failed {}
impl ser::Error for Failed {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Failed
    }
}

type Done = Result<(), Failed>;

/// A frame of [`Tape::build`]: an open object (with the key waiting for its value) or array.
struct Frame {
    target: JsValue,
    object: bool,
    key: Option<JsValue>,
}

impl Tape {
    /// Serializes `value`; `None` if it holds something JavaScript cannot represent.
    pub(crate) fn of<T: Serialize + ?Sized>(value: &T) -> Option<Tape> {
        let mut tape = Tape::default();
        match value.serialize(&mut tape) {
            Ok(()) if !tape.failed => Some(tape),
            _ => None,
        }
    }

    // The appenders are out of line so that a field costs a call, not a vector push.
    #[inline(never)]
    fn op(&mut self, op: Op) {
        self.ops.push(op);
    }
    #[inline(never)]
    fn num(&mut self, v: f64) {
        self.ops.push(Op::Num(v));
    }
    #[inline(never)]
    fn key(&mut self, key: &'static str) {
        self.ops.push(Op::Static(key));
    }
    #[inline(never)]
    fn str(&mut self, v: &str) {
        let start = self.text.len();
        self.text.push_str(v);
        self.ops.push(Op::Text(start, self.text.len()));
    }
    /// A 64-bit integer: a number if JavaScript holds it exactly (|v| ≤ 2⁵³ − 1), else a
    /// failure, as `serde_wasm_bindgen` without BigInts.
    #[inline(never)]
    fn int(&mut self, v: i128) {
        const SAFE: i128 = (1 << 53) - 1;
        if (-SAFE..=SAFE).contains(&v) {
            self.num(v as f64);
        } else {
            self.failed = true;
        }
    }

    /// Builds the JavaScript value: the only JavaScript calls of a result's encoding. `None`
    /// for a map key that is not a string (or a malformed tape, which the serializer never
    /// writes).
    pub(crate) fn build(&self) -> Option<JsValue> {
        let mut stack: Vec<Frame> = Vec::new();
        for op in &self.ops {
            let (value, text) = match *op {
                Op::Num(v) => (JsValue::from_f64(v), false),
                Op::Bool(b) => (JsValue::from_bool(b), false),
                Op::Null => (JsValue::NULL, false),
                Op::Static(s) => (static_text(s), true),
                Op::Text(a, b) => (JsValue::from_str(self.text.get(a..b)?), true),
                Op::Object | Op::Array => {
                    let object = matches!(op, Op::Object);
                    let target = if object {
                        js_sys::Object::new().into()
                    } else {
                        js_sys::Array::new().into()
                    };
                    stack.push(Frame {
                        target,
                        object,
                        key: None,
                    });
                    continue;
                }
                Op::End => (stack.pop()?.target, false),
            };
            let Some(frame) = stack.last_mut() else {
                return Some(value);
            };
            if !frame.object {
                frame.target.unchecked_ref::<js_sys::Array>().push(&value);
            } else if let Some(key) = frame.key.take() {
                frame.target.unchecked_ref::<Target>().set(&key, &value);
            } else if text {
                frame.key = Some(value);
            } else {
                return None;
            }
        }
        None
    }
}

thread_local! {
    /// The JavaScript strings of the field and variant names met so far, by address and length
    /// (sorted): a name is made once per instance, as `serde_wasm_bindgen` did, not once per
    /// object (which made a small result like `wilson`'s 2.5 times slower to encode).
    static NAMES: std::cell::RefCell<Vec<((usize, usize), JsValue)>> = const {
        std::cell::RefCell::new(Vec::new())
    };
}

/// The JavaScript string of a name known at compile time, from [`NAMES`].
fn static_text(s: &'static str) -> JsValue {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let at = (s.as_ptr() as usize, s.len());
        match names.binary_search_by_key(&at, |(k, _)| *k) {
            Ok(i) => names[i].1.clone(),
            Err(i) => {
                let value = JsValue::from_str(s);
                names.insert(i, (at, value.clone()));
                value
            }
        }
    })
}

impl ser::Serializer for &mut Tape {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.op(Op::Bool(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.int(v.into());
        Ok(())
    }
    /// 128-bit integers were BigInts; no result has one.
    fn serialize_i128(self, _: i128) -> Done {
        self.failed = true;
        Ok(())
    }
    fn serialize_u128(self, _: u128) -> Done {
        self.failed = true;
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.num(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.num(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.str(v);
        Ok(())
    }
    /// Bytes as a plain array of numbers (`json_compatible`).
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.op(Op::Array);
        for &b in v {
            self.num(b.into());
        }
        self.op(Op::End);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.op(Op::Null);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.op(Op::Null);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.op(Op::Null);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.op(Op::Object);
        self.key(variant);
        value.serialize(&mut *self)?;
        self.op(Op::End);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Failed> {
        self.op(Op::Array);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Failed> {
        self.op(Op::Array);
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Failed> {
        self.op(Op::Array);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Failed> {
        self.op(Op::Object);
        self.key(variant);
        self.op(Op::Array);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Failed> {
        self.op(Op::Object);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Failed> {
        self.op(Op::Object);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Failed> {
        self.op(Op::Object);
        self.key(variant);
        self.op(Op::Object);
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    /// Closes the array and the `{ Variant: … }` around it.
    fn end(self) -> Done {
        self.op(Op::End);
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeMap for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.key(key);
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.op(Op::End);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Tape {
    type Ok = ();
    type Error = Failed;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.key(key);
        value.serialize(&mut **self)
    }
    /// Closes the object and the `{ Variant: … }` around it.
    fn end(self) -> Done {
        self.op(Op::End);
        self.op(Op::End);
        Ok(())
    }
}
