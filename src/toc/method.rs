//! Method tags of logic-model results (schedule, progress, layout, validation).
//! Serialized in snake_case like every enum value at the boundary; the page compares these
//! values (never English text) and names them from its `term`/method strings.

use serde::{Deserialize, Serialize};

/// A method of a logic-model result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocMethod"))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// `linear_expected_progress`.
    LinearExpectedProgress,
    /// `cpm_delay`.
    CpmDelay,
    /// `toc_rules_v1`.
    TocRulesV1,
    /// `layered_barycenter`.
    LayeredBarycenter,
    /// `cpm`.
    Cpm,
}

impl Method {
    /// The serialized name, e.g. for a note parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::LinearExpectedProgress => "linear_expected_progress",
            Method::CpmDelay => "cpm_delay",
            Method::TocRulesV1 => "toc_rules_v1",
            Method::LayeredBarycenter => "layered_barycenter",
            Method::Cpm => "cpm",
        }
    }
}

crate::tag_impls!(Method);
