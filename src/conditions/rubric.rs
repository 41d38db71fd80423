//! The rubric: levels, conditions with bilingual names, definitions and anchored score scales,
//! weights and provenance. A rubric is data — the funder edits it — so every constructor and
//! edit validates it.

use crate::error::{Code, Error, Result};
pub use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The rubric schema version this engine reads and writes.
pub const RUBRIC_VERSION: u32 = 1;

/// A level of explicitness that groups conditions (FSG: structural, relational, transformative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    /// Stable id, e.g. `"structural"`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// What the level holds.
    pub description: Text,
}

/// Where a condition comes from, so a reader can tell the source's words from our inferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// One of FSG's six conditions ("The Water of Systems Change", 2018).
    Fsg,
    /// An Alianza Coachella Valley condition stated in the source text.
    AlianzaSource,
    /// An Alianza condition inferred from the source but not stated as a condition there.
    AlianzaInferred,
    /// Added by the funder.
    Custom,
}

/// Whose words a scale point's descriptor is, so a reader can tell a source's words from ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// The source's own words (FSG's or Alianza's), quoted or closely paraphrased.
    Source,
    /// Written by waterline from the source's definition of the condition (FSG publishes no
    /// level descriptors).
    Waterline,
    /// Written or edited by the funder.
    Custom,
}

/// One point of a score scale with its anchor description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalePoint {
    /// The score, e.g. 0, 1, 2, 3, 4.
    pub value: f64,
    /// Short label, e.g. "Central".
    pub label: Text,
    /// What a proposal scored at this point looks like.
    pub description: Text,
    /// Whose words `description` is; `null` when not stated (rubrics saved before #20).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub wording: Option<Wording>,
}

/// A condition that reviewers score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    /// Stable id, e.g. `"power-dynamics"`; also the CSV column name.
    pub id: String,
    /// Id of the [`Level`] the condition belongs to.
    pub level_id: String,
    /// Display name.
    pub name: Text,
    /// What the condition is.
    pub definition: Text,
    /// Score points in increasing order (at least two); scores may fall between points.
    pub scale: Vec<ScalePoint>,
    /// Relative weight, ≥ 0 (weights are normalized over the conditions scored).
    pub weight: f64,
    /// Where the condition comes from.
    pub provenance: Provenance,
    /// The passage or reasoning behind the provenance.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub source: Option<String>,
}

impl Condition {
    /// Lowest point of the scale (0 for an empty scale, which validation rejects).
    pub fn min(&self) -> f64 {
        self.scale.first().map_or(0.0, |p| p.value)
    }
    /// Highest point of the scale.
    pub fn max(&self) -> f64 {
        self.scale.last().map_or(0.0, |p| p.value)
    }
    /// A score rescaled to 0–100 of the scale's range.
    ///
    /// # Formula
    /// ```text
    /// 100 · (value − min) / (max − min)
    /// ```
    pub fn rescale(&self, value: f64) -> f64 {
        100.0 * (value - self.min()) / (self.max() - self.min())
    }
}

/// A scoring rubric: levels and the conditions scored in them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rubric {
    /// Schema version, [`RUBRIC_VERSION`].
    pub version: u32,
    /// Display name.
    pub name: Text,
    /// Levels, in display order.
    pub levels: Vec<Level>,
    /// Conditions, in display order.
    pub conditions: Vec<Condition>,
}

/// One edit of a rubric, as the page sends it: `{ "op": "reweight", "id": "policies",
/// "weight": 2 }`.
///
/// Decoded through one plain struct (see `edit_fields.rs`) so that a failure inside an added
/// condition names its path; unknown fields are refused at every depth.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(try_from = "super::edit_fields::EditFields")]
#[cfg_attr(test, ts(tag = "op", rename_all = "snake_case"))]
pub enum RubricEdit {
    /// Adds a condition at the end.
    Add {
        /// The new condition.
        condition: Condition,
    },
    /// Renames a condition.
    Rename {
        /// The condition's id.
        id: String,
        /// The new name.
        name: Text,
    },
    /// Changes a condition's weight.
    Reweight {
        /// The condition's id.
        id: String,
        /// The new weight, ≥ 0.
        weight: f64,
    },
    /// Removes a condition.
    Remove {
        /// The condition's id.
        id: String,
    },
    /// Rewrites the descriptor (and, if given, the label) of one point of a condition's scale;
    /// its wording becomes [`Wording::Custom`].
    Describe {
        /// The condition's id.
        id: String,
        /// The scale point's value, e.g. 3.
        value: f64,
        /// The new label, if it changes.
        #[cfg_attr(test, ts(optional = nullable))]
        label: Option<Text>,
        /// The new descriptor.
        description: Text,
    },
}

fn check_id(kind: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() || id.trim() != id {
        return Err(Error::new(
            Code::BadInput,
            format!("a {kind} id must be non-empty without leading or trailing spaces, got {id:?}"),
        )
        .with("id", id));
    }
    Ok(())
}

impl Rubric {
    /// Checks the rubric: known version, unique non-empty ids, every condition in a known level,
    /// scales of at least two finite, strictly increasing points, weights finite and ≥ 0 and not
    /// all zero.
    ///
    /// # Errors
    /// [`Code::UnsupportedVersion`], [`Code::DuplicateId`], [`Code::UnknownId`] (a condition's
    /// level), [`Code::InvalidScale`], [`Code::InvalidWeight`], [`Code::BadInput`] (empty ids, no
    /// conditions); each message names the id.
    ///
    /// # Examples
    /// ```
    /// let mut rubric = waterline::conditions::default_rubric();
    /// assert!(rubric.validate().is_ok());
    /// rubric.conditions[1].id = "policies".into();
    /// assert_eq!(rubric.validate().unwrap_err().code, waterline::Code::DuplicateId);
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.version != RUBRIC_VERSION {
            return Err(Error::new(
                Code::UnsupportedVersion,
                format!(
                    "rubric version {} is not supported (this engine reads version {RUBRIC_VERSION})",
                    self.version
                ),
            )
            .with("version", self.version as usize));
        }
        let mut levels = HashSet::new();
        for l in &self.levels {
            check_id("level", &l.id)?;
            if !levels.insert(l.id.as_str()) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("level id {:?} is used twice", l.id),
                )
                .with("levelId", l.id.as_str()));
            }
        }
        if self.conditions.is_empty() {
            return Err(Error::new(
                Code::BadInput,
                "a rubric needs at least one condition",
            ));
        }
        let mut ids = HashSet::new();
        for c in &self.conditions {
            check_id("condition", &c.id)?;
            if !ids.insert(c.id.as_str()) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("condition id {:?} is used twice", c.id),
                )
                .with("conditionId", c.id.as_str()));
            }
            if !levels.contains(c.level_id.as_str()) {
                return Err(Error::new(
                    Code::UnknownId,
                    format!(
                        "condition {:?} names level {:?}, which the rubric does not have",
                        c.id, c.level_id
                    ),
                )
                .with("conditionId", c.id.as_str())
                .with("levelId", c.level_id.as_str()));
            }
            check_weight(&c.id, c.weight)?;
            check_scale(c)?;
        }
        if self.conditions.iter().all(|c| c.weight == 0.0) {
            return Err(Error::new(
                Code::InvalidWeight,
                "every condition has weight 0: give at least one condition a positive weight",
            ));
        }
        Ok(())
    }

    /// The condition with this id.
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// Applies one edit and returns the edited, validated rubric; `self` is unchanged.
    ///
    /// # Errors
    /// [`Code::UnknownId`] for an edit naming a condition the rubric lacks, and every error of
    /// [`Rubric::validate`] for the edited rubric (e.g. [`Code::DuplicateId`] when adding an
    /// existing id, [`Code::InvalidWeight`] for a negative weight or when the last positive
    /// weight is set to 0).
    ///
    /// # Examples
    /// ```
    /// use waterline::conditions::{default_rubric, RubricEdit};
    /// let rubric = default_rubric();
    /// let edited = rubric
    ///     .apply(&RubricEdit::Reweight { id: "mental-models".into(), weight: 2.0 })
    ///     .unwrap();
    /// assert_eq!(edited.condition("mental-models").unwrap().weight, 2.0);
    /// ```
    pub fn apply(&self, edit: &RubricEdit) -> Result<Rubric> {
        let mut next = self.clone();
        match edit {
            RubricEdit::Add { condition } => next.conditions.push(condition.clone()),
            RubricEdit::Rename { id, name } => next.condition_mut(id)?.name = name.clone(),
            RubricEdit::Reweight { id, weight } => {
                check_weight(id, *weight)?;
                next.condition_mut(id)?.weight = *weight;
            }
            RubricEdit::Remove { id } => {
                next.condition_mut(id)?;
                next.conditions.retain(|c| &c.id != id);
            }
            RubricEdit::Describe {
                id,
                value,
                label,
                description,
            } => {
                let point = next
                    .condition_mut(id)?
                    .scale
                    .iter_mut()
                    .find(|p| p.value == *value)
                    .ok_or_else(|| {
                        Error::new(
                            Code::UnknownId,
                            format!("condition {id:?} has no scale point {value}"),
                        )
                        .with("conditionId", id.as_str())
                        .with("value", *value)
                    })?;
                if let Some(label) = label {
                    point.label = label.clone();
                }
                point.description = description.clone();
                point.wording = Some(Wording::Custom);
            }
        }
        next.validate()?;
        Ok(next)
    }

    /// Adds a condition (see [`Rubric::apply`]); on error the rubric is unchanged.
    ///
    /// # Errors
    /// As [`Rubric::apply`].
    pub fn add_condition(&mut self, condition: Condition) -> Result<()> {
        *self = self.apply(&RubricEdit::Add { condition })?;
        Ok(())
    }

    /// Renames a condition; on error the rubric is unchanged.
    ///
    /// # Errors
    /// [`Code::UnknownId`] when no condition has this id.
    pub fn rename_condition(&mut self, id: &str, name: Text) -> Result<()> {
        *self = self.apply(&RubricEdit::Rename {
            id: id.into(),
            name,
        })?;
        Ok(())
    }

    /// Sets a condition's weight; on error the rubric is unchanged.
    ///
    /// # Errors
    /// [`Code::UnknownId`], or [`Code::InvalidWeight`] for a negative or non-finite weight or
    /// when every weight would be 0.
    pub fn reweight_condition(&mut self, id: &str, weight: f64) -> Result<()> {
        *self = self.apply(&RubricEdit::Reweight {
            id: id.into(),
            weight,
        })?;
        Ok(())
    }

    /// Removes a condition; on error the rubric is unchanged.
    ///
    /// # Errors
    /// [`Code::UnknownId`], or [`Code::BadInput`] when it is the last condition, or
    /// [`Code::InvalidWeight`] when only zero weights would remain.
    pub fn remove_condition(&mut self, id: &str) -> Result<()> {
        *self = self.apply(&RubricEdit::Remove { id: id.into() })?;
        Ok(())
    }

    fn condition_mut(&mut self, id: &str) -> Result<&mut Condition> {
        self.conditions
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                Error::new(
                    Code::UnknownId,
                    format!("the rubric has no condition {id:?}"),
                )
                .with("conditionId", id)
            })
    }
}

/// Largest condition weight. Weights are relative (normalized over the conditions scored), so a
/// real rubric's 1, 2, 0.5 or percentages up to 100 are far inside; with weights ≤ 10⁶ and
/// scores on 0–100 every weighted sum stays finite and exact to rounding.
pub const MAX_WEIGHT: f64 = 1e6;

/// Smallest positive condition weight: a weight is 0 (not counted) or at least this, so that a
/// weight times a score never underflows and the ratio of two weights stays within 10¹².
pub const MIN_POSITIVE_WEIGHT: f64 = 1e-6;

/// Largest magnitude of a scale point (and so of a score): |point| ≤ 10⁶, so that a scale's
/// range and every rescaled score are finite.
pub const MAX_SCALE_POINT: f64 = 1e6;

fn check_weight(id: &str, weight: f64) -> Result<()> {
    if !(weight.is_finite() && weight >= 0.0) {
        return Err(Error::new(
            Code::InvalidWeight,
            format!("condition {id:?} has weight {weight}; weights must be finite numbers ≥ 0"),
        )
        .with("conditionId", id)
        .with("weight", weight));
    }
    if weight > MAX_WEIGHT || (weight > 0.0 && weight < MIN_POSITIVE_WEIGHT) {
        return Err(Error::new(
            Code::InvalidWeight,
            format!(
                "condition {id:?} has weight {weight:e}; a weight is 0 or between \
                 {MIN_POSITIVE_WEIGHT:e} and {MAX_WEIGHT:e} (weights are relative: 1 and 2 say \
                 the same as 1000 and 2000)"
            ),
        )
        .with("conditionId", id)
        .with("weight", weight)
        .with("min", MIN_POSITIVE_WEIGHT)
        .with("max", MAX_WEIGHT));
    }
    Ok(())
}

fn check_scale(c: &Condition) -> Result<()> {
    if c.scale.len() < 2 {
        return Err(Error::new(
            Code::InvalidScale,
            format!(
                "condition {:?} needs a scale of at least two points, got {}",
                c.id,
                c.scale.len()
            ),
        )
        .with("conditionId", c.id.as_str())
        .with("points", c.scale.len()));
    }
    for pair in c.scale.windows(2) {
        if let [a, b] = pair {
            let in_range = |v: f64| v.abs() <= MAX_SCALE_POINT;
            if !(in_range(a.value) && in_range(b.value)) {
                let value = if in_range(a.value) { b.value } else { a.value };
                return Err(Error::new(
                    Code::InvalidScale,
                    format!(
                        "condition {:?}: scale point {value:e} is beyond ±{MAX_SCALE_POINT:e}",
                        c.id
                    ),
                )
                .with("conditionId", c.id.as_str())
                .with("value", value)
                .with("limit", MAX_SCALE_POINT));
            }
            if !(a.value.is_finite() && b.value.is_finite() && a.value < b.value) {
                return Err(Error::new(
                    Code::InvalidScale,
                    format!(
                        "condition {:?}: scale points must be finite and increasing, got {} then {}",
                        c.id, a.value, b.value
                    ),
                )
                .with("conditionId", c.id.as_str())
                .with("value", b.value));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::default_rubric;

    #[test]
    fn edits_validate_and_leave_the_rubric_unchanged_on_error() {
        let mut r = default_rubric();
        let before = r.clone();
        assert_eq!(
            r.reweight_condition("policies", -1.0).unwrap_err().code,
            Code::InvalidWeight
        );
        assert_eq!(
            r.reweight_condition("nope", 1.0).unwrap_err().code,
            Code::UnknownId
        );
        assert_eq!(r, before);
        let dup = r.conditions[0].clone();
        let e = r.add_condition(dup).unwrap_err();
        assert_eq!(e.code, Code::DuplicateId);
        assert!(e.message.contains("policies"));
        r.rename_condition("policies", Text::new("Policy", "Política"))
            .unwrap();
        assert_eq!(r.condition("policies").unwrap().name.es, "Política");
        r.remove_condition("community-building").unwrap();
        assert_eq!(r.conditions.len(), before.conditions.len() - 1);
    }

    #[test]
    fn all_zero_weights_and_short_scales_are_rejected() {
        let mut r = default_rubric();
        for c in &mut r.conditions {
            c.weight = 0.0;
        }
        assert_eq!(r.validate().unwrap_err().code, Code::InvalidWeight);
        let mut r = default_rubric();
        r.conditions[2].scale.truncate(1);
        let e = r.validate().unwrap_err();
        assert_eq!(e.code, Code::InvalidScale);
        assert!(e.message.contains("resource-flows"));
        let mut r = default_rubric();
        r.conditions[0].scale.swap(0, 1);
        assert_eq!(r.validate().unwrap_err().code, Code::InvalidScale);
    }

    #[test]
    fn weights_and_scale_points_are_range_checked() {
        // Issue #15: a weight of 1e308 passed and made every score Infinity or NaN.
        let r = default_rubric();
        for w in [1e308, 1.000_001e6, 1e-7, 5e-324] {
            let e = r
                .apply(&RubricEdit::Reweight {
                    id: "policies".into(),
                    weight: w,
                })
                .unwrap_err();
            assert_eq!(e.code, Code::InvalidWeight, "{w}");
            assert_eq!(e.details["max"], MAX_WEIGHT.into());
        }
        for w in [0.0, 1e-6, 1e6] {
            assert!(r
                .apply(&RubricEdit::Reweight {
                    id: "policies".into(),
                    weight: w
                })
                .is_ok());
        }
        let mut big = default_rubric();
        big.conditions[0].weight = 1e308;
        assert_eq!(big.validate().unwrap_err().code, Code::InvalidWeight);
        let mut wide = default_rubric();
        wide.conditions[0].scale[0].value = -1e308;
        let e = wide.validate().unwrap_err();
        assert_eq!(
            (e.code, e.details["limit"].clone()),
            (Code::InvalidScale, 1e6.into())
        );
    }

    #[test]
    fn removing_the_last_condition_is_refused() {
        let mut r = default_rubric();
        r.conditions.truncate(1);
        assert_eq!(
            r.remove_condition("policies").unwrap_err().code,
            Code::BadInput
        );
    }
}
