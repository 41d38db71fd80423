//! Where an indicator's values come from, by id (#18): a survey item with the statistic to
//! read from the survey report, the indicator's own administrative series, or values typed by
//! hand. The free-text `dataSource` / `surveyItem` of older models stay as they were; this
//! typed link sits beside them and is what the evidence map reads.

use serde::{Deserialize, Serialize};

/// What feeds an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSourceKind"))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A survey item (or a before/after pair) analysed in the Survey area.
    SurveyItem,
    /// The indicator's own series (administrative data by period).
    Series,
    /// Values typed by hand into the indicator's series.
    ByHand,
}

/// Which number of a survey item's report feeds the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSurveyStatistic"))]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatistic {
    /// The top-box share of a Likert or yes/no item (agree + strongly agree, yes), in percent,
    /// with its Wilson interval.
    ShareAgreeing,
    /// The share improved: the top box of a change item, or the pairs that moved up in a
    /// before/after pair, in percent, with its Wilson interval.
    ShareImproved,
    /// The mean of the item's values (numeric items with their t interval).
    Mean,
    /// The change in a pair's top-box share, in percentage points, with Newcombe's paired
    /// interval.
    PairedShift,
}

impl SurveyStatistic {
    /// The snake_case spelling, e.g. `"share_agreeing"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatistic::ShareAgreeing => "share_agreeing",
            SurveyStatistic::ShareImproved => "share_improved",
            SurveyStatistic::Mean => "mean",
            SurveyStatistic::PairedShift => "paired_shift",
        }
    }
}

/// Which side of the target is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDirection"))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better: the target is a floor to reach.
    Increase,
    /// Lower is better: the target is a ceiling to get under.
    Decrease,
}

/// The typed link of an indicator to its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocIndicatorSource"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndicatorSource {
    /// Survey item, series or by hand.
    pub kind: SourceKind,
    /// Id of the survey in the project (`survey_item` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub survey: Option<String>,
    /// Item id, or pair id for a pair's `share_improved` / `paired_shift` (`survey_item` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub item: Option<String>,
    /// The statistic read (`survey_item` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub statistic: Option<SurveyStatistic>,
    /// Which side of the target is good; when absent, baseline → target decides (and without
    /// a baseline the grade is withheld rather than guessed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub direction: Option<Direction>,
}
