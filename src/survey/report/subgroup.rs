//! Items broken down by a group column (community, gender, age band), with the chi-square test
//! of independence, Cramér's V, and small-cell suppression as education agencies practise it.
//!
//! # Suppression rules
//! 1. A group with fewer than `minCell` answers (default 10) is hidden: neither its n nor its
//!    share is shown (`suppressed: "small"`).
//! 2. Complementary suppression: when exactly one group is hidden, the next smallest group is
//!    hidden too (`"complementary"`), so the hidden one cannot be recovered as total − others.
//! 3. Shares below 5% or above 95% are shown as "<5%" / ">95%" with no count or interval,
//!    since the few people on the other side could be identified.
//! 4. The test uses the shown groups only (a hidden group's size would otherwise leak through
//!    the expected counts).

use super::describe::{top_values, PointIndex};
use super::sentence::{num, p_with_adjusted, pct, Sentence};
use super::{Exclusion, ReportOptions, TestSummary};
use crate::note::{Note, NoteCode};
use crate::stats::method::{Effect, Method};
use crate::stats::summary::RankSumTable;
use crate::stats::{wilson, ChiSquareOptions, ChiSquareTest};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, ItemType, Lang, Text};
use serde::Serialize;

/// One group's row of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveySubgroupRow"))]
#[serde(rename_all = "camelCase")]
pub struct SubgroupRow {
    /// The group's label (e.g. "Salton City").
    pub level: Text,
    /// Answers in the group (`null` when suppressed).
    pub n: Option<u64>,
    /// Top-box count (`null` when suppressed or coded "<5%"/">95%").
    pub x: Option<u64>,
    /// Top-box share (`null` when suppressed or coded).
    pub share: Option<f64>,
    /// Wilson interval, lower bound (`null` when suppressed or coded).
    pub lower: Option<f64>,
    /// Wilson interval, upper bound.
    pub upper: Option<f64>,
    /// What to print: "62%", "<5%", ">95%" or "—" (suppressed).
    pub display: String,
    /// `"small"` or `"complementary"` when hidden.
    pub suppressed: Option<&'static str>,
    /// The weighted share with its domain SE, Kish n_eff and design effects (`null` when
    /// unweighted, hidden or coded).
    pub weighted_estimate: Option<crate::stats::weighted::WeightedMean>,
}

/// One item broken down by one group item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveySubgroupResult"))]
#[serde(rename_all = "camelCase")]
pub struct SubgroupResult {
    /// Item id.
    pub item: String,
    /// Group item id.
    pub group: String,
    /// Item text.
    pub text: Text,
    /// Group item text.
    pub group_text: Text,
    /// One row per group level, in the group item's point order.
    pub rows: Vec<SubgroupRow>,
    /// Answers in the shown groups (those entering the test).
    pub n_used: u64,
    /// Answers left out: missing item or group, or a hidden group.
    pub n_excluded: u64,
    /// Why, with counts.
    pub excluded: Vec<Exclusion>,
    /// The smallest group shown.
    pub min_cell: u64,
    /// Chi-square test of independence over the shown groups.
    pub chi_square: Option<ChiSquareTest>,
    /// The main test, with the adjusted p-value.
    pub test: Option<TestSummary>,
    /// `Method::ChiSquareIndependence`.
    pub method: Method,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
    /// One sentence in English and Spanish.
    pub sentence: Sentence,
    /// Whether the shares are weighted (#19): suppression stays
    /// on the unweighted counts, and so does the χ² test.
    pub weighted: bool,
}

/// Applies rules 1–3 to rows given their sizes and top-box counts.
pub fn suppress(
    levels: Vec<(Text, u64, Option<u64>)>,
    min_cell: u64,
    level: f64,
) -> Vec<SubgroupRow> {
    let mut rows: Vec<SubgroupRow> = levels
        .into_iter()
        .map(|(label, n, x)| {
            let mut r = SubgroupRow {
                level: label,
                n: Some(n),
                x,
                share: None,
                lower: None,
                upper: None,
                display: String::new(),
                suppressed: None,
                weighted_estimate: None,
            };
            if n > 0 && n < min_cell {
                r.suppressed = Some("small");
            }
            r
        })
        .collect();
    let hidden = rows.iter().filter(|r| r.suppressed.is_some()).count();
    if hidden == 1 {
        let next = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.suppressed.is_none() && r.n.unwrap_or(0) > 0)
            .min_by_key(|(_, r)| r.n.unwrap_or(0))
            .map(|(i, _)| i);
        if let Some(r) = next.and_then(|i| rows.get_mut(i)) {
            r.suppressed = Some("complementary");
        }
    }
    for r in &mut rows {
        let n = r.n.unwrap_or(0);
        if r.suppressed.is_some() {
            r.n = None;
            r.x = None;
            r.display = "—".into();
            continue;
        }
        match r.x.map(|x| wilson(x as f64, n as f64, level)) {
            Some(Ok(ci)) if ci.estimate < 0.05 => {
                r.x = None;
                r.display = "<5%".into();
            }
            Some(Ok(ci)) if ci.estimate > 0.95 => {
                r.x = None;
                r.display = ">95%".into();
            }
            Some(Ok(ci)) => {
                r.display = pct(ci.estimate);
                r.share = Some(ci.estimate);
                r.lower = Some(ci.lower);
                r.upper = Some(ci.upper);
            }
            _ => r.display = if n == 0 { "—".into() } else { String::new() },
        }
    }
    rows
}

/// The (grouping item, item) index pairs broken down, in report order: every declared
/// grouping item against every declared Likert, yes/no, change or category item that is not
/// itself a grouping item.
pub(crate) fn tables(ins: &Instrument, groups: &[String]) -> Vec<(usize, usize)> {
    let index = |id: &str| ins.items.iter().position(|i| i.id == id);
    let mut out = Vec::new();
    for g in groups {
        let Some(gk) = index(g) else { continue };
        if !ins.items.get(gk).is_some_and(|i| i.declared()) {
            continue;
        }
        for (k, item) in ins.items.iter().enumerate() {
            if groups.contains(&item.id)
                || !item.declared()
                || !matches!(
                    item.kind,
                    ItemType::Likert | ItemType::Binary | ItemType::Change | ItemType::Category
                )
            {
                continue;
            }
            out.push((gk, k));
        }
    }
    out
}

/// Breaks every item down by every group of `groups` (distinct, checked by the report).
pub fn subgroups(
    ins: &Instrument,
    data: &Dataset,
    options: &ReportOptions,
    groups: &[String],
) -> Vec<SubgroupResult> {
    let mut out = Vec::new();
    for (gk, k) in tables(ins, groups) {
        let (Some(gitem), Some(item)) = (ins.items.get(gk), ins.items.get(k)) else {
            continue;
        };
        let gvals = data.values.get(gk).map(Vec::as_slice).unwrap_or(&[]);
        let vals = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
        // The group × point table, a mergeable summary; suppression and the test come after
        // it is complete (after the last merge, never per piece).
        let mut t = table(item, gitem);
        observe(&mut t, item, gitem, vals, gvals);
        out.push(from_table(item, gitem, &t, options));
    }
    out
}

/// The empty group × point table of `item` broken down by `gitem`.
pub(crate) fn table(
    item: &crate::survey::instrument::Item,
    gitem: &crate::survey::instrument::Item,
) -> RankSumTable {
    RankSumTable::new(
        item.points.iter().map(|p| p.value).collect(),
        gitem.points.len(),
    )
}

/// Adds rows to a breakdown's table: `vals` the item's values, `gvals` the grouping item's,
/// row by row (a row without a group or an answer counts as missing).
pub(crate) fn observe(
    t: &mut RankSumTable,
    item: &crate::survey::instrument::Item,
    gitem: &crate::survey::instrument::Item,
    vals: &[f64],
    gvals: &[f64],
) {
    let (gindex, pindex) = (PointIndex::new(gitem), PointIndex::new(item));
    for (v, gv) in vals.iter().zip(gvals) {
        match (gindex.get(*gv), pindex.get(*v)) {
            (Some(gi), Some(pi)) => t.observe_point(gi, pi),
            _ => t.missing += 1,
        }
    }
}

/// One breakdown from its complete group × point table (after the last merge, never per
/// piece): small-cell suppression, the shown rows' sizes and the χ² test. Shared by
/// [`subgroups`] and the chunked report (#22).
pub fn from_table(
    item: &crate::survey::instrument::Item,
    gitem: &crate::survey::instrument::Item,
    t: &RankSumTable,
    options: &ReportOptions,
) -> SubgroupResult {
    let top = top_values(item);
    let missing = t.missing + t.unknown;
    let levels = gitem
        .points
        .iter()
        .enumerate()
        .map(|(g, p)| {
            let counts = t.group(g);
            let x = (!top.is_empty()).then(|| counts.count_of(&top));
            (p.label.clone(), counts.n(), x)
        })
        .collect();
    let rows = suppress(levels, options.min_cell, options.level);
    let shown: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.suppressed.is_none() && r.n.unwrap_or(0) > 0)
        .map(|(i, _)| i)
        .collect();
    let hidden_n: u64 = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.suppressed.is_some())
        .map(|(g, _)| t.row(g).iter().sum::<u64>())
        .sum();
    let n_used: u64 = shown.iter().map(|&g| t.row(g).iter().sum::<u64>()).sum();
    let mut r = SubgroupResult {
        item: item.id.clone(),
        group: gitem.id.clone(),
        text: item.text.clone(),
        group_text: gitem.text.clone(),
        rows,
        n_used,
        n_excluded: missing + hidden_n,
        excluded: [("missing", missing), ("smallGroup", hidden_n)]
            .into_iter()
            .filter(|(_, c)| *c > 0)
            .map(|(reason, count)| Exclusion { reason, count })
            .collect(),
        min_cell: options.min_cell,
        chi_square: None,
        test: None,
        method: Method::ChiSquareIndependence,
        warnings: Vec::new(),
        sentence: Sentence::default(),
        weighted: false,
    };
    match t.chi_square(&shown, &ChiSquareOptions::default()) {
        Ok(c) => {
            r.test = Some(TestSummary {
                method: Method::ChiSquareIndependence,
                reference: "Pearson (1900); Cramér (1946); R chisq.test(m, correct = FALSE)",
                statistic: c.statistic,
                df: Some(c.df),
                p_value: c.p_value,
                p_adjusted: None,
                effect_name: Effect::CramersV,
                effect: c.cramers_v,
            });
            r.warnings.extend(c.warnings.iter().cloned());
            r.chi_square = Some(c);
        }
        Err(_) => r
            .warnings
            .push(Note::warning(NoteCode::SubgroupNoTest).with("minCell", options.min_cell)),
    }
    r
}

/// The breakdown's sentence, after p-value adjustment.
pub fn sentence(r: &SubgroupResult, options: &ReportOptions) -> Sentence {
    let adjust = options.adjust.label();
    Sentence::build(|lang| {
        let en = lang == Lang::En;
        let by = if en { "by" } else { "según" };
        let head = format!(
            "{} {by} {}: ",
            super::sentence::quote(r.text.get(lang), lang),
            super::sentence::quote(r.group_text.get(lang), lang)
        );
        let rows: Vec<String> = r
            .rows
            .iter()
            .filter(|x| x.suppressed.is_none() && !x.display.is_empty() && x.display != "—")
            .map(|x| format!("{} {}", x.level.get(lang), x.display))
            .collect();
        let mut s = head;
        if !rows.is_empty() {
            s.push_str(&rows.join(", "));
        }
        if let (Some(t), Some(c)) = (&r.test, &r.chi_square) {
            let p = p_with_adjusted(t.p_value, t.p_adjusted, adjust, lang);
            let v = num(c.cramers_v, 2, lang);
            let stat = num(c.statistic, 2, lang);
            s.push_str(&if en {
                format!(
                    "; χ²({}) = {stat}, {p}, Cramér's V = {v} (n = {})",
                    c.df, r.n_used
                )
            } else {
                format!(
                    "; χ²({}) = {stat}, {p}, V de Cramér = {v} (n = {})",
                    c.df, r.n_used
                )
            });
        }
        let hidden = r.rows.iter().filter(|x| x.suppressed.is_some()).count();
        if hidden > 0 {
            s.push_str(&if en {
                format!("; {hidden} group(s) hidden (fewer than {} answers, or to protect a hidden group)", r.min_cell)
            } else {
                format!("; {hidden} grupo(s) oculto(s) (menos de {} respuestas, o para proteger un grupo oculto)", r.min_cell)
            });
        }
        s.push('.');
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Text {
        Text::new(s, "")
    }

    #[test]
    fn one_small_group_hides_the_next_smallest_too() {
        let rows = suppress(
            vec![
                (t("Salton City"), 43, Some(40)),
                (t("Thermal"), 20, Some(15)),
                (t("Mecca"), 4, Some(4)),
                (t("Oasis"), 14, Some(7)),
            ],
            10,
            0.95,
        );
        assert_eq!(rows[2].suppressed, Some("small"));
        assert_eq!(rows[3].suppressed, Some("complementary"));
        assert_eq!(rows[3].n, None);
        assert_eq!(rows[0].display, "93%");
        assert_eq!(rows[1].display, "75%");
    }

    #[test]
    fn extremes_are_coded() {
        let rows = suppress(
            vec![
                (t("A"), 40, Some(39)),
                (t("B"), 40, Some(1)),
                (t("C"), 40, Some(20)),
            ],
            10,
            0.95,
        );
        assert_eq!((rows[0].display.as_str(), rows[0].x), (">95%", None));
        assert_eq!(rows[1].display, "<5%");
        assert_eq!(rows[2].display, "50%");
        assert!(rows.iter().all(|r| r.suppressed.is_none()));
    }
}
