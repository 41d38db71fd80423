//! Items that belong together: then-test pairs (headers that differ only by a before/now
//! marker) and multi-item scales (three or more agreement or frequency rows of one grid).

use super::super::headers::{bilingual, slug, unique};
use super::super::instrument::{Design, Instrument, ItemType, Lang, Pair, Scale};
use std::collections::HashSet;

/// One item with a before/now marker: (stem, readable stem, true for "before", item id, type).
pub type Marked = (String, String, bool, String, ItemType);

/// Rule "then-test": a "before" item and a "now" item with the same stem and type become a
/// then-test pair. Codes items pair too: their shift is refused until a scale is declared.
pub fn then_tests(marked: &[Marked], ins: &mut Instrument, ids: &mut HashSet<String>) {
    for (k, (stem, readable, before, id, kind)) in marked.iter().enumerate() {
        if !*before {
            continue;
        }
        let partner = marked
            .iter()
            .enumerate()
            .find(|(j, o)| *j != k && !o.2 && o.0 == *stem && o.4 == *kind);
        let Some((_, now)) = partner else {
            continue;
        };
        if matches!(
            kind,
            ItemType::Likert
                | ItemType::Binary
                | ItemType::Numeric
                | ItemType::Change
                | ItemType::Codes
        ) {
            let pid = unique(
                format!("shift_{}", slug(bilingual(readable).get(Lang::En))),
                ids,
            );
            ins.pairs.push(Pair {
                id: pid,
                design: Design::ThenTest,
                before: id.clone(),
                after: now.3.clone(),
                text: bilingual(readable),
                from_wave: None,
                to_wave: None,
            });
        }
    }
}

/// Rule "grid scale": three or more Likert rows of one grid question become a scale.
pub fn grid_scales(
    grids: &[(String, Vec<String>)],
    ins: &mut Instrument,
    ids: &mut HashSet<String>,
) {
    for (q, items) in grids {
        if items.len() < 3 {
            continue;
        }
        let sid = unique(format!("{}_scale", slug(bilingual(q).get(Lang::En))), ids);
        ins.scales.push(Scale {
            id: sid,
            text: bilingual(q),
            items: items.clone(),
            reversed: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(stem: &str, before: bool, id: &str, kind: ItemType) -> Marked {
        (stem.into(), stem.into(), before, id.into(), kind)
    }

    #[test]
    fn before_and_now_of_one_stem_and_type_pair_up() {
        let mut ins = Instrument::default();
        let mut ids = HashSet::new();
        then_tests(
            &[
                marked("district meetings", true, "b", ItemType::Binary),
                marked("district meetings", false, "a", ItemType::Binary),
                // Codes pair too (their shift is withheld until declared)...
                marked("lcap", true, "c1", ItemType::Codes),
                marked("lcap", false, "c2", ItemType::Codes),
                // ...but not halves of different types.
                marked("recruiting", true, "r1", ItemType::Binary),
                marked("recruiting", false, "r2", ItemType::Numeric),
            ],
            &mut ins,
            &mut ids,
        );
        let pairs: Vec<(&str, &str)> = ins
            .pairs
            .iter()
            .map(|p| (p.before.as_str(), p.after.as_str()))
            .collect();
        assert_eq!(pairs, vec![("b", "a"), ("c1", "c2")]);
        assert!(ins.pairs.iter().all(|p| p.design == Design::ThenTest));
    }

    #[test]
    fn a_grid_of_three_rows_is_a_scale_and_of_two_is_not() {
        let mut ins = Instrument::default();
        let mut ids = HashSet::new();
        let grids = vec![
            (
                "How much do you agree?".to_string(),
                vec!["a".into(), "b".into(), "c".into()],
            ),
            ("Two rows".to_string(), vec!["d".into(), "e".into()]),
        ];
        grid_scales(&grids, &mut ins, &mut ids);
        assert_eq!(ins.scales.len(), 1);
        assert_eq!(ins.scales[0].id, "how_much_do_you_agree_scale");
    }
}
