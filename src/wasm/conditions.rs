//! Bindings of the funder's condition scoring ([`crate::conditions`]). Every export decodes its
//! arguments, calls one core function and encodes the result; the TypeScript interfaces are in
//! the `TS_CONDITIONS` custom section.

use super::tree::Node;
use super::{core, decode, decode_node, encode, known_fields, read, to_js_error};
use crate::conditions::{self as c, Round, Rubric, RubricEdit, ScoreColumns};
use crate::error::{Code, Error};
use wasm_bindgen::prelude::*;

/// Decodes a round. Its `scoreColumns`, when present, are read column by column: a typed array
/// is copied in one step (see [`read::read`]) instead of going through serde one element at a
/// time.
pub(crate) fn decode_round(value: JsValue) -> Result<Round, JsValue> {
    let node = read::read("round", &value).map_err(to_js_error)?;
    let (rest, columns) = match node {
        Node::Object(mut entries) => {
            let columns = entries
                .iter()
                .position(|(k, _)| k == "scoreColumns")
                .map(|i| entries.remove(i).1)
                .filter(|c| *c != Node::Null);
            (Node::Object(entries), columns)
        }
        other => (other, None),
    };
    let mut round: Round = decode_node("round", rest).map_err(to_js_error)?;
    if let Some(columns) = columns {
        round.score_columns = Some(decode_columns(columns).map_err(to_js_error)?);
    }
    Ok(round)
}

/// Reads an index column: a `Uint32Array` or a plain array of whole numbers from 0 to
/// 2³² − 1.
fn indexes(name: &str, value: Node) -> Result<Vec<u32>, Error> {
    column(
        name,
        value,
        "Uint32Array",
        |x| (x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x)).then_some(x as u32),
        "a whole number from 0 to 4294967295",
    )
}

/// A numeric column of `scoreColumns`: a typed array of kind `typed` or a plain array whose
/// elements pass `element`; errors name the column and the index.
fn column<T>(
    name: &str,
    value: Node,
    typed: &str,
    element: impl Fn(f64) -> Option<T>,
    element_kind: &str,
) -> Result<Vec<T>, Error> {
    let not_element = |i: usize| {
        Error::new(
            Code::BadInput,
            format!("{name}[{i}] must be {element_kind}"),
        )
        .with("argument", name)
        .with("index", i)
    };
    let numbers: Vec<Option<f64>> = match value {
        Node::Typed(kind, xs) if kind == typed => xs.into_iter().map(Some).collect(),
        Node::Array(items) => items
            .into_iter()
            .map(|n| match n {
                Node::Number(x) => Some(x),
                _ => None,
            })
            .collect(),
        other => {
            let got = match other {
                Node::Typed(..) | Node::Object(_) | Node::Null => "object".to_string(),
                other => other.kind().to_string(),
            };
            return Err(Error::new(
                Code::BadInput,
                format!("{name} must be a {typed} or an array of numbers, got {got}"),
            )
            .with("argument", name)
            .with("type", got));
        }
    };
    numbers
        .into_iter()
        .enumerate()
        .map(|(i, x)| x.and_then(&element).ok_or_else(|| not_element(i)))
        .collect()
}

fn decode_columns(value: Node) -> Result<ScoreColumns, Error> {
    const NAME: &str = "round.scoreColumns";
    // The keys are checked first, so that no typo goes unnoticed.
    known_fields::<ScoreColumns>(NAME, &value)?;
    let Node::Object(mut entries) = value else {
        return Err(
            Error::new(Code::BadInput, format!("{NAME} must be an object")).with("argument", NAME),
        );
    };
    let mut field = |key: &str| match entries.iter().position(|(k, _)| k == key) {
        Some(i) => Ok(entries.remove(i).1),
        None => Err(
            Error::new(Code::BadInput, format!("{NAME}: missing field `{key}`"))
                .with("argument", NAME)
                .with("field", key),
        ),
    };
    let ids = |key: &str, node: Node| decode_node::<Vec<String>>(&format!("{NAME}.{key}"), node);
    let index = |key: &str, node: Node| indexes(&format!("{NAME}.{key}"), node);
    Ok(ScoreColumns {
        reviewer_ids: ids("reviewerIds", field("reviewerIds")?)?,
        proposal_ids: ids("proposalIds", field("proposalIds")?)?,
        condition_ids: ids("conditionIds", field("conditionIds")?)?,
        reviewer: index("reviewer", field("reviewer")?)?,
        proposal: index("proposal", field("proposal")?)?,
        condition: index("condition", field("condition")?)?,
        value: column(
            &format!("{NAME}.value"),
            field("value")?,
            "Float64Array",
            Some,
            "a number",
        )?,
    })
}

/// The default rubric: FSG's six conditions plus Alianza's leadership development (read from
/// the source) and community building (inferred), scored 0–4 with bilingual anchors.
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "Rubric")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    encode(&c::default_rubric())
}

/// The built-in example round (synthetic): twelve proposals drawn from the seed documents, five
/// reviewers in an incomplete design, one conflict of interest, a harsh and a generous reviewer.
/// `lang` ("en", the default, or "es") is the language of its titles, names and comments.
/// Throws `bad_input` (argument `lang`) for another language.
#[wasm_bindgen(js_name = exampleRound, unchecked_return_type = "Round")]
pub fn example_round(
    #[wasm_bindgen(unchecked_optional_param_type = "\"en\" | \"es\" | null")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    let json = if lang.is_undefined() || lang.is_null() {
        c::EXAMPLE_ROUND_JSON
    } else {
        match lang.as_string().as_deref() {
            Some("en") => c::EXAMPLE_ROUND_JSON,
            Some("es") => c::EXAMPLE_ROUND_ES_JSON,
            _ => {
                return Err(to_js_error(
                    Error::new(Code::BadInput, "the example round is in \"en\" or \"es\"")
                        .with("argument", "lang"),
                ))
            }
        }
    };
    js_sys::JSON::parse(json).map_err(|_| {
        to_js_error(Error::new(
            Code::Internal,
            "the built-in example round is not valid JSON",
        ))
    })
}

/// Checks a rubric and returns it. Throws `duplicate_id`, `unknown_id`, `invalid_scale`,
/// `invalid_weight`, `unsupported_version` or `bad_input`.
#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "Rubric")]
pub fn validate_rubric(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    core(rubric.validate())?;
    encode(&rubric)
}

/// Applies one edit (add / rename / reweight / remove a condition) and returns the new rubric.
#[wasm_bindgen(js_name = editRubric, unchecked_return_type = "Rubric")]
pub fn edit_rubric(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RubricEdit")] edit: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let edit: RubricEdit = decode("edit", edit)?;
    encode(&core(rubric.apply(&edit))?)
}

/// Lists every problem of a round (ids in every message). Throws only for an invalid rubric.
#[wasm_bindgen(js_name = validateRound, unchecked_return_type = "RoundValidation")]
pub fn validate_round(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    encode(&core(c::validate_round(&rubric, &round))?)
}

/// Scores, calibration, agreement, depth flags and coverage of a round.
#[wasm_bindgen(js_name = analyzeRound, unchecked_return_type = "RoundAnalysis")]
pub fn analyze_round(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: Option<c::AnalysisOptions> = decode("options", options)?;
    encode(&core(c::analyze_round(
        &rubric,
        &round,
        &options.unwrap_or_default(),
    ))?)
}

/// Rank intervals and P(top k) by bootstrapping the reviewers (seeded, reproducible).
#[wasm_bindgen(js_name = bootstrapRanks, unchecked_return_type = "BootstrapRanks")]
pub fn bootstrap_ranks(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BootstrapOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: Option<c::BootstrapOptions> = decode("options", options)?;
    encode(&core(c::bootstrap_ranks(
        &rubric,
        &round,
        &options.unwrap_or_default(),
    ))?)
}

/// The funded set with the highest total score within the budget (exact), and the next in line.
#[wasm_bindgen(js_name = fundWithinBudget, unchecked_return_type = "FundingResult")]
pub fn fund_within_budget(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FundingOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: c::FundingOptions = decode("options", options)?;
    encode(&core(c::fund_within_budget(&rubric, &round, &options))?)
}
