//! Writing a mapping's codebook as CSV.

use crate::survey::instrument::{ItemType, Point};
use crate::survey::mapping::Mapping;

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.trim() != field {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Writes the codebook of every item with labelled points or declared non-answers (one row
/// per point, then one per non-answer), in item order.
pub fn write(mapping: &Mapping) -> String {
    let mut out = String::from("column,code,label,label_es,missing\n");
    for item in &mapping.instrument.items {
        let (Some(column), true) = (
            &item.column,
            matches!(
                item.kind,
                ItemType::Likert
                    | ItemType::Binary
                    | ItemType::Change
                    | ItemType::Category
                    | ItemType::Codes
            ),
        ) else {
            continue;
        };
        let mut points: Vec<&Point> = item.points.iter().collect();
        crate::sort::sort_by(&mut points, |a, b| {
            a.code
                .unwrap_or(a.value)
                .total_cmp(&b.code.unwrap_or(b.value))
        });
        for p in points {
            let code = p.code.unwrap_or(p.value).to_string();
            let row = [column.as_str(), &code, &p.label.en, &p.label.es, ""];
            let row: Vec<String> = row.iter().map(|f| quote(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
        for na in &item.non_answers {
            let row = [
                column.as_str(),
                &na.code,
                &na.label.en,
                &na.label.es,
                na.reason.name(),
            ];
            let row: Vec<String> = row.iter().map(|f| quote(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}
