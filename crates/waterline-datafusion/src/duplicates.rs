//! Repeated respondent ids: the page's duplicate-id policy (`DuplicatePolicy`) over every file.
//!
//! The page (`waterline::survey::duplicates`) calls the rows of one respondent id within one
//! wave its copies — the id trimmed as its importer trims a cell (a blank id never repeats),
//! the wave as the page folds its text (rows of no known wave together) — and analyses only the
//! rows its policy keeps: `keep_last` (its default), `keep_first`, `keep_all` or `drop_all`.
//!
//! When the mapping has a respondent id column, one more aggregation finds the repeated keys:
//! the rows grouped by (trimmed id, wave) — an entry per distinct id and wave, spread over the
//! partitions — those on more than one row counted in a final one-row aggregate (keys, their
//! rows, the smallest id as an example). Then:
//!
//! - no repeated id: nothing changes (every policy of the page keeps every row);
//! - `keep_last` or `keep_first`: "the last (first) row" is file order, which DataFusion does
//!   not keep across files and partitions, so the report is **withheld** with a coded error
//!   ([`refusal`]: `duplicate_respondent`, details `ids`, `rows`, `id`, `policy`) that says
//!   what to do: `--duplicates keep_all`, `--duplicates drop_all`, or de-duplicate the files;
//! - `keep_all`: every row counts, as the page's `keep_all`;
//! - `drop_all`: every row of a repeated (id, wave) is left out, as the page's `drop_all`, which
//!   needs no row order: the repeated keys are collected once (an entry each, in memory) and
//!   every later pass reads the files through an anti-join on them (the keys are the hash
//!   join's build side; the files' rows stream through it).
//!
//! Under `keep_all` and `drop_all` the report carries [`DuplicatesOut`] (its `treatment` is the
//! page's issue treatment, `all_kept` or `all_dropped`) with a note in the report's language.

use crate::categories::Counted;
use crate::report::{column, Plan};
use crate::subgroup::{Cells, PlannedGroup};
use datafusion::arrow::array::{Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{JoinType, ScalarValue};
use datafusion::functions::core::expr_fn::coalesce;
use datafusion::functions_aggregate::expr_fn::{count, min, sum};
use datafusion::logical_expr::{lit, Expr};
use datafusion::prelude::{DataFrame, SessionContext};
use serde::Serialize;
use std::collections::HashMap;
use waterline::error::{Code, Error};
use waterline::survey::instrument::ItemType;
use waterline::survey::{DuplicatePolicy, Survey};
use waterline::text::Lang;

/// Names of the key columns in the plans (chosen not to clash with a survey's headers).
const ID: &str = "__wl_dup_id";
const WAVE: &str = "__wl_dup_wave";
const ROWS: &str = "__wl_dup_rows";
const ROW_ID: &str = "__wl_row_id";
const ROW_WAVE: &str = "__wl_row_wave";

/// The repeated (id, wave) keys over every file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repeats {
    /// Keys (an id within a wave) on more than one row: the page's one issue per repeated id.
    pub ids: u64,
    /// Rows holding them (all copies).
    pub rows: u64,
    /// The smallest repeated id (trimmed), as an example.
    pub example: Option<String>,
}

/// The duplicate-id note of a report read under `keep_all` or `drop_all` (absent when no id
/// repeats).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatesOut {
    /// The page's issue code, `duplicate_respondent`.
    pub code: &'static str,
    pub policy: DuplicatePolicy,
    /// The page's issue treatment: `all_kept` or `all_dropped`.
    pub treatment: &'static str,
    /// Repeated ids (an id counted once per wave it repeats in).
    pub ids: u64,
    /// Rows holding a repeated id.
    pub rows: u64,
    /// Rows left out: `rows` under `drop_all`, 0 under `keep_all`.
    pub dropped: u64,
    /// The smallest repeated id.
    pub example: String,
    /// The note in the report's language.
    pub note: String,
}

/// The policy named by `--duplicates` (the page's names).
///
/// # Errors
/// Any other text, as a usage message.
pub fn parse(s: &str) -> Result<DuplicatePolicy, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
        format!("--duplicates is keep_all, drop_all, keep_last or keep_first, not {s}")
    })
}

/// The policy's name as `--duplicates` and the page write it (`keep_last`).
pub fn name(policy: DuplicatePolicy) -> String {
    serde_json::to_value(policy)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A row's key: the trimmed id (null when blank) and its wave index (-1 for no wave).
fn keys(id: &str, wave: Option<&Expr>) -> (Expr, Expr) {
    let trimmed =
        datafusion::functions::string::btrim().call(vec![column(id), lit(crate::xwave::TRIMMED)]);
    let id = datafusion::functions::core::nullif().call(vec![trimmed, lit("")]);
    let wave = wave.cloned().unwrap_or(lit(ScalarValue::Int64(None)));
    (id, coalesce(vec![wave, lit(-1i64)]))
}

/// The repeated keys as a plan: (`ID`, `WAVE`, `ROWS`) for each key on more than one row.
fn repeated(df: &DataFrame, id: &str, wave: Option<&Expr>) -> datafusion::error::Result<DataFrame> {
    let (i, w) = keys(id, wave);
    df.clone()
        .filter(i.clone().is_not_null())?
        .aggregate(
            vec![i.alias(ID), w.alias(WAVE)],
            vec![count(lit(1)).alias(ROWS)],
        )?
        .filter(column(ROWS).gt(lit(1i64)))
}

/// Column `name` of a one-row result as text or a whole number (any Arrow string or integer).
fn cell(b: &RecordBatch, name: &str, to: &DataType) -> Option<datafusion::arrow::array::ArrayRef> {
    let a = b.column_by_name(name)?;
    cast(a.as_ref(), to).ok().filter(|a| !a.is_empty())
}

/// Counts the repeated (id, wave) keys of column `id` over every file (`wave`: the survey's
/// wave key, [`crate::waves::PlannedWaves::key`]). One pass over the files.
///
/// # Errors
/// DataFusion's, as text.
pub async fn find(df: &DataFrame, id: &str, wave: Option<&Expr>) -> Result<Repeats, String> {
    let counted = vec![
        count(lit(1)).alias("ids"),
        sum(column(ROWS)).alias("rows"),
        min(column(ID)).alias("example"),
    ];
    let batches = repeated(df, id, wave)
        .and_then(|d| d.aggregate(vec![], counted))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut r = Repeats::default();
    for b in batches.iter().filter(|b| b.num_rows() > 0) {
        let int = |n: &str| {
            let a = cell(b, n, &DataType::Int64)?;
            let a = a.as_any().downcast_ref::<Int64Array>()?;
            (!a.is_null(0)).then(|| a.value(0).max(0) as u64)
        };
        r.ids = int("ids").unwrap_or(0);
        r.rows = int("rows").unwrap_or(0);
        r.example = cell(b, "example", &DataType::Utf8).and_then(|a| {
            let a = a.as_any().downcast_ref::<StringArray>()?;
            (!a.is_null(0)).then(|| a.value(0).to_string())
        });
    }
    Ok(r)
}

/// The table without any row of a repeated (id, wave) key: the keys collected once, the files'
/// rows anti-joined on them (a `RightAnti` hash join whose build side is the keys).
///
/// # Errors
/// DataFusion's, as text.
pub async fn drop_repeated(
    ctx: &SessionContext,
    df: DataFrame,
    id: &str,
    wave: Option<&Expr>,
) -> Result<DataFrame, String> {
    let e = |e: datafusion::error::DataFusionError| e.to_string();
    let batches = repeated(&df, id, wave)
        .and_then(|d| d.select(vec![column(ID), column(WAVE)]))
        .map_err(e)?
        .collect()
        .await
        .map_err(e)?;
    let repeated = ctx.read_batches(batches).map_err(e)?;
    let names: Vec<Expr> = (df.schema().fields().iter())
        .map(|f| column(f.name()))
        .collect();
    let (i, w) = keys(id, wave);
    let rows = df
        .with_column(ROW_ID, i)
        .and_then(|d| d.with_column(ROW_WAVE, w))
        .map_err(e)?;
    repeated
        .join(
            rows,
            JoinType::RightAnti,
            &[ID, WAVE],
            &[ROW_ID, ROW_WAVE],
            None,
        )
        .and_then(|j| j.select(names))
        .map_err(e)
}

/// The coded error that withholds a report whose policy needs the row order.
pub fn refusal(r: &Repeats, policy: DuplicatePolicy) -> Error {
    let id = r.example.clone().unwrap_or_default();
    Error::new(
        Code::DuplicateRespondent,
        format!(
            "respondent ids repeated within a wave: {} ({} rows; e.g. \"{id}\"); the policy {} keeps one row of each by file order, which DataFusion does not keep across files and partitions, so no report is printed; run again with --duplicates keep_all (every row counts) or --duplicates drop_all (every row of a repeated id is left out), or de-duplicate the files",
            r.ids,
            r.rows,
            name(policy)
        ),
    )
    .with("ids", r.ids)
    .with("rows", r.rows)
    .with("id", id)
    .with("policy", name(policy))
    .with("treatment", policy.treatment())
    .with("options", vec!["keep_all", "drop_all"])
}

/// The refusal as the CLI prints it: a sentence in `lang`, then the coded error as JSON.
pub fn refusal_text(r: &Repeats, policy: DuplicatePolicy, lang: Lang) -> String {
    let id = r.example.clone().unwrap_or_default();
    let said = match lang {
        Lang::Es => format!(
            "Identificadores de persona repetidos en una misma ola: {} ({} filas; p. ej. «{id}»). La regla {} conserva una fila de cada uno según el orden del archivo, que DataFusion no conserva entre archivos y particiones, así que no se imprime ningún informe. Vuelva a ejecutar con --duplicates keep_all (cuentan todas las filas) o --duplicates drop_all (se excluyen todas las filas de un identificador repetido), o elimine los duplicados de los archivos.",
            r.ids, r.rows, name(policy)
        ),
        _ => format!(
            "Respondent ids repeated within a wave: {} ({} rows; e.g. “{id}”). The rule {} keeps one row of each by file order, which DataFusion does not keep across files and partitions, so no report is printed. Run again with --duplicates keep_all (every row counts) or --duplicates drop_all (every row of a repeated id is left out), or de-duplicate the files.",
            r.ids, r.rows, name(policy)
        ),
    };
    let json = serde_json::to_string(&refusal(r, policy)).unwrap_or_default();
    format!("{said}\n{json}")
}

/// The note of a report read under `keep_all` or `drop_all` (the page's treatment wording).
fn note(r: &Repeats, policy: DuplicatePolicy, lang: Lang) -> String {
    let id = r.example.clone().unwrap_or_default();
    let dropped = policy == DuplicatePolicy::DropAll;
    match lang {
        Lang::Es => format!(
            "Identificadores de persona repetidos en una misma ola: {} ({} filas; p. ej. «{id}»); {} (--duplicates {}).",
            r.ids,
            r.rows,
            if dropped {
                "se excluyen todas las filas del identificador"
            } else {
                "se usan todas las filas del identificador"
            },
            name(policy)
        ),
        _ => format!(
            "Respondent ids repeated within a wave: {} ({} rows; e.g. “{id}”); {} (--duplicates {}).",
            r.ids,
            r.rows,
            if dropped {
                "every row of the id left out"
            } else {
                "every row of the id used"
            },
            name(policy)
        ),
    }
}

/// Applies `policy` to the table read from every file: finds the repeated ids of the
/// survey's respondent id column (none: the table as it is), withholds the report under a
/// policy that needs row order, leaves the repeated ids' rows out under `drop_all`. Returns the
/// table every later pass reads and the report's note.
///
/// # Errors
/// [`refusal_text`] under `keep_last`/`keep_first` with repeated ids; DataFusion's, as text.
pub async fn apply(
    ctx: &SessionContext,
    df: DataFrame,
    survey: &Survey,
    plan: &mut Plan,
    (groups, by): (&[PlannedGroup], Option<&str>),
    (policy, lang): (DuplicatePolicy, Lang),
) -> Result<(DataFrame, Option<DuplicatesOut>), String> {
    let Some(id) = crate::xwave::id_column(survey) else {
        return Ok((df, None));
    };
    let wave = plan.waves.as_ref().map(|w| w.key.clone());
    let wave = wave.as_ref();
    let r = find(&df, &id, wave).await?;
    if r.ids == 0 {
        return Ok((df, None));
    }
    let out = |dropped| DuplicatesOut {
        code: Code::DuplicateRespondent.as_str(),
        policy,
        treatment: policy.treatment(),
        ids: r.ids,
        rows: r.rows,
        dropped,
        example: r.example.clone().unwrap_or_default(),
        note: note(&r, policy, lang),
    };
    match policy {
        DuplicatePolicy::KeepAll => Ok((df, Some(out(0)))),
        DuplicatePolicy::DropAll => {
            // The page detects categories and groups on every row, before its policy.
            let mut columns: Vec<String> = (plan.categories.iter())
                .filter(|c| !c.item.confirmed && c.item.kind == ItemType::Category)
                .map(|c| c.column.clone())
                .chain(groups.iter().map(|g| g.column.clone()))
                .collect();
            columns.sort();
            columns.dedup();
            plan.seen = Some(crate::categories::count_all(&df, by, None, &columns).await?);
            let df = drop_repeated(ctx, df, &id, wave).await?;
            Ok((df, Some(out(r.rows))))
        }
        DuplicatePolicy::KeepFirst | DuplicatePolicy::KeepLast => {
            Err(refusal_text(&r, policy, lang))
        }
    }
}

/// The cell texts of `column` on every row before the policy (`group`: one `--by` group's
/// only), when the policy left rows out.
pub(crate) fn seen(plan: &Plan, column: &str, group: Option<&Option<String>>) -> Option<Counted> {
    let all = plan.seen.as_ref()?.get(column)?;
    let of_group =
        |r: &&(Option<String>, Option<usize>, String, u64)| group.is_none_or(|g| r.0 == *g);
    Some(all.iter().filter(of_group).cloned().collect())
}

/// A group's (or detected category's) levels and the level of each of `cells`: the page's
/// rule ([`crate::subgroup::levels`]) on `cells`, or on `seen` — every row before the
/// duplicate policy, where the page detects them — with each of `cells` found by its text.
pub(crate) fn levels(
    g: &PlannedGroup,
    cells: &Cells,
    seen: Option<&Counted>,
    first: &[String],
) -> Option<crate::subgroup::Levels> {
    let Some(seen) = seen.filter(|_| !g.item.confirmed) else {
        return crate::subgroup::levels(g, cells, first);
    };
    let mut all: Cells = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (_, _, t, n) in seen {
        let k = *index.entry(t.as_str()).or_insert_with(|| {
            all.push((Some(t.clone()), 0, Vec::new()));
            all.len() - 1
        });
        all[k].1 += n;
    }
    let (labels, of, guessed) = crate::subgroup::levels(g, &all, first)?;
    let level = |t: &Option<String>| Some(*index.get(t.as_deref()?)?);
    let mapped = cells
        .iter()
        .map(|c| level(&c.0).and_then(|k| of.get(k).copied().flatten()))
        .collect();
    Some((labels, mapped, guessed))
}

/// The note as one CSV line's cells (section, policy, note, treatment, rows, ids).
pub fn csv_cells(d: &DuplicatesOut, lang: Lang) -> Vec<String> {
    let section = if lang == Lang::Es {
        "duplicados"
    } else {
        "duplicates"
    };
    vec![
        String::new(),
        section.into(),
        name(d.policy),
        d.note.clone(),
        d.treatment.into(),
        d.rows.to_string(),
        d.ids.to_string(),
    ]
}
