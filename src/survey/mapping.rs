//! The editable mapping from a file's columns to the instrument: which column is the
//! respondent id, which are timestamps or deliberately ignored, and the [`Instrument`] whose
//! items name their columns.
//!
//! Detection ([`super::detect`]) proposes one; the user edits it (change a type, a scale's
//! points, drop a column, pair two items) and applies it again. `columns` is a read-only
//! summary of the file for the editor, recomputed on every apply: what is sent back in it is
//! ignored.

use super::instrument::{Instrument, ItemType};
use super::table::Table;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// How many most frequent values a column summary shows.
pub const EXAMPLE_VALUES: usize = 6;

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyRole"))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Read as (part of) an item.
    Item,
    /// The respondent id (matches rows across waves).
    RespondentId,
    /// A timestamp; not analysed.
    Timestamp,
    /// The wave column.
    Wave,
    /// Deliberately ignored (e-mail, IP address, collector...).
    Ignored,
    /// The survey weight the user declared (never detected).
    Weight,
    /// Not used by anything in the mapping.
    Unused,
}

/// A read-only summary of one file column for the mapping editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyColumnSummary"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnSummary {
    /// The column key items refer to.
    pub key: String,
    /// The header text.
    pub header: String,
    /// What the mapping uses it for.
    pub role: Role,
    /// Ids of the items read from it (several for a multi-select choice column... or none).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub items: Vec<String>,
    /// Number of distinct non-empty values.
    pub distinct: usize,
    /// Number of empty cells.
    pub blank: u64,
    /// The most frequent values, most frequent first (at most six).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub examples: Vec<String>,
}

/// The mapping of a file onto an instrument.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyMapping"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mapping {
    /// Key of the respondent-id column, if any.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub respondent_id: Option<String>,
    /// Keys of timestamp columns (kept out of the statistics).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub timestamps: Vec<String>,
    /// Keys of columns deliberately ignored.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub ignored: Vec<String>,
    /// Key of the survey-weight column, only when the user declares one (#19): detection
    /// never sets it. Every weight must be a number ≥ 0 (see [`super::weights`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub weight: Option<String>,
    /// Raking to known margins (#19), on top of the weight column if one is declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub raking: Option<super::weights::Raking>,
    /// The instrument, with each item naming its column.
    pub instrument: Instrument,
    /// Read-only summary of every file column (ignored when a mapping is applied).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<ColumnSummary>>", optional))]
    pub columns: Vec<ColumnSummary>,
}

fn unknown_column(key: &str, used_by: &str) -> Error {
    Error::new(
        Code::UnknownColumn,
        format!("{used_by} names the column \"{key}\", which is not in the file"),
    )
    .with("column", key)
    .with("in", used_by)
}

impl Mapping {
    /// Validates the instrument and checks that every column named exists in `table`.
    ///
    /// # Errors
    /// Those of [`Instrument::validate`], and [`Code::UnknownColumn`] naming the column and
    /// the item (or role) that refers to it.
    pub fn validate(&self, table: &Table) -> Result<()> {
        self.instrument.validate()?;
        let check = |key: &str, by: &str| -> Result<()> {
            table
                .column(key)
                .map(|_| ())
                .ok_or_else(|| unknown_column(key, by))
        };
        if let Some(id) = &self.respondent_id {
            check(id, "respondentId")?;
        }
        for k in &self.timestamps {
            check(k, "timestamps")?;
        }
        for k in &self.ignored {
            check(k, "ignored")?;
        }
        if let Some(k) = &self.weight {
            check(k, "weight")?;
        }
        for m in self.raking.iter().flat_map(|r| &r.margins) {
            check(&m.column, "raking")?;
        }
        if let Some(w) = &self.instrument.waves {
            check(&w.column, "waves")?;
        }
        for item in &self.instrument.items {
            if let Some(c) = &item.column {
                check(c, &item.id)?;
            }
            for choice in &item.choices {
                if let Some(c) = &choice.column {
                    check(c, &format!("{} ({})", item.id, choice.id))?;
                }
            }
        }
        let needs_ids = self.instrument.waves.is_some()
            && self
                .instrument
                .pairs
                .iter()
                .any(|p| p.design == super::instrument::Design::PrePost && p.before == p.after);
        if needs_ids && self.respondent_id.is_none() {
            return Err(Error::new(
                Code::InvalidInstrument,
                "pre/post pairs across waves match rows by respondent id: choose the respondent-id column",
            ));
        }
        Ok(())
    }

    /// Recomputes [`Mapping::columns`] from the table.
    pub fn summarize(&mut self, table: &Table) {
        self.columns = table
            .columns
            .iter()
            .zip(&table.dicts)
            .map(|(col, dict)| {
                let key = col.key.as_str();
                let items: Vec<String> = self
                    .instrument
                    .items
                    .iter()
                    .filter(|i| {
                        i.column.as_deref() == Some(key)
                            || i.choices.iter().any(|c| c.column.as_deref() == Some(key))
                    })
                    .map(|i| i.id.clone())
                    .collect();
                let is_wave = self
                    .instrument
                    .waves
                    .as_ref()
                    .is_some_and(|w| w.column == key);
                let role = if self.respondent_id.as_deref() == Some(key) {
                    Role::RespondentId
                } else if is_wave {
                    Role::Wave
                } else if self.weight.as_deref() == Some(key) {
                    Role::Weight
                } else if !items.is_empty() {
                    Role::Item
                } else if self.timestamps.iter().any(|t| t == key) {
                    Role::Timestamp
                } else if self.ignored.iter().any(|t| t == key) {
                    Role::Ignored
                } else {
                    Role::Unused
                };
                let mut order: Vec<usize> = (1..dict.values.len()).collect();
                crate::sort::sort_by(&mut order, |a, b| {
                    dict.counts.get(*b).cmp(&dict.counts.get(*a)).then(a.cmp(b))
                });
                ColumnSummary {
                    key: col.key.clone(),
                    header: col.header.clone(),
                    role,
                    items,
                    distinct: dict.distinct(),
                    blank: dict.counts.first().copied().unwrap_or(0),
                    examples: order
                        .into_iter()
                        .take(EXAMPLE_VALUES)
                        .filter_map(|i| dict.values.get(i).cloned())
                        .collect(),
                }
            })
            .collect();
    }

    /// Ids of items of `kind`.
    pub fn items_of(&self, kind: ItemType) -> Vec<&str> {
        self.instrument
            .items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.id.as_str())
            .collect()
    }
}
