//! Helpers shared by the tests/wasm*.rs files (each compiles it as its own module, and not
//! every file uses every helper).
#![allow(dead_code)]

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// `value[key] = v`.
pub fn set(value: &JsValue, key: &str, v: JsValue) {
    Reflect::set(value, &key.into(), &v).unwrap();
}

/// The `code` of the thrown error, after checking that it is an `Error` with `details`.
#[track_caller]
pub fn code<T>(result: Result<T, JsValue>) -> String {
    let Err(err) = result else {
        panic!("expected an error")
    };
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    assert!(get(&err, "details").is_object(), "no details: {err:?}");
    get(&err, "code").as_string().unwrap()
}

/// A plain object with the given properties (an options argument, a small input).
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o: JsValue = Object::new().into();
    for (k, v) in pairs {
        set(&o, k, v.clone());
    }
    o
}

/// A `Float64Array` argument, as JavaScript passes bulk numbers.
pub fn fa(values: &[f64]) -> JsValue {
    js_sys::Float64Array::from(values).into()
}
