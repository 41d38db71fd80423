//! The survey report: per-item descriptives, paired shifts, wave comparisons, subgroups and
//! scales, with p-values adjusted across the whole report and a sentence per result in English
//! and Spanish.
//!
//! Every result carries the sizes it used (`nUsed`, `nExcluded` and why), its `method` with a
//! `reference`, and `warnings`. Nothing is NaN: a statistic that cannot be computed is `null`
//! with a warning that says why.
//!
//! Warnings and notices are data ([`Note`]: `{code, severity, params}`), never sentences (#16);
//! the page renders each code in the reader's language. Item references are item ids. Besides
//! the statistics' own codes (see [`crate::stats`]) and the withheld notices (see [`notice`]):
//!
//! | code | severity | params | where |
//! |---|---|---|---|
//! | `describe_few_answers` | warning | `n` | an item with under 30 answers |
//! | `describe_no_answers` | warning | — | an item nobody answered |
//! | `shift_no_pairs` | warning | — | a pair with no complete before/after |
//! | `shift_then_test` | info | — | a then-test (retrospective pretest) |
//! | `subgroup_no_test` | warning | `minCell` | a breakdown with too few groups to test |
//! | `synthetic_data` | info | — | the report of a synthetic file |
//! | `test_not_computed` | warning | `test` (method tag), `reason` (error code) | a test that failed |
//! | `wave_no_answers` | warning | — | a wave without answers to the item |
//! | `wave_sizes_assumed` | warning | `n1`, `n2` | wave comparisons on assumed sizes |
//! | `weights_unweighted_matched` | info | — | a weighted survey's pre/post pair matched across waves |
//! | `weights_unweighted_scales`, `_subgroups`, `_waves` | info | — | a weighted survey's results left unweighted (category items in waves and subgroups; a scale that could not be weighted) |
//! | `weights_unweighted_test` | info | — | a weighted subgroup table: its χ² test is on the unweighted counts |

pub mod describe;
pub mod notice;
pub mod scales;
pub mod sentence;
pub mod shift;
pub mod subgroup;
pub mod waves;
pub mod weighted;
pub mod weighted_sections;

use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::method::{Effect, Method};
use crate::stats::{p_adjust, AdjustMethod, ZeroMethod};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, ItemType, Text};
use serde::{Deserialize, Serialize};

pub use describe::{ItemResult, Share, TopBox};
pub use scales::ScaleResult;
pub use sentence::Sentence;
pub use shift::ShiftResult;
pub use subgroup::{SubgroupResult, SubgroupRow};
pub use waves::{wave_sensitivity, SensitivityRow, WaveResult};

/// How p-values are adjusted across the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyAdjust"))]
#[serde(rename_all = "snake_case")]
pub enum Adjust {
    /// Holm's step-down (family-wise error; R `p.adjust(p, "holm")`). The default.
    #[default]
    Holm,
    /// Benjamini–Hochberg (false discovery rate; R `p.adjust(p, "BH")`).
    Bh,
    /// Bonferroni (R `p.adjust(p, "bonferroni")`).
    Bonferroni,
    /// Hochberg's step-up (R `p.adjust(p, "hochberg")`).
    Hochberg,
    /// No adjustment.
    None,
}

impl Adjust {
    /// The name used in sentences: "Holm", "BH", "Bonferroni", "Hochberg".
    pub fn label(self) -> &'static str {
        match self {
            Adjust::Holm => "Holm",
            Adjust::Bh => "BH",
            Adjust::Bonferroni => "Bonferroni",
            Adjust::Hochberg => "Hochberg",
            Adjust::None => "none",
        }
    }

    /// The core method (`None` for no adjustment).
    pub fn method(self) -> Option<AdjustMethod> {
        match self {
            Adjust::Holm => Some(AdjustMethod::Holm),
            Adjust::Bh => Some(AdjustMethod::BenjaminiHochberg),
            Adjust::Bonferroni => Some(AdjustMethod::Bonferroni),
            Adjust::Hochberg => Some(AdjustMethod::Hochberg),
            Adjust::None => None,
        }
    }
}

/// Options of the report; every field has a default.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyReportOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ReportOptions {
    /// Confidence level of every interval, in (0, 1); default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// p-value adjustment across the report; default Holm.
    #[cfg_attr(test, ts(as = "Option<Adjust>", optional))]
    pub adjust: Adjust,
    /// Smallest group shown in subgroup tables (small-cell suppression); default 10.
    #[cfg_attr(test, ts(as = "Option<u64>", optional))]
    pub min_cell: u64,
    /// Item ids to break results down by; default: the instrument's groups.
    #[cfg_attr(test, ts(optional = nullable))]
    pub group_by: Option<Vec<String>>,
    /// Zero differences in the Wilcoxon signed-rank test: `"wilcox"` (drop, as R; default) or
    /// `"pratt"` (rank, as scipy).
    #[cfg_attr(test, ts(as = "Option<ZeroMethod>", optional))]
    pub zero_method: ZeroMethod,
    /// Assumed sizes per wave for the sensitivity table when wave sizes are assumed; default
    /// 25, 50, 100, 200, 400.
    #[cfg_attr(test, ts(as = "Option<Vec<u64>>", optional))]
    pub assumed_sizes: Vec<u64>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            level: 0.95,
            adjust: Adjust::Holm,
            min_cell: 10,
            group_by: None,
            zero_method: ZeroMethod::Wilcox,
            assumed_sizes: vec![25, 50, 100, 200, 400],
        }
    }
}

/// Why some rows were left out of a result, and how many.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyExclusion"))]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    /// `"blank"`, `"not_applicable"`, `"declined"`, `"dont_know"`, `"invalid"`, `"missing"`,
    /// `"beforeMissing"`, `"afterMissing"`, `"unmatched"`, `"smallGroup"`, `"incomplete"`.
    pub reason: &'static str,
    /// Rows left out for this reason.
    pub count: u64,
}

/// The main test of a result, in one shape for every test, so that p-values can be adjusted
/// across the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyTestSummary"))]
#[serde(rename_all = "camelCase")]
pub struct TestSummary {
    /// The test, e.g. `mcnemar_exact`, `wilcoxon_signed_rank`, `paired_t`, `two_proportions`,
    /// `mann_whitney`, `chi_square_independence`.
    pub method: Method,
    /// Paper and the R call matched.
    pub reference: &'static str,
    /// The test statistic (b for exact McNemar, V, t, χ², W).
    pub statistic: f64,
    /// Degrees of freedom, when the test has them.
    pub df: Option<f64>,
    /// Two-sided p-value, in [0, 1].
    pub p_value: f64,
    /// p-value adjusted across the report (`null` when `adjust` is `none`).
    pub p_adjusted: Option<f64>,
    /// The effect size's name: `rank_biserial`, `dz`, `cohens_h`, `cramers_v`,
    /// `difference`.
    pub effect_name: Effect,
    /// The effect size.
    pub effect: f64,
}

/// How p-values were adjusted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyAdjustment"))]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    /// The method.
    pub method: Adjust,
    /// How many p-values formed the family.
    pub m: usize,
    /// Reference.
    pub reference: &'static str,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyReport"))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The instrument's title.
    pub title: Text,
    /// True when the data is synthetic (say so wherever it is shown).
    pub synthetic: bool,
    /// Rows (respondents) in the file.
    pub rows: usize,
    /// Confidence level of every interval.
    pub level: f64,
    /// Per item (per wave when there are waves).
    pub items: Vec<ItemResult>,
    /// Paired shifts (then-test and pre/post).
    pub shifts: Vec<ShiftResult>,
    /// First against last wave, per item.
    pub waves: Vec<WaveResult>,
    /// Items broken down by groups.
    pub subgroups: Vec<SubgroupResult>,
    /// Multi-item scales.
    pub scales: Vec<ScaleResult>,
    /// How p-values were adjusted.
    pub adjustment: Adjustment,
    /// Notes for the reader (e.g. `synthetic_data`), as coded notes.
    pub warnings: Vec<Note>,
    /// Every withheld headline of the report, as notes of severity `withheld` (items, shifts,
    /// wave comparisons and scales whose codes are undeclared).
    pub notices: Vec<Note>,
    /// The survey weights used (#19), `null` when the survey declares none.
    pub weighting: Option<crate::survey::weights::Weighting>,
}

/// `test_not_computed`: the test `test` (its method tag) failed with the error `e`; the note
/// carries the error's code as `reason`.
pub(crate) fn not_computed(test: Method, e: &Error) -> Note {
    Note::warning(NoteCode::TestNotComputed)
        .with("test", test.as_str())
        .with("reason", e.code.as_str())
}

impl ReportOptions {
    /// Checks the options as [`report`] does before any work: the level in (0, 1), `minCell`
    /// from 1 to 1000, at most 20 assumed sizes of 1 to 10,000,000 each. The page checks saved
    /// settings with it (`checkReportOptions`) instead of repeating the rules.
    ///
    /// # Errors
    /// [`Code::LevelOutOfRange`] or [`Code::ParameterOutOfRange`].
    pub fn check(&self) -> Result<()> {
        check_options(self)
    }
}

fn check_options(o: &ReportOptions) -> Result<()> {
    crate::error::level(o.level)?;
    if o.min_cell == 0 || o.min_cell > 1_000 {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!("minCell must be between 1 and 1000, got {}", o.min_cell),
        )
        .with("minCell", o.min_cell));
    }
    if o.assumed_sizes.len() > 20 || o.assumed_sizes.iter().any(|n| *n == 0 || *n > 10_000_000) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "assumedSizes holds at most 20 sizes, each between 1 and 10,000,000",
        ));
    }
    Ok(())
}

/// Most distinct grouping items in one report. Each grouping item breaks every other item down
/// into a table (8 × 2,000 items = 16,000 tables at most); a breakdown by more than a handful of
/// demographics (community, gender, age band, language, role, school, grade, wave) is no longer
/// readable, and small-cell suppression would hide most of its cells anyway.
pub const MAX_GROUPS: usize = 8;

/// Most group × item × row lookups of the subgroup tables (about half a second in
/// WebAssembly): 8 groups × 100 items × 250,000 rows, or 8 × 2,000 items × 12,500 rows.
pub const MAX_SUBGROUP_CELLS: f64 = 2e8;

/// Most subgroup tables (grouping items × items) in one report: [`MAX_GROUPS`] × 2,000 items.
/// The instrument's own groups (detected demographic columns, or a mapping from a project file)
/// are not capped in number — a real survey may have a dozen demographic questions — but
/// their tables and cells are.
pub const MAX_SUBGROUP_TABLES: f64 = 16_000.0;

/// The grouping items of the report: `groupBy` (or the instrument's groups) without repeats, in
/// first-seen order, each a known item, at most [`MAX_GROUPS`] of them when chosen in
/// `groupBy`, and within [`MAX_SUBGROUP_TABLES`] and [`MAX_SUBGROUP_CELLS`].
fn grouping(ins: &Instrument, data: &Dataset, o: &ReportOptions) -> Result<Vec<String>> {
    grouping_rows(ins, data.rows as f64, o)
}

/// [`grouping`] for `rows` respondents (the chunked report checks the cells of its pieces'
/// rows as they come: pass 0 for the tables alone).
pub(crate) fn grouping_rows(ins: &Instrument, rows: f64, o: &ReportOptions) -> Result<Vec<String>> {
    let given = o.group_by.as_ref().unwrap_or(&ins.groups);
    let mut seen = std::collections::HashSet::new();
    let groups: Vec<String> = given
        .iter()
        .filter(|g| seen.insert(g.as_str()))
        .cloned()
        .collect();
    let source = if o.group_by.is_some() {
        "groupBy"
    } else {
        "instrument"
    };
    if o.group_by.is_some() && groups.len() > MAX_GROUPS {
        return Err(crate::stats::limits::too_large(
            "groupingItems",
            MAX_GROUPS as f64,
            groups.len() as f64,
        )
        .with("source", source));
    }
    for g in &groups {
        if ins.item(g).is_none() {
            return Err(Error::new(
                Code::UnknownId,
                format!("groupBy names the item \"{g}\", which is not in the instrument"),
            )
            .with("id", g.as_str()));
        }
    }
    let tables = groups.len() as f64 * ins.items.len() as f64;
    crate::stats::limits::at_most("subgroupTables", MAX_SUBGROUP_TABLES, tables)
        .map_err(|e| e.with("source", source))?;
    let cells = tables * rows;
    crate::stats::limits::at_most("subgroupCells", MAX_SUBGROUP_CELLS, cells)
        .map_err(|e| e.with("source", source))?;
    Ok(groups)
}

/// Computes the report.
///
/// # Errors
/// [`Code::LevelOutOfRange`], [`Code::ParameterOutOfRange`] and [`Code::UnknownId`] for bad
/// options; [`Code::TooLarge`] (with `what`, `limit`, `requested` and `source`: `"groupBy"` or
/// `"instrument"`) for more than [`MAX_GROUPS`] distinct items in `groupBy`, more than
/// [`MAX_SUBGROUP_TABLES`] group × item tables or [`MAX_SUBGROUP_CELLS`] group × item × row
/// cells. Repeats in `groupBy` are ignored.
pub fn report(ins: &Instrument, data: &Dataset, options: &ReportOptions) -> Result<Report> {
    check_options(options)?;
    let placed = with_unplaced(ins, &data.missing);
    let ins = placed.as_ref().unwrap_or(ins);
    let groups = grouping(ins, data, options)?;
    let items = describe::describe_all(ins, data, options);
    let mut shifts = shift::shifts(ins, data, options);
    for s in &mut shifts {
        weighted::shift(ins, data, s, options.level);
    }
    let mut waves = waves::compare_all(ins, data, options);
    for w in &mut waves {
        weighted_sections::wave(ins, data, w, options.level);
    }
    let mut subgroups = subgroup::subgroups(ins, data, options, &groups);
    for s in &mut subgroups {
        weighted_sections::subgroup(ins, data, s, options.level);
    }
    let scales = scales::scales(ins, data, options);
    let warnings = weighted::unweighted_sections(
        data,
        waves.iter().any(|w| !w.weighted && w.notices.is_empty()),
        subgroups.iter().any(|s| !s.weighted),
        scales.iter().any(|s| !s.weighted),
    );
    assemble(
        ins,
        Sections {
            rows: data.rows,
            weighting: data.weighting.clone(),
            warnings,
            items,
            shifts,
            waves,
            subgroups,
            scales,
        },
        options,
    )
}

/// The instrument with each item's answers that are none of its points ([`Item::unplaced`]:
/// the import's invalid cells of a labelled item), so that an unconfirmed scale holding such
/// answers withholds its headline; `None` when no item has any (nothing to copy). The
/// in-memory and the chunked report both read their instrument through it.
///
/// [`Item::unplaced`]: crate::survey::instrument::Item::unplaced
pub(crate) fn with_unplaced(
    ins: &Instrument,
    missing: &[crate::survey::issues::ColumnMissing],
) -> Option<Instrument> {
    let unplaced = |id: &str| {
        missing
            .iter()
            .find(|m| m.item == id)
            .map_or(0, |m| m.invalid)
    };
    let labelled = |i: &crate::survey::instrument::Item| {
        !i.confirmed
            && matches!(
                i.kind,
                ItemType::Likert | ItemType::Binary | ItemType::Change
            )
            && unplaced(&i.id) > 0
    };
    if !ins.items.iter().any(labelled) {
        return None;
    }
    let mut out = ins.clone();
    for item in &mut out.items {
        if labelled(item) {
            item.unplaced = unplaced(&item.id);
        }
    }
    Some(out)
}

/// The sections of a report before the report-wide steps (notices, p-value adjustment,
/// sentences): what the in-memory [`report`] and the chunked report (#22) each compute.
pub(crate) struct Sections {
    /// Respondents analysed.
    pub rows: usize,
    /// The weights' summary, when weighted.
    pub weighting: Option<crate::survey::weights::Weighting>,
    /// Report-level warnings of the sections (after `synthetic_data`).
    pub warnings: Vec<Note>,
    /// Per item (and wave).
    pub items: Vec<ItemResult>,
    /// Paired shifts, before their sentences.
    pub shifts: Vec<ShiftResult>,
    /// Wave comparisons, before their sentences.
    pub waves: Vec<WaveResult>,
    /// Subgroup tables, suppressed, before their sentences.
    pub subgroups: Vec<SubgroupResult>,
    /// Scales.
    pub scales: Vec<ScaleResult>,
}

/// The report-wide steps over complete sections: notices, one p-value family, sentences.
pub(crate) fn assemble(ins: &Instrument, s: Sections, options: &ReportOptions) -> Result<Report> {
    let Sections {
        rows,
        weighting,
        warnings: section_warnings,
        items,
        mut shifts,
        waves: mut wave_results,
        mut subgroups,
        scales,
    } = s;
    let mut warnings = Vec::new();
    if ins.synthetic {
        warnings.push(Note::info(NoteCode::SyntheticData));
    }
    warnings.extend(section_warnings);
    let mut notices: Vec<Note> = Vec::new();
    for r in &items {
        for n in &r.notices {
            if !notices.contains(n) {
                notices.push(n.clone());
            }
        }
    }
    notices.extend(shifts.iter().flat_map(|s| s.notices.iter().cloned()));
    notices.extend(
        wave_results
            .iter()
            .flat_map(|w| w.notices.iter().cloned())
            .filter(|n| n.code != NoteCode::CodesWithoutLabels),
    );
    for s in &ins.scales {
        if let Some(i) = s
            .items
            .iter()
            .find(|i| !ins.item(i).is_some_and(|i| i.declared()))
        {
            notices.push(
                Note::withheld(NoteCode::ScaleNotDeclared)
                    .with("scale", s.id.as_str())
                    .with("item", i.as_str()),
            );
        }
    }

    // Adjust every p-value of the report as one family.
    let mut slots: Vec<&mut TestSummary> = Vec::new();
    slots.extend(shifts.iter_mut().filter_map(|s| s.test.as_mut()));
    slots.extend(wave_results.iter_mut().filter_map(|w| w.test.as_mut()));
    slots.extend(subgroups.iter_mut().filter_map(|s| s.test.as_mut()));
    let ps: Vec<f64> = slots.iter().map(|t| t.p_value).collect();
    if let Some(method) = options.adjust.method() {
        let adjusted = p_adjust(&ps, method)?;
        for (t, a) in slots.into_iter().zip(adjusted.adjusted) {
            t.p_adjusted = a;
        }
    }
    let m = ps.len();
    for s in &mut shifts {
        s.sentence = shift::sentence(s, options);
        weighted::shift_suffix(s, options.level);
    }
    for w in &mut wave_results {
        w.sentence = weighted_sections::wave_sentence(w, options)
            .unwrap_or_else(|| waves::sentence(w, options));
    }
    for s in &mut subgroups {
        s.sentence = subgroup::sentence(s, options);
        weighted_sections::subgroup_suffix(s);
    }
    Ok(Report {
        title: ins.title.clone(),
        synthetic: ins.synthetic,
        rows,
        level: options.level,
        items,
        shifts,
        waves: wave_results,
        subgroups,
        scales,
        adjustment: Adjustment {
            method: options.adjust,
            m,
            reference: match options.adjust {
                Adjust::Holm => {
                    "Holm, S. (1979). Scand. J. Statist. 6, 65–70; R p.adjust(p, \"holm\")"
                }
                Adjust::Bh => {
                    "Benjamini, Y. & Hochberg, Y. (1995). JRSS B 57, 289–300; R p.adjust(p, \"BH\")"
                }
                Adjust::Bonferroni => "Bonferroni; R p.adjust(p, \"bonferroni\")",
                Adjust::Hochberg => {
                    "Hochberg, Y. (1988). Biometrika 75, 800–802; R p.adjust(p, \"hochberg\")"
                }
                Adjust::None => "no adjustment",
            },
        },
        warnings,
        notices,
        weighting,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_test_is_a_note_with_the_method_tag_and_the_error_code() {
        let e = Error::new(Code::NoVariation, "every answer is the same");
        let note = not_computed(Method::MannWhitney, &e);
        let json = serde_json::to_value(&note).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "test_not_computed",
                "severity": "warning",
                "params": {"test": "mann_whitney", "reason": "no_variation"}
            })
        );
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;

    #[test]
    fn check_applies_the_report_rules() {
        assert!(ReportOptions::default().check().is_ok());
        let bad_level = ReportOptions {
            level: 1.0,
            ..ReportOptions::default()
        };
        assert_eq!(bad_level.check().unwrap_err().code, Code::LevelOutOfRange);
        let bad_cell = ReportOptions {
            min_cell: 0,
            ..ReportOptions::default()
        };
        assert_eq!(
            bad_cell.check().unwrap_err().code,
            Code::ParameterOutOfRange
        );
    }
}
