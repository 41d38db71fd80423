//! Pre/post pairs matched across waves by respondent id (a survey with a wave column and an id
//! that recurs across its first and last wave): the page's shift — moved up / same / down, the
//! means, McNemar, the signed-rank test or the paired t, its exclusions and its sentence.
//!
//! The page pairs each row of the pair's last wave with the *last* row of its first wave that
//! has the same id (file order), and counts as excluded: the first-wave rows without a
//! (matching) last-wave row and the last-wave rows without a first-wave row (`unmatched`), the
//! rows of either wave without an id (`noId`), then, among the matched ones, a missing before
//! (`beforeMissing`) or after (`afterMissing`) answer.
//!
//! That is a join, not a merge of summaries. Each wave's rows are aggregated by (group, id) —
//! rows and the cell's text — in DataFusion, the two sides joined by (group, id) with a full
//! outer hash join (repartitioned by the join key, as Ballista shuffles it between stages), and
//! the joined rows counted per distinct (before text, after text): what leaves DataFusion is a
//! count per distinct pair of texts, decoded once each by the page's importer and finished by
//! the page's `shift::from_matched`. Memory is the join's: a hash-table entry per respondent id
//! of each wave (the id, its group and one cell text), spread over the partitions.
//!
//! DataFusion keeps no row order across partitions, so "the last first-wave row of an id" is
//! not defined here: when an id (with a group, under `--by`) is on more than one row of the
//! first or the last wave, the pair is withheld (`skipped`: `repeated_id`) rather than given a
//! number that may differ from the page's (whose duplicate-id policy also drops such rows by
//! default). An item decoded per wave (`wave_scales`) is withheld too (`skipped`: `pair`).

use crate::categories::Decoder;
use crate::pairs::PlannedNumericPair;
use crate::report::{column, GroupOut, Plan};
use crate::waves::PlannedWaves;
use datafusion::arrow::array::{Array, BooleanArray, Int64Array, RecordBatch, StringArray};
use datafusion::common::{JoinType, ScalarValue};
use datafusion::functions::core::expr_fn::coalesce;
use datafusion::functions_aggregate::expr_fn::{count, max, sum};
use datafusion::logical_expr::{lit, Expr};
use datafusion::prelude::DataFrame;
use waterline::survey::instrument::{Instrument, ItemType, Pair};
use waterline::survey::report::{shift, Exclusion, ReportOptions, ShiftResult};
use waterline::survey::Survey;
use waterline::text::Lang;

/// The characters the page's importer trims from a cell (`<[u8]>::trim_ascii`).
const TRIMMED: &str = " \t\n\r\x0C";

/// Plans a pre/post pair of a survey with waves: its items and columns (point items read by
/// code or label, numeric items); `skipped` (`pair`) when one item is not in the plan or is
/// decoded per wave (the page's report has the pair: it is not left out silently).
pub fn plan_pair(plan: &mut Plan, p: &Pair) {
    let find = |id: &str| {
        let planned = plan.items.iter().find(|i| i.item.id == id);
        let labels = plan
            .categories
            .iter()
            .find(|c| c.item.id == id && c.item.kind != ItemType::Category);
        planned
            .map(|i| (i.item.clone(), i.column.clone()))
            .or_else(|| labels.map(|c| (c.item.clone(), c.column.clone())))
            .filter(|(i, _)| i.wave_scales.is_empty())
    };
    let (Some(b), Some(a)) = (find(&p.before), find(&p.after)) else {
        plan.skipped.push((p.id.clone(), "pair"));
        return;
    };
    plan.xwave.push(PlannedNumericPair {
        pair: p.clone(),
        before: b.0,
        after: a.0,
        before_column: b.1,
        after_column: a.1,
    });
}

/// One row of the joined count: a distinct (group, id kind, before text, after text).
#[derive(Debug, Default)]
struct Joined {
    group: Option<String>,
    no_id: bool,
    only_first: bool,
    only_last: bool,
    before: Option<String>,
    after: Option<String>,
    /// Ids (joined rows) with these keys.
    ids: u64,
    /// File rows of the first and the last wave behind them.
    rows: (u64, u64),
    /// Most rows one id has in the first and the last wave.
    most: (u64, u64),
}

/// The wave index of a pair's `from_wave`/`to_wave` (the page's rule: an unknown wave is the
/// first, resp. the last).
fn wave_index(w: &PlannedWaves, name: &Option<String>, default: usize) -> i64 {
    let order = &w.waves.order;
    name.as_ref()
        .and_then(|v| order.iter().position(|o| o == v))
        .unwrap_or(default) as i64
}

/// One wave's rows by (group, id): rows and the cell's text (the only one when rows = 1).
fn side(
    df: &DataFrame,
    key: (&Expr, i64),
    keys: &[Expr; 4],
    text: &str,
    s: &str,
) -> Result<DataFrame, String> {
    let names = ["g", "gn", "id", "idn"];
    let group: Vec<Expr> = keys
        .iter()
        .zip(names)
        .map(|(e, n)| e.clone().alias(format!("{n}{s}")))
        .collect();
    df.clone()
        .filter(key.0.clone().eq(lit(key.1)))
        .and_then(|d| {
            d.aggregate(
                group,
                vec![
                    count(lit(1)).alias(format!("n{s}")),
                    max(column(text)).alias(format!("t{s}")),
                ],
            )
        })
        .map_err(|e| e.to_string())
}

/// The joined count of one pair as a DataFusion plan: each wave's rows aggregated by (group,
/// id), the two sides fully joined by (group, id), the joined ids counted per group, kind
/// (no id, first wave only, last wave only, matched) and distinct (before, after) text; `id`
/// is the respondent id column (`None`: every row is id-less), `by` the grouping column.
///
/// # Errors
/// DataFusion's, as text.
pub fn frame(
    df: &DataFrame,
    p: &PlannedNumericPair,
    w: &PlannedWaves,
    id: Option<&str>,
    by: Option<&str>,
) -> Result<DataFrame, String> {
    let id = match id {
        Some(c) => {
            let trimmed =
                datafusion::functions::string::btrim().call(vec![column(c), lit(TRIMMED)]);
            datafusion::functions::core::nullif().call(vec![trimmed, lit("")])
        }
        None => lit(ScalarValue::Utf8(None)),
    };
    let group = by.map_or(lit(ScalarValue::Utf8(None)), column);
    let keys = [
        coalesce(vec![group.clone(), lit("")]),
        group.is_null(),
        coalesce(vec![id.clone(), lit("")]),
        id.is_null(),
    ];
    let last = w.waves.order.len().saturating_sub(1);
    let from = (&w.key, wave_index(w, &p.pair.from_wave, 0));
    let to = (&w.key, wave_index(w, &p.pair.to_wave, last));
    let first = side(df, from, &keys, &p.before_column, "0")?;
    let second = side(df, to, &keys, &p.after_column, "1")?;
    let on = |s: &str| ["g", "gn", "id", "idn"].map(|n| format!("{n}{s}"));
    let (l, r) = (on("0"), on("1"));
    let l: Vec<&str> = l.iter().map(String::as_str).collect();
    let r: Vec<&str> = r.iter().map(String::as_str).collect();
    let both = |a: &str, b: &str| coalesce(vec![column(a), column(b)]);
    first
        .join(second, JoinType::Full, &l, &r, None)
        .and_then(|j| {
            j.aggregate(
                vec![
                    both("g0", "g1").alias("g"),
                    both("gn0", "gn1").alias("gn"),
                    both("idn0", "idn1").alias("idn"),
                    column("n1").is_null().alias("only_first"),
                    column("n0").is_null().alias("only_last"),
                    column("t0"),
                    column("t1"),
                ],
                vec![
                    count(lit(1)).alias("ids"),
                    sum(column("n0")).alias("rows0"),
                    sum(column("n1")).alias("rows1"),
                    max(column("n0")).alias("most0"),
                    max(column("n1")).alias("most1"),
                ],
            )
        })
        .map_err(|e| e.to_string())
}

/// The joined count of one pair, read back ([`frame`]).
async fn joined(
    df: &DataFrame,
    p: &PlannedNumericPair,
    w: &PlannedWaves,
    id: Option<&str>,
    by: Option<&str>,
) -> Result<Vec<Joined>, String> {
    let batches = frame(df, p, w, id, by)?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(batches.iter().flat_map(|b| read(b, by.is_some())).collect())
}

fn read(b: &RecordBatch, grouped: bool) -> Vec<Joined> {
    let text = |n: &str| {
        b.column_by_name(n)?
            .as_any()
            .downcast_ref::<StringArray>()
            .cloned()
    };
    let flag = |n: &str| {
        b.column_by_name(n)?
            .as_any()
            .downcast_ref::<BooleanArray>()
            .cloned()
    };
    let int = |n: &str| {
        b.column_by_name(n)?
            .as_any()
            .downcast_ref::<Int64Array>()
            .cloned()
    };
    let (g, gn, idn, of, ol, t0, t1) = (
        text("g"),
        flag("gn"),
        flag("idn"),
        flag("only_first"),
        flag("only_last"),
        text("t0"),
        text("t1"),
    );
    let ints = ["ids", "rows0", "rows1", "most0", "most1"].map(int);
    let s = |a: &Option<StringArray>, r: usize| {
        a.as_ref()
            .and_then(|a| (!a.is_null(r)).then(|| a.value(r).to_string()))
    };
    let f = |a: &Option<BooleanArray>, r: usize| {
        a.as_ref().is_some_and(|a| !a.is_null(r) && a.value(r))
    };
    let n = |k: usize, r: usize| {
        ints[k]
            .as_ref()
            .and_then(|a| (!a.is_null(r)).then(|| a.value(r).max(0) as u64))
            .unwrap_or(0)
    };
    (0..b.num_rows())
        .map(|r| Joined {
            group: (grouped && !f(&gn, r)).then(|| s(&g, r)).flatten(),
            no_id: f(&idn, r),
            only_first: f(&of, r),
            only_last: f(&ol, r),
            before: s(&t0, r),
            after: s(&t1, r),
            ids: n(0, r),
            rows: (n(1, r), n(2, r)),
            most: (n(3, r), n(4, r)),
        })
        .collect()
}

/// The page's shift of one group's joined rows (`values`: each row's decoded before and after).
fn shift_of(
    p: &PlannedNumericPair,
    rows: &[Joined],
    values: &(Vec<f64>, Vec<f64>),
    group: &Option<String>,
) -> Option<ShiftResult> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    // The page's order: before missing, after missing, unmatched, no id.
    let mut ex = [0u64; 4];
    for (j, (x, y)) in rows.iter().zip(values.0.iter().zip(&values.1)) {
        if &j.group != group {
            continue;
        }
        if j.no_id {
            ex[3] += j.rows.0 + j.rows.1;
        } else if j.only_first || j.only_last {
            ex[2] += j.ids;
        } else if x.is_nan() {
            ex[0] += j.ids;
        } else if y.is_nan() {
            ex[1] += j.ids;
        } else {
            before.extend(std::iter::repeat_n(*x, j.ids as usize));
            after.extend(std::iter::repeat_n(*y, j.ids as usize));
        }
    }
    let reasons = ["beforeMissing", "afterMissing", "unmatched", "noId"];
    let excluded = reasons
        .into_iter()
        .zip(ex)
        .filter(|(_, c)| *c > 0)
        .map(|(reason, count)| Exclusion { reason, count })
        .collect();
    let ins = Instrument {
        items: vec![p.before.clone(), p.after.clone()],
        ..Instrument::default()
    };
    let o = ReportOptions::default();
    shift::from_matched(&ins, &p.pair, &before, &after, excluded, &o)
}

/// The decoded before and after value of every joined row (`NaN`: missing or not matched).
fn decode(
    decoder: &Decoder,
    p: &PlannedNumericPair,
    rows: &[Joined],
) -> Result<(Vec<f64>, Vec<f64>), String> {
    fn text(t: &Option<String>) -> &str {
        t.as_deref().unwrap_or("")
    }
    let b: Vec<&str> = rows.iter().map(|j| text(&j.before)).collect();
    let a: Vec<&str> = rows.iter().map(|j| text(&j.after)).collect();
    Ok((
        decoder.row_values(&p.before, &p.before_column, &b)?,
        decoder.row_values(&p.after, &p.after_column, &a)?,
    ))
}

/// The respondent id column's header, when the mapping has one.
pub fn id_column(survey: &Survey) -> Option<String> {
    let key = survey.mapping().respondent_id.as_deref()?;
    let c = survey.table().columns.iter();
    c.clone()
        .find(|c| c.key == key || c.header == key)
        .map(|c| c.header.clone())
}

/// Adds every pre/post pair matched across waves to each group's shifts (`by`: the grouping
/// column), in the instrument's pair order; a pair withheld goes to `skipped`.
///
/// # Errors
/// DataFusion's and the decoder's, as text.
pub async fn add(
    df: &DataFrame,
    plan: &Plan,
    survey: &Survey,
    by: Option<&str>,
    groups: &mut [GroupOut],
    context: (Lang, &mut Vec<(String, &'static str)>),
) -> Result<(), String> {
    let (lang, skipped) = context;
    let (Some(w), Some(decoder)) = (&plan.waves, &plan.decoder) else {
        skipped.extend(plan.xwave.iter().map(|p| (p.pair.id.clone(), "pair")));
        return Ok(());
    };
    let id = id_column(survey);
    for p in &plan.xwave {
        let rows = joined(df, p, w, id.as_deref(), by).await?;
        if rows
            .iter()
            .any(|j| !j.no_id && (j.most.0 > 1 || j.most.1 > 1))
        {
            skipped.push((p.pair.id.clone(), "repeated_id"));
            continue;
        }
        let values = decode(decoder, p, &rows)?;
        for g in groups.iter_mut() {
            let group = if by.is_some() { g.group.clone() } else { None };
            if let Some(r) = shift_of(p, &rows, &values, &group) {
                g.shifts.push(crate::pairs::out(r, lang));
            }
        }
    }
    let order = |id: &str| plan.pair_order.iter().position(|x| x == id);
    for g in groups.iter_mut() {
        g.shifts.sort_by_key(|s| order(&s.pair));
    }
    Ok(())
}
