//! Codebook files: what each code of each column means, as a small CSV a person can write in a
//! spreadsheet, import and export.
//!
//! ```text
//! column,code,label,label_es,missing
//! Q3,1,Improved,Mejoró,
//! Q3,2,Stayed the same,Sigue igual,
//! Q3,3,Gotten worse,Empeoró,
//! Q3,9,Don't know,No sé,dont_know
//! ```
//!
//! `column` is the column's key (the Qualtrics export tag, else the header text) or its header;
//! `code` is the number the file writes; `label` and `label_es` say what it means; `missing`
//! is empty for an answer and, for a non-answer, `dont_know`, `not_applicable`, `declined`,
//! `skipped` (or `1`/`yes`/`true`, the reason then read from the label). The header names
//! the fields, in any order; `label_es` and `missing` may be left out; `,` `;` or tab.
//!
//! Applying a codebook declares and **confirms** the scale of every item it covers: labels
//! that a built-in scale knows (agreement, frequency, satisfaction, yes/no, improved/same/
//! worse, adults) give that scale's type and direction, whatever the codes' order; other
//! labels give an unordered category (change its type in the mapping to score it).

mod read;
mod write;

pub use read::parse;
pub use write::write;

use super::declared::{NonAnswer, NonAnswerReason};
use super::instrument::{Item, ItemType, Point, Text};
use super::labels::{fold, parse_number, FamilyKind};
use super::mapping::Mapping;
use super::session::Survey;
use super::table::Table;
use crate::error::{Code, Error, Result};

/// Most rows a codebook may hold.
pub const MAX_ENTRIES: usize = 100_000;

/// One row of a codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Column key or header.
    pub column: String,
    /// The code as written.
    pub code: String,
    /// English label (or the label in the file's language).
    pub label: String,
    /// Spanish label; may be empty.
    pub label_es: String,
    /// `Some` for a non-answer.
    pub missing: Option<NonAnswerReason>,
    /// 1-based line of the row in the codebook file.
    pub line: u64,
}

/// A parsed codebook, rows in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Codebook {
    /// The rows.
    pub entries: Vec<Entry>,
}
/// The built-in family whose labels name every answer of `entries` (each a different
/// position), with the positions.
fn family_of(entries: &[&Entry]) -> Option<(FamilyKind, Vec<usize>)> {
    FamilyKind::ALL.into_iter().find_map(|kind| {
        let positions: Option<Vec<usize>> = entries
            .iter()
            .map(|e| {
                kind.position(&fold(&e.label))
                    .or_else(|| kind.position(&fold(&e.label_es)))
            })
            .collect();
        let positions = positions?;
        let mut distinct = positions.clone();
        crate::sort::sort_by(&mut distinct, Ord::cmp);
        distinct.dedup();
        (distinct.len() == positions.len()).then_some((kind, positions))
    })
}

/// The declared points of one column's answers.
fn points_of(answers: &[&Entry]) -> (ItemType, Vec<Point>) {
    let code = |e: &Entry| parse_number(&e.code, false).unwrap_or(f64::NAN);
    let mut points: Vec<Point> = match family_of(answers) {
        Some((kind, positions)) => {
            let mut used = vec![false; kind.len()];
            for p in &positions {
                if let Some(u) = used.get_mut(*p) {
                    *u = true;
                }
            }
            let scale = kind.points(&used);
            let canonical = kind.points(&vec![true; kind.len()]);
            let value_of = |pos: usize| {
                let en = canonical.get(pos).map(|p| fold(&p.label.en));
                scale
                    .iter()
                    .find(|p| Some(fold(&p.label.en)) == en)
                    .map_or(f64::NAN, |p| p.value)
            };
            let mut points: Vec<Point> = answers
                .iter()
                .zip(&positions)
                .map(|(e, pos)| {
                    let base = canonical.get(*pos);
                    Point {
                        value: value_of(*pos),
                        code: Some(code(e)),
                        label: Text::new(
                            &e.label,
                            if e.label_es.is_empty() {
                                base.map_or("", |b| b.label.es.as_str())
                            } else {
                                &e.label_es
                            },
                        ),
                        aliases: base.map(|b| b.aliases.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            // Positions the codebook leaves out keep their place on the scale.
            points.retain(|p| p.value.is_finite());
            return (kind.item_type(), sorted(points));
        }
        None => answers
            .iter()
            .map(|e| Point {
                value: code(e),
                code: Some(code(e)),
                label: Text::new(&e.label, &e.label_es),
                aliases: Vec::new(),
            })
            .collect(),
    };
    points = sorted(points);
    (ItemType::Category, points)
}

fn sorted(mut points: Vec<Point>) -> Vec<Point> {
    crate::sort::sort_by(&mut points, |a, b| a.value.total_cmp(&b.value));
    points
}

/// The item that reads `column` (a key or a header), and the choice when the column is one
/// choice of a multi-select question.
fn item_for(mapping: &Mapping, table: &Table, column: &str) -> Option<(usize, Option<usize>)> {
    let key = table
        .columns
        .iter()
        .find(|c| c.key == column)
        .or_else(|| {
            table
                .columns
                .iter()
                .find(|c| fold(&c.header) == fold(column))
        })
        .map(|c| c.key.as_str())?;
    mapping
        .instrument
        .items
        .iter()
        .enumerate()
        .find_map(|(k, i)| {
            if i.column.as_deref() == Some(key) {
                return Some((k, None));
            }
            let c = i
                .choices
                .iter()
                .position(|c| c.column.as_deref() == Some(key))?;
            Some((k, Some(c)))
        })
}

/// Declares and confirms the scale of every item the codebook covers.
///
/// # Errors
/// [`Code::UnknownColumn`] (with the codebook `line`) when a column is not in the file or no
/// item reads it.
pub fn apply(book: &Codebook, mapping: &Mapping, table: &Table) -> Result<Mapping> {
    let mut m = mapping.clone();
    let mut done: Vec<String> = Vec::new();
    for e in &book.entries {
        let f = fold(&e.column);
        if done.contains(&f) {
            continue;
        }
        done.push(f.clone());
        let (k, choice) = item_for(mapping, table, &e.column).ok_or_else(|| {
            Error::new(
                Code::UnknownColumn,
                format!(
                    "codebook line {}: no item reads the column \"{}\"",
                    e.line, e.column
                ),
            )
            .with("column", e.column.as_str())
            .with("line", e.line)
        })?;
        let rows: Vec<&Entry> = book
            .entries
            .iter()
            .filter(|x| fold(&x.column) == f)
            .collect();
        let answers: Vec<&Entry> = rows
            .iter()
            .copied()
            .filter(|x| x.missing.is_none())
            .collect();
        let Some(item) = m.instrument.items.get_mut(k) else {
            continue;
        };
        if item.kind == ItemType::MultiSelect {
            label_choices(item, choice, &answers);
        } else {
            declare(item, &answers, &rows);
        }
    }
    Ok(m)
}

/// A multi-select question: the codebook names its choices. In one column, each code is a
/// choice (found by its label or code, else added); in a column per choice, the code is what
/// the choice's column holds when chosen.
fn label_choices(item: &mut Item, choice: Option<usize>, answers: &[&Entry]) {
    let mut ids: std::collections::HashSet<String> =
        item.choices.iter().map(|c| c.id.clone()).collect();
    for e in answers {
        let label = Text::new(&e.label, &e.label_es);
        let found = match choice {
            Some(c) => Some(c),
            None => item.choices.iter().position(|c| {
                [&c.id, &c.label.en, &c.label.es]
                    .into_iter()
                    .chain(&c.aliases)
                    .any(|n| fold(n) == fold(&e.code) || fold(n) == fold(&e.label))
            }),
        };
        let full = item.choices.len() >= super::instrument::MAX_CHOICES;
        match found.and_then(|c| item.choices.get_mut(c)) {
            Some(c) => {
                c.label = label;
                if !c.aliases.iter().any(|a| a == &e.code) {
                    c.aliases.push(e.code.clone());
                }
            }
            None if !full => {
                let id = super::headers::unique(super::headers::slug(&e.label), &mut ids);
                item.choices.push(super::instrument::Choice {
                    id,
                    label,
                    aliases: vec![e.code.clone()],
                    column: None,
                });
            }
            None => {}
        }
    }
    item.confirmed = true;
}

fn declare(item: &mut Item, answers: &[&Entry], rows: &[&Entry]) {
    if !answers.is_empty() {
        let (kind, points) = points_of(answers);
        item.kind = kind;
        item.points = points;
        item.top = None;
        item.choices.clear();
        item.separator = None;
    }
    item.non_answers = rows
        .iter()
        .filter_map(|x| {
            x.missing.map(|reason| NonAnswer {
                code: x.code.clone(),
                reason,
                label: Text::new(&x.label, &x.label_es),
            })
        })
        .collect();
    item.wave_scales.clear();
    item.confirmed = true;
}

impl Survey {
    /// The codebook of the current mapping, as CSV text (see the module documentation).
    pub fn codebook(&self) -> String {
        write(self.mapping())
    }

    /// Reads a codebook and applies it: every item it covers gets its declared, confirmed
    /// scale. On error nothing changes.
    ///
    /// # Errors
    /// Those of [`parse`] and [`apply`], and of [`Survey::set_mapping`] when the declared
    /// scale is invalid (e.g. two labels of one point).
    pub fn set_codebook(&mut self, text: &str) -> Result<()> {
        let book = parse(text)?;
        let m = apply(&book, self.mapping(), self.table())?;
        self.set_mapping(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_codes_become_the_change_scale_whatever_their_order() {
        let book = parse(
            "column;code;label;label_es;missing\n\
             Q3;1;Improved;Mejoró;\nQ3;2;Stayed the same;Sigue igual;\n\
             Q3;3;Gotten worse;Empeoró;\nQ3;9;Don't know;No sé;yes\n",
        )
        .unwrap();
        let answers: Vec<&Entry> = book
            .entries
            .iter()
            .filter(|e| e.missing.is_none())
            .collect();
        let (kind, points) = points_of(&answers);
        assert_eq!(kind, ItemType::Change);
        let improved = points.iter().find(|p| p.value == 1.0).unwrap();
        assert_eq!(
            (improved.code, improved.label.es.as_str()),
            (Some(1.0), "Mejoró")
        );
        assert_eq!(book.entries[3].missing, Some(NonAnswerReason::DontKnow));
    }

    #[test]
    fn unknown_labels_are_an_unordered_category() {
        let book = parse("column,code,label\nQ9,1,Red\nQ9,2,Blue\n").unwrap();
        let answers: Vec<&Entry> = book.entries.iter().collect();
        assert_eq!(points_of(&answers).0, ItemType::Category);
    }
}
