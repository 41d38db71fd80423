//! Notices: why the report withholds a headline, as a [`Note`] of severity `withheld` with a
//! stable code and typed parameters the page renders from its English and Spanish string
//! tables (never a sentence to parse).
//!
//! | code | params | meaning |
//! |---|---|---|
//! | `answers_not_on_scale` | `item`, `count` (`pair`) | answers that are none of the points of the item's unconfirmed scale: no share, mean or shift; add them to the scale (alias or non-answer) or confirm it |
//! | `codes_without_labels` | `item`, `codes` | the item holds codes nobody has declared: it is shown as a distribution of codes; pick a scale or import a codebook |
//! | `scale_not_declared` | `item`, `pair` or `scale` | a shift, wave comparison or scale needs an item whose codes are undeclared |
//! | `pair_scales_differ` | `pair`, `before`, `after` | the two items of a pair are not on one declared scale |
//! | `wave_scales_unconfirmed` | `item`, `waves` | waves used other wording; confirm the mapping onto a common scale |

use crate::note::{Note, NoteCode};
use crate::survey::instrument::{Item, ItemType, Lang, Text};

/// Why an undeclared item's headline is withheld: `missing_code_suspected` for a numeric item,
/// `answers_not_on_scale` when answers fall outside its labelled points, else
/// `codes_without_labels`.
pub fn undeclared(item: &Item) -> Note {
    if item.kind == ItemType::Numeric {
        let codes: Vec<String> = item
            .proposals
            .iter()
            .flat_map(|p| p.non_answers.iter().map(|na| na.code.clone()))
            .collect();
        return Note::withheld(NoteCode::MissingCodeSuspected)
            .with("item", item.id.as_str())
            .with("codes", codes);
    }
    if item.unplaced > 0 {
        return Note::withheld(NoteCode::AnswersNotOnScale)
            .with("item", item.id.as_str())
            .with("count", item.unplaced);
    }
    codes(item)
}

/// `codes_without_labels` for `item` (severity `withheld`).
pub fn codes(item: &Item) -> Note {
    let codes: Vec<f64> = item
        .points
        .iter()
        .map(|p| p.code.unwrap_or(p.value))
        .collect();
    Note::withheld(NoteCode::CodesWithoutLabels)
        .with("item", item.id.as_str())
        .with("codes", codes)
}

/// The withheld-headline sentence of a notice: "“statement”: withheld — the codes have no
/// labels; pick a scale." in both languages (the report's own sentences; the page renders the
/// notice itself from its code).
pub fn sentence(notice: &Note, text: &Text, lang: Lang) -> String {
    let head = super::sentence::lead(text, lang);
    let why = match (notice.code, lang) {
        (NoteCode::AnswersNotOnScale, Lang::En) => {
            "withheld: some answers are not on its scale; add them to the scale or confirm it"
        }
        (NoteCode::AnswersNotOnScale, Lang::Es) => {
            "omitido: algunas respuestas no están en su escala; agréguelas a la escala o confírmela"
        }
        (NoteCode::MissingCodeSuspected, Lang::En) => {
            "withheld: a value looks like a missing-value code; declare it a non-answer or confirm the column"
        }
        (NoteCode::MissingCodeSuspected, Lang::Es) => {
            "omitido: un valor parece un código de dato faltante; declárelo no respuesta o confirme la columna"
        }
        (NoteCode::CodesWithoutLabels, Lang::En) => "codes without labels — pick a scale",
        (NoteCode::CodesWithoutLabels, Lang::Es) => "códigos sin etiquetas — elija una escala",
        (NoteCode::PairScalesDiffer, Lang::En) => {
            "withheld: before and after are not on one declared scale"
        }
        (NoteCode::PairScalesDiffer, Lang::Es) => {
            "omitido: antes y después no están en una misma escala declarada"
        }
        (NoteCode::WaveScalesUnconfirmed, Lang::En) => {
            "withheld: the waves used different wording; map them onto a common scale"
        }
        (NoteCode::WaveScalesUnconfirmed, Lang::Es) => {
            "omitido: las olas usaron otra redacción; asígnelas a una escala común"
        }
        (_, Lang::En) => "withheld: the codes have no declared scale; pick a scale",
        (_, Lang::Es) => "omitido: los códigos no tienen escala declarada; elija una escala",
    };
    format!("{head}{why}.")
}

/// Why two items cannot be compared as one measure, if they cannot: an undeclared item, or
/// points that differ in values or labels.
pub fn comparable(before: &Item, after: &Item, pair: &str) -> Option<Note> {
    for item in [before, after] {
        if !item.declared() && (item.unplaced > 0 || item.kind == ItemType::Numeric) {
            return Some(undeclared(item).with("pair", pair));
        }
        if !item.declared() {
            return Some(
                Note::withheld(NoteCode::ScaleNotDeclared)
                    .with("item", item.id.as_str())
                    .with("pair", pair),
            );
        }
        if item.unconfirmed_waves() {
            return Some(unconfirmed_waves(item));
        }
    }
    // Two confirmed scales are one scale when their values are; otherwise the labels must
    // agree too (the file's own wording, e.g. a 4- against a 5-point agreement scale).
    let both_confirmed = before.confirmed && after.confirmed;
    let key = |i: &Item| -> Vec<(String, String)> {
        i.points
            .iter()
            .map(|p| {
                let label = if both_confirmed {
                    String::new()
                } else {
                    crate::survey::labels::fold(&p.label.en)
                };
                (p.value.to_string(), label)
            })
            .collect()
    };
    if before.kind != after.kind || key(before) != key(after) {
        return Some(
            Note::withheld(NoteCode::PairScalesDiffer)
                .with("pair", pair)
                .with("before", before.id.as_str())
                .with("after", after.id.as_str()),
        );
    }
    None
}

/// `wave_scales_unconfirmed` for `item`.
pub fn unconfirmed_waves(item: &Item) -> Note {
    let waves: Vec<String> = item.wave_scales.iter().map(|w| w.wave.clone()).collect();
    Note::withheld(NoteCode::WaveScalesUnconfirmed)
        .with("item", item.id.as_str())
        .with("waves", waves)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::survey::labels::FamilyKind;

    fn item(id: &str, used: &[bool]) -> Item {
        Item {
            points: FamilyKind::Agree.points(used),
            ..Item::new(id, Some(id), Text::default(), ItemType::Likert)
        }
    }

    #[test]
    fn a_pair_is_compared_only_on_one_declared_scale() {
        let four = item("before", &[false; 7]);
        let mut five_used = [false; 7];
        five_used[3] = true;
        let five = item("after", &five_used);
        assert!(comparable(&four, &four.clone(), "p").is_none());
        assert_eq!(
            comparable(&four, &five, "p").unwrap().code,
            NoteCode::PairScalesDiffer
        );
        let mut codes = four.clone();
        codes.kind = ItemType::Codes;
        assert_eq!(
            comparable(&codes, &four, "p").unwrap().code,
            NoteCode::ScaleNotDeclared
        );
        // Both confirmed with other wording for the same values: one scale.
        let (mut a, mut b) = (four.clone(), four.clone());
        b.points[3].label = Text::new("Completely agree", "");
        assert!(comparable(&a, &b, "p").is_some());
        a.confirmed = true;
        b.confirmed = true;
        assert!(comparable(&a, &b, "p").is_none());
    }
}
