//! Paired shifts: the same question before and after, from a then-test (one sitting) or a
//! pretest and posttest (same row, or rows of two waves matched by respondent id).
//!
//! Yes/no → McNemar's exact test with Newcombe's paired interval; ordinal (Likert, change) →
//! Wilcoxon signed-rank with the rank-biserial correlation (plus the paired t as a check, and
//! the top-box change with Newcombe's interval); numeric → paired t with d_z. Every shift
//! reports the shares that moved up, stayed the same and moved down, with Wilson intervals.

use super::describe::{top_values, Share};
use super::notice::{self, comparable};
use super::sentence::{lead_with, num, p_with_adjusted, share_ci, Sentence};
use super::{Exclusion, ReportOptions, TestSummary};
use crate::note::{Note, NoteCode};
use crate::stats::method::{Effect, Method};
use crate::stats::summary::Transitions;
use crate::stats::{newcombe_paired, paired_t, wilson};
use crate::stats::{
    LevelOptions, McNemar, PairedDifference, PairedT, PairedTable, ProportionInterval,
    SignedRankOptions, SignedRankTest,
};
use crate::survey::dataset::{Dataset, NO_WAVE};
use crate::survey::instrument::{Design, Instrument, Item, ItemType, Lang, Pair, Text};
use serde::Serialize;
use std::collections::HashMap;

/// The shift of one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyShiftResult"))]
#[serde(rename_all = "camelCase")]
pub struct ShiftResult {
    /// Pair id.
    pub pair: String,
    /// Then-test or pre/post.
    pub design: Design,
    /// The question.
    pub text: Text,
    /// Item type of both measurements.
    pub kind: ItemType,
    /// Item id of the first measurement.
    pub before: String,
    /// Item id of the second measurement.
    pub after: String,
    /// Complete pairs.
    pub n_used: u64,
    /// Rows (or ids) without a complete pair.
    pub n_excluded: u64,
    /// Why, with counts.
    pub excluded: Vec<Exclusion>,
    /// Pairs that moved up (after > before; for yes/no: no → yes).
    pub improved: Option<Share>,
    /// Pairs that stayed the same.
    pub same: Option<Share>,
    /// Pairs that moved down (yes → no).
    pub worse: Option<Share>,
    /// Mean before (point values or numbers).
    pub mean_before: Option<f64>,
    /// Mean after.
    pub mean_after: Option<f64>,
    /// Top-box share before (yes, agree + strongly agree, improved), with Wilson interval.
    pub top_before: Option<ProportionInterval>,
    /// Top-box share after.
    pub top_after: Option<ProportionInterval>,
    /// Change in the top-box share, with Newcombe's paired interval.
    pub top_change: Option<PairedDifference>,
    /// McNemar's test (yes/no items).
    pub mcnemar: Option<McNemar>,
    /// Wilcoxon signed-rank test (Likert and change items).
    pub wilcoxon: Option<SignedRankTest>,
    /// Paired t-test (numeric items; a robustness check for Likert items).
    pub paired_t: Option<PairedT>,
    /// The main test, with the adjusted p-value.
    pub test: Option<TestSummary>,
    /// The main test's method.
    pub method: Method,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
    /// Why the shift is withheld (`scale_not_declared`, `pair_scales_differ`,
    /// `wave_scales_unconfirmed`), as codes with parameters.
    pub notices: Vec<Note>,
    /// One sentence in English and Spanish.
    pub sentence: Sentence,
    /// True when the shift is also estimated under the survey weights (#19); the tests above
    /// stay unweighted.
    pub weighted: bool,
    /// Weighted: mean of after − before over complete pairs (top-box indicators for yes/no,
    /// Likert and change items: the change in the weighted top-box share; the values for
    /// numeric items), with linearised SE, normal interval, n_eff and design effects.
    pub weighted_shift: Option<crate::stats::weighted::WeightedMean>,
}

/// Matched (before, after) values and the exclusions.
fn matched(
    ins: &Instrument,
    data: &Dataset,
    pair: &Pair,
    b: usize,
    a: usize,
) -> (Vec<f64>, Vec<f64>, Vec<Exclusion>) {
    let vb = data.values.get(b).map(Vec::as_slice).unwrap_or(&[]);
    let va = data.values.get(a).map(Vec::as_slice).unwrap_or(&[]);
    let across_waves =
        pair.design == Design::PrePost && ins.waves.is_some() && !data.wave.is_empty();
    let mut ex = vec![
        ("beforeMissing", 0u64),
        ("afterMissing", 0),
        ("unmatched", 0),
        ("noId", 0),
    ];
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut tally = |x: f64, y: f64, ex: &mut Vec<(&'static str, u64)>| {
        if x.is_nan() {
            ex[0].1 += 1;
        } else if y.is_nan() {
            ex[1].1 += 1;
        } else {
            before.push(x);
            after.push(y);
        }
    };
    if across_waves {
        let order = ins
            .waves
            .as_ref()
            .map(|w| w.order.clone())
            .unwrap_or_default();
        let index = |w: &Option<String>, default: usize| {
            w.as_ref()
                .and_then(|v| order.iter().position(|o| o == v))
                .unwrap_or(default) as u16
        };
        let from = index(&pair.from_wave, 0);
        let to = index(&pair.to_wave, order.len().saturating_sub(1));
        let mut first: HashMap<u32, usize> = HashMap::new();
        for row in 0..data.rows {
            let (id, w) = (
                data.ids.get(row).copied().unwrap_or(0),
                data.wave.get(row).copied().unwrap_or(NO_WAVE),
            );
            if w == from {
                if id == 0 {
                    ex[3].1 += 1;
                } else {
                    first.insert(id, row);
                }
            }
        }
        let mut used = 0;
        for row in 0..data.rows {
            let (id, w) = (
                data.ids.get(row).copied().unwrap_or(0),
                data.wave.get(row).copied().unwrap_or(NO_WAVE),
            );
            if w != to {
                continue;
            }
            match first.get(&id) {
                Some(&r0) if id != 0 => {
                    used += 1;
                    tally(
                        vb.get(r0).copied().unwrap_or(f64::NAN),
                        va.get(row).copied().unwrap_or(f64::NAN),
                        &mut ex,
                    );
                }
                _ if id == 0 => ex[3].1 += 1,
                _ => ex[2].1 += 1,
            }
        }
        ex[2].1 += (first.len() as u64).saturating_sub(used);
    } else {
        for row in 0..data.rows {
            tally(
                vb.get(row).copied().unwrap_or(f64::NAN),
                va.get(row).copied().unwrap_or(f64::NAN),
                &mut ex,
            );
        }
    }
    let excluded = ex
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .map(|(reason, count)| Exclusion { reason, count })
        .collect();
    (before, after, excluded)
}

/// Fills a point item's shift from its before × after transitions.
fn from_transitions(r: &mut ShiftResult, item: &Item, t: &Transitions, options: &ReportOptions) {
    let level = options.level;
    let n = t.n();
    let moves = t.moves();
    let mk = |key: &str, en: &str, es: &str, c: u64| {
        Share::new(key.to_string(), Text::new(en, es), c, n, level)
    };
    r.improved = mk("improved", "Moved up", "Subió", moves.up);
    r.same = mk("same", "Same", "Igual", moves.same);
    r.worse = mk("worse", "Moved down", "Bajó", moves.down);
    if let Some((b, a)) = t.means() {
        r.mean_before = Some(b);
        r.mean_after = Some(a);
    }
    let table = t.paired_table(&top_values(item));
    r.top_before = wilson((table.a + table.b) as f64, n as f64, level).ok();
    r.top_after = wilson((table.a + table.c) as f64, n as f64, level).ok();
    r.top_change = newcombe_paired(&table, level).ok();
    if item.kind == ItemType::Binary {
        match t.mcnemar(level) {
            Ok(m) => mcnemar_result(r, m, n),
            Err(e) => r
                .warnings
                .push(super::not_computed(Method::McnemarExact, &e)),
        }
    } else {
        let opts = SignedRankOptions {
            zero_method: options.zero_method,
            ..Default::default()
        };
        match t.wilcoxon(&opts) {
            Ok(w) => wilcoxon_result(r, w),
            Err(e) => r
                .warnings
                .push(super::not_computed(Method::WilcoxonSignedRank, &e)),
        }
        r.paired_t = t.paired_t(level).ok();
    }
}

fn mcnemar_result(r: &mut ShiftResult, m: McNemar, n: u64) {
    r.method = Method::McnemarExact;
    r.test = Some(TestSummary {
        method: Method::McnemarExact,
        reference: "McNemar (1947), Psychometrika 12, 153–157; R binom.test(b, b + c); Newcombe (1998) paired interval",
        statistic: m.b as f64,
        df: None,
        p_value: m.p_value,
        p_adjusted: None,
        effect_name: Effect::Difference,
        effect: m
            .difference
            .as_ref()
            .map_or((m.c as f64 - m.b as f64) / n as f64, |d| d.estimate),
    });
    r.warnings.extend(m.warnings.iter().cloned());
    r.mcnemar = Some(m);
}

fn wilcoxon_result(r: &mut ShiftResult, w: SignedRankTest) {
    r.method = Method::WilcoxonSignedRank;
    r.test = Some(TestSummary {
        method: Method::WilcoxonSignedRank,
        reference: "Wilcoxon (1945); Pratt (1959); Kerby (2014) rank-biserial; R wilcox.test(after, before, paired = TRUE)",
        statistic: w.statistic,
        df: None,
        p_value: w.p_value,
        p_adjusted: None,
        effect_name: Effect::RankBiserial,
        effect: w.rank_biserial,
    });
    r.warnings.extend(w.warnings.iter().cloned());
    r.wilcoxon = Some(w);
}

/// Fills the shift of numbers (and of categories) from the matched values.
fn by_values(r: &mut ShiftResult, item: &Item, before: &[f64], after: &[f64], lo: &LevelOptions) {
    let level = lo.level;
    let n = before.len() as u64;
    let (up, down) = before
        .iter()
        .zip(after)
        .fold((0u64, 0u64), |(u, d), (x, y)| {
            (u + u64::from(y > x), d + u64::from(y < x))
        });
    let mk = |key: &str, en: &str, es: &str, c: u64| {
        Share::new(key.to_string(), Text::new(en, es), c, n, level)
    };
    r.improved = mk("improved", "Moved up", "Subió", up);
    r.same = mk("same", "Same", "Igual", n - up - down);
    r.worse = mk("worse", "Moved down", "Bajó", down);
    // Means of answers beyond ±1e100 could overflow and summarize nothing: withheld (the
    // sentence then gives the shares that moved up and down).
    let sane = |v: &[f64]| {
        v.iter()
            .all(|x| x.abs() <= crate::stats::limits::MAX_MAGNITUDE)
    };
    if sane(before) && sane(after) {
        r.mean_before = Some(before.iter().sum::<f64>() / n as f64);
        r.mean_after = Some(after.iter().sum::<f64>() / n as f64);
    }
    if item.kind != ItemType::Numeric {
        let top = top_values(item);
        let is_top = |v: &f64| top.contains(v);
        let mut t = PairedTable {
            a: 0,
            b: 0,
            c: 0,
            d: 0,
        };
        for (x, y) in before.iter().zip(after) {
            match (is_top(x), is_top(y)) {
                (true, true) => t.a += 1,
                (true, false) => t.b += 1,
                (false, true) => t.c += 1,
                (false, false) => t.d += 1,
            }
        }
        r.top_before = wilson((t.a + t.b) as f64, n as f64, level).ok();
        r.top_after = wilson((t.a + t.c) as f64, n as f64, level).ok();
        r.top_change = newcombe_paired(&t, level).ok();
    }
    match paired_t(before, after, lo) {
        Ok(t) => {
            r.method = Method::PairedT;
            r.test = Some(TestSummary {
                method: Method::PairedT,
                reference:
                    "Student (1908); Cohen (1988) d_z; R t.test(after, before, paired = TRUE)",
                statistic: t.t,
                df: Some(t.df),
                p_value: t.p_value,
                p_adjusted: None,
                effect_name: Effect::Dz,
                effect: t.cohens_dz,
            });
            r.warnings.extend(t.warnings.iter().cloned());
            r.paired_t = Some(t);
        }
        Err(e) => r.warnings.push(super::not_computed(Method::PairedT, &e)),
    }
}

/// Computes every pair's shift (sentences are written after p-value adjustment).
pub fn shifts(ins: &Instrument, data: &Dataset, options: &ReportOptions) -> Vec<ShiftResult> {
    let index = |id: &str| ins.items.iter().position(|i| i.id == id);
    let mut out = Vec::new();
    for pair in &ins.pairs {
        let (Some(b), Some(a)) = (index(&pair.before), index(&pair.after)) else {
            continue;
        };
        let (before, after, excluded) = matched(ins, data, pair, b, a);
        out.extend(from_matched(ins, pair, &before, &after, excluded, options));
    }
    out
}

/// One pair's shift from its matched (before, after) values and exclusions (`None` when the
/// pair names an item that is not in the instrument). Shared by [`shifts`] and the chunked
/// report (#22), which matches the same pairs across pieces.
pub fn from_matched(
    ins: &Instrument,
    pair: &Pair,
    before: &[f64],
    after: &[f64],
    excluded: Vec<Exclusion>,
    options: &ReportOptions,
) -> Option<ShiftResult> {
    let (mut r, item) = match begin(ins, pair, before.len() as u64, excluded)? {
        Ok(started) => started,
        Err(done) => return Some(done),
    };
    let level = options.level;
    let lo = LevelOptions { level };
    if is_point(item) {
        // A point item's shift is a function of its before × after table: every number
        // below comes from the mergeable summary (the import makes every answer a point).
        let mut t = Transitions::new(item.points.iter().map(|p| p.value).collect());
        for (x, y) in before.iter().zip(after) {
            t.observe(*x, *y);
        }
        from_transitions(&mut r, item, &t, options);
    } else {
        by_values(&mut r, item, before, after, &lo);
    }
    Some(r)
}

/// One point-item pair's shift from its merged before × after table `t` (over the pair's
/// point values, in point order) and exclusions: what [`from_matched`] gives for the same
/// pairs. For engines that merge the table themselves (the DataFusion member, #22). `None`
/// when the pair names an item that is not in the instrument, or an item that is not a point
/// item (Likert, yes/no, change).
pub fn from_table(
    ins: &Instrument,
    pair: &Pair,
    t: &Transitions,
    excluded: Vec<Exclusion>,
    options: &ReportOptions,
) -> Option<ShiftResult> {
    let (mut r, item) = match begin(ins, pair, t.n(), excluded)? {
        Ok(started) => started,
        Err(done) => return Some(done),
    };
    if !is_point(item) {
        return None;
    }
    from_transitions(&mut r, item, t, options);
    Some(r)
}

fn is_point(item: &Item) -> bool {
    matches!(
        item.kind,
        ItemType::Binary | ItemType::Likert | ItemType::Change
    )
}

/// A shift of `n` complete pairs before its figures, and its before item; `Err` with the
/// finished result when there is nothing to compute (the items are not comparable, or there
/// are no complete pairs).
fn begin<'a>(
    ins: &'a Instrument,
    pair: &Pair,
    n: u64,
    excluded: Vec<Exclusion>,
) -> Option<std::result::Result<(ShiftResult, &'a Item), ShiftResult>> {
    let index = |id: &str| ins.items.iter().position(|i| i.id == id);
    let (Some(b), Some(a)) = (index(&pair.before), index(&pair.after)) else {
        return None;
    };
    let (Some(item), Some(after_item)) = (ins.items.get(b), ins.items.get(a)) else {
        return None;
    };
    let text = if pair.text.en.is_empty() && pair.text.es.is_empty() {
        item.text.clone()
    } else {
        pair.text.clone()
    };
    let mut r = ShiftResult {
        pair: pair.id.clone(),
        design: pair.design,
        text,
        kind: item.kind,
        before: pair.before.clone(),
        after: pair.after.clone(),
        n_used: n,
        n_excluded: excluded.iter().map(|e| e.count).sum(),
        excluded,
        improved: None,
        same: None,
        worse: None,
        mean_before: None,
        mean_after: None,
        top_before: None,
        top_after: None,
        top_change: None,
        mcnemar: None,
        wilcoxon: None,
        paired_t: None,
        test: None,
        method: Method::None,
        warnings: Vec::new(),
        notices: Vec::new(),
        sentence: Sentence::default(),
        weighted: false,
        weighted_shift: None,
    };
    if let Some(notice) = comparable(item, after_item, &pair.id) {
        r.notices.push(notice);
        return Some(Err(r));
    }
    if pair.design == Design::ThenTest {
        r.warnings.push(Note::info(NoteCode::ShiftThenTest));
    }
    if n == 0 {
        r.warnings.push(Note::warning(NoteCode::ShiftNoPairs));
        return Some(Err(r));
    }
    Some(Ok((r, item)))
}

/// The shift's sentence, after p-value adjustment.
pub fn sentence(r: &ShiftResult, options: &ReportOptions) -> Sentence {
    let level = options.level;
    let adjust = options.adjust.label();
    Sentence::build(|lang| {
        let en = lang == Lang::En;
        if let Some(first) = r.notices.first() {
            return notice::sentence(first, &r.text, lang);
        }
        let design = match (r.design, en) {
            (Design::ThenTest, true) => "then-test, before → now",
            (Design::ThenTest, false) => "prueba retrospectiva, antes → ahora",
            (Design::PrePost, true) => "pretest → posttest",
            (Design::PrePost, false) => "preprueba → posprueba",
        };
        let head = lead_with(&r.text, design, lang);
        let pairs = if en {
            format!("n = {} pairs", r.n_used)
        } else {
            format!("n = {} pares", r.n_used)
        };
        let (Some(up), Some(same), Some(down)) = (&r.improved, &r.same, &r.worse) else {
            return format!(
                "{head}{}",
                if en {
                    "no complete pairs."
                } else {
                    "sin pares completos."
                }
            );
        };
        let test = r.test.as_ref().map(|t| {
            let p = p_with_adjusted(t.p_value, t.p_adjusted, adjust, lang);
            match (t.method, en) {
                (Method::McnemarExact, true) => format!("McNemar exact {p}"),
                (Method::McnemarExact, false) => format!("McNemar exacta {p}"),
                (Method::WilcoxonSignedRank, true) => format!(
                    "Wilcoxon signed-rank {p}, rank-biserial r = {}",
                    num(t.effect, 2, lang)
                ),
                (Method::WilcoxonSignedRank, false) => format!(
                    "Wilcoxon de rangos con signo {p}, r biserial de rangos = {}",
                    num(t.effect, 2, lang)
                ),
                (_, true) => format!("paired t {p}, d_z = {}", num(t.effect, 2, lang)),
                (_, false) => format!("t pareada {p}, d_z = {}", num(t.effect, 2, lang)),
            }
        });
        let test = test.map_or(String::new(), |t| format!("; {t}"));
        let s = |x: &Share| share_ci(x.share, x.lower, x.upper, level, lang);
        match (r.kind, en) {
            (ItemType::Binary, true) => format!(
                "{head}{} went from no to yes and {} from yes to no{test}, {pairs}.",
                s(up),
                super::sentence::pct(down.share)
            ),
            (ItemType::Binary, false) => format!(
                "{head}{} pasó de no a sí y {} de sí a no{test}, {pairs}.",
                s(up),
                super::sentence::pct(down.share)
            ),
            (ItemType::Numeric, _) if r.mean_before.is_some() && r.mean_after.is_some() => {
                let (b, a) = (r.mean_before.unwrap_or(0.0), r.mean_after.unwrap_or(0.0));
                let ci = r.paired_t.as_ref().map_or(String::new(), |t| {
                    let lvl = super::sentence::level_text(level, lang);
                    if en {
                        format!(
                            " ({lvl} CI {} to {})",
                            num(t.lower, 2, lang),
                            num(t.upper, 2, lang)
                        )
                    } else {
                        format!(
                            " (IC {lvl} {} a {})",
                            num(t.lower, 2, lang),
                            num(t.upper, 2, lang)
                        )
                    }
                });
                if en {
                    format!(
                        "{head}mean {} → {}, change {}{ci}{test}, {pairs}.",
                        num(b, 2, lang),
                        num(a, 2, lang),
                        num(a - b, 2, lang)
                    )
                } else {
                    format!(
                        "{head}media {} → {}, cambio {}{ci}{test}, {pairs}.",
                        num(b, 2, lang),
                        num(a, 2, lang),
                        num(a - b, 2, lang)
                    )
                }
            }
            (_, true) => format!(
                "{head}{} moved up, {} stayed the same and {} moved down{test}, {pairs}.",
                s(up),
                super::sentence::pct(same.share),
                super::sentence::pct(down.share)
            ),
            (_, false) => format!(
                "{head}{} subió, {} se mantuvo igual y {} bajó{test}, {pairs}.",
                s(up),
                super::sentence::pct(same.share),
                super::sentence::pct(down.share)
            ),
        }
    })
}
