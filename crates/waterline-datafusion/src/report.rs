//! The report the CLI prints: from a codebook-confirmed mapping, one DataFusion aggregation over
//! every file, finished with the root crate's statistics. Per item: answers per point with
//! Wilson intervals, the top-box share, mean, sd and median (numeric items: mean with its t
//! interval); per same-row pair (then-test, or pre/post in one row): moved up / same / down and
//! McNemar's exact test (yes/no) or the Wilcoxon signed-rank test.
//!
//! Subgroup tables (every scale item by each group column, suppressed after the final merge)
//! come from [`crate::subgroup`].
//!
//! Multi-item scales (mean, Cronbach's alpha, McDonald's omega) come from [`crate::scales`],
//! p-value adjustment across the report from [`crate::adjust`].
//!
//! Sentences are the page's own (`waterline::survey::report`), written from the merged states
//! ([`crate::finish`], [`crate::sentences`]).
//!
//! Category items and their breakdowns come from [`crate::categories`], numeric items from
//! [`crate::numbers`], same-row pairs of numeric items from [`crate::pairs`], multi-select
//! items from [`crate::choices`], items per wave and wave comparisons from [`crate::waves`],
//! pre/post pairs matched across waves by respondent id from [`crate::xwave`] (a join by id,
//! withheld as `repeated_id` when an id repeats within a wave).
//!
//! Multi-select items with a column per choice are planned by [`crate::choice_columns`].
//!
//! A declared weight column (`--weight`) weights every section the page weights — items (per
//! wave too), same-row pairs, wave comparisons, subgroup tables, scales — and withholds what the
//! page leaves unweighted ([`crate::weighted_report`]).
//!
//! The plan (what each item is read by) is [`crate::plan`].
//!
//! Repeated respondent ids follow the page's duplicate policy or withhold the report
//! ([`crate::duplicates`]); the weights (and raking) are those of the rows the policy keeps.
//!
//! What the page's report has and this does not (yet): numeric items in scales.

use crate::udaf::{Kind, Wl, LEVEL};
use datafusion::arrow::array::{Array, RecordBatch, StringArray};
use datafusion::common::Column;
use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::{lit, AggregateUDF, Expr};
use datafusion::prelude::{DataFrame, SessionConfig, SessionContext};
use serde::Serialize;
use std::sync::Arc;
use waterline::survey::instrument::ItemType;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;

use crate::finish::{item_out, shift_out};
pub use crate::input::{read, read_head, HEAD_BYTES};

pub use crate::plan::{
    plan, plan_survey, plan_survey_with, scale_of, Plan, PlannedItem, PlannedPair,
};

/// A column by its exact name.
pub fn column(name: &str) -> Expr {
    Expr::Column(Column::from_name(name))
}

/// The aggregate expressions of a plan: per item `wl_counts` (or `wl_mean`), per pair
/// `wl_paired_shift`, per scale `wl_scale`, and `count(*)` as `rows`.
pub fn aggregates(plan: &Plan) -> Vec<Expr> {
    let counts = AggregateUDF::from(Wl::new(Kind::Counts));
    let paired = AggregateUDF::from(Wl::new(Kind::PairedShift));
    let mut out = vec![count(lit(1)).alias("rows")];
    for (k, i) in plan.items.iter().enumerate() {
        // Numeric items are counted per distinct answer apart ([`crate::numbers`]).
        if let Some(s) = &i.scale {
            let e = counts.call(vec![column(&i.column), lit(s.literal())]);
            out.push(e.alias(format!("item{k}")));
        }
    }
    for (k, p) in plan.pairs.iter().enumerate() {
        let e = paired.call(vec![
            column(&p.before_column),
            column(&p.after_column),
            lit(p.scale.literal()),
        ]);
        out.push(e.alias(format!("pair{k}")));
    }
    let scale = AggregateUDF::from(crate::scales::WlScale::default());
    for (k, s) in plan.scales.iter().enumerate() {
        let mut args: Vec<Expr> = s.columns.iter().map(|c| column(c)).collect();
        args.push(lit(s.literal.clone()));
        out.push(scale.call(args).alias(format!("scale{k}")));
    }
    out
}

/// A session with `partitions` target partitions and the waterline functions registered.
pub fn session(partitions: usize) -> SessionContext {
    let config = SessionConfig::new().with_target_partitions(partitions.max(1));
    let ctx = SessionContext::new_with_config(config);
    crate::register_waterline(&ctx);
    ctx
}

/// One share with its Wilson interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareOut {
    pub key: String,
    pub label: String,
    pub count: u64,
    pub n: u64,
    pub share: f64,
    pub lower: f64,
    pub upper: f64,
}

/// One item's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemOut {
    pub item: String,
    pub text: String,
    pub kind: ItemType,
    /// The wave, when the survey has waves (the page's items are then per wave).
    pub wave: Option<String>,
    pub n_used: u64,
    pub distribution: Vec<ShareOut>,
    pub top_box: Option<ShareOut>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub median: Option<f64>,
    pub mean_lower: Option<f64>,
    pub mean_upper: Option<f64>,
    /// The page's sentence for the item in the report's language (`null` only for a
    /// `wl_mean` column read by [`crate::finish::item_out`], whose moments hold no median).
    pub sentence: Option<String>,
    /// Under `--weight`: the design figures of the weighted item ([`crate::weighted_report`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted: Option<crate::weighted_report::WeightedOut>,
}

/// One pair's shift.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftOut {
    pub pair: String,
    pub text: String,
    pub before: String,
    pub after: String,
    pub n_used: u64,
    pub improved: Option<ShareOut>,
    pub same: Option<ShareOut>,
    pub worse: Option<ShareOut>,
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
    pub method: Option<String>,
    pub statistic: Option<f64>,
    pub p_value: Option<f64>,
    /// Adjusted across the report's tests ([`crate::adjust`]; `null` with `--adjust none`).
    pub p_adjusted: Option<f64>,
    /// The page's sentence, written after p-value adjustment ([`crate::sentences`]).
    pub sentence: Option<String>,
    /// Under `--weight`: the weighted change in the top-box share (after − before, as a
    /// share) with its linearised SE and Kish n_eff ([`crate::weighted_report`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_change: Option<waterline::stats::weighted::WeightedMean>,
    /// Rows left out and why, in the page's order (`beforeMissing`, `afterMissing`,
    /// `unmatched`, `noId`); absent for same-row pairs read by code (`wl_paired_shift`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Vec<waterline::survey::report::Exclusion>>,
    /// The page's result of the merged transition table (for the sentence).
    #[serde(skip)]
    pub page: Option<waterline::survey::report::ShiftResult>,
}

/// The report of one group (of the whole data without `--by`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupOut {
    /// The group's value (`null` without grouping).
    pub group: Option<String>,
    pub rows: u64,
    pub items: Vec<ItemOut>,
    pub shifts: Vec<ShiftOut>,
    /// Multi-item scales: mean, sd, Cronbach's alpha with its interval, McDonald's omega.
    pub scales: Vec<crate::scales::ScaleOut>,
    /// Rows per wave (the waves' order), when the survey has waves.
    pub wave_rows: Vec<u64>,
    /// First against last wave, per item ([`crate::waves`]).
    pub waves: Vec<crate::waves::WaveOut>,
}

/// The CLI's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CliReport {
    pub title: String,
    pub lang: Lang,
    pub level: f64,
    pub files: usize,
    pub groups: Vec<GroupOut>,
    /// Every scale and category item by each group column, over all rows (small cells
    /// suppressed).
    pub subgroups: Vec<crate::subgroup::SubgroupOut>,
    /// How p-values were adjusted.
    pub adjustment: crate::adjust::Adjustment,
    /// Items and pairs left out: `[id, reason]`.
    pub skipped: Vec<(String, &'static str)>,
    /// The weights' Kish summary under `--weight` (absent without).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighting: Option<waterline::survey::weights::Weighting>,
    /// Repeated respondent ids and the policy applied ([`crate::duplicates`]; absent when no
    /// id repeats).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<crate::duplicates::DuplicatesOut>,
}

/// What the CLI asks of [`report_with`].
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// Group the whole report by this column's values (unsuppressed: `--by`).
    pub by: Option<String>,
    pub partitions: usize,
    /// Group items of the subgroup tables (ids or headers); empty: the instrument's groups.
    pub subgroups: Vec<String>,
    /// Smallest group shown in subgroup tables (the page's `minCell`).
    pub min_cell: u64,
    /// Multi-item scales to declare beside those the page detects (JSON: a list of the
    /// instrument's scales, `--scales`).
    pub scales: Option<String>,
    /// p-value adjustment across the report (the page's default, Holm).
    pub adjust: waterline::survey::report::Adjust,
    /// A declared weight column, key or header (`--weight`, [`crate::weighted_report`]).
    pub weight: Option<String>,
    /// Raking to known margins, the page's JSON (`--rake`, [`crate::weighted_rake`]).
    pub rake: Option<String>,
    /// Rows of a repeated respondent id (the page's policy; its default `keep_last` withholds
    /// a report with repeated ids, [`crate::duplicates`]).
    pub duplicates: waterline::survey::DuplicatePolicy,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            by: None,
            partitions: 1,
            subgroups: Vec::new(),
            min_cell: waterline::survey::report::ReportOptions::default().min_cell,
            scales: None,
            adjust: waterline::survey::report::Adjust::default(),
            weight: None,
            rake: None,
            duplicates: waterline::survey::DuplicatePolicy::default(),
        }
    }
}

/// The aggregation of a plan over a table, grouped by the column `by` (as `group`, sorted) or
/// not.
///
/// # Errors
/// DataFusion's, as text (e.g. a column the files do not have).
pub fn aggregate(df: DataFrame, plan: &Plan, by: Option<&str>) -> Result<DataFrame, String> {
    let group: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    let mut df = df
        .aggregate(group, aggregates(plan))
        .map_err(|e| e.to_string())?;
    if by.is_some() {
        df = df
            .sort(vec![column("group").sort(true, true)])
            .map_err(|e| e.to_string())?;
    }
    Ok(df)
}

/// Runs a plan over a table, grouped by the column `by` (or not), and reads the results back.
///
/// # Errors
/// DataFusion's, as text.
pub async fn run(
    df: DataFrame,
    plan: &Plan,
    by: Option<&str>,
    lang: Lang,
) -> Result<Vec<GroupOut>, String> {
    let df = aggregate(df, plan, by)?;
    let batches = df.collect().await.map_err(|e| e.to_string())?;
    Ok(read_groups(&batches, plan, by.is_some(), lang))
}

fn read_groups(batches: &[RecordBatch], plan: &Plan, grouped: bool, lang: Lang) -> Vec<GroupOut> {
    let mut out = Vec::new();
    for b in batches {
        let at = |name: &str| b.column_by_name(name).map(Arc::clone);
        for row in 0..b.num_rows() {
            let group = if grouped {
                at("group").and_then(|a| {
                    let a = a.as_any().downcast_ref::<StringArray>()?;
                    (!a.is_null(row)).then(|| a.value(row).to_string())
                })
            } else {
                None
            };
            let rows = at("rows")
                .and_then(|a| {
                    let a = a
                        .as_any()
                        .downcast_ref::<datafusion::arrow::array::Int64Array>()?;
                    Some(a.value(row) as u64)
                })
                .unwrap_or(0);
            let items = plan
                .items
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    let col = at(&format!("item{k}"))?;
                    Some(item_out(p, lang, (col.as_ref(), row), rows, None))
                })
                .collect();
            let shifts = plan
                .pairs
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    let col = at(&format!("pair{k}"))?;
                    Some(shift_out(p, &plan.items, lang, col.as_ref(), row))
                })
                .collect();
            let options = waterline::survey::report::ReportOptions::default();
            let scales = plan
                .scales
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    let col = at(&format!("scale{k}"))?;
                    let r = crate::scales::result_at(p, col.as_ref(), row, &options)?;
                    Some(crate::scales::out(p, &r, lang))
                })
                .collect();
            out.push(GroupOut {
                group,
                rows,
                items,
                shifts,
                scales,
                wave_rows: Vec::new(),
                waves: Vec::new(),
            });
        }
    }
    out
}

/// The whole CLI report: plan from the first file's head and the codebook, aggregate every file.
///
/// # Errors
/// Import, codebook and DataFusion errors, as text.
pub async fn report(
    codebook: &str,
    files: &[String],
    lang: Lang,
    by: Option<&str>,
    partitions: usize,
) -> Result<CliReport, String> {
    let options = Options {
        lang,
        by: by.map(str::to_string),
        partitions,
        ..Options::default()
    };
    report_with(codebook, files, &options).await
}

/// [`report`] with every option, subgroup tables included.
///
/// # Errors
/// Import, codebook and DataFusion errors, and a `--subgroup` that is no group column, as text.
pub async fn report_with(
    codebook: &str,
    files: &[String],
    o: &Options,
) -> Result<CliReport, String> {
    let first = files.first().ok_or("no data files")?;
    let head = read_head(first)?;
    let mut survey = Survey::from_bytes(&head, &ReadOptions::default()).map_err(|e| e.message)?;
    survey.set_codebook(codebook).map_err(|e| e.message)?;
    if let Some(json) = &o.scales {
        crate::scales::declare(&mut survey, json)?;
    }
    let weight = crate::weighted_report::declare(&mut survey, o.weight.as_deref())?;
    let mut plan = plan_survey(&survey);
    let groups = crate::subgroup::plan_groups(&survey, &o.subgroups)?;
    let ctx = session(o.partitions);
    let df = read(&ctx, files).await?;
    let labelled = crate::coded::labelled(&df, &plan).await?;
    if !labelled.is_empty() {
        plan = plan_survey_with(&survey, &labelled);
    }
    plan.waves = crate::waves::plan(&df, &survey).await?;
    crate::xwave::replan(&df, &mut survey, &mut plan).await?;
    // Repeated respondent ids: withheld, or every later pass reads the policy's rows.
    let (policy, at) = ((o.duplicates, o.lang), (&groups[..], o.by.as_deref()));
    let (df, duplicates) =
        crate::duplicates::apply(&ctx, df, &survey, &mut plan, at, policy).await?;
    // Raking's margins are summed over the rows the policy keeps, as on the page.
    let (df, weight, raked) =
        crate::weighted_rake::rake(df, &survey, weight, o.rake.as_deref()).await?;
    let mut skipped = plan.skipped.clone();
    let mut subgroups =
        crate::subgroup::subgroups(&df, &plan, &groups, o.min_cell, LEVEL, o.lang, &mut skipped)
            .await?;
    let mut groups = run(df.clone(), &plan, o.by.as_deref(), o.lang).await?;
    let by = o.by.as_deref();
    crate::waves::items(&df, &plan, by, &mut groups, o.lang).await?;
    // Category, numeric and multi-select items: their distinct texts, in one more pass.
    let columns: Vec<String> = (plan.categories.iter().chain(&plan.choices))
        .map(|c| c.column.clone())
        .chain(
            plan.items
                .iter()
                .filter(|p| p.scale.is_none())
                .map(|p| p.column.clone()),
        )
        .chain(plan.numeric_pairs.iter().map(|p| p.key()))
        .collect();
    let key = plan.waves.as_ref().map(|w| &w.key);
    let counted = crate::categories::count_all(&df, by, key, &columns).await?;
    crate::numbers::add(&counted, &plan, by, &mut groups, o.lang)?;
    crate::pairs::add(&counted, &plan, by, &mut groups, o.lang)?;
    let context = (o.lang, &mut skipped);
    crate::xwave::add(&df, &plan, &survey, by, &mut groups, context).await?;
    crate::choices::add(&counted, &plan, by, &mut groups, o.lang)?;
    crate::categories::add(&counted, &plan, by, &mut groups, o.lang, &mut skipped)?;
    let context = (o.lang, &mut skipped, weight.as_deref());
    crate::label_scales::add(&df, &plan, &counted, by, &mut groups, context).await?;
    let weighting = crate::weighted_report::weigh(
        (&df, &survey, &plan),
        (weight, o, raked),
        (&mut groups, &mut subgroups),
        &mut skipped,
    )
    .await?;
    let mut r = CliReport {
        title: plan.title.get(o.lang).to_string(),
        lang: o.lang,
        level: LEVEL,
        files: files.len(),
        groups,
        subgroups,
        adjustment: crate::adjust::Adjustment {
            method: o.adjust,
            m: 0,
        },
        skipped,
        weighting,
        duplicates,
    };
    crate::adjust::adjust(&mut r, o.adjust)?;
    crate::sentences::write(&mut r, o.adjust);
    crate::weighted_report::finish(&mut r);
    Ok(r)
}
