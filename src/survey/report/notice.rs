//! Notices: why the report withholds a headline, as a stable code with typed parameters the
//! page renders from its English and Spanish string tables (never a sentence to parse).
//!
//! | code | params | meaning |
//! |---|---|---|
//! | `codes_without_labels` | `item`, `codes` | the item holds codes nobody has declared: it is shown as a distribution of codes; pick a scale or import a codebook |
//! | `scale_not_declared` | `item`, `pair` or `scale` | a shift, wave comparison or scale needs an item whose codes are undeclared |
//! | `pair_scales_differ` | `pair`, `before`, `after` | the two items of a pair are not on one declared scale |
//! | `wave_scales_unconfirmed` | `item`, `waves` | waves used other wording; confirm the mapping onto a common scale |

use crate::survey::declared::Param;
use crate::survey::instrument::{Item, Lang, Text};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a result was withheld or limited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyNotice"))]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// Stable code (see the module table).
    pub code: &'static str,
    /// Typed parameters.
    pub params: BTreeMap<String, Param>,
}

impl Notice {
    /// A notice with no parameters.
    pub fn new(code: &'static str) -> Self {
        Notice {
            code,
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl Into<Param>) -> Self {
        self.params.insert(key.to_string(), value.into());
        self
    }

    /// `codes_without_labels` for `item`.
    pub fn codes(item: &Item) -> Self {
        let codes: Vec<f64> = item
            .points
            .iter()
            .map(|p| p.code.unwrap_or(p.value))
            .collect();
        Notice::new("codes_without_labels")
            .with("item", item.id.as_str())
            .with("codes", codes)
    }

    /// The withheld-headline sentence: "“statement”: withheld — the codes have no labels; pick
    /// a scale." in both languages.
    pub fn sentence(&self, text: &Text, lang: Lang) -> String {
        let head = super::sentence::lead(text, lang);
        let why = match (self.code, lang) {
            ("codes_without_labels", Lang::En) => "codes without labels — pick a scale",
            ("codes_without_labels", Lang::Es) => "códigos sin etiquetas — elija una escala",
            ("pair_scales_differ", Lang::En) => {
                "withheld: before and after are not on one declared scale"
            }
            ("pair_scales_differ", Lang::Es) => {
                "omitido: antes y después no están en una misma escala declarada"
            }
            ("wave_scales_unconfirmed", Lang::En) => {
                "withheld: the waves used different wording; map them onto a common scale"
            }
            ("wave_scales_unconfirmed", Lang::Es) => {
                "omitido: las olas usaron otra redacción; asígnelas a una escala común"
            }
            (_, Lang::En) => "withheld: the codes have no declared scale; pick a scale",
            (_, Lang::Es) => "omitido: los códigos no tienen escala declarada; elija una escala",
        };
        format!("{head}{why}.")
    }
}

/// Why two items cannot be compared as one measure, if they cannot: an undeclared item, or
/// points that differ in values or labels.
pub fn comparable(before: &Item, after: &Item, pair: &str) -> Option<Notice> {
    for item in [before, after] {
        if !item.declared() {
            return Some(
                Notice::new("scale_not_declared")
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
            Notice::new("pair_scales_differ")
                .with("pair", pair)
                .with("before", before.id.as_str())
                .with("after", after.id.as_str()),
        );
    }
    None
}

/// `wave_scales_unconfirmed` for `item`.
pub fn unconfirmed_waves(item: &Item) -> Notice {
    let waves: Vec<String> = item.wave_scales.iter().map(|w| w.wave.clone()).collect();
    Notice::new("wave_scales_unconfirmed")
        .with("item", item.id.as_str())
        .with("waves", waves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::instrument::ItemType;
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
            "pair_scales_differ"
        );
        let mut codes = four.clone();
        codes.kind = ItemType::Codes;
        assert_eq!(
            comparable(&codes, &four, "p").unwrap().code,
            "scale_not_declared"
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
