//! The CLI's report under a declared weight column (`--weight COLUMN`, #19 on the page).
//!
//! The column is declared on the page's survey (its mapping's `weight`), so the page checks
//! the first file's head as it checks a declared weight, then `wl_weights` checks every row of
//! every file ([`crate::weighted`]). Errors are the page's coded errors, written as their JSON
//! (`{"code":"invalid_weight","message":…,"details":{…}}`): a blank, non-numeric, negative or
//! infinite weight, every weight 0, or no such column (`unknown_column`).
//!
//! Weighted now, per group of `--by`:
//! - point items read by code (Likert, yes/no, change): the page's own finish
//!   (`describe::point_item`, `describe::finish`, `describe::sentence`,
//!   `report::weighted::suffix`) on the merged [`WeightedCounts`], as `report::weighted::item`
//!   does on the rows: weighted shares with Wilson on the Kish n_eff, weighted mean and
//!   `svyvar` SD, no median; counts unweighted;
//! - category items and items written as labels: [`crate::weighted_categories`];
//! - multi-select items in one column: [`crate::weighted_choices`];
//! - numeric items: [`crate::weighted_numbers`] (weighted mean with its linearised interval,
//!   `svyvar` SD, median and quartiles withheld);
//! - same-row pairs counted by text (numeric, label-written): [`crate::weighted_pairs`];
//! - same-row pairs of the point items read by code: the page's unweighted shift and tests plus the weighted change
//!   in the top-box share (`report::weighted::shift` on the merged sums of after − before) and
//!   its sentence suffix (`report::weighted::shift_suffix`);
//! - subgroup tables of those items (over all rows): [`crate::weighted_subgroups`];
//! - multi-item scales of those items: the page's result of the merged `wl_scale` state,
//!   re-estimated by `weighted_sections::scale_from_state` from the merged
//!   `wl_weighted_scale` state (weighted mean and `svyvar` SD, `svycralpha`, the sentence).
//!
//! - with waves, every item per wave and the wave comparisons the page weights (top box or
//!   numeric): [`crate::weighted_waves`] and the modules above.
//!
//! - scales of label-written items: their `wl_weighted_scale` beside `wl_scale` in
//!   [`crate::label_scales`], finished by `weighted_sections::scale_from_state`.
//!
//! What the page leaves unweighted (category items' wave comparisons and subgroup tables: χ²
//! only) is withheld, never printed unweighted, after p-value adjustment (their χ² tests stay
//! in the family, so every other adjusted p-value is the page's) and listed in `skipped` with
//! the reason `weights` (`waves/ITEM`, `subgroups/ITEM/GROUP`). Raking (`--rake`):
//! [`crate::weighted_rake`].

use crate::report::{column, CliReport, GroupOut, Plan};
use crate::scales::ScaleOut;
use crate::udaf::LEVEL;
use crate::weighted::{WKind, WeightCheck, WeightedCounts, WlWeighted};
use datafusion::arrow::array::{Array, BinaryArray, RecordBatch, StringArray};
use datafusion::logical_expr::{lit, AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use serde::Serialize;
use std::sync::Arc;
use waterline::error::{Code, Error};
use waterline::stats::summary::{Merge, PointCounts, WeightedScale, WeightedSums};
use waterline::stats::weighted::{ShareInterval, WILSON_KISH_REF};
use waterline::survey::instrument::Item;
use waterline::survey::report::ScaleResult;
use waterline::survey::report::{describe, weighted, ItemResult};
use waterline::survey::weights::Weighting;
use waterline::survey::Survey;
use waterline::text::Lang;

/// A weighted item's design figures, beside the page's numbers in [`crate::report::ItemOut`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightedOut {
    /// Kish effective sample size of the item's respondents, (Σw)²/Σw².
    pub n_eff: Option<f64>,
    /// Kish design effect of their weights, n⁺/n_eff.
    pub deff_kish: Option<f64>,
    /// The top box's linearised standard error (a share, 0–1).
    pub top_box_se: Option<f64>,
    /// The top box's design effect (svymean's `deff = "replace"`).
    pub top_box_deff: Option<f64>,
}

/// An engine error as the CLI's error text: its JSON.
pub fn coded(e: &Error) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| e.message.clone())
}

/// Declares the weight column (a key or a header; `None`: no weights) on the page's survey,
/// which checks the head's weights; returns the column's header in the files.
///
/// # Errors
/// The page's `unknown_column` and `invalid_weight`, as [`coded`] text.
pub fn declare(survey: &mut Survey, name: Option<&str>) -> Result<Option<String>, String> {
    let Some(name) = name else { return Ok(None) };
    let found = survey
        .table()
        .columns
        .iter()
        .find(|c| c.key == name || c.header == name)
        .map(|c| (c.key.clone(), c.header.clone()));
    let Some((key, header)) = found else {
        return Err(coded(
            &Error::new(Code::UnknownColumn, format!("no column \"{name}\"")).with("column", name),
        ));
    };
    let mut mapping = survey.mapping().clone();
    as_weight(&mut mapping.instrument, &key);
    mapping.weight = Some(key);
    survey.set_mapping(mapping).map_err(|e| coded(&e))?;
    Ok(Some(header))
}

/// What the page's mapping editor does when a column becomes the weight (`setRole` in
/// `www/areas/survey/mapping.js`): the items read from it leave the instrument (a choice
/// column leaves its item), and so do the groups, scale items and pairs that named them.
pub fn as_weight(ins: &mut waterline::survey::instrument::Instrument, key: &str) {
    let on = |c: &Option<String>| c.as_deref() == Some(key);
    ins.items.retain(|i| !on(&i.column));
    for i in &mut ins.items {
        i.choices.retain(|c| !on(&c.column));
    }
    ins.items
        .retain(|i| i.column.is_some() || !i.choices.is_empty());
    let ids: std::collections::HashSet<String> = ins.items.iter().map(|i| i.id.clone()).collect();
    ins.groups.retain(|g| ids.contains(g));
    for s in &mut ins.scales {
        s.items.retain(|i| ids.contains(i));
        s.reversed.retain(|i| ids.contains(i));
    }
    ins.scales.retain(|s| s.items.len() >= 2);
    ins.pairs
        .retain(|p| ids.contains(&p.before) && ids.contains(&p.after));
}

/// The check of every row's weight, as the page's errors; the whole data's [`Weighting`].
///
/// # Errors
/// `invalid_weight` (with `column`, `value`, `count`: the rows with an invalid weight), as
/// [`coded`] text.
pub fn weighting(check: &WeightCheck, column: &str) -> Result<Weighting, String> {
    if check.invalid() > 0 {
        let (kind, value) = check.example.clone().unwrap_or_default();
        let why =
            ["is missing", "is not a number", "is negative or infinite"][kind.min(2) as usize];
        let e = Error::new(
            Code::InvalidWeight,
            format!(
                "the weight \"{value}\" in column \"{column}\" {why} ({} rows with an invalid weight)",
                check.invalid()
            ),
        )
        .with("column", column)
        .with("value", value.as_str())
        .with("count", check.invalid() as f64);
        return Err(coded(&e));
    }
    let s = &check.sums;
    let Some((n_eff, deff_kish)) = s.kish().filter(|_| s.positive > 0) else {
        return Err(coded(
            &Error::new(
                Code::InvalidWeight,
                format!("every weight in column \"{column}\" is 0: they must have a positive sum"),
            )
            .with("column", column),
        ));
    };
    Ok(Weighting {
        column: Some(column.to_string()),
        raked: false,
        iterations: 0,
        max_gap: 0.0,
        n: s.n as usize,
        sum_weights: s.sw,
        n_eff,
        deff_kish,
        reference: waterline::stats::weighted::SVYMEAN_REF,
    })
}

/// The top-box codes of an item on its scale (`''` without a top box).
fn top_codes(item: &Item, scale: &crate::scale::Scale) -> String {
    let top = describe::top_values(item);
    let codes: Vec<String> = (scale.codes.iter().zip(&scale.values))
        .filter(|(_, v)| top.contains(v))
        .map(|(c, _)| c.to_string())
        .collect();
    codes.join(",")
}

/// `wl_weights` as `weights`, `wl_weighted_counts` per point item read by code as `witem{k}`
/// and `wl_weighted_shift` per same-row pair of them as `wpair{k}` (k the index in the plan).
pub fn aggregates(plan: &Plan, weight: &str) -> Vec<Expr> {
    let check = AggregateUDF::from(WlWeighted::new(WKind::Weights));
    let counts = AggregateUDF::from(WlWeighted::new(WKind::Counts));
    let shift = AggregateUDF::from(WlWeighted::new(WKind::Shift));
    let mut out = vec![check.call(vec![column(weight)]).alias("weights")];
    for (k, p) in plan.items.iter().enumerate() {
        if let Some(s) = &p.scale {
            let args = vec![
                column(&p.column),
                column(weight),
                lit(s.literal()),
                lit(top_codes(&p.item, s)),
            ];
            out.push(counts.call(args).alias(format!("witem{k}")));
        }
    }
    for (k, p) in plan.pairs.iter().enumerate() {
        // The page maps both answers with the before item's top box.
        let Some(before) = plan.items.iter().find(|i| i.item.id == p.before) else {
            continue;
        };
        let args = vec![
            column(&p.before_column),
            column(&p.after_column),
            column(weight),
            lit(p.scale.literal()),
            lit(top_codes(&before.item, &p.scale)),
        ];
        out.push(shift.call(args).alias(format!("wpair{k}")));
    }
    // Per multi-item scale: the page's unweighted result (`wl_scale`) and the weighted sums.
    let (plain, weighted) = (
        AggregateUDF::from(crate::scales::WlScale::default()),
        AggregateUDF::from(WlWeighted::new(WKind::Scale)),
    );
    for (k, s) in plan.scales.iter().enumerate() {
        let mut args: Vec<Expr> = s.columns.iter().map(|c| column(c)).collect();
        let mut wargs = args.clone();
        args.push(lit(s.literal.clone()));
        wargs.extend([column(weight), lit(s.literal.clone())]);
        out.push(plain.call(args).alias(format!("scale{k}")));
        out.push(weighted.call(wargs).alias(format!("wscale{k}")));
    }
    out
}

/// `wl_weighted_scale` of a label-written scale's cell expressions (`cells`, before the
/// scales literal) as `ws{k}` ([`crate::label_scales`]).
pub fn scale_state(cells: &[Expr], weight: &str, literal: &str, k: usize) -> Expr {
    let mut args = cells.to_vec();
    args.extend([column(weight), lit(literal.to_string())]);
    AggregateUDF::from(WlWeighted::new(WKind::Scale))
        .call(args)
        .alias(format!("ws{k}"))
}

/// Re-estimates a label-written scale's result with its `ws{k}` state at `row` of `b`
/// (`weighted_sections::scale_from_state`); false without the state.
pub fn weigh_scale(r: &mut ScaleResult, b: &RecordBatch, k: usize, row: usize) -> bool {
    let Some(s) = decode::<WeightedScale>(b, &format!("ws{k}"), row) else {
        return false;
    };
    waterline::survey::report::weighted_sections::scale_from_state(r, &s, LEVEL);
    true
}

/// The weighted scales of one group at `row` of `b`: the page's result of the merged
/// `wl_scale` state, re-estimated by `weighted_sections::scale_from_state` from the merged
/// `wl_weighted_scale` state, in the page's order.
fn scales_at(plan: &Plan, b: &RecordBatch, row: usize, lang: Lang) -> Vec<ScaleOut> {
    let options = waterline::survey::report::ReportOptions::default();
    let mut out: Vec<ScaleOut> = (plan.scales.iter().enumerate())
        .filter_map(|(k, p)| {
            let col = b.column_by_name(&format!("scale{k}"))?;
            let mut r = crate::scales::result_at(p, col.as_ref(), row, &options)?;
            let s: WeightedScale = decode(b, &format!("wscale{k}"), row)?;
            waterline::survey::report::weighted_sections::scale_from_state(&mut r, &s, LEVEL);
            Some(crate::scales::out(p, &r, lang))
        })
        .collect();
    out.sort_by_key(|s| plan.scale_order.iter().position(|id| *id == s.scale));
    out
}

/// A same-row pair's shift under the weights, as the page's `report::weighted::shift`: the
/// weighted mean of the change in the top-box indicator (none when the shift is withheld or
/// has no answers).
pub fn weight_shift(s: &mut crate::report::ShiftOut, sums: &WeightedSums) {
    let Some(page) = s.page.as_mut() else { return };
    if !page.notices.is_empty() || page.n_used == 0 {
        return;
    }
    if let Ok(m) = sums.mean(LEVEL) {
        page.weighted = true;
        page.weighted_shift = Some(m.clone());
        s.weighted_change = Some(m);
    }
}

/// After p-value adjustment and [`crate::sentences::write`]: the weighted shifts', wave
/// comparisons' and subgroup tables' sentences (the page's, with their weighted suffixes), and
/// the shifts (pre/post pairs matched across waves), subgroup tables and wave comparisons the
/// page leaves unweighted withheld. Their χ²
/// tests, unweighted on the page too, stay in the adjusted family, so the other adjusted
/// p-values are the page's.
pub fn finish(r: &mut CliReport) {
    if r.weighting.is_none() {
        return;
    }
    crate::weighted_subgroups::withhold(&mut r.subgroups, &mut r.skipped);
    for g in &mut r.groups {
        let weighted = |s: &crate::report::ShiftOut| s.page.as_ref().is_some_and(|p| p.weighted);
        for s in g.shifts.iter().filter(|s| !weighted(s)) {
            if !r.skipped.iter().any(|(id, _)| *id == s.pair) {
                r.skipped.push((s.pair.clone(), "weights"));
            }
        }
        g.shifts.retain(weighted);
        let weighted = |w: &crate::waves::WaveOut| w.page.as_ref().is_some_and(|p| p.weighted);
        for w in g.waves.iter().filter(|w| !weighted(w)) {
            let id = format!("waves/{}", w.item);
            if !r.skipped.iter().any(|(s, _)| *s == id) {
                r.skipped.push((id, "weights"));
            }
        }
        g.waves.retain(weighted);
    }
    let options = waterline::survey::report::ReportOptions {
        level: r.level,
        adjust: r.adjustment.method,
        ..Default::default()
    };
    let lang = r.lang;
    for s in r.groups.iter_mut().flat_map(|g| g.shifts.iter_mut()) {
        let Some(page) = s.page.as_mut().filter(|p| p.weighted) else {
            continue;
        };
        page.sentence = waterline::survey::report::shift::sentence(page, &options);
        weighted::shift_suffix(page, r.level);
        s.sentence = Some(crate::finish::pick(&page.sentence, lang));
    }
    for w in r.groups.iter_mut().flat_map(|g| g.waves.iter_mut()) {
        let sentence = (w.page.as_ref())
            .and_then(|p| waterline::survey::report::weighted_sections::wave_sentence(p, &options));
        if let Some(s) = sentence {
            w.sentence = Some(crate::finish::pick(&s, lang));
        }
    }
    for s in &mut r.subgroups {
        let Some(page) = s.page.as_mut().filter(|p| p.weighted) else {
            continue;
        };
        page.sentence = waterline::survey::report::subgroup::sentence(page, &options);
        waterline::survey::report::weighted_sections::subgroup_suffix(page);
        s.sentence = Some(crate::finish::pick(&page.sentence, lang));
    }
}

/// A weighted item's result as the CLI prints it, in `lang`, with its design figures.
pub fn item_out(item: &Item, r: &ItemResult, lang: Lang) -> crate::report::ItemOut {
    let mut o = crate::finish::result_out(item, r, lang);
    o.mean_lower = r.mean_lower;
    o.mean_upper = r.mean_upper;
    o.weighted = Some(WeightedOut {
        n_eff: r.n_eff,
        deff_kish: r.deff_kish,
        top_box_se: r
            .top_box
            .as_ref()
            .and(r.weighted_estimate.as_ref())
            .map(|m| m.se),
        top_box_deff: (r.top_box.as_ref().and(r.weighted_estimate.as_ref())).and_then(|m| m.deff),
    });
    o
}

/// A point item's result from its merged weighted state, as the page's
/// `describe_all` + `report::weighted::item` give it: `rows` is the group's row count.
pub fn item_result(
    item: &Item,
    values: &[f64],
    s: &WeightedCounts,
    (rows, wave): (u64, Option<&str>),
) -> ItemResult {
    let counts = PointCounts {
        values: values.to_vec(),
        counts: s.counts.clone(),
        missing: 0,
        unknown: 0,
    };
    let mut r = describe::empty(item);
    r.wave = wave.map(str::to_string);
    describe::point_item(item, &counts, LEVEL, &mut r);
    describe::finish(item, &mut r, rows, LEVEL);
    r.weighted = true;
    if let Some((n_eff, deff)) = s.values.kish() {
        r.n_eff = Some(n_eff);
        r.deff_kish = Some(deff);
    }
    for (p, share) in item.points.iter().zip(r.distribution.iter_mut()) {
        let k = item.points.iter().position(|q| q.value == p.value);
        let m = k.and_then(|k| {
            s.points
                .get(k)?
                .share(LEVEL, ShareInterval::WilsonKish)
                .ok()
        });
        if let Some(m) = m {
            share.share = m.estimate;
            share.lower = m.lower;
            share.upper = m.upper;
        }
    }
    if r.mean.is_some() {
        if let Ok(m) = s.values.mean(LEVEL) {
            r.mean = Some(m.estimate);
            r.sd = s.values.sd();
        }
        r.median = None;
    }
    if let Some(t) = r.top_box.as_mut() {
        if let Ok(m) = s.top.share(LEVEL, ShareInterval::WilsonKish) {
            t.interval.estimate = m.estimate;
            t.interval.lower = m.lower;
            t.interval.upper = m.upper;
            r.weighted_estimate = Some(m);
        }
    }
    r.reference = WILSON_KISH_REF;
    r.sentence = describe::sentence(item, &r, LEVEL);
    let deff = r.weighted_estimate.as_ref().and_then(|m| m.deff);
    weighted::suffix(&mut r.sentence, r.n_eff, r.deff_kish.or(deff));
    r
}

pub(crate) fn decode<S: serde::de::DeserializeOwned>(
    b: &RecordBatch,
    name: &str,
    row: usize,
) -> Option<S> {
    let a = b.column_by_name(name)?;
    let a = a.as_any().downcast_ref::<BinaryArray>()?;
    (!a.is_null(row))
        .then(|| serde_json::from_slice(a.value(row)).ok())
        .flatten()
}

fn group_at(b: &RecordBatch, row: usize) -> Option<String> {
    let a = b.column_by_name("group").map(Arc::clone)?;
    let a = a.as_any().downcast_ref::<StringArray>()?;
    (!a.is_null(row)).then(|| a.value(row).to_string())
}

/// Weights the report's groups: one more aggregation over every file (grouped by `by` as the
/// unweighted one), the weights checked, the point items replaced by their weighted results,
/// every other section withheld ([`withhold`]). Returns the whole data's [`Weighting`].
///
/// # Errors
/// DataFusion's as text; the weights' as [`coded`] text.
pub async fn apply(
    df: &DataFrame,
    plan: &Plan,
    (weight, by): (&str, Option<&str>),
    groups: &mut [GroupOut],
    lang: Lang,
) -> Result<Weighting, String> {
    let group: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    let batches = df
        .clone()
        .aggregate(group, aggregates(plan, weight))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut check = WeightCheck::default();
    type Shifts = Vec<(String, WeightedSums)>;
    type Group = (
        Option<String>,
        Vec<crate::report::ItemOut>,
        Shifts,
        Vec<ScaleOut>,
    );
    let mut items: Vec<Group> = Vec::new();
    for b in &batches {
        for row in 0..b.num_rows() {
            if let Some(c) = decode::<WeightCheck>(b, "weights", row) {
                check.merge(&c).map_err(|e| coded(&e))?;
            }
            let g = by.and_then(|_| group_at(b, row));
            let rows = groups.iter().find(|x| x.group == g).map_or(0, |x| x.rows);
            let mut out = Vec::new();
            for (k, p) in plan.items.iter().enumerate() {
                let (Some(scale), Some(s)) = (&p.scale, decode(b, &format!("witem{k}"), row))
                else {
                    continue;
                };
                let r = item_result(&p.item, &scale.values, &s, (rows, None));
                let o = item_out(&p.item, &r, lang);
                out.push(o);
            }
            let shifts = (plan.pairs.iter().enumerate())
                .filter_map(|(k, p)| Some((p.id.clone(), decode(b, &format!("wpair{k}"), row)?)))
                .collect();
            items.push((g, out, shifts, scales_at(plan, b, row, lang)));
        }
    }
    let w = weighting(&check, weight)?;
    for g in groups.iter_mut() {
        let mine = items.iter_mut().find(|(v, _, _, _)| *v == g.group);
        let (out, shifts, scales) = mine
            .map(|(_, o, s, c)| (std::mem::take(o), std::mem::take(s), std::mem::take(c)))
            .unwrap_or_default();
        // With waves the items are per wave ([`crate::weighted_waves`]).
        g.items = if plan.waves.is_some() {
            Vec::new()
        } else {
            out
        };
        // Label-written scales are weighted where they are read ([`crate::label_scales`]).
        g.scales
            .retain(|s| plan.label_scales.iter().any(|l| l.id == s.scale));
        g.scales.extend(scales);
        g.scales
            .sort_by_key(|s| plan.scale_order.iter().position(|id| *id == s.scale));
        for s in &mut g.shifts {
            if let Some((_, sums)) = shifts.iter().find(|(id, _)| *id == s.pair) {
                weight_shift(s, sums);
            }
        }
    }
    crate::weighted_waves::add(df, plan, (weight, by), groups, lang).await?;
    crate::weighted_numbers::add(df, plan, (weight, by), groups, lang).await?;
    crate::weighted_categories::add(df, plan, (weight, by), groups, lang).await?;
    crate::weighted_choices::add(df, plan, (weight, by), groups, lang).await?;
    crate::weighted_pairs::add(df, plan, (weight, by), groups).await?;
    // The page's order of items (per wave) and of wave comparisons.
    crate::waves::sort(plan, groups);
    Ok(w)
}

/// Under a weight column (`weight`): [`withhold`], then [`apply`]; `None` without.
///
/// # Errors
/// Those of [`apply`].
pub async fn weigh(
    (df, survey, plan): (&DataFrame, &Survey, &Plan),
    (weight, o, raked): (
        Option<String>,
        &crate::report::Options,
        Option<crate::weighted_rake::Raked>,
    ),
    (groups, subgroups): (&mut [GroupOut], &mut [crate::subgroup::SubgroupOut]),
    skipped: &mut Vec<(String, &'static str)>,
) -> Result<Option<Weighting>, String> {
    let Some(w) = weight else { return Ok(None) };
    withhold(plan, groups, skipped);
    let planned = crate::subgroup::plan_groups(survey, &o.subgroups)?;
    crate::weighted_subgroups::weigh(df, plan, (&w, &planned), subgroups).await?;
    let mut weighting = apply(df, plan, (&w, o.by.as_deref()), groups, o.lang).await?;
    if let Some(r) = raked {
        weighting.column = r.column;
        weighting.raked = true;
        weighting.iterations = r.iterations;
        weighting.max_gap = r.max_gap;
    }
    Ok(Some(weighting))
}

/// Withholds, before [`apply`], every section not weighted yet (see the module doc), each
/// listed in `skipped` with the reason `weights` (the subgroup tables after p-value adjustment,
/// by [`finish`]).
pub fn withhold(plan: &Plan, groups: &mut [GroupOut], skipped: &mut Vec<(String, &'static str)>) {
    let mut skip = |id: &str| {
        if !skipped.iter().any(|(s, r)| s == id && *r == "weights") {
            skipped.push((id.to_string(), "weights"));
        }
    };
    // Point items read by code, numeric items ([`crate::weighted_numbers`]), category,
    // label-written and multi-select items ([`crate::weighted_categories`],
    // [`crate::weighted_choices`]).
    let weighted = |id: &str| {
        plan.items.iter().any(|p| p.item.id == id)
            || plan.categories.iter().any(|c| c.item.id == id)
            || plan.choices.iter().any(|c| c.item.id == id)
    };
    // Pre/post pairs matched across waves stay until after p-value adjustment: the page
    // leaves them unweighted, their tests in the family ([`finish`]).
    let weighted_pair = |id: &str| {
        plan.pairs.iter().any(|p| p.id == id)
            || plan.numeric_pairs.iter().any(|p| p.pair.id == id)
            || plan.xwave.iter().any(|p| p.pair.id == id)
    };
    let weighted_scale = |id: &str| {
        plan.scales.iter().any(|s| s.scale.id == id) || plan.label_scales.iter().any(|s| s.id == id)
    };
    for g in groups.iter() {
        for i in g.items.iter().filter(|i| !weighted(&i.item)) {
            skip(&i.item);
        }
        for s in g.shifts.iter().filter(|s| !weighted_pair(&s.pair)) {
            skip(&s.pair);
        }
        for s in g.scales.iter().filter(|s| !weighted_scale(&s.scale)) {
            skip(&s.scale);
        }
    }
    for g in groups.iter_mut() {
        g.items.retain(|i| weighted(&i.item));
        g.shifts.retain(|s| weighted_pair(&s.pair));
        g.scales.retain(|s| weighted_scale(&s.scale));
    }
}
