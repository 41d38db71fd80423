//! A structured input as plain Rust data, and its serde `Deserializer`: the one way in.
//!
//! The bindings never hand a JavaScript value to serde directly: `wasm::read` first copies it
//! into a [`Node`] (with a depth limit, cycle detection and size budgets, every JavaScript
//! access a catching call), then serde deserializes the core input type from the `Node`. JSON
//! text (a logic-model file) is parsed by `serde_json` into a `Node` too ([`Node`] implements
//! `Deserialize`), so both reach the input types through this one deserializer, with the same
//! paths in their errors. This module knows nothing of JavaScript, so `cargo test` and the fuzz
//! targets exercise the same deserializer the bindings use.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt::{self, Write};

/// Deepest nesting of arrays and objects an argument may have (the argument itself is depth
/// 0). Deeper input is `bad_input` with `details.reason = "too_deep"`.
pub const MAX_DEPTH: usize = 64;
/// Most objects, arrays and primitives one argument may contain (typed-array elements are
/// counted by [`MAX_ELEMENTS`] instead); more is `too_large`.
pub const MAX_NODES: usize = 1 << 21;
/// Most UTF-16 code units in all the strings of one argument (keys included); more is
/// `too_large`.
pub const MAX_TEXT: usize = 1 << 27;
/// Most elements of one typed or numeric array argument; more is `too_large`.
pub const MAX_ELEMENTS: usize = 1 << 26;

/// A JavaScript value reduced to JSON-like data. `undefined` object properties are left out
/// (as `JSON.stringify` does); `undefined` elsewhere is [`Node::Null`].
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (any `f64`, NaN included: the core checks finiteness).
    Number(f64),
    /// A string.
    String(String),
    /// A plain array.
    Array(Vec<Node>),
    /// A typed array, copied in one step: its kind (e.g. `"Float64Array"`) and its elements.
    Typed(String, Vec<f64>),
    /// A record: own enumerable string-keyed properties, in `Object.keys` order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// A short name of the node's type for messages, e.g. `"string"`.
    pub fn kind(&self) -> &str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::String(_) => "string",
            Node::Array(_) => "array",
            Node::Typed(kind, _) => kind,
            Node::Object(_) => "object",
        }
    }
}

/// Builds a node from any self-describing format (`serde_json` text): numbers become `f64`
/// (as in JavaScript), object keys keep their order, `null` is [`Node::Null`].
impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b))
    }
    fn visit_i64<E>(self, x: i64) -> Result<Node, E> {
        Ok(Node::Number(x as f64))
    }
    fn visit_u64<E>(self, x: u64) -> Result<Node, E> {
        Ok(Node::Number(x as f64))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Node, E> {
        Ok(Node::Number(x))
    }
    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(Node::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(Node::String(s))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        de::Deserialize::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Object(entries))
    }
}

/// A deserialization failure: the message, the path inside the argument where it happened
/// (`.goals[3].id`, empty for the argument itself; for an unknown field, the path ends with
/// that field: `.goals[3].dependOn`) and, for an unknown field, its name.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    /// What is wrong, e.g. "invalid type: string \"x\", expected f64".
    pub message: String,
    /// Path segments from the argument down, innermost last.
    pub path: Vec<Segment>,
    /// The unknown field's name, when that is the fault.
    pub field: Option<String>,
}

/// One step of a path inside an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Formats a path as `.key[3].other` (empty for the argument itself).
pub fn path_text(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) => {
                let _ = write!(out, ".{k}");
            }
            Segment::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

impl DeError {
    // Out of line, as are `at_key` and `at_index`: every `MapAccess`/`SeqAccess` instance (one
    // per input field type) calls them instead of carrying its own copy (issue 21).
    #[inline(never)]
    fn inside(mut self, segment: Segment) -> Self {
        self.path.insert(0, segment);
        self
    }
}

/// `e` with the object key `key` in front of its path.
#[inline(never)]
fn at_key(e: DeError, key: &str) -> DeError {
    e.inside(Segment::Key(key.to_owned()))
}

/// `e` with the array index `i` in front of its path.
#[inline(never)]
fn at_index(e: DeError, i: usize) -> DeError {
    e.inside(Segment::Index(i))
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
            field: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            field: Some(field.to_string()),
            ..Self::custom(format_args!(
                "unknown field `{field}`, expected one of: {}",
                expected.join(", ")
            ))
        }
    }

    // serde's own text for these is the same, but its `Unexpected` display formats floats with
    // `core::fmt` (about 20 KB of every build, issue 19); `error::num` writes them instead.
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {exp}",
            unexpected_text(unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {exp}",
            unexpected_text(unexp)
        ))
    }
}

/// serde's wording of an unexpected value, with floats written by [`crate::error::num`].
fn unexpected_text(unexp: de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("boolean `{b}`"),
        U::Unsigned(i) => format!("integer `{i}`"),
        U::Signed(i) => format!("integer `{i}`"),
        U::Float(x) => match crate::error::exact_text(x) {
            // serde writes a whole float with a decimal point (`1.0`)
            Some(t) if x.is_finite() && x.fract() == 0.0 => format!("floating point `{t}.0`"),
            Some(t) => format!("floating point `{t}`"),
            None => "floating point number".into(),
        },
        U::Char(c) => format!("character `{c}`"),
        U::Str(s) => format!("string {s:?}"),
        U::Bytes(_) => "byte array".into(),
        U::Unit => "unit value".into(),
        U::Option => "Option value".into(),
        U::NewtypeStruct => "newtype struct".into(),
        U::Seq => "sequence".into(),
        U::Map => "map".into(),
        U::Enum => "enum".into(),
        U::UnitVariant => "unit variant".into(),
        U::NewtypeVariant => "newtype variant".into(),
        U::TupleVariant => "tuple variant".into(),
        U::StructVariant => "struct variant".into(),
        U::Other(other) => other.into(),
    }
}

/// Deserializes `T` from a node.
pub fn from_node<T: de::DeserializeOwned>(node: Node) -> Result<T, DeError> {
    T::deserialize(node)
}

/// Largest integer a JavaScript number holds exactly (2⁵³).
const SAFE: f64 = 9_007_199_254_740_992.0;

fn visit_number<'de, V: Visitor<'de>>(x: f64, visitor: V) -> Result<V::Value, DeError> {
    if x.fract() == 0.0 && (0.0..=SAFE).contains(&x) {
        visitor.visit_u64(x as u64)
    } else if x.fract() == 0.0 && (-SAFE..0.0).contains(&x) {
        visitor.visit_i64(x as i64)
    } else {
        visitor.visit_f64(x)
    }
}

impl<'de> de::Deserializer<'de> for Node {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Number(x) => visit_number(x, visitor),
            Node::String(s) => visitor.visit_string(s),
            Node::Array(items) => visit_seq(Elements::Nodes(items.into_iter()), visitor),
            Node::Typed(_, xs) => visit_seq(Elements::Numbers(xs.into_iter()), visitor),
            Node::Object(entries) => visitor.visit_map(Entries {
                iter: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Node::Number(x) => visitor.visit_f64(x),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    /// A struct is read from an object only (never from an array, which serde would accept
    /// by position: `[0.5]` is not `{ level: 0.5 }`).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Straight to `visit_map` (what `deserialize_any` does for an object): a struct's
        // visitor then links no `visit_seq` and no scalar visits it can never take — about a
        // sixth of the statistics build's input code (issue 21, README "Shipped size").
        match self {
            Node::Object(entries) => visitor.visit_map(Entries {
                iter: entries.into_iter(),
                value: None,
            }),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Node::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Node::String(s) => visitor.visit_enum(s.into_deserializer()),
            Node::Object(mut entries) if entries.len() == 1 => {
                let (key, value) = entries.remove(0);
                visitor
                    .visit_enum(Variant(key.clone(), value))
                    .map_err(|e| at_key(e, &key))
            }
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match node {
        Node::Null => de::Unexpected::Unit,
        Node::Bool(b) => de::Unexpected::Bool(*b),
        Node::Number(x) => de::Unexpected::Float(*x),
        Node::String(s) => de::Unexpected::Str(s),
        Node::Array(_) | Node::Typed(..) => de::Unexpected::Seq,
        Node::Object(_) => de::Unexpected::Map,
    }
}

/// The elements of an array or of a typed array, as nodes: one iterator type, so that each
/// sequence visitor is instantiated once (not once per kind of array).
enum Elements {
    Nodes(std::vec::IntoIter<Node>),
    Numbers(std::vec::IntoIter<f64>),
}

impl Iterator for Elements {
    type Item = Node;

    fn next(&mut self) -> Option<Node> {
        match self {
            Elements::Nodes(items) => items.next(),
            Elements::Numbers(xs) => xs.next().map(Node::Number),
        }
    }
}

fn visit_seq<'de, V: Visitor<'de>>(iter: Elements, visitor: V) -> Result<V::Value, DeError> {
    let mut items = Items {
        iter: iter.enumerate(),
    };
    let value = visitor.visit_seq(&mut items)?;
    match items.iter.next() {
        None => Ok(value),
        Some((i, _)) => Err(de::Error::invalid_length(i + 1, &"fewer elements")),
    }
}

struct Items {
    iter: std::iter::Enumerate<Elements>,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.iter.next() {
            None => Ok(None),
            Some((i, node)) => seed.deserialize(node).map(Some).map_err(|e| at_index(e, i)),
        }
    }
}

struct Entries {
    iter: std::vec::IntoIter<(String, Node)>,
    value: Option<(String, Node)>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            None => Ok(None),
            Some((key, value)) => {
                // An unknown key is refused here: its path names the key itself. The key is
                // lent, not copied (a field name is matched as `&str`).
                let k = seed
                    .deserialize(de::value::StrDeserializer::<DeError>::new(&key))
                    .map_err(|e| at_key(e, &key));
                self.value = Some((key, value));
                k.map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was read before its key"))?;
        seed.deserialize(value).map_err(|e| at_key(e, &key))
    }
}

/// `{ "Variant": content }`, an externally tagged enum value.
struct Variant(String, Node);

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = DeError;
    type Variant = Node;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Node), DeError> {
        let tag = seed.deserialize(self.0.into_deserializer())?;
        Ok((tag, self.1))
    }
}

impl<'de> de::VariantAccess<'de> for Node {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests;
