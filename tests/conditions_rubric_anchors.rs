//! Anchors per condition (#20 item 5): every default condition has its own level descriptors,
//! marked as waterline's wording; a `describe` edit rewrites one and marks it the funder's.
#![cfg(feature = "conditions")]

use waterline::conditions::{default_rubric, RubricEdit, Text, Wording};
use waterline::Code;

#[test]
fn a_descriptor_edit_marks_the_funders_words() {
    let r = default_rubric();
    let text = Text::new("Adopted by the board.", "Aprobada por la junta.");
    let edited = r
        .apply(&RubricEdit::Describe {
            id: "policies".into(),
            value: 4.0,
            label: None,
            description: text.clone(),
        })
        .unwrap();
    let point = &edited.condition("policies").unwrap().scale[4];
    assert_eq!(
        (&point.description, point.wording),
        (&text, Some(Wording::Custom))
    );
    assert_eq!(point.label, r.conditions[0].scale[4].label);
    let e = r
        .apply(&RubricEdit::Describe {
            id: "policies".into(),
            value: 2.5,
            label: None,
            description: text,
        })
        .unwrap_err();
    assert_eq!(e.code, Code::UnknownId);
}

#[test]
fn every_default_condition_has_its_own_descriptors() {
    let r = default_rubric();
    for level in 0..5 {
        let texts: std::collections::HashSet<&str> = r
            .conditions
            .iter()
            .flat_map(|c| {
                [
                    c.scale[level].description.en.as_str(),
                    c.scale[level].description.es.as_str(),
                ]
            })
            .collect();
        assert_eq!(texts.len(), 2 * r.conditions.len(), "level {level}");
    }
    assert!(r
        .conditions
        .iter()
        .flat_map(|c| &c.scale)
        .all(|p| p.wording == Some(Wording::Waterline)));
}
