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
use datafusion::prelude::DataFrame;
use waterline::stats::summary::Merge;
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
    if plan.waves.is_some() {
        return Ok(()); // withheld ([`crate::weighted_report::withhold`])
    }
    for c in &plan.categories {
        let cells = crate::weighted_numbers::texts(df, &c.column, (weight, by), None).await?;
        for g in groups.iter_mut() {
            let mine: Vec<_> = (cells.iter())
                .filter(|x| by.is_none() || x.0 == g.group)
                .collect();
            let rows: Counted = (mine.iter())
                .map(|(group, _, text, w)| (group.clone(), None, text.clone(), w.sums.n))
                .collect();
            let Some((item, points)) = resolve(decoder, c, &rows)? else {
                continue;
            };
            let values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
            let top = top_values(&item);
            let one = |b: bool| f64::from(u8::from(b));
            let mut state = WeightedCounts::new(values.len());
            for ((_, _, _, w), p) in mine.iter().zip(&points) {
                let (Some(p), Some(v)) = (*p, p.and_then(|p| values.get(p))) else {
                    continue;
                };
                state.counts[p] += w.sums.n;
                for (k, s) in state.points.iter_mut().enumerate() {
                    s.merge(&constant(one(k == p), &w.sums))
                        .map_err(|e| e.message)?;
                }
                state
                    .values
                    .merge(&constant(*v, &w.sums))
                    .map_err(|e| e.message)?;
                state
                    .top
                    .merge(&constant(one(top.contains(v)), &w.sums))
                    .map_err(|e| e.message)?;
            }
            let r = crate::weighted_report::item_result(&item, &values, &state, (g.rows, None));
            g.items
                .push(crate::weighted_report::item_out(&item, &r, lang));
        }
    }
    Ok(())
}
