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
