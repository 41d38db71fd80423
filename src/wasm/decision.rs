//! Binding of the three decision rules side by side ([`crate::conditions::decision`]).

use super::conditions::decode_round;
use super::{core, decode, encode};
use crate::conditions::decision::{decide_funding as decide, DecisionOptions};
use crate::conditions::Rubric;
use wasm_bindgen::prelude::*;

/// The funding line, the maximum total score and expected rank with a lottery band, on one
/// round and budget, with the lottery's audit record (seed, band, draw order) and, per
/// proposal, which rules fund it.
#[wasm_bindgen(js_name = decideFunding, unchecked_return_type = "Decision")]
pub fn decide_funding(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecisionOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: DecisionOptions = decode("options", options)?;
    encode(&core(decide(&rubric, &round, &options))?)
}
