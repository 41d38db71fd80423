//! Items from guesses: the item's statement (a grid row keeps its question when the row alone
//! does not say what was asked), its type, its points and the proposals behind them.

use super::super::headers::{bilingual, slug, then_test_marker, unique};
use super::super::instrument::{Choice, Item, ItemType, Point, Text, MAX_CHOICES};
use super::super::labels::FamilyKind;
use super::super::table::{Column, Table};
use super::proposals;
use super::values::Guess;
use std::collections::HashSet;

/// Most words of a grid row that is read as a fragment ("Before joining", "Now"), so that the
/// item's statement joins it to its question.
const FRAGMENT_WORDS: usize = 3;

/// The statement of a column's item, in English and Spanish. A grid row that is a long
/// statement stands alone ("I feel confident talking with teachers"); a short one, or a
/// before/now marker, is joined to its question: "Confident with my child's teachers — Before
/// joining".
pub fn statement(col: &Column) -> Text {
    if col.sub.is_empty() {
        return bilingual(&col.header);
    }
    let sub = bilingual(&col.sub);
    let short = sub
        .get(super::super::instrument::Lang::En)
        .split_whitespace()
        .count()
        <= FRAGMENT_WORDS;
    let marker = then_test_marker(&format!("x ({})", col.sub)).is_some();
    if !(short || marker) || col.question.trim().is_empty() {
        return sub;
    }
    let q = bilingual(&col.question);
    let join = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} — {b}"),
    };
    Text {
        en: join(&q.en, &sub.en),
        es: if q.es.is_empty() && sub.es.is_empty() {
            String::new()
        } else {
            join(
                q.get(super::super::instrument::Lang::Es),
                sub.get(super::super::instrument::Lang::Es),
            )
        },
    }
}

/// The item for column `c` from its guess. `agree_used` are the agreement positions any column
/// of the file uses (a neutral point anywhere gives every agreement item one).
pub fn from_guess(table: &Table, c: usize, guess: Guess, agree_used: &[bool]) -> Item {
    let col = &table.columns[c];
    let mut item = Item::new("", Some(&col.key), statement(col), ItemType::Text);
    match guess {
        Guess::Family(f, used, matched, total) => {
            item.kind = f.item_type();
            item.points = f.points(if f == FamilyKind::Agree {
                agree_used
            } else {
                &used
            });
            item.proposals = vec![proposals::from_labels(f, &item.points, matched, total)];
        }
        Guess::Codes(codes) => {
            item.kind = ItemType::Codes;
            item.points = codes
                .iter()
                .map(|(v, _)| Point {
                    value: *v,
                    code: Some(*v),
                    label: Text::default(),
                    aliases: vec![],
                })
                .collect();
            let values: Vec<f64> = codes.iter().map(|c| c.0).collect();
            item.proposals = proposals::for_codes(&col.header, &values);
        }
        Guess::Numeric => {
            item.kind = ItemType::Numeric;
            let comma = table.delimiter == ';';
            let numbers: Vec<f64> = super::values::answered(table, c)
                .iter()
                .filter_map(|(v, _, _)| super::super::labels::parse_number(v, comma))
                .collect();
            let suspected = proposals::suspected_missing_codes(&numbers);
            item.proposals = proposals::for_numeric(&suspected).into_iter().collect();
        }
        Guess::Multi(sep, tokens) => {
            item.kind = ItemType::MultiSelect;
            let mut cids = HashSet::new();
            item.choices = tokens
                .iter()
                .take(MAX_CHOICES)
                .map(|t| Choice {
                    id: unique(slug(t), &mut cids),
                    label: bilingual(t),
                    aliases: vec![],
                    column: None,
                })
                .collect();
            item.separator = Some(sep);
        }
        Guess::Category(levels) => {
            item.kind = if levels.is_empty() {
                ItemType::Text
            } else {
                ItemType::Category
            };
            item.points = levels
                .iter()
                .enumerate()
                .map(|(k, l)| Point {
                    value: k as f64,
                    code: None,
                    label: if two_sided(l) {
                        bilingual(l)
                    } else {
                        Text::new(l, "")
                    },
                    aliases: vec![],
                })
                .collect();
        }
        Guess::Text => {}
    }
    item
}

/// True for a bilingual form's option "Female / Mujer": it is labelled in both languages (the
/// cells still match: a point matches "its English / its Spanish", see `dataset::both_sides`).
fn two_sided(text: &str) -> bool {
    let t = bilingual(text);
    !t.en.is_empty() && !t.es.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(question: &str, sub: &str) -> Column {
        Column {
            key: "k".into(),
            header: format!("{question} [{sub}]"),
            question: question.into(),
            sub: sub.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_grid_row_that_is_a_fragment_keeps_its_question() {
        let t = statement(&col(
            "Confident with my child's teachers / Confianza con los maestros",
            "Before joining / Antes de unirme",
        ));
        assert_eq!(t.en, "Confident with my child's teachers — Before joining");
        assert_eq!(t.es, "Confianza con los maestros — Antes de unirme");
        let t = statement(&col(
            "How much do you agree?",
            "I feel confident interacting with my child's teachers",
        ));
        assert_eq!(
            t.en,
            "I feel confident interacting with my child's teachers"
        );
    }
}
