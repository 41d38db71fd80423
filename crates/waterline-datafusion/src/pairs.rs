//! Same-row pairs counted by text — numeric items (hours before and now) and label-written
//! scales (no codes: "Agree" in the cells) — the page's paired shift: moved up, same, down, the
//! means and the paired t with d_z (numbers) or McNemar / signed-rank (points), from the matched
//! answers.
//!
//! The paired t needs the pairs, so the state is a count per distinct (before, after) pair of
//! cell texts (`wl_texts(before, after)`, [`crate::texts`], in the one aggregation of the
//! counted items: memory per distinct pair, not per respondent); the page's importer decodes
//! each distinct text once, and the page's `shift::from_matched` finishes the matched answers
//! (its exclusions counted as the page counts them: before missing, then after missing). The
//! pairs come in the order of their distinct texts, not of the rows, so the t statistic and its
//! p-value agree with the page's to floating-point rounding (~1e-15 relative), not bit for bit;
//! counts, shares and exclusions are exact.

use crate::categories::Counted;
use crate::finish::share;
use crate::report::{GroupOut, Plan, ShiftOut};
use crate::texts::SEP;
use std::collections::HashMap;
use waterline::survey::instrument::{Instrument, Item, Pair};
use waterline::survey::report::{shift, Exclusion, ReportOptions, Share, ShiftResult};
use waterline::text::Lang;

/// A same-row pair counted by text (numeric or label-written items) and its items' columns.
#[derive(Debug, Clone)]
pub struct PlannedNumericPair {
    pub pair: Pair,
    pub before: Item,
    pub after: Item,
    pub before_column: String,
    pub after_column: String,
}

impl PlannedNumericPair {
    /// The name of its `wl_texts(before, after)` column in the counted aggregation.
    pub fn key(&self) -> String {
        format!("{}{SEP}{}", self.before_column, self.after_column)
    }
}

/// The page's shift of one group's rows.
fn shift_of(
    p: &PlannedNumericPair,
    rows: &Counted,
    values: &(Vec<f64>, Vec<f64>),
    group: &Option<String>,
) -> Option<ShiftResult> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let (mut before_missing, mut after_missing) = (0, 0);
    for ((g, _, _, n), (x, y)) in rows.iter().zip(values.0.iter().zip(&values.1)) {
        if g != group {
            continue;
        }
        if x.is_nan() {
            before_missing += n;
        } else if y.is_nan() {
            after_missing += n;
        } else {
            before.extend(std::iter::repeat_n(*x, *n as usize));
            after.extend(std::iter::repeat_n(*y, *n as usize));
        }
    }
    let excluded = [
        ("beforeMissing", before_missing),
        ("afterMissing", after_missing),
    ]
    .into_iter()
    .filter(|(_, c)| *c > 0)
    .map(|(reason, count)| Exclusion { reason, count })
    .collect();
    let ins = Instrument {
        items: vec![p.before.clone(), p.after.clone()],
        ..Instrument::default()
    };
    shift::from_matched(
        &ins,
        &p.pair,
        &before,
        &after,
        excluded,
        &ReportOptions::default(),
    )
}

/// The page's shift `r` as the CLI prints it (also the pairs matched across waves,
/// [`crate::xwave`]).
pub(crate) fn out(r: ShiftResult, lang: Lang) -> ShiftOut {
    // The labels of the CLI's other shifts ([`crate::finish::shift_out`]).
    let s = |x: &Option<Share>| {
        let x = x.as_ref()?;
        let (en, es) = match x.key.as_str() {
            "improved" => ("moved up", "subió"),
            "same" => ("stayed the same", "igual"),
            _ => ("moved down", "bajó"),
        };
        let label = if lang == Lang::Es { es } else { en };
        share(x.key.clone(), label.to_string(), x.count, x.n)
    };
    let t = r.test.as_ref();
    ShiftOut {
        pair: r.pair.clone(),
        text: r.text.get(lang).to_string(),
        before: r.before.clone(),
        after: r.after.clone(),
        n_used: r.n_used,
        improved: s(&r.improved),
        same: s(&r.same),
        worse: s(&r.worse),
        mean_before: r.mean_before,
        mean_after: r.mean_after,
        method: t.map(|t| t.method.as_str().to_string()),
        statistic: t.map(|t| t.statistic),
        p_value: t.map(|t| t.p_value),
        p_adjusted: None,
        sentence: None,
        weighted_change: None,
        excluded: Some(r.excluded.clone()),
        page: Some(r),
    }
}

/// Adds every same-row pair counted by text to each group's shifts (`by`: the grouping
/// column), in the instrument's pair order.
///
/// # Errors
/// The decoder's, as text.
pub fn add(
    counted: &HashMap<String, Counted>,
    plan: &Plan,
    by: Option<&str>,
    groups: &mut [GroupOut],
    lang: Lang,
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    for p in &plan.numeric_pairs {
        let Some(rows) = counted.get(&p.key()) else {
            continue;
        };
        let split: Vec<(&str, &str)> = rows
            .iter()
            .map(|(_, _, t, _)| t.split_once(SEP).unwrap_or((t.as_str(), "")))
            .collect();
        let a: Vec<&str> = split.iter().map(|s| s.0).collect();
        let b: Vec<&str> = split.iter().map(|s| s.1).collect();
        let values = (
            decoder.row_values(&p.before, &p.before_column, &a)?,
            decoder.row_values(&p.after, &p.after_column, &b)?,
        );
        for g in groups.iter_mut() {
            let group = if by.is_some() { g.group.clone() } else { None };
            if let Some(r) = shift_of(p, rows, &values, &group) {
                g.shifts.push(out(r, lang));
            }
        }
    }
    let order = |id: &str| plan.pair_order.iter().position(|x| x == id);
    for g in groups.iter_mut() {
        g.shifts.sort_by_key(|s| order(&s.pair));
    }
    Ok(())
}
