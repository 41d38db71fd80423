//! Numeric items (hours, age, a count) as the page's report gives them: mean, sd, R's median
//! and quartiles, min, max, the t interval and the page's sentence — per wave, with the page's
//! Mann–Whitney comparison of the first and the last wave, when the survey has waves.
//!
//! The median needs the answers, not moments, so the state is a count per distinct cell text
//! (`wl_texts`, [`crate::texts`], in the one aggregation of every counted item, merged across
//! files and partitions like any count: memory per distinct answer, not per respondent); the page's importer decodes each distinct text once
//! ([`crate::categories::Decoder::values`]: non-answer codes, the item's range and the number
//! format are the page's), and the page's `describe::numeric` and `waves::compare_one` finish
//! the answers, in ascending order as the page sorts them.

use crate::categories::{Counted, Decoder};
use crate::finish::pick;
use crate::report::{GroupOut, ItemOut, Plan, PlannedItem};
use crate::udaf::LEVEL;
use crate::waves::{PlannedWaves, WaveOut};
use std::collections::HashMap;
use waterline::survey::instrument::Item;
use waterline::survey::report::{describe, waves, ReportOptions};
use waterline::text::Lang;

/// The answers of the counted rows in one group (and wave: `None` for every row), ascending.
fn answers(
    rows: &Counted,
    values: &[f64],
    group: &Option<String>,
    slot: Option<usize>,
) -> Vec<f64> {
    let mut out = Vec::new();
    for ((g, w, _, n), v) in rows.iter().zip(values) {
        if g != group || (slot.is_some() && *w != slot) || v.is_nan() {
            continue;
        }
        out.extend(std::iter::repeat_n(*v, *n as usize));
    }
    out.sort_by(f64::total_cmp);
    out
}

/// A numeric item's result from its answers, finished by the page's code.
pub fn item_out(
    item: &Item,
    present: Vec<f64>,
    rows: u64,
    wave: Option<&str>,
    lang: Lang,
) -> ItemOut {
    let mut r = describe::empty(item);
    r.wave = wave.map(str::to_string);
    r.n_used = present.len() as u64;
    describe::numeric(&mut r, present, LEVEL);
    describe::finish(item, &mut r, rows, LEVEL);
    ItemOut {
        item: item.id.clone(),
        text: item.text.get(lang).to_string(),
        kind: item.kind,
        wave: r.wave.clone(),
        n_used: r.n_used,
        distribution: Vec::new(),
        top_box: None,
        mean: r.mean,
        sd: r.sd,
        median: r.median,
        mean_lower: r.mean_lower,
        mean_upper: r.mean_upper,
        sentence: Some(pick(&r.sentence, lang)),
        weighted: None,
    }
}

fn compare(item: &Item, a: &[f64], b: &[f64], w: &PlannedWaves, lang: Lang) -> WaveOut {
    let n = (a.len() as u64, b.len() as u64);
    let r = waves::compare_one(
        item,
        &w.waves,
        n,
        None,
        Some((a, b)),
        &ReportOptions::default(),
    );
    WaveOut::from_page(r, lang)
}

/// Adds every numeric item of the plan to each group of the report (`by`: the grouping
/// column), per wave with the wave comparison when the survey has waves.
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
    let numeric: Vec<&PlannedItem> = plan.items.iter().filter(|p| p.scale.is_none()).collect();
    let waves = plan.waves.as_ref();
    for p in numeric {
        let Some(rows) = counted.get(&p.column) else {
            continue;
        };
        let values = decode(decoder, &p.item, &p.column, rows)?;
        for g in groups.iter_mut() {
            let group = if by.is_some() { g.group.clone() } else { None };
            let Some(w) = waves else {
                let all = answers(rows, &values, &group, None);
                g.items.push(item_out(&p.item, all, g.rows, None, lang));
                continue;
            };
            let per_wave: Vec<Vec<f64>> = (0..w.waves.order.len())
                .map(|k| answers(rows, &values, &group, Some(k)))
                .collect();
            for (k, (a, label)) in per_wave.iter().zip(&w.waves.order).enumerate() {
                let rows = g.wave_rows.get(k).copied().unwrap_or(0);
                g.items
                    .push(item_out(&p.item, a.clone(), rows, Some(label), lang));
            }
            if let (Some(a), Some(b), true) =
                (per_wave.first(), per_wave.last(), per_wave.len() > 1)
            {
                g.waves.push(compare(&p.item, a, b, w, lang));
            }
        }
    }
    crate::waves::sort(plan, groups);
    Ok(())
}

/// The page's value of each counted row's text.
fn decode(
    decoder: &Decoder,
    item: &Item,
    column: &str,
    rows: &Counted,
) -> Result<Vec<f64>, String> {
    let texts: Vec<&str> = rows.iter().map(|(_, _, t, _)| t.as_str()).collect();
    decoder.row_values(item, column, &texts)
}
