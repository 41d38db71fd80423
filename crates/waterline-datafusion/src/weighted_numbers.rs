//! Numeric items under `--weight`, as the page's `report::weighted::item` gives them: the
//! weighted mean with its linearised normal interval and `svyvar`'s SD, the Kish n_eff of the
//! respondents, the median and quartiles withheld (min, max and counts unweighted).
//!
//! One aggregation per numeric item, by (`--by` group, cell text): `wl_weights` of the rows
//! with that text, i.e. n, n⁺, Σw and Σw². The page's importer decodes each distinct text once
//! ([`crate::categories::Decoder`]), and the sums of the rows with one answer y are those of
//! the constant y (Σwy = yΣw, Σw²y = yΣw², no spread within), merged over the answers in text
//! order by the core's pairwise update; the page's `weighted::numeric_from_sums` finishes them.

use crate::report::{column, GroupOut, Plan, PlannedItem};
use crate::udaf::LEVEL;
use crate::weighted::{WKind, WeightCheck, WlWeighted};
use crate::weighted_report::decode;
use datafusion::arrow::array::{Array, Int64Array, RecordBatch, StringArray};
use datafusion::logical_expr::{AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use waterline::stats::summary::{Merge, WeightedSums};
use waterline::survey::instrument::Item;
use waterline::survey::report::{describe, weighted};
use waterline::text::Lang;

fn text_at(b: &RecordBatch, name: &str, row: usize) -> Option<String> {
    let a = b.column_by_name(name)?;
    let a = a.as_any().downcast_ref::<StringArray>()?;
    (!a.is_null(row)).then(|| a.value(row).to_string())
}

/// The weighted sums of `n` rows answering `y`, whose weights' sums are `w` (each weight
/// observed with the value 0).
pub fn constant(y: f64, w: &WeightedSums) -> WeightedSums {
    WeightedSums {
        n: w.n,
        positive: w.positive,
        missing: 0,
        non_binary: if y == 0.0 || y == 1.0 { 0 } else { w.n },
        sw: w.sw,
        sw2: w.sw2,
        swy: y * w.sw,
        sw2y: y * w.sw2,
        wss: 0.0,
        w2ss: 0.0,
    }
}

/// A numeric item's weighted result from its answers `(value, weight sums)` (text order), as
/// the page's `describe_all` + `report::weighted::item`: `rows` is the group's row count.
pub fn result(
    item: &Item,
    answers: &[(f64, WeightedSums)],
    rows: u64,
    wave: Option<&str>,
) -> waterline::survey::report::ItemResult {
    let mut present: Vec<f64> = Vec::new();
    let mut sums = WeightedSums::new();
    for (y, w) in answers {
        present.extend(std::iter::repeat_n(*y, w.n as usize));
        let _ = sums.merge(&constant(*y, w));
    }
    present.sort_by(f64::total_cmp);
    let huge = present
        .iter()
        .any(|v| v.abs() > waterline::stats::limits::MAX_MAGNITUDE);
    let mut r = describe::empty(item);
    r.wave = wave.map(str::to_string);
    r.n_used = present.len() as u64;
    describe::numeric(&mut r, present, LEVEL);
    describe::finish(item, &mut r, rows, LEVEL);
    r.weighted = true;
    if let Some((n_eff, deff)) = sums.kish() {
        r.n_eff = Some(n_eff);
        r.deff_kish = Some(deff);
    }
    weighted::numeric_from_sums(&mut r, (!huge).then_some(&sums), LEVEL);
    r.reference = waterline::stats::weighted::SVYMEAN_REF;
    r.sentence = describe::sentence(item, &r, LEVEL);
    let deff = r.weighted_estimate.as_ref().and_then(|m| m.deff);
    weighted::suffix(&mut r.sentence, r.n_eff, r.deff_kish.or(deff));
    r
}

/// Rows of one (group, wave slot, cell text) and their weights' check.
pub type Texts = Vec<(Option<String>, Option<usize>, String, WeightCheck)>;

/// Per (`--by` group, wave slot of `wave`'s key, distinct cell text of `col`; a null cell as
/// `""`): `wl_weights` of its rows, sorted by group, wave and text. Several columns joined by
/// [`crate::texts::SEP`] (a multi-select item with a column per choice) give their texts
/// joined the same way, as `wl_texts` writes them.
///
/// # Errors
/// DataFusion's, as text.
pub async fn texts(
    df: &DataFrame,
    col: &str,
    (weight, by): (&str, Option<&str>),
    wave: Option<&Expr>,
) -> Result<Texts, String> {
    let check = AggregateUDF::from(WlWeighted::new(WKind::Weights));
    let mut keys: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    keys.extend(wave.map(|k| k.clone().alias("wave")));
    let cols: Vec<&str> = col.split(crate::texts::SEP).collect();
    keys.extend((cols.iter().enumerate()).map(|(k, c)| column(c).alias(format!("text{k}"))));
    let batches = df
        .clone()
        .aggregate(keys, vec![check.call(vec![column(weight)]).alias("w")])
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut cells: Texts = Vec::new();
    for b in &batches {
        let slot = b.column_by_name("wave");
        let slot = slot.and_then(|a| a.as_any().downcast_ref::<Int64Array>());
        for row in 0..b.num_rows() {
            let group = by.and_then(|_| text_at(b, "group", row));
            let slot = slot.and_then(|a| (!a.is_null(row)).then(|| a.value(row) as usize));
            if wave.is_some() && slot.is_none() {
                continue; // no wave: in no wave's items (its weights are checked apart)
            }
            let text = (0..cols.len())
                .map(|k| text_at(b, &format!("text{k}"), row).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(&crate::texts::SEP.to_string());
            if let Some(c) = decode::<WeightCheck>(b, "w", row) {
                cells.push((group, slot, text, c));
            }
        }
    }
    cells.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    Ok(cells)
}

/// Adds every numeric item of the plan, weighted, to each group (`by`: the grouping column).
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
    let numeric: Vec<&PlannedItem> = plan.items.iter().filter(|p| p.scale.is_none()).collect();
    let waves = plan.waves.as_ref();
    for p in numeric {
        let cells = texts(df, &p.column, (weight, by), waves.map(|w| &w.key)).await?;
        let texts: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        let values = decoder.row_values(&p.item, &p.column, &texts)?;
        for g in groups.iter_mut() {
            let answers = |slot: Option<usize>| -> Vec<(f64, WeightedSums)> {
                (cells.iter().zip(&values))
                    .filter(|((group, s, _, _), y)| *group == g.group && *s == slot && !y.is_nan())
                    .map(|((_, _, _, c), y)| (*y, c.sums.clone()))
                    .collect()
            };
            let Some(w) = waves else {
                let r = result(&p.item, &answers(None), g.rows, None);
                g.items
                    .push(crate::weighted_report::item_out(&p.item, &r, lang));
                continue;
            };
            let per_wave: Vec<Vec<(f64, WeightedSums)>> =
                (0..w.waves.order.len()).map(|k| answers(Some(k))).collect();
            for (k, (a, label)) in per_wave.iter().zip(&w.waves.order).enumerate() {
                let rows = g.wave_rows.get(k).copied().unwrap_or(0);
                let r = result(&p.item, a, rows, Some(label));
                g.items
                    .push(crate::weighted_report::item_out(&p.item, &r, lang));
            }
            let sums = |a: &[(f64, WeightedSums)]| {
                let mut s = WeightedSums::new();
                for (y, w) in a {
                    let _ = s.merge(&constant(*y, w));
                }
                s
            };
            if let (Some(a), Some(b)) = (per_wave.first(), per_wave.last()) {
                let (a, b) = (sums(a), sums(b));
                for x in g.waves.iter_mut().filter(|x| x.item == p.item.id) {
                    crate::weighted_waves::weigh(x, (&a, &b), false);
                }
            }
        }
    }
    Ok(())
}
