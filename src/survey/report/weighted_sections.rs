//! Wave comparisons, subgroup tables and scales under survey weights (#19), checked against R
//! `survey` by `tests/data/survey_weights_waves.R`.
//!
//! - **Waves** (first against last, independent samples): the weighted top-box share (items
//!   with a top box) or mean (numeric items) of each wave as a domain of the design built on
//!   the two waves' answers (`svyby(~y, ~wave, design, svymean)`), and the difference with
//!   SE √(SE₁² + SE₂²) and a Wald z test (`svycontrast(…, c(-1, 1))`,
//!   [`crate::stats::weighted_domain`]); that test replaces the unweighted one as the main
//!   test. A category item keeps its unweighted χ² (`weighted: false`).
//! - **Subgroups**: each shown group's weighted top-box share as a domain of the design built
//!   on the shown groups' answers, with the Wilson interval on the group's Kish n_eff.
//!   Suppression is still decided on the UNWEIGHTED count; a share is coded "<5%"/">95%" when
//!   its weighted or its unweighted value is that extreme. The χ² test stays on the
//!   unweighted counts (no Rao–Scott correction here), with the note `weights_unweighted_test`.
//! - **Scales**: the weighted mean of the scale score with its linearised SE, `svyvar`'s SD,
//!   and `svycralpha`'s weighted alpha (no interval); `alpha` keeps the unweighted Cronbach
//!   with Feldt's interval and the item statistics.
//!
//! Every weighted sum goes through the mergeable [`WeightedSums`] / [`WeightedScale`],
//! observed per row and finished at the end.

use super::describe::{top_values, PointIndex};
use super::scales::ScaleResult;
use super::sentence::{level_text, num, p_with_adjusted, pct, Sentence};
use super::subgroup::SubgroupResult;
use super::waves::WaveResult;
use super::{ReportOptions, TestSummary};
use crate::note::{Note, NoteCode};
use crate::stats::method::{Effect, Method};
use crate::stats::summary::{WeightedScale, WeightedSums, SVYCRALPHA_REF};
use crate::stats::weighted::ShareInterval;
use crate::stats::weighted_domain::{domain_difference, domain_share, SVYBY_REF};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, ItemType, Lang};

fn weight(data: &Dataset, row: usize) -> f64 {
    data.weights.get(row).copied().unwrap_or(0.0)
}

/// Re-estimates one wave comparison with the weights (no-op when unweighted, withheld, or
/// without answers in a wave).
pub(super) fn wave(ins: &Instrument, data: &Dataset, r: &mut WaveResult, level: f64) {
    if data.weights.is_empty() || !r.notices.is_empty() || r.n_from == 0 || r.n_to == 0 {
        return;
    }
    let Some(k) = ins.items.iter().position(|i| i.id == r.item) else {
        return;
    };
    let Some(item) = ins.items.get(k) else { return };
    let last = ins
        .waves
        .as_ref()
        .map_or(0, |w| w.order.len().saturating_sub(1)) as u16;
    let top = top_values(item);
    let share = !top.is_empty() && item.kind != ItemType::Numeric;
    if !share && item.kind != ItemType::Numeric {
        return;
    }
    let values = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
    let (mut a, mut b) = (WeightedSums::new(), WeightedSums::new());
    for (row, (&v, &wv)) in values.iter().zip(&data.wave).enumerate() {
        if v.is_nan() || (wv != 0 && wv != last) {
            continue;
        }
        let y = if share {
            f64::from(u8::from(top.contains(&v)))
        } else {
            v
        };
        let s = if wv == 0 { &mut a } else { &mut b };
        if s.observe(y, weight(data, row)).is_err() {
            return;
        }
    }
    wave_from_sums(r, (&a, &b), share, level);
}

/// Re-estimates one wave comparison from the weighted sums of the first and the last wave's
/// answers (`share`: top-box indicators; else a numeric item's values) as domains of their
/// design, the weighted z test replacing the unweighted one (public for engines that merge
/// the sums per piece, #22; the caller checks the comparison is not withheld and both waves
/// have answers).
pub fn wave_from_sums(
    r: &mut WaveResult,
    (a, b): (&WeightedSums, &WeightedSums),
    share: bool,
    level: f64,
) {
    let Ok(d) = domain_difference(a, b, share, level) else {
        return;
    };
    if let (Some(z), Some(p)) = (d.z, d.p_value) {
        r.test = Some(TestSummary {
            method: Method::WeightedDifference,
            reference: SVYBY_REF,
            statistic: z,
            df: None,
            p_value: p,
            p_adjusted: None,
            effect_name: Effect::Difference,
            effect: d.difference,
        });
    }
    r.weighted = true;
    r.weighted_difference = Some(d);
}

/// The weighted wave comparison's sentence (after p-value adjustment); `None` when the
/// comparison is not weighted.
pub fn wave_sentence(r: &WaveResult, options: &ReportOptions) -> Option<Sentence> {
    let d = r.weighted_difference.as_ref()?;
    let share = r.kind != ItemType::Numeric;
    let adjust = options.adjust.label();
    Some(Sentence::build(|lang| {
        let en = lang == Lang::En;
        let lvl = level_text(d.level, lang);
        let (scale, digits) = if share { (100.0, 1) } else { (1.0, 2) };
        let v = |x: f64| num(x * scale, digits, lang);
        let signed = |x: f64| {
            let s = v(x);
            if x > 0.0 {
                format!("+{s}")
            } else {
                s
            }
        };
        let unit = match (share, en) {
            (true, true) => "%",
            (true, false) => " %",
            _ => "",
        };
        let pts = match (share, en) {
            (true, true) => " points",
            (true, false) => " puntos",
            _ => "",
        };
        let p = r.test.as_ref().map_or(String::new(), |t| {
            format!(
                ", {}",
                p_with_adjusted(t.p_value, t.p_adjusted, adjust, lang)
            )
        });
        let head = super::sentence::lead(&r.text, lang);
        let (what, ci, to, and, neff, deff) = if en {
            (
                if share {
                    "weighted share"
                } else {
                    "weighted mean"
                },
                "CI",
                "to",
                "and",
                "effective n",
                "design effect",
            )
        } else {
            (
                if share {
                    "proporción ponderada"
                } else {
                    "media ponderada"
                },
                "IC",
                "a",
                "y",
                "n efectivo",
                "efecto de diseño",
            )
        };
        let (f, t) = (&d.from, &d.to);
        let ci_of = |m: &crate::stats::weighted::WeightedMean| {
            if en {
                format!("{lvl} {ci} {}{unit} {to} {}{unit}", v(m.lower), v(m.upper))
            } else {
                format!("{ci} {lvl} {}{unit} {to} {}{unit}", v(m.lower), v(m.upper))
            }
        };
        let diff_ci = if en {
            format!("{lvl} {ci} {} {to} {}", signed(d.lower), signed(d.upper))
        } else {
            format!("{ci} {lvl} {} {to} {}", signed(d.lower), signed(d.upper))
        };
        let (inw, zt) = if en {
            ("in", "z test")
        } else {
            ("en", "prueba z")
        };
        format!(
            "{head}{what} {}{unit} ({}) {inw} {} → {}{unit} ({}) {inw} {}: {}{pts} ({diff_ci}), {zt}{p} (n = {} {and} {}; {neff} {} {and} {}, {deff} {} {and} {}).",
            v(f.estimate),
            ci_of(f),
            r.from,
            v(t.estimate),
            ci_of(t),
            r.to,
            signed(d.difference),
            r.n_from,
            r.n_to,
            num(f.n_eff, 0, lang),
            num(t.n_eff, 0, lang),
            num(f.deff_kish, 2, lang),
            num(t.deff_kish, 2, lang),
        ) + &super::waves::assumed_text(r, lang)
    }))
}

/// Re-estimates a subgroup table's shown shares with the weights (no-op when unweighted).
pub(super) fn subgroup(ins: &Instrument, data: &Dataset, r: &mut SubgroupResult, level: f64) {
    if data.weights.is_empty() {
        return;
    }
    let index = |id: &str| ins.items.iter().position(|i| i.id == id);
    let (Some(k), Some(gk)) = (index(&r.item), index(&r.group)) else {
        return;
    };
    let (Some(item), Some(gitem)) = (ins.items.get(k), ins.items.get(gk)) else {
        return;
    };
    let top = top_values(item);
    if top.is_empty() {
        return;
    }
    let shown: Vec<bool> = r
        .rows
        .iter()
        .map(|x| x.suppressed.is_none() && x.n.unwrap_or(0) > 0)
        .collect();
    let (gindex, pindex) = (PointIndex::new(gitem), PointIndex::new(item));
    let vals = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
    let gvals = data.values.get(gk).map(Vec::as_slice).unwrap_or(&[]);
    let mut sums = vec![WeightedSums::new(); r.rows.len()];
    for (row, (v, gv)) in vals.iter().zip(gvals).enumerate() {
        let (Some(g), Some(_)) = (gindex.get(*gv), pindex.get(*v)) else {
            continue;
        };
        if !shown.get(g).copied().unwrap_or(false) {
            continue;
        }
        let Some(s) = sums.get_mut(g) else { continue };
        if s.observe(f64::from(u8::from(top.contains(v))), weight(data, row))
            .is_err()
        {
            return;
        }
    }
    subgroup_from_sums(r, &sums, level);
}

/// Finishes a subgroup table's shown shares from the weighted sums of each group's top-box
/// indicator (`sums`, in the order of `r.rows`; the hidden groups' are not used): each shown
/// group's share as a domain of the design built on the shown groups' answers (public for
/// engines that merge the sums per piece, #22).
pub fn subgroup_from_sums(r: &mut SubgroupResult, sums: &[WeightedSums], level: f64) {
    let shown: Vec<bool> = r
        .rows
        .iter()
        .map(|x| x.suppressed.is_none() && x.n.unwrap_or(0) > 0)
        .collect();
    let n_design: u64 = (sums.iter().zip(&shown))
        .filter(|(_, shown)| **shown)
        .map(|(s, _)| s.n)
        .sum();
    for ((x, s), shown) in r.rows.iter_mut().zip(sums).zip(&shown) {
        if !shown {
            continue;
        }
        let Ok(m) = domain_share(s, n_design, level, ShareInterval::WilsonKish) else {
            continue;
        };
        if x.display == "<5%" || x.display == ">95%" {
            continue; // coded on the unweighted count: stays coded
        }
        // As the unweighted rule (< 5%, > 95%), with room for the rounding of Σwy/Σw at
        // exactly 5% or 95%.
        if m.estimate < 0.05 - 1e-12 || m.estimate > 0.95 + 1e-12 {
            x.display = if m.estimate < 0.05 { "<5%" } else { ">95%" }.into();
            x.x = None;
            x.share = None;
            x.lower = None;
            x.upper = None;
            continue;
        }
        x.display = pct(m.estimate);
        x.share = Some(m.estimate);
        x.lower = Some(m.lower);
        x.upper = Some(m.upper);
        x.weighted_estimate = Some(m);
    }
    r.weighted = true;
    if r.chi_square.is_some() {
        r.warnings.push(Note::info(NoteCode::WeightsUnweightedTest));
    }
}

/// The subgroup sentence's weighted suffix.
pub fn subgroup_suffix(r: &mut SubgroupResult) {
    if !r.weighted {
        return;
    }
    r.sentence.en.push_str(
        " Shares are weighted (Wilson interval on each group's effective n); groups are hidden by their unweighted counts and the χ² test is on the unweighted counts.",
    );
    r.sentence.es.push_str(
        " Las proporciones están ponderadas (intervalo de Wilson sobre el n efectivo de cada grupo); los grupos se ocultan según sus recuentos sin ponderar y la prueba χ² usa los recuentos sin ponderar.",
    );
}

/// Re-estimates a scale with the weights: the weighted mean, SD and svycralpha of its complete
/// respondents (`rows`, their row numbers in the data; `m` the row-major complete matrix).
pub(super) fn scale(data: &Dataset, m: &[f64], rows: &[u32], r: &mut ScaleResult, level: f64) {
    if data.weights.is_empty() {
        return;
    }
    let k = r.items.len().max(1);
    let mut s = WeightedScale::new(k);
    for (values, row) in m.chunks_exact(k).zip(rows) {
        if s.observe(values, weight(data, *row as usize)).is_err() {
            return;
        }
    }
    scale_from_state(r, &s, level);
}

/// Finishes a scale under the weights from the merged weighted sums of its complete
/// respondents (public for engines that merge them per piece, #22): the weighted mean, SD and
/// svycralpha, and the weighted sentence.
pub fn scale_from_state(r: &mut ScaleResult, s: &WeightedScale, level: f64) {
    r.weighted = true;
    r.mean = None;
    r.sd = None;
    if let Ok(mean) = s.mean(level) {
        r.mean = Some(mean.estimate);
        r.sd = s.score.sd();
        r.weighted_mean = Some(mean);
    }
    r.weighted_alpha = s.alpha();
    r.reference = SVYCRALPHA_REF;
    r.sentence = scale_sentence(r, level);
}

fn scale_sentence(r: &ScaleResult, level: f64) -> Sentence {
    Sentence::build(|lang| {
        let en = lang == Lang::En;
        let head = super::sentence::lead(&r.text, lang);
        let lvl = level_text(level, lang);
        let k = r.items.len();
        let alpha = r.weighted_alpha.map_or(String::new(), |a| {
            let unweighted = r.alpha.as_ref().map_or(String::new(), |u| {
                let (v, lo, hi) = (
                    num(u.alpha, 2, lang),
                    num(u.lower, 2, lang),
                    num(u.upper, 2, lang),
                );
                if en {
                    format!("; unweighted {v}, {lvl} CI {lo} to {hi}")
                } else {
                    format!("; sin ponderar {v}, IC {lvl} {lo} a {hi}")
                }
            });
            if en {
                format!(
                    "weighted Cronbach's α = {} (no interval{unweighted}), ",
                    num(a, 2, lang)
                )
            } else {
                format!(
                    "α de Cronbach ponderado = {} (sin intervalo{unweighted}), ",
                    num(a, 2, lang)
                )
            }
        });
        let mean = r.weighted_mean.as_ref().map_or(String::new(), |m| {
            let sd = r.sd.map_or(String::new(), |sd| {
                if en {
                    format!("; SD {}", num(sd, 2, lang))
                } else {
                    format!("; DE {}", num(sd, 2, lang))
                }
            });
            let (est, lo, hi) = (num(m.estimate, 2, lang), num(m.lower, 2, lang), num(m.upper, 2, lang));
            if en {
                format!("weighted scale mean {est} ({lvl} CI {lo} to {hi}{sd}), effective n = {}, design effect {}, ", num(m.n_eff, 0, lang), num(m.deff_kish, 2, lang))
            } else {
                format!("media ponderada de la escala {est} (IC {lvl} {lo} a {hi}{sd}), n efectivo = {}, efecto de diseño {}, ", num(m.n_eff, 0, lang), num(m.deff_kish, 2, lang))
            }
        });
        if en {
            format!(
                "{head}{k} items; {alpha}{mean}n = {} complete answers.",
                r.n_used
            )
        } else {
            format!(
                "{head}{k} ítems; {alpha}{mean}n = {} respuestas completas.",
                r.n_used
            )
        }
    })
}
