//! Bindings of the round setup (#20): proposals and reviewers from CSV, the balanced assignment,
//! the review template and the reviews read back from CSV. Each export decodes, calls one core
//! function, encodes. The page calls them only on a user's action, so the Proposals area's own
//! build leaves them out (feature `deferred`, issue 21): the page and its worker take them from
//! the whole engine, waiting for it if need be (`www/engine.js` `provide`).

use super::conditions::decode_round;
use super::{core, decode, encode};
use crate::conditions::{self as c, AssignedReview, Rubric};
use crate::text::Lang;
use wasm_bindgen::prelude::*;

/// Reads proposals from CSV text (id, title, organisation, community, requested and minimum
/// amounts, any further column as an attribute; English or Spanish headers). Bad cells are
/// listed in `errors` with `row` and `column`; throws `csv_malformed`, `csv_empty`,
/// `unknown_column` (`details.missing`) or `duplicate_id` (two headers for one field).
#[wasm_bindgen(js_name = parseProposalsCsv, unchecked_return_type = "ProposalsCsv")]
pub fn parse_proposals_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("csvText", csv_text)?;
    encode(&core(c::parse_proposals_csv(&text))?)
}

/// Reads reviewers from CSV text (id, name, conflicts: proposal ids separated by `;` or `|`).
/// With `proposalIds`, a conflict naming another proposal is an `unknown_id` error at its row
/// and column. Throws as `parseProposalsCsv`.
#[wasm_bindgen(js_name = parseReviewersCsv, unchecked_return_type = "ReviewersCsv")]
pub fn parse_reviewers_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] proposal_ids: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("csvText", csv_text)?;
    let ids: Option<Vec<String>> = decode("proposalIds", proposal_ids)?;
    encode(&core(c::parse_reviewers_csv(&text, ids.as_deref()))?)
}

/// Assigns k reviewers to every proposal of the round: balanced within the load cap, conflicts
/// of interest respected, connected for calibration, seeded. Throws `infeasible_constraints`
/// (`details.reason`: `capacity`, `too_few_reviewers`, `no_assignment`), `parameter_out_of_range`,
/// `duplicate_id`, `unknown_id`, `too_large` or `bad_input`.
#[wasm_bindgen(js_name = assignReviewers, unchecked_return_type = "Assignment")]
pub fn assign_reviewers(
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AssignmentOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let round = decode_round(round)?;
    let options: Option<c::AssignmentOptions> = decode("options", options)?;
    encode(&core(c::assign_reviewers(
        &round,
        &options.unwrap_or_default(),
    ))?)
}

/// The CSV to send to reviewers: one row per reviewer × proposal × condition of `reviews`
/// (an assignment's), empty score and comment, headers and condition names in `lang`
/// ("en", the default, or "es"). `parseReviewsCsv` reads it back once filled in.
#[wasm_bindgen(js_name = reviewTemplateCsv, unchecked_return_type = "string")]
pub fn review_template_csv(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AssignedReview[]")] reviews: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"en\" | \"es\" | null")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    core(rubric.validate())?;
    let round = decode_round(round)?;
    let reviews: Vec<AssignedReview> = decode("reviews", reviews)?;
    let lang: Option<Lang> = decode("lang", lang)?;
    let text = core(c::review_template_csv(
        &rubric,
        &round,
        &reviews,
        lang.unwrap_or_default(),
    ))?;
    Ok(JsValue::from_str(&text))
}

/// Reads reviews from CSV text (one row per reviewer × proposal, one column per condition).
#[wasm_bindgen(js_name = parseReviewsCsv, unchecked_return_type = "ReviewsCsv")]
pub fn parse_reviews_csv(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let text: String = decode("csvText", csv_text)?;
    encode(&core(c::parse_reviews_csv(&rubric, &text))?)
}
