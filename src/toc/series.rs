//! Indicator series (issue 17): values by period — school year, year, quarter or date — with
//! counts where known, derived series (ratio, difference in points) and the change between two
//! periods with an honest interval.
//!
//! # Units
//!
//! A point's `value` is in the indicator's unit (for rates: percent, e.g. `10.0` for 10%).
//! Where a point has counts, its proportion is `numerator / denominator` (0–1) and the value
//! shown is that proportion × 100; intervals are in the same unit as the value.

use super::date::Date;
use super::model::{Indicator, Provenance};
use crate::error::{Code, Error, Result};
use crate::stats::{two_proportions, wilson, TwoProportionsOptions};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A period of a series. Written as text: `"2013-14"` (school year, July 1 – June 30),
/// `"2014"` (calendar year), `"2014-Q2"` (quarter) or `"2014-05-31"` (a date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocPeriod", type = "string"))]
pub enum Period {
    /// School year starting in July of the year, e.g. 2013 for "2013-14".
    SchoolYear(i32),
    /// Calendar year.
    Year(i32),
    /// Quarter (year, 1–4).
    Quarter(i32, u8),
    /// One day.
    Day(Date),
}

impl Period {
    /// Reads `"2013-14"`, `"2014"`, `"2014-Q2"` or `"2014-05-31"`.
    ///
    /// # Errors
    /// `invalid_date` (details: `period`) for anything else, or a school year whose second
    /// part is not the next year ("2013-15").
    pub fn parse(text: &str) -> Result<Period> {
        let t = text.trim();
        let bad = || {
            Error::new(
                Code::InvalidDate,
                format!("\"{t}\" is not a period: write 2013-14 (school year), 2014, 2014-Q2 or 2014-05-31"),
            )
            .with("period", t)
        };
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .filter(|y| (1..=9998).contains(y))
        };
        if let Some(y) = year(t) {
            return Ok(Period::Year(y));
        }
        if let Some((a, b)) = t.split_once('-') {
            if let Some(y) = year(a) {
                if let Some(q) = b.strip_prefix('Q').or_else(|| b.strip_prefix('q')) {
                    return match q {
                        "1" | "2" | "3" | "4" => Ok(Period::Quarter(y, q.as_bytes()[0] - b'0')),
                        _ => Err(bad()),
                    };
                }
                if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
                    let next: i32 = b.parse().map_err(|_| bad())?;
                    return if (y + 1) % 100 == next {
                        Ok(Period::SchoolYear(y))
                    } else {
                        Err(bad())
                    };
                }
            }
        }
        Date::parse(t).map(Period::Day).map_err(|_| bad())
    }

    /// First day of the period.
    pub fn start(self) -> Date {
        let ymd = |y: i32, m: u32, d: u32| Date::civil(y, m, d);
        match self {
            Period::SchoolYear(y) => ymd(y, 7, 1),
            Period::Year(y) => ymd(y, 1, 1),
            Period::Quarter(y, q) => ymd(y, 3 * u32::from(q) - 2, 1),
            Period::Day(d) => d,
        }
    }

    /// Last day of the period (inclusive).
    pub fn end(self) -> Date {
        let ymd = |y: i32, m: u32, d: u32| Date::civil(y, m, d);
        match self {
            Period::SchoolYear(y) => ymd(y + 1, 6, 30),
            Period::Year(y) => ymd(y, 12, 31),
            Period::Quarter(y, q) => match q {
                1 => ymd(y, 3, 31),
                2 => ymd(y, 6, 30),
                3 => ymd(y, 9, 30),
                _ => ymd(y, 12, 31),
            },
            Period::Day(d) => d,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::SchoolYear(y) => write!(f, "{y:04}-{:02}", (y + 1) % 100),
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Day(d) => write!(f, "{d}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// One value of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSeriesPoint"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesPoint {
    /// The period it describes.
    pub period: Period,
    /// The value in the indicator's unit (`None` with counts only: then 100 × numerator /
    /// denominator).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub value: Option<f64>,
    /// Count of cases (e.g. students suspended), where published.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub numerator: Option<f64>,
    /// Count of the population (e.g. enrolled students), where published.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub denominator: Option<f64>,
    /// Where the value comes from, e.g. "CDE DataQuest".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub source: Option<String>,
    /// Read from a source (with its quote) or assumed (with a note).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

impl SeriesPoint {
    /// The value, from counts when the value is not stated (percent).
    pub fn resolved(&self) -> Option<f64> {
        self.value.or(match (self.numerator, self.denominator) {
            (Some(x), Some(n)) if n > 0.0 => Some(100.0 * x / n),
            _ => None,
        })
    }

    fn counts(&self) -> Option<(f64, f64)> {
        self.numerator.zip(self.denominator)
    }
}

/// An indicator's whole series in period order: its `series`, plus its older `actuals`
/// migrated as dated points (a model written before series existed keeps its values).
pub fn series_of(i: &Indicator) -> Vec<SeriesPoint> {
    let mut out = i.series.clone();
    for a in &i.actuals {
        if !out.iter().any(|p| p.period == Period::Day(a.date)) {
            out.push(SeriesPoint {
                period: Period::Day(a.date),
                value: Some(a.value),
                numerator: None,
                denominator: None,
                source: i.data_source.clone(),
                provenance: a.provenance.clone(),
            });
        }
    }
    crate::sort::sort_by_key(&mut out, |p| (p.period.end(), p.period.start()));
    out
}

/// How a derived series combines two series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDeriveOp"))]
#[serde(rename_all = "snake_case")]
pub enum DeriveOp {
    /// a / b (e.g. middle-school rate over high-school rate: 1.8×).
    Ratio,
    /// a − b, in points of the unit (e.g. 10% − 6% = 4 points).
    Difference,
}

/// How an indicator derives from two others: `a / b` or `a − b`, period by period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDerivation"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Derivation {
    /// Ratio or difference.
    pub op: DeriveOp,
    /// Id of the first indicator (the numerator of a ratio).
    pub a: String,
    /// Id of the second indicator.
    pub b: String,
}

/// The series of a derived indicator of model `m`: computed from its two indicators wherever
/// both have a value, else the value its own series states. `None` when `i` is not derived or
/// names an indicator that does not exist.
pub fn derived_series(m: &super::model::Model, i: &Indicator) -> Option<Vec<DerivedPoint>> {
    let d = i.derived.as_ref()?;
    let find = |id: &str| m.indicators.iter().find(|x| x.id == id);
    let (a, b) = (find(&d.a)?, find(&d.b)?);
    Some(derive(&series_of(a), &series_of(b), d.op, &series_of(i)))
}

/// Where a derived value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDerivedFrom"))]
#[serde(rename_all = "snake_case")]
pub enum DerivedFrom {
    /// Computed from the two series' values of the period.
    Computed,
    /// Stated in the source (only the ratio or difference was published).
    Stated,
}

/// One value of a derived series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDerivedPoint"))]
#[serde(rename_all = "camelCase")]
pub struct DerivedPoint {
    /// The period.
    pub period: Period,
    /// a / b or a − b.
    pub value: f64,
    /// Computed, or stated in the source.
    pub from: DerivedFrom,
    /// The stated value where the source also states one (for checking the computed one).
    pub stated: Option<f64>,
}

/// Combines series `a` and `b` period by period. A period where both have a value is
/// computed; where they do not, a value stated in `stated` (e.g. a ratio series read from the
/// source) is used and marked so. Periods with neither stay out — never invented. A ratio over
/// a zero value is left out.
pub fn derive(
    a: &[SeriesPoint],
    b: &[SeriesPoint],
    op: DeriveOp,
    stated: &[SeriesPoint],
) -> Vec<DerivedPoint> {
    let mut periods: Vec<Period> = a.iter().chain(b).chain(stated).map(|p| p.period).collect();
    crate::sort::sort_by_key(&mut periods, |p| (p.end(), p.start()));
    periods.dedup();
    let at = |s: &[SeriesPoint], p: Period| {
        s.iter()
            .find(|x| x.period == p)
            .and_then(SeriesPoint::resolved)
    };
    periods
        .into_iter()
        .filter_map(|p| {
            let said = at(stated, p);
            let computed = match (at(a, p), at(b, p), op) {
                (Some(x), Some(y), DeriveOp::Ratio) if y != 0.0 => Some(x / y),
                (Some(x), Some(y), DeriveOp::Difference) => Some(x - y),
                _ => None,
            };
            match (computed, said) {
                (Some(v), s) => Some(DerivedPoint {
                    period: p,
                    value: v,
                    from: DerivedFrom::Computed,
                    stated: s,
                }),
                (None, Some(s)) => Some(DerivedPoint {
                    period: p,
                    value: s,
                    from: DerivedFrom::Stated,
                    stated: Some(s),
                }),
                (None, None) => None,
            }
        })
        .collect()
}

/// Why a change has no interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocNoIntervalReason"))]
#[serde(rename_all = "snake_case")]
pub enum NoIntervalReason {
    /// Only rates are published for one or both periods: no counts, no honest interval.
    RatesOnly,
}

/// The change of a series between two periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChange"))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The earlier period and its value.
    pub from: Period,
    /// Value at `from`, in the indicator's unit.
    pub from_value: f64,
    /// The later period.
    pub to: Period,
    /// Value at `to`.
    pub to_value: f64,
    /// `to_value − from_value`, in points of the unit.
    pub difference: f64,
    /// Newcombe's hybrid score interval of the difference (points), when both have counts.
    pub interval: Option<(f64, f64)>,
    /// Wilson interval of each point (percent), when it has counts.
    pub from_interval: Option<(f64, f64)>,
    /// Wilson interval of the later point.
    pub to_interval: Option<(f64, f64)>,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Why there is no interval (`None` when there is one).
    pub no_interval: Option<NoIntervalReason>,
}

/// The change of `series` from period `from` to period `to`, with Newcombe's interval for the
/// difference of two proportions and Wilson's for each point when both points have counts
/// (values in percent). Where only rates are published the change has no interval and says so.
///
/// # Errors
/// `unknown_id` (details: `period`) when a period has no value in the series; the count
/// errors of [`wilson`] (`invalid_count`, `count_exceeds_total`, `empty_sample`) and
/// `level_out_of_range`.
///
/// # References
/// Newcombe (1998), method 10; Wilson (1927). Checked against statsmodels in
/// `tests/data/toc_series_change.py`.
pub fn change(series: &[SeriesPoint], from: Period, to: Period, level: f64) -> Result<Change> {
    let find = |p: Period| {
        series
            .iter()
            .find(|x| x.period == p && x.resolved().is_some())
            .ok_or_else(|| {
                Error::new(Code::UnknownId, format!("the series has no value for {p}"))
                    .with("period", p.to_string())
            })
    };
    let (a, b) = (find(from)?, find(to)?);
    let (va, vb) = (a.resolved().unwrap_or(0.0), b.resolved().unwrap_or(0.0));
    let pct = |(l, u): (f64, f64)| (100.0 * l, 100.0 * u);
    let wil = |p: &SeriesPoint| -> Result<Option<(f64, f64)>> {
        match p.counts() {
            Some((x, n)) => wilson(x, n, level).map(|w| Some(pct((w.lower, w.upper)))),
            None => Ok(None),
        }
    };
    let (wa, wb) = (wil(a)?, wil(b)?);
    let interval = match (a.counts(), b.counts()) {
        (Some((x1, n1)), Some((x2, n2))) => {
            let opts = TwoProportionsOptions {
                level,
                ..TwoProportionsOptions::default()
            };
            let r = two_proportions(x1, n1, x2, n2, &opts)?;
            Some(pct((r.lower, r.upper)))
        }
        _ => {
            crate::error::level(level)?;
            None
        }
    };
    let (from_value, to_value) = match (a.counts(), b.counts()) {
        (Some((x1, n1)), Some((x2, n2))) if a.value.is_none() && b.value.is_none() => {
            (100.0 * x1 / n1, 100.0 * x2 / n2)
        }
        _ => (va, vb),
    };
    Ok(Change {
        from,
        from_value,
        to,
        to_value,
        difference: to_value - from_value,
        no_interval: interval.is_none().then_some(NoIntervalReason::RatesOnly),
        interval,
        from_interval: wa,
        to_interval: wb,
        level,
    })
}
