//! The survey numbers the evidence map reads: a view of a survey [`Report`] already computed
//! by the Survey area (per-item top-box shares with their Wilson intervals, means, paired
//! shifts with Newcombe's interval). Nothing here computes a statistic.
//!
//! The page's survey lives in a worker, so the project function cannot hold a survey session;
//! it receives the report result the page already has. These structs read that result back
//! (engine output, so fields they do not use are ignored rather than refused); in Rust,
//! [`SurveyFigures::from`] takes a [`Report`] directly.

use crate::note::Note;
use crate::stats::method::Method;
use crate::survey::report::Report;
use crate::survey::ItemType;
use serde::{Deserialize, Serialize};

/// An estimate with its interval, as a proportion (0–1) or a difference of proportions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectEstimate"))]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// The estimate (`share` in a report's share rows).
    #[serde(alias = "share")]
    pub estimate: f64,
    /// Lower bound of the interval.
    pub lower: f64,
    /// Upper bound of the interval.
    pub upper: f64,
    /// Respondents or pairs it rests on, when the result states them.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub n: Option<u64>,
    /// The interval's method, when the result states it.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub method: Option<Method>,
}

/// The top box of an item result: its Wilson interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectTopBox"))]
#[serde(rename_all = "camelCase")]
pub struct TopBoxFigures {
    /// The share with its interval.
    pub interval: Estimate,
}

/// One item's numbers (per wave when the survey has waves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectItemFigures"))]
#[serde(rename_all = "camelCase")]
pub struct ItemFigures {
    /// Item id.
    pub item: String,
    /// Item type.
    pub kind: ItemType,
    /// The wave, when the survey has waves.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub wave: Option<String>,
    /// Respondents with an answer.
    pub n_used: u64,
    /// The top-box share (Likert, yes/no, change items).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub top_box: Option<TopBoxFigures>,
    /// Mean of the values.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub mean: Option<f64>,
    /// Numeric items: t interval of the mean, lower bound.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub mean_lower: Option<f64>,
    /// Numeric items: t interval of the mean, upper bound.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub mean_upper: Option<f64>,
    /// Why the item's headline is withheld (e.g. a scale not declared); empty when shown.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Note>>", optional))]
    pub notices: Vec<Note>,
}

/// One before/after pair's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectShiftFigures"))]
#[serde(rename_all = "camelCase")]
pub struct ShiftFigures {
    /// Pair id.
    pub pair: String,
    /// Item type of both measurements.
    pub kind: ItemType,
    /// Complete pairs.
    pub n_used: u64,
    /// Pairs that moved up, with the Wilson interval.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub improved: Option<Estimate>,
    /// Change in the top-box share, with Newcombe's paired interval.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub top_change: Option<Estimate>,
    /// Why the shift is withheld; empty when shown.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Note>>", optional))]
    pub notices: Vec<Note>,
}

/// The numbers of one survey report the evidence map may read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectSurveyFigures"))]
#[serde(rename_all = "camelCase")]
pub struct SurveyFigures {
    /// True when the data is synthetic.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub synthetic: bool,
    /// Confidence level of every interval.
    pub level: f64,
    /// Per item (per wave).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<ItemFigures>>", optional))]
    pub items: Vec<ItemFigures>,
    /// Paired shifts.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<ShiftFigures>>", optional))]
    pub shifts: Vec<ShiftFigures>,
}

impl From<&Report> for SurveyFigures {
    fn from(r: &Report) -> Self {
        let items = r.items.iter().map(|i| ItemFigures {
            item: i.item.clone(),
            kind: i.kind,
            wave: i.wave.clone(),
            n_used: i.n_used,
            top_box: i.top_box.as_ref().map(|t| TopBoxFigures {
                interval: Estimate {
                    estimate: t.interval.estimate,
                    lower: t.interval.lower,
                    upper: t.interval.upper,
                    n: Some(t.interval.n),
                    method: Some(t.interval.method),
                },
            }),
            mean: i.mean,
            mean_lower: i.mean_lower,
            mean_upper: i.mean_upper,
            notices: i.notices.clone(),
        });
        let shifts = r.shifts.iter().map(|s| ShiftFigures {
            pair: s.pair.clone(),
            kind: s.kind,
            n_used: s.n_used,
            improved: s.improved.as_ref().map(|x| Estimate {
                estimate: x.share,
                lower: x.lower,
                upper: x.upper,
                n: Some(x.n),
                method: Some(Method::Wilson),
            }),
            top_change: s.top_change.as_ref().map(|d| Estimate {
                estimate: d.estimate,
                lower: d.lower,
                upper: d.upper,
                n: None,
                method: Some(d.method),
            }),
            notices: s.notices.clone(),
        });
        SurveyFigures {
            synthetic: r.synthetic,
            level: r.level,
            items: items.collect(),
            shifts: shifts.collect(),
        }
    }
}
