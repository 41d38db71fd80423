//! Reading untrusted JavaScript arguments without letting them poison the instance.
//!
//! Why this exists: when JavaScript throws while Rust is reading an argument (a getter, a
//! Proxy trap, a detached typed array) through a *non-catching* import, the exception unwinds
//! through the WebAssembly frames. Their epilogues never run, so the shadow-stack pointer is
//! not restored (and a `RefCell` borrow of a class instance is never released); each such
//! error leaks part of the 1 MiB stack until every export traps. Deep nesting overflowed the
//! same stack through serde's recursion. Here every access that can run JavaScript is a
//! catching call (`#[wasm_bindgen(catch)]`, `Reflect.get`, `Function.call`), nesting is
//! limited to [`MAX_DEPTH`], cycles are detected, sizes are budgeted, and every failure is an
//! engine [`Error`] (`bad_input` or `too_large`) naming the argument and the path.
//!
//! Only own enumerable string-keyed properties of plain objects are read (`Object.keys`), so
//! inherited properties are ignored; a `Map`, `Date`, function, symbol, bigint or any other
//! exotic object is refused rather than read as "no value".

use super::tree::{path_text, Node, Segment, MAX_DEPTH, MAX_ELEMENTS, MAX_NODES, MAX_TEXT};
use crate::error::{Code, Error};
use js_sys::{Float64Array, Function, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view(value: &JsValue) -> bool;
    /// A `Float64Array` made by the reader (never a user's object): a view of WebAssembly
    /// memory that a typed argument is copied into.
    #[wasm_bindgen(js_name = Float64Array)]
    type Scratch;
    #[wasm_bindgen(catch, method, js_class = "Float64Array", js_name = set)]
    fn copy_from(this: &Scratch, source: &JsValue) -> Result<(), JsValue>;
}

thread_local! {
    /// `Object.prototype.toString`, which names an object's kind (`[object Map]`).
    static TO_STRING: JsValue =
        Reflect::get(&js_sys::Object::new(), &"toString".into()).unwrap_or(JsValue::UNDEFINED);
}

/// Reads argument `name` into a [`Node`].
pub fn read(name: &str, value: &JsValue) -> Result<Node, Error> {
    let mut reader = Reader {
        name,
        path: Vec::new(),
        nodes: 0,
        text: 0,
        elements: 0,
        open: js_sys::Set::new(&JsValue::UNDEFINED),
    };
    reader.value(value, 0)
}

/// Reads a bulk numeric argument: a typed array whose kind is `typed` (e.g. `"Float64Array"`,
/// copied in one step) or a plain array of numbers. `None` means the value is neither (the
/// caller names what it expected); an element that is not a number is `Some(Err((i, _)))`.
pub fn numbers(name: &str, value: &JsValue, typed: &str) -> Result<Option<Vec<f64>>, Bulk> {
    let mut reader = Reader {
        name,
        path: Vec::new(),
        nodes: 0,
        text: 0,
        elements: 0,
        open: js_sys::Set::new(&JsValue::UNDEFINED),
    };
    if !value.is_object() {
        return Ok(None);
    }
    if is_view(value) {
        return match reader.brand(value).map_err(Bulk::Error)? {
            kind if kind == typed => reader.typed(value).map(Some).map_err(Bulk::Error),
            _ => Ok(None),
        };
    }
    if !is_array(value).map_err(|e| Bulk::Error(reader.thrown(e)))? {
        return Ok(None);
    }
    let len = reader.length(value, MAX_ELEMENTS).map_err(Bulk::Error)?;
    let mut out = reader.buffer(len.min(1 << 16)).map_err(Bulk::Error)?;
    for i in 0..len {
        let item = Reflect::get(value, &(i as f64).into()).map_err(|e| {
            reader.path.push(Segment::Index(i));
            Bulk::Error(reader.thrown(e))
        })?;
        let x = item.as_f64().ok_or(Bulk::Element(i))?;
        if out.len() == out.capacity() {
            out.try_reserve(out.len())
                .map_err(|_| Bulk::Error(reader.too_large("memory", len)))?;
        }
        out.push(x);
    }
    Ok(Some(out))
}

/// A failure of [`numbers`]: element `i` is not a number, or reading failed.
pub enum Bulk {
    /// Element `i` is not a number.
    Element(usize),
    /// Reading threw, or the array is too large.
    Error(Error),
}

struct Reader<'a> {
    name: &'a str,
    path: Vec<Segment>,
    nodes: usize,
    text: usize,
    elements: usize,
    /// The objects being read (the current path), to detect cycles.
    open: js_sys::Set,
}

impl Reader<'_> {
    fn value(&mut self, value: &JsValue, depth: usize) -> Result<Node, Error> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.too_large("values", MAX_NODES));
        }
        if value.is_undefined() || value.is_null() {
            return Ok(Node::Null);
        }
        if let Some(b) = value.as_bool() {
            return Ok(Node::Bool(b));
        }
        if let Some(x) = value.as_f64() {
            return Ok(Node::Number(x));
        }
        if value.is_string() {
            return self.string(value).map(Node::String);
        }
        if !value.is_object() {
            let kind = value.js_typeof().as_string().unwrap_or_default();
            return Err(self.unsupported(&kind));
        }
        if depth >= MAX_DEPTH {
            return Err(self
                .fault(
                    Code::BadInput,
                    format!("nested deeper than {MAX_DEPTH} levels"),
                )
                .with("reason", "too_deep")
                .with("depth", MAX_DEPTH));
        }
        if self.open.has(value) {
            return Err(self
                .fault(Code::BadInput, "contains itself (a cycle)")
                .with("reason", "cycle"));
        }
        self.open.add(value);
        let node = self.container(value, depth);
        self.open.delete(value);
        node
    }

    fn container(&mut self, value: &JsValue, depth: usize) -> Result<Node, Error> {
        if is_array(value).map_err(|e| self.thrown(e))? {
            let len = self.length(value, MAX_NODES)?;
            let mut items = Vec::new();
            for i in 0..len {
                self.path.push(Segment::Index(i));
                let item = Reflect::get(value, &(i as f64).into()).map_err(|e| self.thrown(e))?;
                items.push(self.value(&item, depth + 1)?);
                self.path.pop();
            }
            return Ok(Node::Array(items));
        }
        let brand = self.brand(value)?;
        if is_view(value) && brand != "DataView" {
            return Ok(Node::Typed(brand, self.typed(value)?));
        }
        if brand != "Object" {
            return Err(self.unsupported(&brand));
        }
        let keys = object_keys(value).map_err(|e| self.thrown(e))?;
        let mut entries = Vec::new();
        for key in keys.iter() {
            let name = self.string(&key)?;
            self.path.push(Segment::Key(name.clone()));
            let item = Reflect::get(value, &key).map_err(|e| self.thrown(e))?;
            if !item.is_undefined() {
                entries.push((name, self.value(&item, depth + 1)?));
            }
            self.path.pop();
        }
        Ok(Node::Object(entries))
    }

    /// A string, within the text budget.
    fn string(&mut self, value: &JsValue) -> Result<String, Error> {
        let len = value.unchecked_ref::<JsString>().length() as usize;
        self.text += len;
        if self.text > MAX_TEXT {
            return Err(self.too_large("text", MAX_TEXT));
        }
        Ok(value.as_string().unwrap_or_default())
    }

    /// The object's kind from `Object.prototype.toString` (`"Object"`, `"Map"`, …).
    fn brand(&mut self, value: &JsValue) -> Result<String, Error> {
        let tag = TO_STRING
            .with(|f| f.unchecked_ref::<Function>().call0(value))
            .map_err(|e| self.thrown(e))?
            .as_string()
            .unwrap_or_default();
        Ok(tag
            .strip_prefix("[object ")
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(&tag)
            .to_string())
    }

    /// `value.length`, a whole number up to `limit`.
    fn length(&mut self, value: &JsValue, limit: usize) -> Result<usize, Error> {
        let len = Reflect::get(value, &"length".into())
            .map_err(|e| self.thrown(e))?
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0)
            .ok_or_else(|| {
                self.fault(Code::BadInput, "has no valid length")
                    .with("reason", "bad_length")
            })?;
        if len > limit as f64 {
            return Err(self.too_large("elements", limit));
        }
        Ok(len as usize)
    }

    /// A vector for `len` numbers, or `too_large` if memory cannot hold it.
    fn buffer(&mut self, len: usize) -> Result<Vec<f64>, Error> {
        self.elements += len;
        if self.elements > MAX_ELEMENTS {
            return Err(self.too_large("elements", MAX_ELEMENTS));
        }
        let mut out = Vec::new();
        out.try_reserve_exact(len)
            .map_err(|_| self.too_large("memory", len))?;
        Ok(out)
    }

    /// A typed array's elements as `f64`, copied in one step by a catching
    /// `Float64Array.prototype.set` straight into the vector's own bytes in WebAssembly memory
    /// (a view of the reader's own over them, so a detached buffer, a lying `length` or a
    /// `BigInt64Array` becomes an error, not an exception; elements a lying `length` claims
    /// beyond the real ones stay 0).
    ///
    /// Why a view and not a scratch array: copying through a fresh JavaScript `Float64Array`
    /// (then `copy_to`) allocated 8 MB outside the heap per million elements and copied twice;
    /// V8 counts such buffers as external memory and collects garbage to pay for them, which
    /// made W1's two 1,000,000-element arrays take most of its time (README "Performance").
    fn typed(&mut self, value: &JsValue) -> Result<Vec<f64>, Error> {
        let len = self.length(value, MAX_ELEMENTS)?;
        let mut out = self.buffer(len)?;
        out.resize(len, 0.0);
        // Also for no elements: `set` from a detached array (length 0) throws, and that must
        // stay an error. An empty vector's pointer is its alignment, inside the memory.
        // After the allocation: a `memory.grow` replaces the buffer a view is made over.
        let buffer = wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer();
        let at = out.as_mut_ptr() as usize as u32;
        let view = Float64Array::new_with_byte_offset_and_length(&buffer, at, len as u32);
        view.unchecked_into::<Scratch>()
            .copy_from(value)
            .map_err(|e| self.thrown(e))?;
        Ok(out)
    }

    fn where_(&self) -> String {
        format!("{}{}", self.name, path_text(&self.path))
    }

    fn fault(&self, code: Code, what: impl std::fmt::Display) -> Error {
        let at = self.where_();
        Error::new(code, format!("{at}: {what}"))
            .with("argument", self.name)
            .with("path", at)
    }

    fn too_large(&self, what: &str, limit: usize) -> Error {
        self.fault(
            Code::TooLarge,
            format_args!("more {what} than the limit of {limit}"),
        )
        .with("reason", what)
        .with("limit", limit)
    }

    fn unsupported(&self, kind: &str) -> Error {
        self.fault(
            Code::BadInput,
            format_args!("a {kind} cannot be read here (expected plain data: objects, arrays, strings, numbers, booleans or null)"),
        )
        .with("reason", "unsupported_type")
        .with("type", kind)
    }

    /// An exception thrown by JavaScript while reading (by a getter or a Proxy trap, or a
    /// detached buffer), with its message when it has a plain string one.
    fn thrown(&self, exception: JsValue) -> Error {
        let message = exception
            .as_string()
            .or_else(|| {
                exception
                    .is_object()
                    .then(|| Reflect::get(&exception, &"message".into()).ok())
                    .flatten()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_default();
        let message: String = message.chars().take(200).collect();
        self.fault(
            Code::BadInput,
            format_args!("reading it threw an exception: {message}"),
        )
        .with("reason", "exception")
        .with("thrown", message)
    }
}
