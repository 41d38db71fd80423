//! An indicator's latest evidence and its grade against the target.
//!
//! Survey-fed indicators take the survey report's own numbers (shares and shifts in percent /
//! percentage points, so a target in `%` compares directly); series and hand-entered values
//! take the latest period of the indicator's series, treated as exact (administrative counts
//! are a census: the interval is the point).

use super::figures::{Estimate, ItemFigures, ShiftFigures};
use super::{Grade, Project};
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use crate::survey::ItemType;
use crate::text::Text;
use crate::toc::{
    derived_series, series_of, Direction, Indicator, Model, SourceKind, SurveyStatistic,
};
use serde::Serialize;

/// An indicator's latest evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectEvidence"))]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Model id.
    pub model: String,
    /// Indicator id.
    pub indicator: String,
    /// What is measured.
    pub measure: Text,
    /// Unit of the estimate, interval and target.
    pub unit: Option<Text>,
    /// What feeds it (`null`: no typed source; its series is read if it has one).
    pub source: Option<SourceKind>,
    /// The survey statistic read (survey-fed only).
    pub statistic: Option<SurveyStatistic>,
    /// Survey id (survey-fed only).
    pub survey: Option<String>,
    /// Item or pair id (survey-fed only).
    pub item: Option<String>,
    /// The latest value, in `unit`.
    pub estimate: Option<f64>,
    /// Lower bound of its interval (equal to the estimate for exact values).
    pub lower: Option<f64>,
    /// Upper bound of its interval.
    pub upper: Option<f64>,
    /// Confidence level of the interval (survey-fed only).
    pub level: Option<f64>,
    /// Respondents, pairs or population it rests on, where known.
    pub n: Option<u64>,
    /// The interval's method (`wilson`, `newcombe_paired`, `t`); `null` for exact values.
    pub method: Option<Method>,
    /// The period of the value (series) or the survey wave.
    pub period: Option<String>,
    /// The target value, in `unit`.
    pub target: Option<f64>,
    /// Which side of the target is good.
    pub direction: Option<Direction>,
    /// Clears, straddles, falls short, no data, or ungraded (data without a target or a
    /// direction: the grade is withheld, a note says why).
    pub grade: Grade,
    /// True when the data is synthetic.
    pub synthetic: bool,
    /// Why evidence is missing or ungraded, and link problems (with `path`).
    pub notes: Vec<Note>,
}

/// Grades an interval `[lower, upper]` against `target`: touching the target counts as
/// reaching it (a point equal to a floor target clears it).
pub fn grade(lower: f64, upper: f64, target: f64, direction: Direction) -> Grade {
    match direction {
        Direction::Increase if lower >= target => Grade::Clears,
        Direction::Increase if upper < target => Grade::FallsShort,
        Direction::Decrease if upper <= target => Grade::Clears,
        Direction::Decrease if lower > target => Grade::FallsShort,
        _ => Grade::Straddles,
    }
}

/// The value read: estimate, interval, n, method, period, level.
struct Reading {
    estimate: f64,
    lower: f64,
    upper: f64,
    n: Option<u64>,
    method: Option<Method>,
    period: Option<String>,
    level: Option<f64>,
    synthetic: bool,
}

/// The latest evidence of indicator `index` of model `m` (`path` is the indicator's JSON
/// path in the project, e.g. `models[0].indicators[3]`).
pub fn evidence(project: &Project, m: &Model, i: &Indicator, path: &str) -> Evidence {
    let mut notes = Vec::new();
    let src = i.source.as_ref();
    let reading = match src.map(|s| s.kind) {
        Some(SourceKind::SurveyItem) => survey_reading(project, i, path, &mut notes),
        _ => series_reading(m, i),
    };
    if src.is_none() {
        if let Some(text) = i.survey_item.as_deref().filter(|t| !t.trim().is_empty()) {
            notes.push(
                Note::info(NoteCode::LinkSourceUntyped)
                    .with("indicator", &i.id)
                    .with("surveyItem", text)
                    .with("path", format!("{path}.source").as_str()),
            );
        }
    }
    let direction = direction_of(i, m);
    let target = i.target.as_ref().map(|t| t.value);
    let grade = match (&reading, target, direction) {
        (None, _, _) => Grade::NoData,
        (Some(r), Some(t), Some(d)) => grade(r.lower, r.upper, t, d),
        (Some(_), None, _) => {
            notes.push(Note::withheld(NoteCode::EvidenceNoTarget).with("indicator", &i.id));
            Grade::Ungraded
        }
        (Some(_), Some(_), None) => {
            notes.push(Note::withheld(NoteCode::EvidenceDirectionUnknown).with("indicator", &i.id));
            Grade::Ungraded
        }
    };
    Evidence {
        model: m.id.clone(),
        indicator: i.id.clone(),
        measure: i.measure.clone(),
        unit: i.unit.clone(),
        source: src.map(|s| s.kind),
        statistic: src.and_then(|s| s.statistic),
        survey: src.and_then(|s| s.survey.clone()),
        item: src.and_then(|s| s.item.clone()),
        estimate: reading.as_ref().map(|r| r.estimate),
        lower: reading.as_ref().map(|r| r.lower),
        upper: reading.as_ref().map(|r| r.upper),
        level: reading.as_ref().and_then(|r| r.level),
        n: reading.as_ref().and_then(|r| r.n),
        method: reading.as_ref().and_then(|r| r.method),
        period: reading.as_ref().and_then(|r| r.period.clone()),
        target,
        direction,
        grade,
        synthetic: reading.as_ref().is_some_and(|r| r.synthetic),
        notes,
    }
}

/// The stated direction, else baseline → target (else the first series value → target).
fn direction_of(i: &Indicator, m: &Model) -> Option<Direction> {
    if let Some(d) = i.source.as_ref().and_then(|s| s.direction) {
        return Some(d);
    }
    let target = i.target.as_ref()?.value;
    let start = i.baseline.as_ref().map(|b| b.value).or_else(|| {
        let first = series_values(m, i).into_iter().next()?;
        Some(first.1)
    })?;
    match target.partial_cmp(&start)? {
        std::cmp::Ordering::Greater => Some(Direction::Increase),
        std::cmp::Ordering::Less => Some(Direction::Decrease),
        std::cmp::Ordering::Equal => None,
    }
}

/// The indicator's values by period, in period order (derived indicators computed).
fn series_values(m: &Model, i: &Indicator) -> Vec<(String, f64, Option<u64>)> {
    if let Some(points) = derived_series(m, i) {
        return points
            .iter()
            .map(|p| (p.period.to_string(), p.value, None))
            .collect();
    }
    series_of(i)
        .iter()
        .filter_map(|p| {
            let n = p.denominator.filter(|d| *d >= 0.0 && d.fract() == 0.0);
            Some((p.period.to_string(), p.resolved()?, n.map(|d| d as u64)))
        })
        .collect()
}

fn series_reading(m: &Model, i: &Indicator) -> Option<Reading> {
    let (period, value, n) = series_values(m, i).pop()?;
    Some(Reading {
        estimate: value,
        lower: value,
        upper: value,
        n,
        method: None,
        period: Some(period),
        level: None,
        synthetic: false,
    })
}

/// Reads a survey-fed indicator, pushing a positioned note when a link does not resolve.
fn survey_reading(
    project: &Project,
    i: &Indicator,
    path: &str,
    notes: &mut Vec<Note>,
) -> Option<Reading> {
    let s = i.source.as_ref()?;
    let at = |field: &str| format!("{path}.source.{field}");
    let incomplete = |field: &str| {
        Note::warning(NoteCode::LinkSourceIncomplete)
            .with("indicator", &i.id)
            .with("field", field)
            .with("path", at(field).as_str())
    };
    let Some(survey_id) = s.survey.as_deref() else {
        notes.push(incomplete("survey"));
        return None;
    };
    let Some(item_id) = s.item.as_deref() else {
        notes.push(incomplete("item"));
        return None;
    };
    let Some(statistic) = s.statistic else {
        notes.push(incomplete("statistic"));
        return None;
    };
    let Some(survey) = project.surveys.iter().find(|x| x.id == survey_id) else {
        notes.push(
            Note::warning(NoteCode::LinkSurveyUnknown)
                .with("indicator", &i.id)
                .with("survey", survey_id)
                .with("path", at("survey").as_str()),
        );
        return None;
    };
    let f = &survey.report;
    // The latest wave's result (results are in wave order).
    let item = f.items.iter().rev().find(|x| x.item == item_id);
    let shift = f.shifts.iter().find(|x| x.pair == item_id);
    if item.is_none() && shift.is_none() {
        notes.push(
            Note::warning(NoteCode::LinkItemUnknown)
                .with("indicator", &i.id)
                .with("survey", survey_id)
                .with("item", item_id)
                .with("path", at("item").as_str()),
        );
        return None;
    }
    let not_possible = |kind: ItemType| {
        Note::warning(NoteCode::LinkStatisticNotPossible)
            .with("indicator", &i.id)
            .with("item", item_id)
            .with("statistic", statistic.as_str())
            .with("kind", kind_str(kind))
            .with("path", at("statistic").as_str())
    };
    let withheld = |codes: &[Note]| {
        let list: Vec<crate::note::Param> = codes.iter().map(|n| n.code.as_str().into()).collect();
        Note::withheld(NoteCode::EvidenceItemWithheld)
            .with("indicator", &i.id)
            .with("item", item_id)
            .with("codes", crate::note::Param::List(list))
    };
    let picked = match (item, shift) {
        (Some(it), _) if !it.notices.is_empty() => Err(withheld(&it.notices)),
        (_, Some(sh)) if item.is_none() && !sh.notices.is_empty() => Err(withheld(&sh.notices)),
        (Some(it), _) => from_item(it, statistic).ok_or_else(|| not_possible(it.kind)),
        (None, Some(sh)) => from_shift(sh, statistic).ok_or_else(|| not_possible(sh.kind)),
        (None, None) => return None,
    };
    match picked {
        Ok((e, percent, period)) => {
            let k = if percent { 100.0 } else { 1.0 };
            Some(Reading {
                estimate: e.estimate * k,
                lower: e.lower * k,
                upper: e.upper * k,
                n: e.n,
                method: e.method,
                period,
                level: Some(f.level),
                synthetic: f.synthetic,
            })
        }
        Err(note) => {
            notes.push(note);
            None
        }
    }
}

/// An item's number for `statistic`: the estimate, whether it is a share (→ percent), and
/// the wave. `None` when the statistic is not possible for the item's type.
fn from_item(
    it: &ItemFigures,
    statistic: SurveyStatistic,
) -> Option<(Estimate, bool, Option<String>)> {
    let share = |kinds: &[ItemType]| {
        kinds
            .contains(&it.kind)
            .then(|| it.top_box.as_ref().map(|t| t.interval.clone()))
            .flatten()
    };
    let e = match statistic {
        SurveyStatistic::ShareAgreeing => (share(&[ItemType::Likert, ItemType::Binary])?, true),
        SurveyStatistic::ShareImproved => (share(&[ItemType::Change])?, true),
        SurveyStatistic::Mean => {
            if !matches!(it.kind, ItemType::Likert | ItemType::Numeric) {
                return None;
            }
            let mean = it.mean?;
            let (lower, upper, method) = match (it.mean_lower, it.mean_upper) {
                (Some(l), Some(u)) => (l, u, Some(Method::T)),
                _ => (mean, mean, None),
            };
            let e = Estimate {
                estimate: mean,
                lower,
                upper,
                n: Some(it.n_used),
                method,
            };
            (e, false)
        }
        SurveyStatistic::PairedShift => return None,
    };
    Some((e.0, e.1, it.wave.clone()))
}

fn from_shift(
    sh: &ShiftFigures,
    statistic: SurveyStatistic,
) -> Option<(Estimate, bool, Option<String>)> {
    let e = match statistic {
        SurveyStatistic::ShareImproved => sh.improved.clone()?,
        SurveyStatistic::PairedShift => Estimate {
            n: Some(sh.n_used),
            ..sh.top_change.clone()?
        },
        _ => return None,
    };
    Some((e, true, None))
}

/// An item type's snake_case spelling (as the survey area sends it).
fn kind_str(kind: ItemType) -> &'static str {
    match kind {
        ItemType::Likert => "likert",
        ItemType::Binary => "binary",
        ItemType::MultiSelect => "multi_select",
        ItemType::Change => "change",
        ItemType::Numeric => "numeric",
        ItemType::Category => "category",
        ItemType::Text => "text",
        ItemType::Codes => "codes",
    }
}
