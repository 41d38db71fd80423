//! Multi-select items in one column under `--weight`, as the page's `report::weighted::item`:
//! per choice the weighted share of the respondents who answered, with Wilson on their Kish
//! n_eff, most chosen (weighted) first; counts unweighted.
//!
//! One aggregation per item, by (`--by` group, cell text): `wl_weights` of the rows with that
//! text ([`crate::weighted_numbers::texts`]). The page's importer decodes each distinct text
//! once into its choices ([`crate::categories::Decoder::choices`]); the rows of one text add
//! the sums of each choice's constant indicator, finished by the page's
//! `weighted::choices_from_sums`.

use crate::report::{GroupOut, Plan};
use crate::udaf::LEVEL;
use crate::weighted_numbers::constant;
use datafusion::prelude::DataFrame;
use waterline::stats::summary::{Merge, WeightedSums};
use waterline::survey::report::{describe, weighted};
use waterline::text::Lang;

/// Adds every multi-select item of the plan, weighted, to each group (`by`: the grouping
/// column).
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
    for c in &plan.choices {
        let key = waves.map(|w| &w.key);
        let cells = crate::weighted_numbers::texts(df, &c.column, (weight, by), key).await?;
        let cells: Vec<_> = cells
            .into_iter()
            .filter(|x| !x.2.trim().is_empty())
            .collect();
        let texts: Vec<String> = cells.iter().map(|x| x.2.clone()).collect();
        // Per choice, its value for each text (NaN: not answered).
        let choices = crate::choice_columns::decode(decoder, c, &texts)?;
        let slots: Vec<(Option<usize>, Option<&String>)> = match waves {
            None => vec![(None, None)],
            Some(w) => w
                .waves
                .order
                .iter()
                .enumerate()
                .map(|(k, l)| (Some(k), Some(l)))
                .collect(),
        };
        for g in groups.iter_mut() {
            for (slot, label) in &slots {
                let mine = |group: &Option<String>, s: &Option<usize>| {
                    (by.is_none() || *group == g.group) && s == slot
                };
                let rows = match slot {
                    Some(k) => g.wave_rows.get(*k).copied().unwrap_or(0),
                    None => g.rows,
                };
                let wave = label.map(String::as_str);
                let r = result(&c.item, (&cells, &choices), mine, (rows, wave))?;
                g.items
                    .push(crate::weighted_report::item_out(&c.item, &r, lang));
            }
        }
    }
    Ok(())
}

/// One multi-select item's weighted result over the texts `mine` accepts (by group and wave
/// slot): `rows` the rows considered, `wave` the wave's label.
fn result(
    item: &waterline::survey::instrument::Item,
    (cells, choices): (&crate::weighted_numbers::Texts, &[Vec<f64>]),
    mine: impl Fn(&Option<String>, &Option<usize>) -> bool,
    (rows, wave): (u64, Option<&str>),
) -> Result<waterline::survey::report::ItemResult, String> {
    let k = item.choices.len();
    let (mut answered, mut counts) = (0, vec![0; k]);
    let mut kish = WeightedSums::new();
    let mut chosen = vec![WeightedSums::new(); k];
    for (t, (group, slot, _, w)) in cells.iter().enumerate() {
        let value = |c: usize| choices.get(c).and_then(|v| v.get(t)).copied();
        if !mine(group, slot) || value(0).is_none_or(f64::is_nan) {
            continue;
        }
        answered += w.sums.n;
        kish.merge(&constant(0.0, &w.sums)).map_err(|e| e.message)?;
        for (ci, (x, s)) in counts.iter_mut().zip(chosen.iter_mut()).enumerate() {
            let one = value(ci) == Some(1.0);
            *x += if one { w.sums.n } else { 0 };
            s.merge(&constant(f64::from(u8::from(one)), &w.sums))
                .map_err(|e| e.message)?;
        }
    }
    let mut r = crate::choices::result(item, (answered, counts), rows, wave);
    r.weighted = true;
    if let Some((n_eff, deff)) = kish.kish() {
        r.n_eff = Some(n_eff);
        r.deff_kish = Some(deff);
    }
    let chosen: Vec<Option<WeightedSums>> = chosen.into_iter().map(Some).collect();
    weighted::choices_from_sums(item, &mut r, &chosen, LEVEL);
    r.reference = waterline::stats::weighted::WILSON_KISH_REF;
    r.sentence = describe::sentence(item, &r, LEVEL);
    let deff = r.weighted_estimate.as_ref().and_then(|m| m.deff);
    weighted::suffix(&mut r.sentence, r.n_eff, r.deff_kish.or(deff));
    Ok(r)
}
