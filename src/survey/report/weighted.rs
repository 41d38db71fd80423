//! The report under survey weights (#19): when the mapping declares a weight column or raking,
//! item descriptives and same-row paired shifts are re-estimated with the weights
//! ([`crate::stats::weighted`]); every result says whether it is weighted.
//!
//! What changes for an item: each share of the distribution and the top box become weighted
//! shares with a Wilson interval on the Kish effective size of the item's respondents; the mean
//! becomes the weighted mean (numeric items: with its linearised normal interval) and the SD
//! R's `svyvar`. The median and quartiles are withheld (`null`): a weighted quantile is another
//! estimator, not computed here. Counts (`count`, `n`, `nUsed`) stay UNWEIGHTED, and so does
//! every small-cell rule: a cell is suppressed for the respondents in it, not their weight.
//!
//! Wave comparisons, subgroup tables and scales are weighted in [`super::weighted_sections`].
//! Not weighted (flag `weighted: false`, with a note): pre/post pairs matched across waves by
//! respondent id, and the category questions' wave comparisons and subgroup tables (χ² only).

use super::describe::{top_values, ItemResult, PointIndex};
use super::sentence::{num, Sentence};
use super::shift::ShiftResult;
use crate::note::{Note, NoteCode};
use crate::stats::method::Method;
use crate::stats::summary::WeightedSums;
use crate::stats::weighted::{ShareInterval, WeightedMean, SVYMEAN_REF, WILSON_KISH_REF};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Design, Instrument, Item, ItemType, Lang};

/// The weighted sums of `(value, weight)` pairs (weights are checked on import: an error
/// here leaves the estimate out, as the value functions' errors did).
fn sums(pairs: impl Iterator<Item = (f64, f64)>) -> Option<WeightedSums> {
    let mut s = WeightedSums::new();
    for (y, w) in pairs {
        s.observe(y, w).ok()?;
    }
    Some(s)
}

/// The weighted share of `hit` among `(value, weight)` pairs.
fn share(pairs: &[(f64, f64)], level: f64, hit: impl Fn(f64) -> bool) -> Option<WeightedMean> {
    sums(
        pairs
            .iter()
            .map(|(v, w)| (f64::from(u8::from(hit(*v))), *w)),
    )?
    .share(level, ShareInterval::WilsonKish)
    .ok()
}

/// Re-estimates one item's result `r` with the weights (no-op when unweighted).
pub(super) fn item(
    item: &Item,
    k: usize,
    data: &Dataset,
    rows: Option<&[u32]>,
    level: f64,
    r: &mut ItemResult,
) {
    if data.weights.is_empty() {
        return;
    }
    r.weighted = true;
    let all: Vec<usize> = match rows {
        Some(rs) => rs.iter().map(|&x| x as usize).collect(),
        None => (0..data.rows).collect(),
    };
    let weight = |row: usize| data.weights.get(row).copied().unwrap_or(0.0);
    if item.kind == ItemType::MultiSelect {
        let choices = data.choices.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let first = choices.first().map(Vec::as_slice).unwrap_or(&[]);
        let answered: Vec<usize> = all
            .into_iter()
            .filter(|&row| first.get(row).is_some_and(|v| !v.is_nan()))
            .collect();
        kish(r, answered.iter().map(|&row| weight(row)));
        let chosen: Vec<Option<WeightedSums>> = (0..item.choices.len())
            .map(|c| {
                let col = choices.get(c).map(Vec::as_slice).unwrap_or(&[]);
                let one = |row: usize| col.get(row).copied().unwrap_or(0.0) == 1.0;
                sums((answered.iter()).map(|&row| (f64::from(u8::from(one(row))), weight(row))))
            })
            .collect();
        choices_from_sums(item, r, &chosen, level);
    } else {
        let values = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
        let pairs: Vec<(f64, f64)> = all
            .into_iter()
            .filter_map(|row| Some((values.get(row).copied()?, weight(row))))
            .filter(|(v, _)| !v.is_nan())
            .collect();
        kish(r, pairs.iter().map(|(_, w)| *w));
        if item.kind == ItemType::Numeric {
            // Withheld unweighted (a suspected missing-value code) stays withheld.
            if item.declared() {
                numeric(r, &pairs, level);
            }
        } else {
            points(item, r, &pairs, level);
        }
    }
    r.reference = if item.kind == ItemType::Numeric {
        SVYMEAN_REF
    } else {
        WILSON_KISH_REF
    };
}

/// A multi-select item's weighted shares from the weighted sums of each choice's indicator
/// over the respondents who answered (`chosen`, in the item's choice order), most chosen
/// first (public for engines that merge the sums per piece, #22).
pub fn choices_from_sums(
    item: &Item,
    r: &mut ItemResult,
    chosen: &[Option<WeightedSums>],
    level: f64,
) {
    for s in &mut r.distribution {
        let Some(c) = item.choices.iter().position(|c| c.id == s.key) else {
            continue;
        };
        let m = (chosen.get(c).and_then(Option::as_ref))
            .and_then(|x| x.share(level, ShareInterval::WilsonKish).ok());
        set_share(s, m);
    }
    crate::sort::sort_by(&mut r.distribution, |a, b| {
        b.share.total_cmp(&a.share).then(b.count.cmp(&a.count))
    });
}

/// Kish n_eff and deff of the respondents' weights.
fn kish(r: &mut ItemResult, weights: impl Iterator<Item = f64>) {
    if let Some((n_eff, deff)) = sums(weights.map(|w| (0.0, w))).and_then(|s| s.kish()) {
        r.n_eff = Some(n_eff);
        r.deff_kish = Some(deff);
    }
}

fn set_share(s: &mut super::describe::Share, m: Option<WeightedMean>) {
    if let Some(m) = m {
        s.share = m.estimate;
        s.lower = m.lower;
        s.upper = m.upper;
    }
}

fn numeric(r: &mut ItemResult, pairs: &[(f64, f64)], level: f64) {
    let huge = pairs
        .iter()
        .any(|(v, _)| v.abs() > crate::stats::limits::MAX_MAGNITUDE);
    let s = if huge {
        None
    } else {
        sums(pairs.iter().copied())
    };
    numeric_from_sums(r, s.as_ref(), level);
}

/// A numeric item's weighted figures from the weighted sums of its answers (`None`: an answer
/// beyond the magnitude bound, or sums that could not be formed — no figures): the weighted
/// mean with its linearised normal interval and `svyvar`'s SD; the median and quartiles
/// withheld (public for engines that merge the sums per piece, #22).
pub fn numeric_from_sums(r: &mut ItemResult, s: Option<&WeightedSums>, level: f64) {
    r.median = None;
    r.q1 = None;
    r.q3 = None;
    r.mean = None;
    r.sd = None;
    r.mean_lower = None;
    r.mean_upper = None;
    let Some(s) = s else {
        return;
    };
    if let Ok(m) = s.mean(level) {
        r.mean = Some(m.estimate);
        r.sd = s.sd();
        r.mean_lower = Some(m.lower);
        r.mean_upper = Some(m.upper);
        r.method = Method::Normal;
        r.weighted_estimate = Some(m);
    }
}

fn points(item: &Item, r: &mut ItemResult, pairs: &[(f64, f64)], level: f64) {
    let index = PointIndex::new(item);
    for (p, s) in item.points.iter().zip(r.distribution.iter_mut()) {
        let k = item.points.iter().position(|q| q.value == p.value);
        set_share(s, share(pairs, level, |v| index.get(v) == k));
    }
    if r.mean.is_some() {
        if let Some(s) = sums(pairs.iter().copied()) {
            if let Ok(m) = s.mean(level) {
                r.mean = Some(m.estimate);
                r.sd = s.sd();
            }
        }
        r.median = None;
    }
    if let Some(t) = r.top_box.as_mut() {
        let top = top_values(item);
        if let Some(m) = share(pairs, level, |v| top.contains(&v)) {
            t.interval.estimate = m.estimate;
            t.interval.lower = m.lower;
            t.interval.upper = m.upper;
            r.weighted_estimate = Some(m);
        }
    }
}

/// The sentence's weighted suffix: "Weighted: effective n = 31, design effect 1.30."
pub fn suffix(sentence: &mut Sentence, n_eff: Option<f64>, deff: Option<f64>) {
    let (Some(n_eff), Some(deff)) = (n_eff, deff) else {
        return;
    };
    sentence.en = format!(
        "{} Weighted: effective n = {}, design effect {}.",
        sentence.en,
        num(n_eff, 0, Lang::En),
        num(deff, 2, Lang::En)
    );
    sentence.es = format!(
        "{} Ponderado: n efectivo = {}, efecto de diseño {}.",
        sentence.es,
        num(n_eff, 0, Lang::Es),
        num(deff, 2, Lang::Es)
    );
}

/// Adds the weighted shift to a same-row pair's result: the weighted mean of after − before
/// (top-box indicators for yes/no, Likert and change items; the values for numeric items).
/// Pairs matched across waves stay unweighted, with a note.
pub(super) fn shift(ins: &Instrument, data: &Dataset, r: &mut ShiftResult, level: f64) {
    if data.weights.is_empty() || !r.notices.is_empty() || r.n_used == 0 {
        return;
    }
    let across_waves = r.design == Design::PrePost && ins.waves.is_some() && !data.wave.is_empty();
    if across_waves {
        r.warnings
            .push(Note::info(NoteCode::WeightsUnweightedMatched));
        return;
    }
    let index = |id: &str| ins.items.iter().position(|i| i.id == id);
    let (Some(b), Some(a)) = (index(&r.before), index(&r.after)) else {
        return;
    };
    let Some(item) = ins.items.get(b) else {
        return;
    };
    let vb = data.values.get(b).map(Vec::as_slice).unwrap_or(&[]);
    let va = data.values.get(a).map(Vec::as_slice).unwrap_or(&[]);
    let top = top_values(item);
    let map = |v: f64| {
        if item.kind == ItemType::Numeric {
            v
        } else {
            f64::from(u8::from(top.contains(&v)))
        }
    };
    // The weighted mean of after − before (R svymean(~I(after - before), design)), as
    // weighted_shift, through the mergeable sums.
    let mut d = WeightedSums::new();
    for row in 0..data.rows {
        let (x, y) = (vb.get(row).copied(), va.get(row).copied());
        if let (Some(x), Some(y)) = (x, y) {
            if !x.is_nan() && !y.is_nan() {
                let w = data.weights.get(row).copied().unwrap_or(0.0);
                if d.observe(map(y) - map(x), w).is_err() {
                    return;
                }
            }
        }
    }
    if let Ok(m) = d.mean(level) {
        r.weighted = true;
        r.weighted_shift = Some(m);
    }
}

/// Report-level notes for the sections left unweighted.
pub(super) fn unweighted_sections(
    data: &Dataset,
    waves: bool,
    subgroups: bool,
    scales: bool,
) -> Vec<Note> {
    if data.weights.is_empty() {
        return Vec::new();
    }
    [
        (waves, NoteCode::WeightsUnweightedWaves),
        (subgroups, NoteCode::WeightsUnweightedSubgroups),
        (scales, NoteCode::WeightsUnweightedScales),
    ]
    .into_iter()
    .filter(|(present, _)| *present)
    .map(|(_, code)| Note::info(code))
    .collect()
}

/// The shift sentence's weighted suffix: "Weighted change: +12.3 points (95% CI …), design
/// effect 1.20." (points of percentage for shares; units of the item for numeric items).
pub fn shift_suffix(r: &mut ShiftResult, level: f64) {
    let Some(m) = &r.weighted_shift else {
        return;
    };
    let scale = if r.kind == ItemType::Numeric {
        1.0
    } else {
        100.0
    };
    let f = |v: f64, lang| {
        let s = num(v * scale, 1, lang);
        if v > 0.0 {
            format!("+{s}")
        } else {
            s
        }
    };
    let lvl = |lang| super::sentence::level_text(level, lang);
    let deff = m.deff.unwrap_or(m.deff_kish);
    let (unit_en, unit_es) = if r.kind == ItemType::Numeric {
        ("", "")
    } else {
        (" points", " puntos")
    };
    r.sentence.en = format!(
        "{} Weighted change: {}{unit_en} ({} CI {} to {}), effective n = {}, design effect {}.",
        r.sentence.en,
        f(m.estimate, Lang::En),
        lvl(Lang::En),
        f(m.lower, Lang::En),
        f(m.upper, Lang::En),
        num(m.n_eff, 0, Lang::En),
        num(deff, 2, Lang::En)
    );
    r.sentence.es = format!(
        "{} Cambio ponderado: {}{unit_es} (IC {} {} a {}), n efectivo = {}, efecto de diseño {}.",
        r.sentence.es,
        f(m.estimate, Lang::Es),
        lvl(Lang::Es),
        f(m.lower, Lang::Es),
        f(m.upper, Lang::Es),
        num(m.n_eff, 0, Lang::Es),
        num(deff, 2, Lang::Es)
    );
}
