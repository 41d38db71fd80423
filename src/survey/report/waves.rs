//! Independent waves (the same survey given to different people at two times, as the staff
//! climate survey 2014-15 → 2017-18): first against last wave, per item.
//!
//! Top-box shares → difference with Newcombe's hybrid score interval, the chi-square test and
//! Cohen's h; ordinal and numeric items → Mann–Whitney with the rank-biserial correlation;
//! labelled distributions → chi-square of wave × point with Cramér's V. When the wave sizes are
//! assumptions (rebuilt from published percentages), a sensitivity table shows the interval
//! for several assumed sizes.

use super::describe::top_values;
use super::notice::{self, unconfirmed_waves};
use super::sentence::{lead, num, p_with_adjusted, share_ci, Sentence};
use super::{ReportOptions, TestSummary};
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::method::{Effect, Method};
use crate::stats::summary::RankSumTable;
use crate::stats::{mann_whitney, two_proportions};
use crate::stats::{
    ChiSquareOptions, ChiSquareTest, MannWhitney, MannWhitneyOptions, ProportionInterval,
    TwoProportions, TwoProportionsOptions,
};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, ItemType, Lang, Text};
use serde::Serialize;

/// The interval for the change under one assumed size per wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveySensitivityRow"))]
#[serde(rename_all = "camelCase")]
pub struct SensitivityRow {
    /// Assumed respondents per wave.
    pub n_per_wave: u64,
    /// Successes in the first wave, round(p_from · n).
    pub x_from: u64,
    /// Successes in the last wave, round(p_to · n).
    pub x_to: u64,
    /// Difference p_to − p_from from the rounded counts.
    pub difference: f64,
    /// Lower bound (Newcombe).
    pub lower: f64,
    /// Upper bound (Newcombe).
    pub upper: f64,
    /// p-value of the chi-square test.
    pub p_value: f64,
}

/// How the interval for a change between two independent shares depends on the wave sizes,
/// when only the percentages are known (seed 000: 48% → 72%, sizes not published).
///
/// # Formula
/// ```text
/// for each n: x_from = round(p_from · n), x_to = round(p_to · n),
/// Newcombe hybrid score interval and chi-square test of x_to/n − x_from/n
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] when a share is outside [0, 1];
/// [`Code::ParameterOutOfRange`] for an empty list, more than 20 sizes or a size of 0;
/// [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::survey::report::wave_sensitivity;
/// let rows = wave_sensitivity(0.48, 0.72, &[25, 100, 400], 0.95).unwrap();
/// assert!(rows[0].lower < 0.0); // 25 per wave: the change could be nil
/// assert!(rows[2].lower > 0.15); // 400 per wave: clearly positive
/// ```
///
/// # References
/// Newcombe (1998), *Statistics in Medicine* 17, 873–890, method 10; statsmodels
/// `confint_proportions_2indep(..., method = "newcomb")`.
pub fn wave_sensitivity(
    p_from: f64,
    p_to: f64,
    sizes: &[u64],
    level: f64,
) -> Result<Vec<SensitivityRow>> {
    for p in [p_from, p_to] {
        if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
            return Err(Error::new(
                Code::ProbabilityOutOfRange,
                format!("a share must be between 0 and 1, got {p}"),
            )
            .with("share", p));
        }
    }
    if sizes.is_empty() || sizes.len() > 20 || sizes.iter().any(|n| *n == 0 || *n > 10_000_000) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "give 1 to 20 assumed wave sizes, each between 1 and 10,000,000",
        ));
    }
    let opts = TwoProportionsOptions {
        level,
        correct: false,
    };
    sizes
        .iter()
        .map(|&n| {
            let nf = n as f64;
            let (x1, x2) = ((p_from * nf).round(), (p_to * nf).round());
            let t = two_proportions(x1, nf, x2, nf, &opts)?;
            Ok(SensitivityRow {
                n_per_wave: n,
                x_from: t.x1,
                x_to: t.x2,
                difference: t.difference,
                lower: t.lower,
                upper: t.upper,
                p_value: t.p_value,
            })
        })
        .collect()
}

/// First against last wave for one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyWaveResult"))]
#[serde(rename_all = "camelCase")]
pub struct WaveResult {
    /// Item id.
    pub item: String,
    /// Question text.
    pub text: Text,
    /// Item type.
    pub kind: ItemType,
    /// The first wave.
    pub from: String,
    /// The last wave.
    pub to: String,
    /// Answers in the first wave.
    pub n_from: u64,
    /// Answers in the last wave.
    pub n_to: u64,
    /// Top-box share in the first wave.
    pub share_from: Option<ProportionInterval>,
    /// Top-box share in the last wave.
    pub share_to: Option<ProportionInterval>,
    /// Two-proportion comparison of the top-box shares (Newcombe interval, Cohen's h).
    pub two_proportions: Option<TwoProportions>,
    /// Mann–Whitney test (Likert, change, numeric).
    pub mann_whitney: Option<MannWhitney>,
    /// Chi-square test of the whole distribution (labelled items).
    pub distribution: Option<ChiSquareTest>,
    /// The main test, with the adjusted p-value.
    pub test: Option<TestSummary>,
    /// True when the wave sizes are assumptions.
    pub sizes_assumed: bool,
    /// The interval for several assumed wave sizes (only when sizes are assumed).
    pub sensitivity: Vec<SensitivityRow>,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
    /// Why the comparison is withheld (`codes_without_labels`, `wave_scales_unconfirmed`).
    pub notices: Vec<Note>,
    /// One sentence in English and Spanish.
    pub sentence: Sentence,
    /// Whether the result is weighted (#19): true when the survey declares weights and the
    /// item has a top box or is numeric; then `weightedDifference` holds the weighted
    /// comparison and `test` is its z test. Counts stay
    /// unweighted.
    pub weighted: bool,
    /// The weighted share (top box) or mean of each wave and their difference (`null` when
    /// not weighted).
    pub weighted_difference: Option<crate::stats::weighted_domain::WeightedDifference>,
}

fn values_in(values: &[f64], wave: &[u16], w: u16) -> Vec<f64> {
    values
        .iter()
        .zip(wave)
        .filter(|(v, x)| **x == w && !v.is_nan())
        .map(|(v, _)| *v)
        .collect()
}

/// Compares the first and the last wave for every item (none without two waves).
pub fn compare_all(ins: &Instrument, data: &Dataset, options: &ReportOptions) -> Vec<WaveResult> {
    let Some(waves) = &ins.waves else {
        return Vec::new();
    };
    if waves.order.len() < 2 || data.wave.is_empty() {
        return Vec::new();
    }
    let last = (waves.order.len() - 1) as u16;
    let mut out = Vec::new();
    for (k, item) in ins.items.iter().enumerate() {
        if matches!(item.kind, ItemType::Text | ItemType::MultiSelect) {
            continue;
        }
        let values = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let (a, b) = (
            values_in(values, &data.wave, 0),
            values_in(values, &data.wave, last),
        );
        // A point item's comparison is a function of its wave × point table (the import makes
        // every answer a point): shares, two proportions, Mann–Whitney with the table's ties
        // and χ² all come from the mergeable summary. Numbers keep their values.
        let table = (item.kind != ItemType::Numeric).then(|| {
            let mut t = RankSumTable::new(item.points.iter().map(|p| p.value).collect(), 2);
            for v in &a {
                t.observe(Some(0), *v);
            }
            for v in &b {
                t.observe(Some(1), *v);
            }
            t
        });
        let numbers = (item.kind == ItemType::Numeric).then_some((a.as_slice(), b.as_slice()));
        out.push(compare_one(
            item,
            waves,
            (a.len() as u64, b.len() as u64),
            table.as_ref(),
            numbers,
            options,
        ));
    }
    out
}

/// The first-against-last-wave comparison of one item from its summaries: `n` the answers in
/// the first and the last wave, `table` a point item's wave × point table (rows 0 and 1: the
/// first and the last wave), `values` a numeric item's answers in those waves. Shared by
/// [`compare_all`] and the chunked report (#22), which builds the same table by merging.
pub fn compare_one(
    item: &crate::survey::instrument::Item,
    waves: &crate::survey::instrument::Waves,
    n: (u64, u64),
    table: Option<&RankSumTable>,
    values: Option<(&[f64], &[f64])>,
    options: &ReportOptions,
) -> WaveResult {
    let level = options.level;
    let from = waves.order.first().cloned().unwrap_or_default();
    let to = waves.order.last().cloned().unwrap_or_default();
    let mut r = WaveResult {
        item: item.id.clone(),
        text: item.text.clone(),
        kind: item.kind,
        from: from.clone(),
        to: to.clone(),
        n_from: n.0,
        n_to: n.1,
        share_from: None,
        share_to: None,
        two_proportions: None,
        mann_whitney: None,
        distribution: None,
        test: None,
        sizes_assumed: waves.sizes_assumed,
        sensitivity: Vec::new(),
        warnings: Vec::new(),
        notices: Vec::new(),
        sentence: Sentence::default(),
        weighted: false,
        weighted_difference: None,
    };
    if !item.declared() {
        r.notices.push(notice::undeclared(item));
    } else if item.unconfirmed_waves() {
        r.notices.push(unconfirmed_waves(item));
    }
    if !r.notices.is_empty() {
        return r;
    }
    if n.0 == 0 || n.1 == 0 {
        r.warnings.push(Note::warning(NoteCode::WaveNoAnswers));
        return r;
    }
    let top = top_values(item);
    if let (Some(t), false) = (table, top.is_empty()) {
        r.share_from = t.group(0).share_of(&top, level).ok();
        r.share_to = t.group(1).share_of(&top, level).ok();
        let opts = TwoProportionsOptions {
            level,
            correct: false,
        };
        match t.two_proportions(0, 1, &top, &opts) {
            Ok(t) => {
                r.test = Some(TestSummary {
                    method: Method::TwoProportions,
                    reference: "Newcombe (1998) method 10; Cohen (1988) h; R prop.test(c(x1, x2), c(n1, n2), correct = FALSE)",
                    statistic: t.chi_square,
                    df: Some(1.0),
                    p_value: t.p_value,
                    p_adjusted: None,
                    effect_name: Effect::CohensH,
                    effect: t.cohens_h,
                });
                if waves.sizes_assumed {
                    r.sensitivity = wave_sensitivity(t.p1, t.p2, &options.assumed_sizes, level)
                        .unwrap_or_default();
                    r.warnings.push(
                        Note::warning(NoteCode::WaveSizesAssumed)
                            .with("n1", t.n1)
                            .with("n2", t.n2),
                    );
                }
                r.two_proportions = Some(t);
            }
            Err(e) => r
                .warnings
                .push(super::not_computed(Method::TwoProportions, &e)),
        }
    }
    if matches!(
        item.kind,
        ItemType::Likert | ItemType::Change | ItemType::Numeric
    ) {
        let o = MannWhitneyOptions::default();
        let mw = match (table, values) {
            (Some(t), _) => t.mann_whitney(1, 0, &o),
            (None, Some((a, b))) => mann_whitney(b, a, &o),
            (None, None) => mann_whitney(&[], &[], &o),
        };
        match mw {
            Ok(m) => {
                if item.kind == ItemType::Numeric {
                    r.test = Some(TestSummary {
                        method: Method::MannWhitney,
                        reference: "Mann & Whitney (1947); Kerby (2014) rank-biserial; R wilcox.test(last, first)",
                        statistic: m.statistic,
                        df: None,
                        p_value: m.p_value,
                        p_adjusted: None,
                        effect_name: Effect::RankBiserial,
                        effect: m.rank_biserial,
                    });
                }
                r.mann_whitney = Some(m);
            }
            Err(e) => r
                .warnings
                .push(super::not_computed(Method::MannWhitney, &e)),
        }
    }
    if let Some(t) = table {
        match t.chi_square(&[0, 1], &ChiSquareOptions::default()) {
            Ok(c) => {
                if item.kind == ItemType::Category {
                    r.test = Some(TestSummary {
                        method: Method::ChiSquareIndependence,
                        reference:
                            "Pearson (1900); Cramér (1946); R chisq.test(m, correct = FALSE)",
                        statistic: c.statistic,
                        df: Some(c.df),
                        p_value: c.p_value,
                        p_adjusted: None,
                        effect_name: Effect::CramersV,
                        effect: c.cramers_v,
                    });
                }
                r.distribution = Some(c);
            }
            Err(e) if e.code != Code::SampleTooSmall => r
                .warnings
                .push(super::not_computed(Method::ChiSquareIndependence, &e)),
            Err(_) => {}
        }
    }
    r
}

fn points(d: f64) -> String {
    let v = (d * 100.0).round();
    if v > 0.0 {
        format!("+{v}")
    } else {
        format!("{}", v).replace('-', "−")
    }
}

/// The comparison's sentence, after p-value adjustment.
pub fn sentence(r: &WaveResult, options: &ReportOptions) -> Sentence {
    let level = options.level;
    let adjust = options.adjust.label();
    Sentence::build(|lang| {
        let en = lang == Lang::En;
        if let Some(first) = r.notices.first() {
            return notice::sentence(first, &r.text, lang);
        }
        let head = lead(&r.text, lang);
        let lvl = super::sentence::level_text(level, lang);
        let n = if en {
            format!("(n = {} and {})", r.n_from, r.n_to)
        } else {
            format!("(n = {} y {})", r.n_from, r.n_to)
        };
        let p = r.test.as_ref().map_or(String::new(), |t| {
            p_with_adjusted(t.p_value, t.p_adjusted, adjust, lang)
        });
        let mut s = match (&r.share_from, &r.share_to, &r.two_proportions) {
            (Some(a), Some(b), Some(t)) => {
                let sa = share_ci(a.estimate, a.lower, a.upper, level, lang);
                let sb = share_ci(b.estimate, b.lower, b.upper, level, lang);
                let h = num(t.cohens_h, 2, lang);
                if en {
                    format!("{head}{sa} in {} → {sb} in {}: {} points ({lvl} CI {} to {}), {p}, Cohen's h = {h} {n}.", r.from, r.to, points(t.difference), points(t.lower), points(t.upper))
                } else {
                    format!("{head}{sa} en {} → {sb} en {}: {} puntos (IC {lvl} {} a {}), {p}, h de Cohen = {h} {n}.", r.from, r.to, points(t.difference), points(t.lower), points(t.upper))
                }
            }
            _ => match (&r.mann_whitney, &r.distribution) {
                (Some(m), _) if r.kind == ItemType::Numeric => {
                    let rb = num(m.rank_biserial, 2, lang);
                    if en {
                        format!(
                            "{head}{} → {}: Mann–Whitney {p}, rank-biserial r = {rb} {n}.",
                            r.from, r.to
                        )
                    } else {
                        format!(
                            "{head}{} → {}: Mann–Whitney {p}, r biserial de rangos = {rb} {n}.",
                            r.from, r.to
                        )
                    }
                }
                (_, Some(c)) => {
                    let v = num(c.cramers_v, 2, lang);
                    if en {
                        format!(
                            "{head}{} → {}: χ²({}) = {}, {p}, Cramér's V = {v} {n}.",
                            r.from,
                            r.to,
                            c.df,
                            num(c.statistic, 2, lang)
                        )
                    } else {
                        format!(
                            "{head}{} → {}: χ²({}) = {}, {p}, V de Cramér = {v} {n}.",
                            r.from,
                            r.to,
                            c.df,
                            num(c.statistic, 2, lang)
                        )
                    }
                }
                _ => format!(
                    "{head}{}",
                    if en {
                        "not enough answers to compare the waves."
                    } else {
                        "no hay respuestas suficientes para comparar las olas."
                    }
                ),
            },
        };
        s.push_str(&assumed_text(r, lang));
        s
    })
}

/// The sentence's tail when the wave sizes are assumed (empty otherwise): the interval at the
/// smallest and largest assumed size.
pub(super) fn assumed_text(r: &WaveResult, lang: Lang) -> String {
    if let (Some(first), Some(last)) = (r.sensitivity.first(), r.sensitivity.last()) {
        if lang == Lang::En {
            return format!(" The wave sizes are ASSUMED: with {} per wave the interval runs from {} to {} points; with {}, from {} to {}.", first.n_per_wave, points(first.lower), points(first.upper), last.n_per_wave, points(last.lower), points(last.upper));
        } else {
            return format!(" Los tamaños de las olas son SUPUESTOS: con {} por ola el intervalo va de {} a {} puntos; con {}, de {} a {}.", first.n_per_wave, points(first.lower), points(first.upper), last.n_per_wave, points(last.lower), points(last.upper));
        }
    }
    String::new()
}
