//! Per-item descriptives: the distribution over points (each share with its Wilson interval),
//! mean and median, the top-box share ("agree or strongly agree"), ranked choices of
//! multi-select items, and numeric summaries.

use super::notice;
use super::sentence::{lead_with, num, or_list, quote, share_ci, Sentence};
use super::{Exclusion, ReportOptions};
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use crate::stats::summary::{Moments, PointCounts};
use crate::stats::{wilson, ProportionInterval};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, Item, ItemType, Lang, Text};
use crate::survey::labels::fold;
use serde::Serialize;

mod item_sentence;
pub use item_sentence::sentence;

/// A share of respondents with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyShare"))]
#[serde(rename_all = "camelCase")]
pub struct Share {
    /// The point's value as text (`"4"`) or the choice id.
    pub key: String,
    /// The label.
    pub label: Text,
    /// Respondents with this answer.
    pub count: u64,
    /// Respondents who answered.
    pub n: u64,
    /// count / n, in [0, 1].
    pub share: f64,
    /// Lower bound of the Wilson interval.
    pub lower: f64,
    /// Upper bound of the Wilson interval.
    pub upper: f64,
}

impl Share {
    /// A share with its Wilson interval; `None` when `n` is 0.
    pub fn new(key: String, label: Text, count: u64, n: u64, level: f64) -> Option<Share> {
        let ci = wilson(count as f64, n as f64, level).ok()?;
        Some(Share {
            key,
            label,
            count,
            n,
            share: ci.estimate,
            lower: ci.lower,
            upper: ci.upper,
        })
    }
}

/// The top-box share: the top points of a Likert item (default the top two), yes for binary,
/// improved for change items.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyTopBox"))]
#[serde(rename_all = "camelCase")]
pub struct TopBox {
    /// Point values counted.
    pub values: Vec<f64>,
    /// What the box means, e.g. "Agree or strongly agree".
    pub label: Text,
    /// The share with its Wilson interval.
    pub interval: ProportionInterval,
}

/// Descriptives of one item (in one wave, when there are waves).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyItemResult"))]
#[serde(rename_all = "camelCase")]
pub struct ItemResult {
    /// Item id.
    pub item: String,
    /// Question text.
    pub text: Text,
    /// Item type.
    pub kind: ItemType,
    /// The wave, when the survey has waves.
    pub wave: Option<String>,
    /// Respondents with an answer.
    pub n_used: u64,
    /// Respondents without one.
    pub n_excluded: u64,
    /// Why, with counts.
    pub excluded: Vec<Exclusion>,
    /// Share per point (point order), per category, or per choice (most chosen first; shares
    /// of respondents who answered the question, so they may add up to more than 100%).
    pub distribution: Vec<Share>,
    /// The top-box share (Likert, binary, change).
    pub top_box: Option<TopBox>,
    /// Mean of the point values or numbers.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// Median (R's `median`).
    pub median: Option<f64>,
    /// Numeric items: first quartile (R `quantile(type = 7)`).
    pub q1: Option<f64>,
    /// Numeric items: third quartile.
    pub q3: Option<f64>,
    /// Numeric items: smallest value.
    pub min: Option<f64>,
    /// Numeric items: largest value.
    pub max: Option<f64>,
    /// Numeric items: t interval for the mean, lower bound.
    pub mean_lower: Option<f64>,
    /// Numeric items: t interval for the mean, upper bound.
    pub mean_upper: Option<f64>,
    /// `"wilson"` for shares (and `"t"` for the numeric mean's interval).
    pub method: Method,
    /// Reference for the method.
    pub reference: &'static str,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
    /// Why a headline is withheld (e.g. `codes_without_labels`), as codes with parameters.
    pub notices: Vec<Note>,
    /// One sentence in English and Spanish.
    pub sentence: Sentence,
    /// True when the survey declares weights (#19): shares, top box and mean are weighted
    /// (see [`super::weighted`]); counts stay unweighted.
    pub weighted: bool,
    /// Weighted: Kish effective sample size of the item's respondents, (Σw)²/Σw².
    pub n_eff: Option<f64>,
    /// Weighted: Kish design effect of the item's respondents' weights, n⁺/n_eff.
    pub deff_kish: Option<f64>,
    /// Weighted: the headline (top-box share, or a numeric item's mean) with its linearised
    /// SE, interval, n_eff and design effects (`deff` as svymean's `deff = "replace"`).
    pub weighted_estimate: Option<crate::stats::weighted::WeightedMean>,
}

const WILSON_REF: &str = "Wilson (1927), JASA 22, 209–212; R prop.test(x, n, correct = FALSE)";

/// Describes every item, per wave when the instrument has waves.
pub fn describe_all(ins: &Instrument, data: &Dataset, options: &ReportOptions) -> Vec<ItemResult> {
    let waves: Vec<Option<(u16, String)>> = match &ins.waves {
        Some(w) if !data.wave.is_empty() => w
            .order
            .iter()
            .enumerate()
            .map(|(i, v)| Some((i as u16, v.clone())))
            .collect(),
        _ => vec![None],
    };
    // Each wave's rows, found once for all items.
    let wave_rows: Vec<Option<Vec<u32>>> = waves
        .iter()
        .map(|w| {
            w.as_ref().map(|(i, _)| {
                (0..data.rows as u32)
                    .filter(|&row| data.wave.get(row as usize) == Some(i))
                    .collect()
            })
        })
        .collect();
    let mut out = Vec::new();
    for (k, item) in ins.items.iter().enumerate() {
        if item.kind == ItemType::Text {
            continue;
        }
        for (w, rows) in waves.iter().zip(&wave_rows) {
            let mut r = describe(
                item,
                k,
                data,
                rows.as_deref(),
                options.level,
                w.as_ref().map(|(_, v)| v.clone()),
            );
            if !data.weights.is_empty() {
                let rows = rows.as_deref();
                super::weighted::item(item, k, data, rows, options.level, &mut r);
                r.sentence = sentence(item, &r, options.level);
                let deff = r.weighted_estimate.as_ref().and_then(|m| m.deff);
                super::weighted::suffix(&mut r.sentence, r.n_eff, r.deff_kish.or(deff));
            }
            if w.is_none() {
                if let Some(m) = data.missing.iter().find(|m| m.item == item.id) {
                    r.excluded = missing_reasons(m);
                }
            }
            out.push(r);
        }
    }
    out
}

/// An item's result before its figures: no answers, no sentence (public for engines that
/// finish an item from a merged summary: [`point_item`], then [`finish`]).
pub fn empty(item: &Item) -> ItemResult {
    ItemResult {
        item: item.id.clone(),
        text: item.text.clone(),
        kind: item.kind,
        wave: None,
        n_used: 0,
        n_excluded: 0,
        excluded: Vec::new(),
        distribution: Vec::new(),
        top_box: None,
        mean: None,
        sd: None,
        median: None,
        q1: None,
        q3: None,
        min: None,
        max: None,
        mean_lower: None,
        mean_upper: None,
        method: Method::Wilson,
        reference: WILSON_REF,
        warnings: Vec::new(),
        notices: Vec::new(),
        sentence: Sentence::default(),
        weighted: false,
        n_eff: None,
        deff_kish: None,
        weighted_estimate: None,
    }
}

/// The label of a point for the distribution: the wave's own wording when the wave used
/// other labels, the code when the point has no label.
fn point_label(item: &Item, p: &crate::survey::instrument::Point, wave: Option<&str>) -> Text {
    let own = wave
        .and_then(|w| item.wave_scales.iter().find(|s| s.wave == w))
        .and_then(|s| s.points.iter().find(|q| q.value == p.value));
    let label = own.map_or(&p.label, |q| &q.label);
    if label.en.trim().is_empty() && label.es.trim().is_empty() {
        let code = p.code.unwrap_or(p.value).to_string();
        Text::new(&code, &code)
    } else {
        label.clone()
    }
}

/// Finds the point of a value in one step for whole values in −1..=30 (every built-in scale),
/// by a scan otherwise.
pub(crate) struct PointIndex {
    table: [u8; 32],
    values: Vec<f64>,
}

impl PointIndex {
    /// The index of `item`'s points.
    pub(crate) fn new(item: &Item) -> Self {
        let values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
        let mut table = [u8::MAX; 32];
        for (k, v) in values.iter().enumerate().take(255) {
            if v.fract() == 0.0 && (-1.0..=30.0).contains(v) {
                if let Some(slot) = table.get_mut((*v + 1.0) as usize) {
                    if *slot == u8::MAX {
                        *slot = k as u8;
                    }
                }
            }
        }
        PointIndex { table, values }
    }

    /// The position of `v` among the points, `None` for a missing or unknown value.
    ///
    /// Called once per cell by the report (items and subgroup tables), so it is written to
    /// be inlined under the size-optimised build: the comparisons spelt out (the range's
    /// `contains` and `fract`, which calls libm's `trunc`, were separate calls there) and
    /// wholeness tested by a round trip through an integer, exact on [−1, 30].
    #[inline(always)]
    #[allow(clippy::manual_range_contains)]
    pub(crate) fn get(&self, v: f64) -> Option<usize> {
        if v >= -1.0 && v <= 30.0 && f64::from(v as i32) == v {
            let k = *self.table.get((v as i32 + 1) as usize)?;
            (k != u8::MAX).then_some(k as usize)
        } else if v.is_nan() {
            None
        } else {
            self.values.iter().position(|x| *x == v)
        }
    }
}

/// The values an item's top box counts.
pub fn top_values(item: &Item) -> Vec<f64> {
    let mut values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
    crate::sort::sort_by(&mut values, |a, b| b.total_cmp(a));
    match item.kind {
        ItemType::Likert => values.into_iter().take(item.top_count()).collect(),
        ItemType::Binary | ItemType::Change => vec![1.0],
        _ => Vec::new(),
    }
}

/// "agree" when the top box is agree + strongly agree; else the labels.
pub fn top_phrase(item: &Item, lang: Lang) -> String {
    let top = top_values(item);
    match item.kind {
        ItemType::Binary => {
            return if lang == Lang::En {
                "said yes".into()
            } else {
                "respondió que sí".into()
            }
        }
        ItemType::Change => {
            return if lang == Lang::En {
                "say it improved".into()
            } else {
                "dice que mejoró".into()
            }
        }
        _ => {}
    }
    let labels: Vec<&Text> = item
        .points
        .iter()
        .filter(|p| top.contains(&p.value))
        .map(|p| &p.label)
        .collect();
    let agree = !labels.is_empty()
        && labels.iter().all(|l| {
            matches!(
                fold(&l.en).as_str(),
                "agree" | "strongly agree" | "somewhat agree"
            )
        });
    if agree {
        return if lang == Lang::En {
            "agree".into()
        } else {
            "está de acuerdo".into()
        };
    }
    let quoted: Vec<String> = labels
        .iter()
        .rev()
        .map(|l| quote(l.get(lang), lang))
        .collect();
    let verb = if lang == Lang::En { "chose" } else { "eligió" };
    format!("{verb} {}", or_list(&quoted, lang))
}

fn top_label(item: &Item) -> Text {
    let top = top_values(item);
    let labels: Vec<&Text> = item
        .points
        .iter()
        .filter(|p| top.contains(&p.value))
        .rev()
        .collect::<Vec<_>>()
        .into_iter()
        .map(|p| &p.label)
        .collect();
    let join = |lang: Lang| {
        let parts: Vec<String> = labels.iter().map(|l| l.get(lang).to_string()).collect();
        or_list(&parts, lang)
    };
    Text {
        en: join(Lang::En),
        es: join(Lang::Es),
    }
}

/// R's `quantile(x, p, type = 7)` of sorted values.
fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let a = *sorted.get(lo)?;
    let b = sorted.get(lo + 1).copied().unwrap_or(a);
    let f = h - lo as f64;
    // R's a + f (b − a), unless b − a overflows (values of opposite sign near ±f64::MAX): then
    // the weighted form, whose terms cannot overflow (|a|, |b| ≤ MAX and 0 ≤ f ≤ 1).
    let step = b - a;
    Some(if step.is_finite() {
        a + f * step
    } else {
        (1.0 - f) * a + f * b
    })
}

/// Mean and standard deviation of numbers, through the mergeable [`Moments`]; both withheld
/// (`None`) when a value lies beyond ±10¹⁰⁰ ([`crate::stats::limits::MAX_MAGNITUDE`]): its
/// square could overflow and the mean of such numbers is no summary anyone can use (the
/// median, quartiles, min and max remain).
fn mean_sd(values: &[f64]) -> (Option<f64>, Option<f64>) {
    let mut m = Moments::new();
    for v in values {
        m.observe(*v);
    }
    (m.mean(), m.sd())
}

/// Calls `f(row, value)` for every answered (non-NaN) value of `values` among the rows of the
/// wave (`rows`; the first `n` rows without waves), in row order. A plain loop over the column
/// when there are no waves: this runs once per cell of the report's items.
#[inline]
fn each_answer(values: &[f64], rows: Option<&[u32]>, n: usize, mut f: impl FnMut(usize, f64)) {
    match rows {
        Some(rows) => {
            for &row in rows {
                if let Some(&v) = values.get(row as usize) {
                    if !v.is_nan() {
                        f(row as usize, v);
                    }
                }
            }
        }
        None => {
            for (row, &v) in values.iter().enumerate().take(n) {
                if !v.is_nan() {
                    f(row, v);
                }
            }
        }
    }
}

fn describe(
    item: &Item,
    k: usize,
    data: &Dataset,
    rows: Option<&[u32]>,
    level: f64,
    wave: Option<String>,
) -> ItemResult {
    let mut r = empty(item);
    r.wave = wave;
    if item.kind == ItemType::MultiSelect {
        let choices = data.choices.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let first = choices.first().map(Vec::as_slice).unwrap_or(&[]);
        let mut answered: Vec<usize> = Vec::new();
        each_answer(first, rows, data.rows, |row, _| answered.push(row));
        let n = answered.len() as u64;
        r.n_used = n;
        r.distribution = item
            .choices
            .iter()
            .zip(choices)
            .filter_map(|(c, v)| {
                let count = answered
                    .iter()
                    .filter(|&&row| v.get(row) == Some(&1.0))
                    .count() as u64;
                Share::new(c.id.clone(), c.label.clone(), count, n, level)
            })
            .collect();
        crate::sort::sort_by_key(&mut r.distribution, |s| std::cmp::Reverse(s.count));
    } else {
        let values = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
        if item.kind == ItemType::Numeric {
            let mut present: Vec<f64> = Vec::new();
            each_answer(values, rows, data.rows, |_, v| present.push(v));
            r.n_used = present.len() as u64;
            numeric_item(item, &mut r, present, level);
        } else {
            // Every answer of a point item is one of its points (the import counts other
            // codes as invalid, missing): the report is a function of the counts per point.
            let index = PointIndex::new(item);
            let mut counts = PointCounts::new(item.points.iter().map(|p| p.value).collect());
            each_answer(values, rows, data.rows, |_, v| match index.get(v) {
                Some(p) => counts.observe_point(p),
                None => counts.observe(v),
            });
            point_item(item, &counts, level, &mut r);
        }
    }
    let considered = rows.map_or(data.rows, <[u32]>::len) as u64;
    finish(item, &mut r, considered, level);
    r
}

/// The sizes, warnings and sentence of an item's result once its figures are in; `considered`
/// is the number of rows looked at.
pub fn finish(item: &Item, r: &mut ItemResult, considered: u64, level: f64) {
    r.n_excluded = considered.saturating_sub(r.n_used);
    if r.n_excluded > 0 {
        r.excluded = vec![Exclusion {
            reason: "missing",
            count: r.n_excluded,
        }];
    }
    if r.n_used == 0 {
        r.warnings.push(Note::warning(NoteCode::DescribeNoAnswers));
    } else if r.n_used < 30 {
        r.warnings
            .push(Note::warning(NoteCode::DescribeFewAnswers).with("n", r.n_used));
    }
    r.sentence = sentence(item, r, level);
}

/// Why an item's answers are missing, by reason, from the import's counts.
pub(crate) fn missing_reasons(m: &crate::survey::issues::ColumnMissing) -> Vec<Exclusion> {
    [
        ("blank", m.blank),
        ("not_applicable", m.not_applicable),
        ("declined", m.declined),
        ("dont_know", m.dont_know),
        ("invalid", m.invalid),
    ]
    .into_iter()
    .filter(|(_, c)| *c > 0)
    .map(|(reason, count)| Exclusion { reason, count })
    .collect()
}

/// Distribution, mean, sd, median and top box of a point item from its counts per point
/// (merged from any number of pieces): the same numbers as one pass over the answers.
pub fn point_item(item: &Item, counts: &PointCounts, level: f64, r: &mut ItemResult) {
    let n = counts.n() + counts.unknown;
    r.n_used = n;
    let wave = r.wave.clone();
    // With answers not on its scale (withheld), each point's share is of every answer, those
    // included: the placed answers alone would overstate every point.
    let of = if item.declared() {
        n
    } else {
        n + item.unplaced
    };
    r.distribution = item
        .points
        .iter()
        .zip(&counts.counts)
        .filter_map(|(p, c)| {
            let label = point_label(item, p, wave.as_deref());
            Share::new(p.value.to_string(), label, *c, of, level)
        })
        .collect();
    if !item.declared() {
        r.notices.push(notice::undeclared(item));
    } else if item.kind != ItemType::Category {
        r.mean = counts.mean();
        r.sd = counts.sd();
        r.median = counts.median();
        let top = top_values(item);
        let x = counts.count_of(&top);
        if let Ok(interval) = wilson(x as f64, n as f64, level) {
            r.top_box = Some(TopBox {
                values: top,
                label: top_label(item),
                interval,
            });
        }
    }
}

/// A numeric item's figures through [`numeric`], or only its notice while it is not declared
/// (a suspected missing-value code such as −99: its mean would be a guess either way).
pub fn numeric_item(item: &Item, r: &mut ItemResult, present: Vec<f64>, level: f64) {
    if item.declared() {
        numeric(r, present, level);
    } else {
        r.notices.push(notice::undeclared(item));
    }
}

/// A numeric item's figures from its answers (any order): mean, sd, R's median and quartiles, min,
/// max and the t interval (public for engines that merge the answers themselves, #22).
pub fn numeric(r: &mut ItemResult, mut present: Vec<f64>, level: f64) {
    crate::sort::sort_floats(&mut present);
    let (mean, sd) = mean_sd(&present);
    r.mean = mean;
    r.sd = sd;
    r.median = quantile(&present, 0.5);
    r.q1 = quantile(&present, 0.25);
    r.q3 = quantile(&present, 0.75);
    r.min = present.first().copied();
    r.max = present.last().copied();
    r.method = Method::T;
    r.reference = "Student (1908); R t.test(x, conf.level = level)$conf.int";
    let n = present.len();
    if let (Some(m), Some(s)) = (mean, sd) {
        let df = (n - 1) as f64;
        let q = crate::stats::student_t::quantile((1.0 + level) / 2.0, df)
            .ok()
            .filter(|q| q.is_finite());
        if let Some(q) = q {
            let half = q * s / (n as f64).sqrt();
            r.mean_lower = Some(m - half);
            r.mean_upper = Some(m + half);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantile_between_huge_values_of_opposite_sign_stays_finite() {
        let q = quantile(&[-1e308, f64::MAX], 0.5).unwrap();
        assert!(q.is_finite());
        assert!((q - (f64::MAX / 2.0 - 0.5e308)).abs() < 1e293);
    }

    #[test]
    fn quantiles_match_r_type_7() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) = 2 3 4
        let s = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile(&s, 0.25), Some(2.0));
        assert_eq!(quantile(&s, 0.5), Some(3.0));
        // R: median(c(1, 2, 3, 4)) = 2.5
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
    }
}
