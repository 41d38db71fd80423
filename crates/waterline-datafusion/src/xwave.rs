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
//! rows and each pair's cell text — in DataFusion, the two sides joined by (group, id) with a
//! full outer hash join (repartitioned by the join key, as Ballista shuffles it between
//! stages), and the joined ids counted per group and kind with `wl_texts(before, after)` per
//! pair: what leaves DataFusion is a count per distinct pair of texts, decoded once each by the
//! page's importer and finished by the page's `shift::from_matched`. All pairs with the same
//! first and last wave share one join: two scans of the files. Memory is the join's and the
//! two aggregations': an entry per respondent id of each wave (the id, its group and one cell
//! text per pair), spread over the partitions.
//!
//! The pairs are the page's panel rule on the first file's head, or over every file when the
//! head holds one wave only ([`replan`]).
//!
//! DataFusion keeps no row order across partitions, so "the last first-wave row of an id" is
//! not defined here: when an id (with a group, under `--by`) is on more than one row of the
//! first or the last wave, the pair is withheld (`skipped`: `repeated_id`) rather than given a
//! number that may differ from the page's (whose duplicate-id policy also drops such rows by
//! default). An item decoded per wave (`wave_scales`) is withheld too (`skipped`: `pair`).

use crate::categories::Decoder;
use crate::pairs::PlannedNumericPair;
use crate::report::{column, GroupOut, Plan};
use crate::texts::SEP;
use crate::waves::PlannedWaves;
use datafusion::arrow::array::{Array, BooleanArray, Int64Array, RecordBatch, StringArray};
use datafusion::common::{JoinType, ScalarValue};
use datafusion::functions::core::expr_fn::coalesce;
use datafusion::functions_aggregate::expr_fn::{count, max, sum};
use datafusion::logical_expr::{lit, AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use std::collections::HashMap;
use std::collections::HashSet;
use waterline::survey::detect;
use waterline::survey::instrument::{Design, Instrument, ItemType, Pair};
use waterline::survey::report::{shift, Exclusion, ReportOptions, ShiftResult};
use waterline::survey::table::read_bytes;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;

/// The characters the page's importer trims from a cell (`<[u8]>::trim_ascii`).
pub(crate) const TRIMMED: &str = " \t\n\r\x0C";

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

/// One row of the joined count: the ids of one group and kind, with their pairs of texts.
#[derive(Debug, Default)]
struct Joined {
    group: Option<String>,
    no_id: bool,
    only_first: bool,
    only_last: bool,
    /// Ids (joined rows) of this group and kind.
    ids: u64,
    /// File rows of the first and the last wave behind them.
    rows: (u64, u64),
    /// Most rows one id has in the first and the last wave.
    most: (u64, u64),
    /// Per pair: ids per distinct "before␟after" text (`wl_texts`).
    texts: Vec<HashMap<String, u64>>,
}

/// The wave index of a pair's `from_wave`/`to_wave` (the page's rule: an unknown wave is the
/// first, resp. the last).
fn wave_index(w: &PlannedWaves, name: &Option<String>, default: usize) -> i64 {
    let order = &w.waves.order;
    name.as_ref()
        .and_then(|v| order.iter().position(|o| o == v))
        .unwrap_or(default) as i64
}

/// The first and the last wave of a pair (indices in the waves' order).
fn waves_of(w: &PlannedWaves, p: &PlannedNumericPair) -> (i64, i64) {
    let last = w.waves.order.len().saturating_sub(1);
    (
        wave_index(w, &p.pair.from_wave, 0),
        wave_index(w, &p.pair.to_wave, last),
    )
}

/// One wave's rows by (group, id): rows, and each column's text (the only one when rows = 1)
/// as `{s}{k}`.
fn side(
    df: &DataFrame,
    wave: (&Expr, i64),
    keys: &[Expr; 4],
    columns: &[&str],
    s: &str,
) -> Result<DataFrame, String> {
    let names = ["g", "gn", "id", "idn"];
    let group: Vec<Expr> = keys
        .iter()
        .zip(names)
        .map(|(e, n)| e.clone().alias(format!("{n}{s}")))
        .collect();
    let mut aggregates = vec![count(lit(1)).alias(format!("n{s}"))];
    for (k, c) in columns.iter().enumerate() {
        aggregates.push(max(column(c)).alias(format!("{s}{k}")));
    }
    df.clone()
        .filter(wave.0.clone().eq(lit(wave.1)))
        .and_then(|d| d.aggregate(group, aggregates))
        .map_err(|e| e.to_string())
}

/// The joined count of pairs with the same first and last wave, as a DataFusion plan: each
/// wave's rows aggregated by (group, id), the two sides fully joined by (group, id), the
/// joined ids counted per group and kind (no id, first wave only, last wave only, matched),
/// with per pair `wl_texts(before, after)` as `p{k}`. `id` is the respondent id column
/// (`None`: every row is id-less), `by` the grouping column. Two scans of the files.
///
/// # Errors
/// DataFusion's, as text.
pub fn frame(
    df: &DataFrame,
    pairs: &[&PlannedNumericPair],
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
    let (from, to) = pairs.first().map_or((0, 0), |p| waves_of(w, p));
    let before: Vec<&str> = pairs.iter().map(|p| p.before_column.as_str()).collect();
    let after: Vec<&str> = pairs.iter().map(|p| p.after_column.as_str()).collect();
    let first = side(df, (&w.key, from), &keys, &before, "b")?;
    let second = side(df, (&w.key, to), &keys, &after, "a")?;
    let on = |s: &str| ["g", "gn", "id", "idn"].map(|n| format!("{n}{s}"));
    let (l, r) = (on("b"), on("a"));
    let l: Vec<&str> = l.iter().map(String::as_str).collect();
    let r: Vec<&str> = r.iter().map(String::as_str).collect();
    let both = |a: &str, b: &str| coalesce(vec![column(a), column(b)]);
    let texts = AggregateUDF::from(crate::texts::WlTexts::default());
    let mut aggregates = vec![
        count(lit(1)).alias("ids"),
        sum(column("nb")).alias("rows0"),
        sum(column("na")).alias("rows1"),
        max(column("nb")).alias("most0"),
        max(column("na")).alias("most1"),
    ];
    for k in 0..pairs.len() {
        let args = vec![column(&format!("b{k}")), column(&format!("a{k}"))];
        aggregates.push(texts.call(args).alias(format!("p{k}")));
    }
    first
        .join(second, JoinType::Full, &l, &r, None)
        .and_then(|j| {
            j.aggregate(
                vec![
                    both("gb", "ga").alias("g"),
                    both("gnb", "gna").alias("gn"),
                    both("idnb", "idna").alias("idn"),
                    column("na").is_null().alias("only_first"),
                    column("nb").is_null().alias("only_last"),
                ],
                aggregates,
            )
        })
        .map_err(|e| e.to_string())
}

fn read(b: &RecordBatch, pairs: usize, grouped: bool) -> Vec<Joined> {
    let text = |n: &str| {
        let a = b.column_by_name(n)?;
        a.as_any().downcast_ref::<StringArray>().cloned()
    };
    let flag = |n: &str| {
        let a = b.column_by_name(n)?;
        a.as_any().downcast_ref::<BooleanArray>().cloned()
    };
    let int = |n: &str| {
        let a = b.column_by_name(n)?;
        a.as_any().downcast_ref::<Int64Array>().cloned()
    };
    let g = text("g");
    let [gn, idn, of, ol] = ["gn", "idn", "only_first", "only_last"].map(flag);
    let ints = ["ids", "rows0", "rows1", "most0", "most1"].map(int);
    let f = |a: &Option<BooleanArray>, r: usize| {
        a.as_ref().is_some_and(|a| !a.is_null(r) && a.value(r))
    };
    let n = |k: usize, r: usize| {
        ints[k]
            .as_ref()
            .and_then(|a| (!a.is_null(r)).then(|| a.value(r).max(0) as u64))
            .unwrap_or(0)
    };
    let named: Vec<_> = (0..pairs)
        .map(|k| b.column_by_name(&format!("p{k}")))
        .collect();
    (0..b.num_rows())
        .map(|r| Joined {
            group: g
                .as_ref()
                .filter(|g| grouped && !f(&gn, r) && !g.is_null(r))
                .map(|g| g.value(r).to_string()),
            no_id: f(&idn, r),
            only_first: f(&of, r),
            only_last: f(&ol, r),
            ids: n(0, r),
            rows: (n(1, r), n(2, r)),
            most: (n(3, r), n(4, r)),
            texts: named
                .iter()
                .map(|c| {
                    c.map(|c| crate::texts::read(c.as_ref(), r))
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect()
}

/// One pair's matched texts: (group, before, after, ids), in text order.
type Matched = Vec<(Option<String>, String, String, u64)>;

/// Each matched entry's decoded before and after value (`NaN`: missing).
type Values = (Vec<f64>, Vec<f64>);

/// The page's shift of one group (`values`: each matched entry's decoded before and after).
fn shift_of(
    p: &PlannedNumericPair,
    rows: &[Joined],
    (matched, values): (&Matched, &Values),
    group: &Option<String>,
) -> Option<ShiftResult> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    // The page's order: before missing, after missing, unmatched, no id.
    let mut ex = [0u64; 4];
    for j in rows.iter().filter(|j| &j.group == group) {
        if j.no_id {
            ex[3] += j.rows.0 + j.rows.1;
        } else if j.only_first || j.only_last {
            ex[2] += j.ids;
        }
    }
    for ((g, _, _, n), (x, y)) in matched.iter().zip(values.0.iter().zip(&values.1)) {
        if g != group {
            continue;
        }
        if x.is_nan() {
            ex[0] += n;
        } else if y.is_nan() {
            ex[1] += n;
        } else {
            before.extend(std::iter::repeat_n(*x, *n as usize));
            after.extend(std::iter::repeat_n(*y, *n as usize));
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

/// Pair `k`'s matched texts (in text order, so that the result does not depend on the
/// partitions) and their decoded before and after values (`NaN`: missing).
fn decode(
    decoder: &Decoder,
    p: &PlannedNumericPair,
    k: usize,
    rows: &[Joined],
) -> Result<(Matched, Values), String> {
    let mut matched: Matched = Vec::new();
    for j in rows
        .iter()
        .filter(|j| !(j.no_id || j.only_first || j.only_last))
    {
        for (t, n) in j.texts.get(k).into_iter().flatten() {
            let (b, a) = t.split_once(SEP).unwrap_or((t.as_str(), ""));
            matched.push((j.group.clone(), b.to_string(), a.to_string(), *n));
        }
    }
    matched.sort();
    let b: Vec<&str> = matched.iter().map(|m| m.1.as_str()).collect();
    let a: Vec<&str> = matched.iter().map(|m| m.2.as_str()).collect();
    let values = (
        decoder.row_values(&p.before, &p.before_column, &b)?,
        decoder.row_values(&p.after, &p.after_column, &a)?,
    );
    Ok((matched, values))
}

/// The respondent id column's header, when the mapping has one.
pub fn id_column(survey: &Survey) -> Option<String> {
    let key = survey.mapping().respondent_id.as_deref()?;
    let c = survey.table().columns.iter();
    c.clone()
        .find(|c| c.key == key || c.header == key)
        .map(|c| c.header.clone())
}

/// The page's panel rule over every file, when the first file's head could not apply it (a
/// file per wave: the head has one wave): with waves, a respondent id and no pre/post pair yet,
/// and at least two ids in both the first and the last wave over all files (a join by id,
/// stopped at two), the page's `detect::waves::panel_pairs` adds its pairs to the survey — run
/// on a table of those ids in both waves — and the plan is made again. Two more scans of the
/// files, only in that case.
///
/// # Errors
/// DataFusion's and the mapping's, as text.
pub async fn replan(df: &DataFrame, survey: &mut Survey, plan: &mut Plan) -> Result<(), String> {
    let Some(w) = plan.waves.clone() else {
        return Ok(());
    };
    let ins = &survey.mapping().instrument;
    let (Some(id), Some(first), Some(last)) = (
        id_column(survey),
        w.waves.order.first(),
        w.waves.order.last(),
    ) else {
        return Ok(());
    };
    if first == last || ins.pairs.iter().any(|p| p.design == Design::PrePost) {
        return Ok(());
    }
    let both = recurring(df, &w, &id).await?;
    if both.len() < 2 {
        return Ok(());
    }
    let headers: Vec<&str> = (survey.table().columns.iter())
        .map(|c| c.header.as_str())
        .collect();
    let at = |h: &str| headers.iter().position(|x| *x == h);
    let (Some(i), Some(v)) = (at(&id), at(&w.column)) else {
        return Ok(());
    };
    let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let mut csv = headers
        .iter()
        .map(|h| quoted(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for (id, wave) in both.iter().flat_map(|x| [(x, first), (x, last)]) {
        let mut row = vec![String::new(); headers.len()];
        (row[i], row[v]) = (quoted(id), quoted(wave));
        csv += &(row.join(",") + "\n");
    }
    let table = read_bytes(csv.as_bytes(), &ReadOptions::default()).map_err(|e| e.message)?;
    let mut m = survey.mapping().clone();
    let mut ids: HashSet<String> = (m.instrument.items.iter().map(|x| x.id.clone()))
        .chain(m.instrument.pairs.iter().map(|x| x.id.clone()))
        .chain(m.instrument.scales.iter().map(|x| x.id.clone()))
        .collect();
    let head_waves = m.instrument.waves.replace(w.waves.clone());
    let key = m.respondent_id.clone();
    detect::waves::panel_pairs(&table, &mut m.instrument, key.as_deref(), &mut ids);
    m.instrument.waves = head_waves;
    survey.set_mapping(m).map_err(|e| e.message)?;
    *plan = crate::report::plan_survey_with(survey, &plan.labelled);
    plan.waves = Some(w);
    Ok(())
}

/// Up to two respondent ids (trimmed) that are in both the first and the last wave.
async fn recurring(df: &DataFrame, w: &PlannedWaves, id: &str) -> Result<Vec<String>, String> {
    let trimmed = datafusion::functions::string::btrim().call(vec![column(id), lit(TRIMMED)]);
    let id = datafusion::functions::core::nullif().call(vec![trimmed, lit("")]);
    let last = w.waves.order.len().saturating_sub(1) as i64;
    let side = |k: i64, name: &str| {
        df.clone()
            .filter(w.key.clone().eq(lit(k)).and(id.clone().is_not_null()))
            .and_then(|d| d.aggregate(vec![id.clone().alias(name)], vec![]))
    };
    let batches = side(0, "a")
        .and_then(|a| a.join(side(last, "b")?, JoinType::Inner, &["a"], &["b"], None))
        .and_then(|j| j.select(vec![column("a")]))
        .and_then(|j| j.limit(0, Some(2)))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for b in &batches {
        if let Some(a) = b.column(0).as_any().downcast_ref::<StringArray>() {
            out.extend(
                (0..a.len())
                    .filter(|r| !a.is_null(*r))
                    .map(|r| a.value(r).to_string()),
            );
        }
    }
    Ok(out)
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
    // One join per (first, last) wave couple, for all its pairs.
    let mut couples: Vec<(i64, i64)> = plan.xwave.iter().map(|p| waves_of(w, p)).collect();
    couples.sort();
    couples.dedup();
    for couple in couples {
        let pairs: Vec<&PlannedNumericPair> =
            (plan.xwave.iter().filter(|p| waves_of(w, p) == couple)).collect();
        let batches = frame(df, &pairs, w, id.as_deref(), by)?
            .collect()
            .await
            .map_err(|e| e.to_string())?;
        let rows: Vec<Joined> = (batches.iter())
            .flat_map(|b| read(b, pairs.len(), by.is_some()))
            .collect();
        if rows
            .iter()
            .any(|j| !j.no_id && (j.most.0 > 1 || j.most.1 > 1))
        {
            skipped.extend(pairs.iter().map(|p| (p.pair.id.clone(), "repeated_id")));
            continue;
        }
        for (k, p) in pairs.iter().enumerate() {
            let (matched, values) = decode(decoder, p, k, &rows)?;
            for g in groups.iter_mut() {
                let group = if by.is_some() { g.group.clone() } else { None };
                if let Some(r) = shift_of(p, &rows, (&matched, &values), &group) {
                    g.shifts.push(crate::pairs::out(r, lang));
                }
            }
        }
    }
    let order = |id: &str| plan.pair_order.iter().position(|x| x == id);
    for g in groups.iter_mut() {
        g.shifts.sort_by_key(|s| order(&s.pair));
    }
    Ok(())
}
