//! An indicator's progress as of a date: the share of the way from baseline to target, the
//! share expected by then, its track and the series' trend (see the rules of [`super`]).

use super::{elapsed, Track};
use crate::toc::date::Date;
use crate::toc::model::Indicator;
use serde::Serialize;

/// An indicator's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocIndicatorProgress"))]
#[serde(rename_all = "camelCase")]
pub struct IndicatorProgress {
    /// Indicator id.
    pub id: String,
    /// The output or outcome it measures.
    pub of: String,
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Target value.
    pub target: Option<f64>,
    /// Latest actual on or before `asOf`.
    pub latest: Option<f64>,
    /// Its date.
    pub latest_date: Option<Date>,
    /// Share of the way from baseline to target (unclamped).
    pub share: Option<f64>,
    /// Share expected by `asOf`, in [0, 1].
    pub expected_share: Option<f64>,
    /// The period of the latest value (its series period; a date for older actuals).
    pub latest_period: Option<crate::toc::series::Period>,
    /// Number of values in the series on or before `asOf`.
    pub n_points: usize,
    /// Least-squares slope of those values against the middle of their periods, in the
    /// indicator's unit per year (365.25 days); `None` with fewer than two values.
    pub trend_per_year: Option<f64>,
    /// Target − latest value, in the indicator's unit (what is left to go at the target date).
    pub distance_to_target: Option<f64>,
    /// The target's date.
    pub target_date: Option<Date>,
    /// True when the latest actual reaches the target.
    pub achieved: bool,
    /// On track, behind, not yet due or no data.
    pub track: Track,
}

pub(super) fn indicator(
    i: &Indicator,
    as_of: Date,
    program_start: Option<Date>,
) -> IndicatorProgress {
    // The whole series (older actuals included), values whose period has ended by `as_of`.
    let points: Vec<(crate::toc::series::Period, f64)> = crate::toc::series::series_of(i)
        .iter()
        .filter(|p| p.period.end() <= as_of)
        .filter_map(|p| p.resolved().map(|v| (p.period, v)))
        .collect();
    let last = points.last().copied();
    let trend = trend_per_year(&points);
    let (base, target) = (
        i.baseline.as_ref().map(|b| b.value),
        i.target.as_ref().map(|t| t.value),
    );
    let share = match (last, base, target) {
        (Some((_, l)), Some(b), Some(t)) if t != b => Some((l - b) / (t - b)),
        _ => None,
    };
    let from = i.baseline.as_ref().and_then(|b| b.date).or(program_start);
    let due = i.target.as_ref().and_then(|t| t.date);
    let expected = match (from, due) {
        (Some(f), Some(d)) => Some(elapsed(f.day_number(), d.day_number(), as_of.day_number())),
        _ => None,
    };
    let achieved = share.is_some_and(|s| s >= 1.0 - 1e-9);
    let track = if base.is_none() || target.is_none() || base == target {
        Track::NoData
    } else if from.is_some_and(|f| as_of < f) {
        Track::NotYetDue
    } else {
        match (share, expected) {
            (None, Some(e)) if e <= 0.0 => Track::NotYetDue,
            (None, _) => Track::NoData,
            (Some(_), _) if achieved => Track::OnTrack,
            (Some(_), None) => Track::NoData,
            (Some(s), Some(e)) if s >= e - 1e-9 => Track::OnTrack,
            (Some(_), Some(_)) => Track::Behind,
        }
    };
    IndicatorProgress {
        id: i.id.clone(),
        of: i.of.clone(),
        baseline: base,
        target,
        latest: last.map(|l| l.1),
        latest_date: last.map(|l| l.0.end()),
        latest_period: last.map(|l| l.0),
        n_points: points.len(),
        trend_per_year: trend,
        distance_to_target: last.zip(target).map(|(l, t)| t - l.1),
        target_date: due,
        share,
        expected_share: expected,
        achieved,
        track,
    }
}

/// Least-squares slope of values against the middle day of their periods, per year.
fn trend_per_year(points: &[(crate::toc::series::Period, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let x: Vec<f64> = points
        .iter()
        .map(|(p, _)| (p.start().day_number() + p.end().day_number()) as f64 / 2.0 / 365.25)
        .collect();
    let n = points.len() as f64;
    let (mx, my) = (
        x.iter().sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
    let sxy: f64 = x
        .iter()
        .zip(points)
        .map(|(v, p)| (v - mx) * (p.1 - my))
        .sum();
    (sxx > 0.0).then(|| sxy / sxx)
}
