//! What a chart of indicator series and a timeline strip need (issue 17), so the page draws
//! and never decides: every point with its period's first and last day, its value, its Wilson
//! interval where counts are known, and whether a period with no data separates it from the
//! previous point (a line is never drawn through a missing year); every event with its days;
//! and one time axis shared by all of them.
//!
//! # Units
//!
//! Values and intervals are in the indicator's unit (percent for rates from counts, as
//! [`super::series`] reads them); days are calendar dates.

use super::date::Date;
use super::model::{Indicator, Model};
use super::series::{derived_series, series_of, DerivedFrom, Period};
use crate::error::Result;
use crate::stats::wilson;
use serde::Serialize;

/// One drawn point.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChartPoint"))]
#[serde(rename_all = "camelCase")]
pub struct ChartPoint {
    /// The period, as written ("2013-14").
    pub period: Period,
    /// Its first day.
    pub start: Date,
    /// Its last day (inclusive).
    pub end: Date,
    /// The value, in the indicator's unit.
    pub value: f64,
    /// Wilson interval (percent) when the point has counts.
    pub interval: Option<(f64, f64)>,
    /// For a derived series: computed from the two series, or stated in the source.
    pub from: Option<DerivedFrom>,
    /// For a derived series: the value the source states, where it states one.
    pub stated: Option<f64>,
    /// True when a period without data lies between the previous point and this one: the
    /// line breaks here. Dated points (days) are measurements, not a grid: never a gap.
    pub gap_before: bool,
}

/// The chart of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChartSeries"))]
#[serde(rename_all = "camelCase")]
pub struct ChartSeries {
    /// The indicator's id.
    pub id: String,
    /// True for a ratio or difference of two other indicators.
    pub derived: bool,
    /// Points in period order.
    pub points: Vec<ChartPoint>,
}

/// One event placed on the time axis (`start`/`end` null: the source gives no date).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChartEvent"))]
#[serde(rename_all = "camelCase")]
pub struct ChartEvent {
    /// The event's id.
    pub id: String,
    /// First day of its period.
    pub start: Option<Date>,
    /// Last day of its period.
    pub end: Option<Date>,
}

/// Everything the charts and the timeline draw, on one time axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChartData"))]
#[serde(rename_all = "camelCase")]
pub struct ChartData {
    /// Confidence level of the intervals.
    pub level: f64,
    /// First day of the shared axis (earliest point, event, baseline or target); `None` when
    /// nothing is dated.
    pub start: Option<Date>,
    /// Last day of the shared axis.
    pub end: Option<Date>,
    /// Indicators that have a series or are derived, in model order.
    pub series: Vec<ChartSeries>,
    /// Every event, in model order.
    pub events: Vec<ChartEvent>,
}

/// A period without data lies between `prev` and `next` (days are never a grid).
fn gap_between(prev: Period, next: Period) -> bool {
    if matches!((prev, next), (Period::Day(_), Period::Day(_))) {
        return false;
    }
    prev.end().days_until(next.start()) > 1
}

/// A point before its interval: period, value, counts, and for a derived series where its
/// value came from and the value the source states.
type RawPoint = (
    Period,
    f64,
    Option<(f64, f64)>,
    Option<DerivedFrom>,
    Option<f64>,
);

fn points_of(m: &Model, i: &Indicator, level: f64) -> Result<Vec<ChartPoint>> {
    let raw: Vec<RawPoint> = match derived_series(m, i) {
        Some(d) => d
            .into_iter()
            .map(|p| (p.period, p.value, None, Some(p.from), p.stated))
            .collect(),
        None => series_of(i)
            .into_iter()
            .filter_map(|p| {
                let v = p.resolved()?;
                Some((p.period, v, p.numerator.zip(p.denominator), None, None))
            })
            .collect(),
    };
    let mut out: Vec<ChartPoint> = Vec::with_capacity(raw.len());
    for (period, value, counts, from, stated) in raw {
        let interval = match counts {
            Some((x, n)) => {
                let w = wilson(x, n, level).map_err(|e| {
                    e.with("indicator", i.id.as_str())
                        .with("period", period.to_string())
                })?;
                Some((100.0 * w.lower, 100.0 * w.upper))
            }
            None => None,
        };
        let gap_before = out.last().is_some_and(|p| gap_between(p.period, period));
        out.push(ChartPoint {
            period,
            start: period.start(),
            end: period.end(),
            value,
            interval,
            from,
            stated,
            gap_before,
        });
    }
    Ok(out)
}

/// The chart data of model `m` at confidence `level` (0.95 for the usual 95% interval).
///
/// # Errors
/// `level_out_of_range`; the count errors of [`wilson`] (`invalid_count`,
/// `count_exceeds_total`, `empty_sample`) with the indicator and period in the details.
pub fn chart_data(m: &Model, level: f64) -> Result<ChartData> {
    crate::error::level(level)?;
    let mut series = Vec::new();
    for i in &m.indicators {
        if i.series.is_empty() && i.actuals.is_empty() && i.derived.is_none() {
            continue;
        }
        series.push(ChartSeries {
            id: i.id.clone(),
            derived: i.derived.is_some(),
            points: points_of(m, i, level)?,
        });
    }
    let events: Vec<ChartEvent> = m
        .events
        .iter()
        .map(|e| ChartEvent {
            id: e.id.clone(),
            start: e.period.map(Period::start),
            end: e.period.map(Period::end),
        })
        .collect();
    let charted = |id: &str| series.iter().any(|s| s.id == id);
    let measures = m
        .indicators
        .iter()
        .filter(|i| charted(&i.id))
        .flat_map(|i| [&i.baseline, &i.target])
        .filter_map(|x| x.as_ref()?.date);
    let days: Vec<Date> = series
        .iter()
        .flat_map(|s| s.points.iter().flat_map(|p| [p.start, p.end]))
        .chain(events.iter().flat_map(|e| e.start.into_iter().chain(e.end)))
        .chain(measures)
        .collect();
    Ok(ChartData {
        level,
        start: days.iter().min().copied(),
        end: days.iter().max().copied(),
        series,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toc::{change, example_alianza_model, example_pass_model};

    #[test]
    fn alianza_ratio_is_computed_and_gaps_break_the_line() {
        let m = example_alianza_model().unwrap();
        let d = chart_data(&m, 0.95).unwrap();
        let gap = d.series.iter().find(|s| s.id == "ind_susp_gap").unwrap();
        assert!(gap.derived);
        let first = &gap.points[0];
        assert_eq!(first.period.to_string(), "2013-14");
        assert_eq!(first.from, Some(DerivedFrom::Computed));
        assert!((first.value - 10.0 / 6.0).abs() < 1e-12);
        assert_eq!(first.stated, Some(1.8));
        // 2014-15 … 2017-18 have no data: the line breaks before 2018-19.
        assert!(gap.points[1].gap_before);
        assert!(!first.gap_before);
        assert_eq!(d.start.unwrap().to_string(), "2013-07-01");
        assert!(d
            .events
            .iter()
            .any(|e| e.id == "ev_rj_in_lcap" && e.start.is_none()));
    }

    #[test]
    fn counts_give_the_same_wilson_interval_as_change() {
        let m = example_pass_model().unwrap();
        let d = chart_data(&m, 0.95).unwrap();
        let i = m
            .indicators
            .iter()
            .find(|i| i.id == "ind_ctx_poverty")
            .unwrap();
        let p = &d.series.iter().find(|s| s.id == i.id).unwrap().points[0];
        let c = change(&series_of(i), p.period, p.period, 0.95).unwrap();
        assert_eq!(p.interval, c.from_interval);
        assert!(p.interval.is_some());
    }

    #[test]
    fn adjacent_periods_join_and_days_never_gap() {
        let p = |s: &str| Period::parse(s).unwrap();
        assert!(!gap_between(p("2013-14"), p("2014-15")));
        assert!(gap_between(p("2013-14"), p("2015-16")));
        assert!(!gap_between(p("2014"), p("2015")));
        assert!(gap_between(p("2014-Q1"), p("2014-Q3")));
        assert!(!gap_between(p("2014-01-05"), p("2016-03-01")));
        assert!(chart_data(&example_pass_model().unwrap(), 1.5).is_err());
    }
}
