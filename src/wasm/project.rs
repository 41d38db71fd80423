//! Bindings of the project ([`crate::project`], #18): the evidence map and a proposal beside
//! its linked model's evidence. Each decodes, calls one core function and encodes.

use super::{core, decode, encode, to_js_error};
use crate::conditions::Round;
use crate::error::{Code, Error};
use crate::project::{self as p, Project};
use wasm_bindgen::prelude::*;

/// The evidence map of a project `{models, surveys: [{id, report}], rubric?}`: every rubric
/// condition with the outcomes that target it, their indicators' latest evidence graded
/// against the targets, the gaps, and every link that does not resolve (notes with
/// `params.path`). `report` is the Survey area's `report()` result. Throws `bad_input`.
#[wasm_bindgen(js_name = evidenceMap, unchecked_return_type = "ProjectEvidenceMap")]
pub fn evidence_map(
    #[wasm_bindgen(unchecked_param_type = "Project")] project: JsValue,
) -> Result<JsValue, JsValue> {
    let project: Project = decode("project", project)?;
    encode(&p::evidence_map(&project))
}

/// Proposal `proposalId` of `round` beside its linked model's evidence, per rubric condition:
/// its reviewers' mean score and what the model's indicators say ("claims power dynamics; no
/// indicator measures it"). Throws `bad_input`, `unknown_id` (details: `proposal`) and the
/// round's validation errors.
#[wasm_bindgen(js_name = proposalEvidence, unchecked_return_type = "ProjectProposalEvidence")]
pub fn proposal_evidence(
    #[wasm_bindgen(unchecked_param_type = "Project")] project: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] proposal_id: JsValue,
) -> Result<JsValue, JsValue> {
    let project: Project = decode("project", project)?;
    let round: Round = decode("round", round)?;
    let Some(id) = proposal_id.as_string() else {
        return Err(to_js_error(
            Error::new(Code::BadInput, "proposalId must be a string")
                .with("argument", "proposalId"),
        ));
    };
    encode(&core(p::proposal_evidence(&project, &round, &id))?)
}
