//! A guard on the methods of the exported classes (`Survey`, `LogicModel`) against freed
//! objects.
//!
//! Why: wasm-bindgen's glue passes `this.__wbg_ptr` to the method, which is 0 once `free()` has
//! run; its generated shim then throws "null pointer passed to rust" from inside WebAssembly.
//! That exception unwinds through the shim's frame, so the shadow-stack pointer is never
//! restored: each call leaks part of the stack, and after some thousands every export traps.
//! At start-up each method of the class prototype is wrapped in a `Proxy` whose `apply` trap
//! (Rust, below) checks `this.__wbg_ptr` first and throws a coded `bad_input`
//! (`details.reason = "freed"`) from JavaScript instead (`free` twice does nothing); a live
//! object goes on to the original method unchanged.

use super::to_js_error;
use crate::error::{Code, Error};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Wraps every method of `instance`'s prototype (a freshly made object of class `class`), then
/// frees `instance`.
pub(crate) fn install(class: &'static str, instance: JsValue) {
    let Ok(proto) = Reflect::get_prototype_of(&instance) else {
        return;
    };
    let free = Reflect::get(&proto, &"free".into()).unwrap_or(JsValue::UNDEFINED);
    let methods = handler(class, false);
    let frees = handler(class, true);
    let Ok(keys) = Reflect::own_keys(&proto) else {
        return;
    };
    for key in keys.iter() {
        let skip = key
            .as_string()
            .is_some_and(|n| n == "constructor" || n.starts_with("__"));
        // Only plain methods (a data property holding a function); never run a getter here.
        let descriptor = Object::get_own_property_descriptor(proto.unchecked_ref::<Object>(), &key);
        let method = if descriptor.is_object() {
            Reflect::get(&descriptor, &"value".into()).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        if skip || !method.is_function() {
            continue;
        }
        // `free` (and `Symbol.dispose`, the same function) on a freed object does nothing.
        let handler = if Object::is(&method, &free) {
            &frees
        } else {
            &methods
        };
        let proxy = js_sys::Proxy::new(&method, handler);
        let _ = Reflect::set(&proto, &key, &proxy);
    }
    if let Some(free) = free.dyn_ref::<Function>() {
        let _ = free.call0(&instance);
    }
}

/// A Proxy handler whose `apply` trap checks `this.__wbg_ptr` before calling the method: on a
/// freed object it throws a coded `bad_input` (or, for `free`, does nothing).
fn handler(class: &'static str, is_free: bool) -> Object {
    let apply = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |target: JsValue, this: JsValue, args: JsValue| {
            let ptr = if this.is_object() {
                Reflect::get(&this, &"__wbg_ptr".into()).unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            };
            if !ptr.as_f64().is_some_and(|p| p != 0.0) {
                if is_free {
                    return Ok(JsValue::UNDEFINED);
                }
                return Err(to_js_error(
                    Error::new(
                        Code::BadInput,
                        format!("this {class} was freed (or is not a {class})"),
                    )
                    .with("argument", "this")
                    .with("reason", "freed")
                    .with("class", class),
                ));
            }
            Reflect::apply::<fn() -> JsValue>(
                target.unchecked_ref(),
                &this,
                args.unchecked_ref::<Array>(),
            )
        },
    );
    let handler = Object::new();
    let _ = Reflect::set(&handler, &"apply".into(), apply.as_ref());
    apply.forget();
    handler
}
