//! Multi-select items ("check all that apply") in one column, as the page's report gives them:
//! per choice, the share of the respondents who answered the question, most chosen first, with
//! the page's sentence — per wave when the survey has waves.
//!
//! `wl_texts` ([`crate::texts`]) gives the rows of each distinct cell text; the page's
//! importer decodes each distinct text once into its choices
//! ([`crate::categories::Decoder::choices`]: labels, aliases, separators, non-answers), and the
//! counts — respondents who answered, and per choice how many of them chose it — are finished
//! as the page's report finishes them (`Share::new` per choice, most chosen first, then
//! `describe::finish` for the sizes, notes and sentence). Multi-select items with one column per
//! choice (SurveyMonkey) are planned and decoded by [`crate::choice_columns`], then finished
//! here.

use crate::categories::{Counted, PlannedCategory};
use crate::finish::result_out;
use crate::report::{GroupOut, Plan};
use crate::udaf::LEVEL;
use std::collections::HashMap;
use waterline::survey::instrument::{Item, ItemType};
use waterline::survey::report::{describe, Share};
use waterline::survey::Survey;
use waterline::text::Lang;

/// The survey's multi-select items whose choices share one column in the files, then those with
/// a column per choice ([`crate::choice_columns`]).
pub fn plan_choices(survey: &Survey) -> Vec<PlannedCategory> {
    let mut out = crate::categories::plan_items(survey, |i| {
        i.kind == ItemType::MultiSelect && !i.choices.is_empty()
    });
    out.extend(crate::choice_columns::plan(survey));
    out
}

/// Respondents who answered, and per choice how many of them chose it, over the counted rows of
/// one group (and wave slot: `None` for every row).
fn tally(
    rows: &Counted,
    choices: &[Vec<f64>],
    at: &[Option<usize>],
    group: &Option<String>,
    slot: Option<usize>,
) -> (u64, Vec<u64>) {
    let mut answered = 0;
    let mut chosen = vec![0; choices.len()];
    for ((g, w, _, n), k) in rows.iter().zip(at) {
        let Some(k) = *k else { continue };
        if g != group || (slot.is_some() && *w != slot) {
            continue;
        }
        if choices
            .first()
            .and_then(|c| c.get(k))
            .is_some_and(|v| !v.is_nan())
        {
            answered += n;
            for (c, x) in choices.iter().zip(chosen.iter_mut()) {
                if c.get(k) == Some(&1.0) {
                    *x += n;
                }
            }
        }
    }
    (answered, chosen)
}

/// The page's result of a multi-select item from its counts.
fn item_out(
    item: &Item,
    counts: (u64, Vec<u64>),
    rows: u64,
    wave: Option<&str>,
    lang: Lang,
) -> crate::report::ItemOut {
    result_out(item, &result(item, counts, rows, wave), lang)
}

/// The page's result of a multi-select item from its counts (respondents who answered, per
/// choice how many chose it), before the report's language.
pub(crate) fn result(
    item: &Item,
    (answered, chosen): (u64, Vec<u64>),
    rows: u64,
    wave: Option<&str>,
) -> waterline::survey::report::ItemResult {
    let mut r = describe::empty(item);
    r.wave = wave.map(str::to_string);
    r.n_used = answered;
    r.distribution = item
        .choices
        .iter()
        .zip(&chosen)
        .filter_map(|(c, k)| Share::new(c.id.clone(), c.label.clone(), *k, answered, LEVEL))
        .collect();
    r.distribution.sort_by_key(|s| std::cmp::Reverse(s.count));
    describe::finish(item, &mut r, rows, LEVEL);
    r
}

/// Adds every multi-select item to each group of the report (`by`: the grouping column), per
/// wave when the survey has waves.
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
    let waves = plan.waves.as_ref();
    for c in &plan.choices {
        let Some(rows) = counted.get(&c.column) else {
            continue;
        };
        let mut texts: Vec<String> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let at: Vec<Option<usize>> = rows
            .iter()
            .map(|(_, _, t, _)| {
                (!t.trim().is_empty()).then(|| {
                    *index.entry(t.as_str()).or_insert_with(|| {
                        texts.push(t.clone());
                        texts.len() - 1
                    })
                })
            })
            .collect();
        let choices = crate::choice_columns::decode(decoder, c, &texts)?;
        for g in groups.iter_mut() {
            let group = if by.is_some() { g.group.clone() } else { None };
            match waves {
                None => {
                    let t = tally(rows, &choices, &at, &group, None);
                    g.items.push(item_out(&c.item, t, g.rows, None, lang));
                }
                Some(w) => {
                    for (k, label) in w.waves.order.iter().enumerate() {
                        let t = tally(rows, &choices, &at, &group, Some(k));
                        let n = g.wave_rows.get(k).copied().unwrap_or(0);
                        g.items.push(item_out(&c.item, t, n, Some(label), lang));
                    }
                }
            }
        }
    }
    crate::waves::sort(plan, groups);
    Ok(())
}
