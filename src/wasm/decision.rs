//! Binding of the three decision rules side by side ([`crate::conditions::decision`]). The page
//! runs them only when a user asks (in its worker), so the Proposals area's own build leaves
//! them out (feature `deferred`, issue 21): the worker waits for the whole engine if need be.

use super::conditions::decode_round;
use super::{core, decode, encode};
use crate::conditions::decision::{decide_funding_with_progress as decide, DecisionOptions};
use crate::conditions::Rubric;
use wasm_bindgen::prelude::*;

/// The funding line, the maximum total score and expected rank with a lottery band, on one
/// round and budget, with the lottery's audit record (seed, band, draw order) and, per
/// proposal, which rules fund it. `onProgress(done, total)`, when given, is called with the
/// bootstrap's resamples done about fifty times in all (the worker turns it into a progress
/// bar); what it throws or returns is ignored.
#[wasm_bindgen(js_name = decideFunding, unchecked_return_type = "Decision")]
pub fn decide_funding(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecisionOptions")] options: JsValue,
    #[wasm_bindgen(js_name = onProgress)] on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: DecisionOptions = decode("options", options)?;
    let mut report = |done: usize, total: usize| {
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from(done as f64),
                &JsValue::from(total as f64),
            );
        }
    };
    encode(&core(decide(&rubric, &round, &options, &mut report))?)
}
