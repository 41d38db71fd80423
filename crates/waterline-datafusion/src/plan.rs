//! What the CLI's report is computed from: the plan of every declared item, pair and scale of
//! a codebook-confirmed survey — which are read by code (`wl_counts`, `wl_paired_shift`,
//! `wl_scale`), which are counted by distinct text and decoded by the page's importer
//! ([`crate::categories`], [`crate::pairs`], [`crate::choices`]), which are matched across
//! waves ([`crate::xwave`]), and which are left out and why. [`crate::report`] runs it.

use crate::scale::Scale;
use waterline::survey::instrument::{Item, ItemType};
use waterline::survey::{ReadOptions, Survey};

/// What one item is computed from.
#[derive(Debug, Clone)]
pub struct PlannedItem {
    pub item: Item,
    /// The column's header in the files.
    pub column: String,
    /// `None` for numeric items.
    pub scale: Option<Scale>,
}

/// What one same-row pair is computed from.
#[derive(Debug, Clone)]
pub struct PlannedPair {
    pub id: String,
    pub text: waterline::text::Text,
    pub before: String,
    pub after: String,
    pub before_column: String,
    pub after_column: String,
    pub scale: Scale,
    /// The instrument's pair (for the page's shift: `shift::from_table`).
    pub pair: waterline::survey::instrument::Pair,
}

/// The items and pairs of a survey whose scales are declared.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub title: waterline::text::Text,
    pub items: Vec<PlannedItem>,
    pub pairs: Vec<PlannedPair>,
    /// The instrument's multi-item scales (the page's rule), their items planned.
    pub scales: Vec<crate::scales::PlannedScale>,
    /// Items left out and why (`not_declared`, `type`), for the report's notes.
    pub skipped: Vec<(String, &'static str)>,
    /// Category items ([`crate::categories`]), counted apart.
    pub categories: Vec<crate::categories::PlannedCategory>,
    /// Multi-select items in one column ([`crate::choices`]), counted apart.
    pub choices: Vec<crate::categories::PlannedCategory>,
    /// Same-row pairs of numeric items ([`crate::pairs`]), counted apart.
    pub numeric_pairs: Vec<crate::pairs::PlannedNumericPair>,
    /// Every pair id in the instrument's order (the page's order of shifts).
    pub pair_order: Vec<String>,
    /// Reported scales of label-written items ([`crate::label_scales`]).
    pub label_scales: Vec<waterline::survey::instrument::Scale>,
    /// Every reported scale id in the page's order.
    pub scale_order: Vec<String>,
    /// Decodes category cells with the page's importer (`None` in a plan built by hand).
    pub decoder: Option<crate::categories::Decoder>,
    /// Every item id in the instrument's order (the page's order of items).
    pub order: Vec<String>,
    /// The survey's waves over every file ([`crate::waves::plan`], set by the report).
    pub waves: Option<crate::waves::PlannedWaves>,
    /// Pre/post pairs matched across waves by respondent id ([`crate::xwave`]).
    pub xwave: Vec<crate::pairs::PlannedNumericPair>,
    /// Cell texts of detected categories and group columns on every row before the duplicate
    /// policy left rows out, where the page detects their levels ([`crate::duplicates`]).
    pub seen: Option<std::collections::HashMap<String, crate::categories::Counted>>,
    /// Columns whose head holds codes but some file labels ([`crate::coded`]): read by text.
    pub labelled: std::collections::BTreeSet<String>,
    /// The first file's head in the page's row order, for the order of equal counts
    /// ([`crate::first_seen`]; `None` in a plan built by hand: equal counts by text).
    pub first_seen: Option<std::sync::Arc<crate::first_seen::FirstSeen>>,
}

impl Plan {
    /// The texts of `column` in first-seen order ([`crate::first_seen::FirstSeen::texts`]).
    pub fn first(&self, column: &str, within: Option<(&str, Option<&str>)>) -> Vec<String> {
        (self.first_seen.as_ref()).map_or_else(Vec::new, |f| f.texts(column, within))
    }
}

/// The scale of a declared item with numeric codes.
pub fn scale_of(item: &Item) -> Option<Scale> {
    if item.points.is_empty() || !item.declared() {
        return None;
    }
    // The item's own point order, so that the counts are the report's `PointCounts`.
    let points: Vec<_> = item.points.iter().collect();
    Some(Scale {
        codes: points.iter().map(|p| p.code.unwrap_or(p.value)).collect(),
        values: points.iter().map(|p| p.value).collect(),
    })
}

/// Reads the head of the first file, applies the codebook and plans every declared item.
///
/// # Errors
/// The root crate's import and codebook errors, as text.
pub fn plan(head: &[u8], codebook: &str) -> Result<Plan, String> {
    let mut survey = Survey::from_bytes(head, &ReadOptions::default()).map_err(|e| e.message)?;
    survey.set_codebook(codebook).map_err(|e| e.message)?;
    Ok(plan_survey(&survey))
}

/// Plans every declared item of a survey: point items written as codes read by `wl_counts`,
/// numeric items and items written as labels counted by text ([`crate::categories`]).
pub fn plan_survey(survey: &Survey) -> Plan {
    plan_survey_with(survey, &Default::default())
}

/// [`plan_survey`], with the columns [`crate::coded::labelled`] found to hold labels in some
/// file read by text as a label-written export's.
pub fn plan_survey_with(survey: &Survey, labelled: &std::collections::BTreeSet<String>) -> Plan {
    let ins = &survey.mapping().instrument;
    let header = |key: &Option<String>| {
        let key = key.as_deref()?;
        survey
            .table()
            .columns
            .iter()
            .find(|c| c.key == key || c.header == key)
            .map(|c| c.header.clone())
    };
    let mut plan = Plan {
        title: ins.title.clone(),
        categories: crate::categories::plan_categories(survey),
        choices: crate::choices::plan_choices(survey),
        decoder: Some(crate::categories::Decoder::new(survey)),
        order: ins.items.iter().map(|i| i.id.clone()).collect(),
        pair_order: ins.pairs.iter().map(|p| p.id.clone()).collect(),
        labelled: labelled.clone(),
        first_seen: Some(std::sync::Arc::new(crate::first_seen::FirstSeen::new(
            survey,
        ))),
        ..Plan::default()
    };
    for item in &ins.items {
        let Some(column) = header(&item.column) else {
            continue;
        };
        match item.kind {
            ItemType::Numeric => plan.items.push(PlannedItem {
                item: item.clone(),
                column,
                scale: None,
            }),
            ItemType::Likert | ItemType::Binary | ItemType::Change => match scale_of(item) {
                // A scale without codes is written as labels: the page's importer reads them
                // ([`crate::categories`]), as for category items.
                Some(_)
                    if item.points.iter().all(|p| p.code.is_none())
                        || labelled.contains(&column)
                        || crate::categories::has_labels(survey, &column) =>
                {
                    plan.categories.push(crate::categories::PlannedCategory {
                        item: item.clone(),
                        column,
                    })
                }
                Some(scale) => plan.items.push(PlannedItem {
                    item: item.clone(),
                    column,
                    scale: Some(scale),
                }),
                None => plan.skipped.push((item.id.clone(), "not_declared")),
            },
            ItemType::Category if plan.categories.iter().any(|c| c.item.id == item.id) => {}
            ItemType::MultiSelect if plan.choices.iter().any(|c| c.item.id == item.id) => {}
            _ => plan.skipped.push((item.id.clone(), "type")),
        }
    }
    for p in &ins.pairs {
        plan_pair(&mut plan, p, ins.waves.is_some());
    }
    let reported: Vec<_> = waterline::survey::report::scales::reported(ins)
        .cloned()
        .collect();
    plan.scale_order = reported.iter().map(|s| s.id.clone()).collect();
    plan.label_scales = crate::label_scales::plan(&reported, &plan.categories, &plan.items);
    let mut skipped = std::mem::take(&mut plan.skipped);
    plan.scales = crate::scales::plan_scales(ins, &plan, &mut skipped);
    plan.skipped = skipped;
    plan
}

/// Plans one pair: both items read by code on the same scale → `wl_paired_shift`; both counted
/// by text (numeric items, label-written scales) → [`crate::pairs`]; a pre/post pair of a
/// survey with waves (matched across waves by respondent id) → [`crate::xwave`]; otherwise
/// `skipped`.
fn plan_pair(plan: &mut Plan, p: &waterline::survey::instrument::Pair, waves: bool) {
    let across = p.design == waterline::survey::instrument::Design::PrePost && waves;
    if across {
        return crate::xwave::plan_pair(plan, p);
    }
    let coded = |id: &str| {
        plan.items
            .iter()
            .find(|i| i.item.id == id && i.scale.is_some())
    };
    if let (Some(b), Some(a)) = (coded(&p.before), coded(&p.after)) {
        let (Some(sb), Some(sa)) = (&b.scale, &a.scale) else {
            return;
        };
        if sb != sa {
            plan.skipped.push((p.id.clone(), "pair"));
            return;
        }
        let planned = PlannedPair {
            id: p.id.clone(),
            text: p.text.clone(),
            before: p.before.clone(),
            after: p.after.clone(),
            before_column: b.column.clone(),
            after_column: a.column.clone(),
            scale: sb.clone(),
            pair: p.clone(),
        };
        plan.pairs.push(planned);
        return;
    }
    let counted = |id: &str| {
        let numeric = plan
            .items
            .iter()
            .find(|i| i.item.id == id && i.scale.is_none());
        let labels = plan
            .categories
            .iter()
            .find(|c| c.item.id == id && c.item.kind != ItemType::Category);
        numeric
            .map(|i| (i.item.clone(), i.column.clone()))
            .or_else(|| labels.map(|c| (c.item.clone(), c.column.clone())))
    };
    match (counted(&p.before), counted(&p.after)) {
        (Some(b), Some(a)) => plan.numeric_pairs.push(crate::pairs::PlannedNumericPair {
            pair: p.clone(),
            before: b.0,
            after: a.0,
            before_column: b.1,
            after_column: a.1,
        }),
        (Some(_), _) | (_, Some(_)) => plan.skipped.push((p.id.clone(), "pair")),
        _ => {}
    }
}
