//! How a [`RubricEdit`] is decoded: as one plain struct with every field any edit has, then
//! checked against its `op`.
//!
//! serde's internally tagged enums (`#[serde(tag = "op")]`) buffer the object before choosing
//! the variant, and the buffered content forgets where it was: a misspelt key inside an added
//! condition would be reported at `edit`, not at `edit.condition.definition.enn`. A plain
//! struct keeps the path of every failure; only the op-level checks (a missing or foreign
//! field for this `op`) are reported at the edit itself.

use super::rubric::{Condition, RubricEdit, Text};
use serde::Deserialize;

/// The `op` of an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EditOp {
    Add,
    Rename,
    Reweight,
    Remove,
    Describe,
}

/// Every field of every edit, as the page sends it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct EditFields {
    op: EditOp,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<Text>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    condition: Option<Condition>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    label: Option<Text>,
    #[serde(default)]
    description: Option<Text>,
}

impl TryFrom<EditFields> for RubricEdit {
    type Error = String;

    fn try_from(f: EditFields) -> Result<Self, String> {
        let (op, fields): (&str, &[&str]) = match f.op {
            EditOp::Add => ("add", &["condition"]),
            EditOp::Rename => ("rename", &["id", "name"]),
            EditOp::Reweight => ("reweight", &["id", "weight"]),
            EditOp::Remove => ("remove", &["id"]),
            EditOp::Describe => ("describe", &["id", "value", "label", "description"]),
        };
        // `label` is optional for `describe`.
        let optional: &[&str] = if f.op == EditOp::Describe {
            &["label"]
        } else {
            &[]
        };
        let given = [
            ("id", f.id.is_some()),
            ("name", f.name.is_some()),
            ("weight", f.weight.is_some()),
            ("condition", f.condition.is_some()),
            ("value", f.value.is_some()),
            ("label", f.label.is_some()),
            ("description", f.description.is_some()),
        ];
        for (key, present) in given {
            let may_omit = !present && optional.contains(&key);
            if present != fields.contains(&key) && !may_omit {
                let what = if present { "unknown" } else { "missing" };
                return Err(format!(
                    "{what} field `{key}` for op `{op}`, which takes: {}",
                    fields.join(", ")
                ));
            }
        }
        let missing = || "a field is missing".to_string();
        Ok(match f.op {
            EditOp::Add => RubricEdit::Add {
                condition: f.condition.ok_or_else(missing)?,
            },
            EditOp::Rename => RubricEdit::Rename {
                id: f.id.ok_or_else(missing)?,
                name: f.name.ok_or_else(missing)?,
            },
            EditOp::Reweight => RubricEdit::Reweight {
                id: f.id.ok_or_else(missing)?,
                weight: f.weight.ok_or_else(missing)?,
            },
            EditOp::Remove => RubricEdit::Remove {
                id: f.id.ok_or_else(missing)?,
            },
            EditOp::Describe => RubricEdit::Describe {
                id: f.id.ok_or_else(missing)?,
                value: f.value.ok_or_else(missing)?,
                label: f.label,
                description: f.description.ok_or_else(missing)?,
            },
        })
    }
}
