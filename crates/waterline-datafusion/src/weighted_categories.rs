//! Category items, and Likert, yes/no and change items written as labels, under `--weight`,
//! as the page's `report::weighted::item` gives them: each category's weighted share with
//! Wilson on the Kish n_eff of the respondents, the weighted top box and mean where the page
//! has them; counts unweighted.
//!
//! One aggregation per item, by (`--by` group, cell text): `wl_weights` of the rows with that
//! text ([`crate::weighted_numbers::texts`]). The page's importer decodes each distinct text
//! once into its point ([`crate::categories::resolve`], which also finds a detected item's
//! categories among the group's answers, as the unweighted report does); the rows of one text
//! add the sums of constant indicators and values ([`crate::weighted_numbers::constant`]) to
//! the item's [`WeightedCounts`], finished as a point item read by code
//! ([`crate::weighted_report::item_result`]).

use crate::categories::{resolve, Counted};
use crate::report::{GroupOut, Plan};
use crate::weighted::WeightedCounts;
use crate::weighted_numbers::constant;
use crate::weighted_report::{item_out, item_result};
use datafusion::prelude::DataFrame;
use waterline::stats::summary::Merge;
use waterline::survey::instrument::ItemType;
use waterline::survey::report::describe::top_values;
use waterline::text::Lang;

/// Adds every category (and label-written) item of the plan, weighted, to each group (`by`:
/// the grouping column). An item whose categories cannot be found is left out, as unweighted.
///
/// # Errors
/// DataFusion's and the decoder's, as text.
pub async fn add(
    df: &DataFrame,
    plan: &Plan,
    (weight, by): (&str, Option<&str>),
    groups: &mut [GroupOut],
    lang: Lang,
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    let waves = plan.waves.as_ref();
    for c in &plan.categories {
        let key = waves.map(|w| &w.key);
        let cells = crate::weighted_numbers::texts(df, &c.column, (weight, by), key).await?;
        for g in groups.iter_mut() {
            let mine: Vec<_> = (cells.iter())
                .filter(|x| by.is_none() || x.0 == g.group)
                .collect();
            // The group's rows of every wave: the page finds a detected item's categories
            // among them.
            let rows: Counted = (mine.iter())
                .map(|(group, slot, text, w)| (group.clone(), *slot, text.clone(), w.sums.n))
                .collect();
            let seen = crate::duplicates::seen(plan, &c.column, by.map(|_| &g.group));
            let first = plan.first(&c.column, by.map(|b| (b, g.group.as_deref())));
            let Some(((item, points), _)) = resolve(decoder, c, &rows, seen.as_ref(), &first)?
            else {
                continue;
            };
            let values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
            let top = top_values(&item);
            let state_of = |slot: Option<usize>| -> Result<WeightedCounts, String> {
                let one = |b: bool| f64::from(u8::from(b));
                let mut state = WeightedCounts::new(values.len());
                for ((_, s, _, w), p) in mine.iter().zip(&points) {
                    let (Some(p), Some(v)) = (*p, p.and_then(|p| values.get(p))) else {
                        continue;
                    };
                    if *s != slot {
                        continue;
                    }
                    state.counts[p] += w.sums.n;
                    for (k, x) in state.points.iter_mut().enumerate() {
                        x.merge(&constant(one(k == p), &w.sums))
                            .map_err(|e| e.message)?;
                    }
                    let top = constant(one(top.contains(v)), &w.sums);
                    let value = constant(*v, &w.sums);
                    state.values.merge(&value).map_err(|e| e.message)?;
                    state.top.merge(&top).map_err(|e| e.message)?;
                }
                Ok(state)
            };
            let Some(w) = waves else {
                let state = state_of(None)?;
                let r = item_result(&item, &values, &state, (g.rows, None));
                g.items.push(item_out(&item, &r, lang));
                continue;
            };
            let per_wave = (0..w.waves.order.len())
                .map(|k| state_of(Some(k)))
                .collect::<Result<Vec<_>, String>>()?;
            for (k, (state, label)) in per_wave.iter().zip(&w.waves.order).enumerate() {
                let rows = g.wave_rows.get(k).copied().unwrap_or(0);
                let r = item_result(&item, &values, state, (rows, Some(label)));
                g.items.push(item_out(&item, &r, lang));
            }
            // The page weights the comparison of an item with a top box (label-written
            // scales); a category item's stays unweighted (withheld).
            let share = !top.is_empty() && item.kind != ItemType::Category;
            if let (Some(a), Some(b), true) = (per_wave.first(), per_wave.last(), share) {
                for x in g.waves.iter_mut().filter(|x| x.item == item.id) {
                    crate::weighted_waves::weigh(x, (&a.top, &b.top), true);
                }
            }
        }
    }
    Ok(())
}
