//! Detecting column roles: from the header text and the distinct values of each column, propose
//! a [`Mapping`] the user can then edit and confirm.
//!
//! Each guess is a named rule in its own module, with a test and a reason the page can show:
//! 1. [`roles::header_roles`] — respondent id, timestamps, metadata to ignore, the wave column;
//! 2. [`roles::choice_columns`] — SurveyMonkey's one column per choice (with its "Other (please
//!    specify)" column);
//! 3. [`values::guess`] — what the values are: a label family the file's own labels match
//!    (80% of the answered cells, case- and accent-insensitively, English or Spanish), numeric
//!    *codes* without labels (reported as codes until a scale is declared; the scale
//!    templates they fit are [`proposals::for_codes`]), numbers, multi-select lists,
//!    categories or text;
//! 4. [`pairs::then_tests`] — before/now headers become then-test pairs;
//! 5. [`pairs::grid_scales`] — three or more Likert rows of one grid become a scale;
//! 6. groups — category items whose header mentions community, gender, age...;
//! 7. [`waves::wording`] and [`waves::panel_pairs`] — waves that used other wording get a
//!    proposed (unconfirmed) mapping onto a common scale; recurring ids give pre/post pairs.
//!
//! `# wave sizes: assumed` and `# synthetic: true` lines before the header set those flags.
//! Headers of the form "English / Español" give the item text in both languages.

pub mod items;
pub mod pairs;
pub mod proposals;
pub mod roles;
pub mod values;
pub mod waves;

pub use values::{FAMILY_SHARE, MAX_CATEGORIES, NUMERIC_SHARE};

use super::headers::*;
use super::instrument::{ItemType, Lang};
use super::labels::{fold, somewhat_wording, FamilyKind};
use super::mapping::Mapping;
use super::table::Table;
use std::collections::HashSet;
use values::Guess;

/// The agreement positions the file's agreement columns use, kept per wording: one scale for
/// every agreement item of a file, so that its items compare (a neutral point anywhere gives
/// every item one), except that columns worded "somewhat agree" (Qualtrics' default) and
/// columns worded "agree" are two scales when no column uses both — a before/after pair across
/// them is then withheld (`pair_scales_differ`) rather than read as a move from "somewhat
/// agree" to "agree".
struct AgreeScales {
    usual: Vec<bool>,
    somewhat: Vec<bool>,
    /// Some column uses both wordings: the file's scale is the seven points.
    seven: bool,
}

impl AgreeScales {
    fn of(guesses: &[(usize, Guess)]) -> Self {
        let mut s = AgreeScales {
            usual: vec![false; FamilyKind::Agree.len()],
            somewhat: vec![false; FamilyKind::Agree.len()],
            seven: false,
        };
        for (_, g) in guesses {
            if let Guess::Family(FamilyKind::Agree, used, _, _) = g {
                let at = |i: usize| used.get(i).copied().unwrap_or(false);
                s.seven |= (at(1) || at(5)) && (at(2) || at(4));
                let into = if somewhat_wording(used) {
                    &mut s.somewhat
                } else {
                    &mut s.usual
                };
                for (a, u) in into.iter_mut().zip(used) {
                    *a |= *u;
                }
            }
        }
        s
    }

    /// The positions `guess`'s scale keeps (empty for a guess that is not agreement).
    fn for_column(&self, guess: &Guess) -> Vec<bool> {
        let Guess::Family(FamilyKind::Agree, used, _, _) = guess else {
            return Vec::new();
        };
        let any_somewhat = self.somewhat.iter().any(|u| *u);
        let usual_worded = self.usual[1] || self.usual[2] || self.usual[4] || self.usual[5];
        if self.seven || (any_somewhat && !usual_worded) {
            // One scale: the seven points, or the somewhat wording alone (columns that used
            // only the ends and the neutral point join it).
            return self
                .usual
                .iter()
                .zip(&self.somewhat)
                .map(|(a, b)| *a || *b)
                .collect();
        }
        if somewhat_wording(used) {
            self.somewhat.clone()
        } else {
            self.usual.clone()
        }
    }
}

/// Proposes a mapping for `table`.
pub fn detect(table: &Table) -> Mapping {
    let mut m = Mapping::default();
    let mut ids = HashSet::new();
    let mut taken = vec![false; table.columns.len()];
    let meta = |key: &str| {
        table
            .metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| fold(v))
    };
    m.instrument.synthetic =
        meta("synthetic").is_some_and(|v| ["true", "yes", "si", "1"].contains(&v.as_str()));
    if let Some((_, t)) = table.metadata.iter().find(|(k, _)| k == "title") {
        m.instrument.title = bilingual(t);
    }
    let sizes_assumed =
        meta("wave sizes").is_some_and(|v| v.starts_with("assumed") || v.starts_with("supuest"));

    roles::header_roles(table, &mut m, &mut taken, sizes_assumed);
    roles::choice_columns(table, &mut m, &mut taken, &mut ids);

    let guesses: Vec<(usize, Guess)> = (0..table.columns.len())
        .filter(|c| !taken[*c])
        .map(|c| (c, values::guess(table, c, &table.columns[c].header)))
        .collect();
    let agree = AgreeScales::of(&guesses);
    let texts: Vec<String> = guesses
        .iter()
        .map(|(c, _)| {
            items::statement(&table.columns[*c])
                .get(Lang::En)
                .to_string()
        })
        .collect();
    let bases = distinct_slugs(&texts);
    let mut grids: Vec<(String, Vec<String>)> = Vec::new();
    let mut marked: Vec<pairs::Marked> = Vec::new();
    for ((c, g), base) in guesses.into_iter().zip(bases) {
        let col = &table.columns[c];
        let agree_used = agree.for_column(&g);
        let mut item = items::from_guess(table, c, g, &agree_used);
        let base = if table.shape == super::table::Shape::Qualtrics {
            col.key.clone()
        } else {
            base
        };
        item.id = unique(base, &mut ids);
        if let Some((stem, readable, before)) = then_test_marker(&col.header) {
            marked.push((stem, readable, before, item.id.clone(), item.kind));
        } else if item.kind == ItemType::Likert && !col.sub.is_empty() {
            match grids.iter_mut().find(|(q, _)| *q == col.question) {
                Some((_, v)) => v.push(item.id.clone()),
                None => grids.push((col.question.clone(), vec![item.id.clone()])),
            }
        }
        if item.kind == ItemType::Category && mentions(&fold(&col.header), GROUP_WORDS) {
            m.instrument.groups.push(item.id.clone());
        }
        m.instrument.items.push(item);
    }
    pairs::then_tests(&marked, &mut m.instrument, &mut ids);
    pairs::grid_scales(&grids, &mut m.instrument, &mut ids);
    waves::wording(table, &mut m.instrument);
    let id_key = m.respondent_id.clone();
    waves::panel_pairs(table, &mut m.instrument, id_key.as_deref(), &mut ids);
    m.summarize(table);
    m
}
