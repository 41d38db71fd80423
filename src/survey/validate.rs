//! Checks of one item's definition: points, codes, non-answers, choices, ranges and per-wave
//! scales. Called by [`super::Instrument::validate`].

use super::instrument::{invalid, Item, ItemType, Waves, MAX_CHOICES};
use crate::error::{Code, Error, Result};
use std::collections::HashSet;

/// Checks one item's definition.
///
/// # Errors
/// [`Code::InvalidInstrument`], [`Code::DuplicateId`], [`Code::UnknownId`] (a wave scale for a
/// wave that is not in `waves`), [`Code::NotFinite`].
pub fn item(item: &Item, waves: Option<&Waves>) -> Result<()> {
    let id = item.id.as_str();
    let labelled = matches!(
        item.kind,
        ItemType::Likert
            | ItemType::Binary
            | ItemType::Change
            | ItemType::Category
            | ItemType::Codes
    );
    if item.column.is_none()
        && !(item.kind == ItemType::MultiSelect
            && !item.choices.is_empty()
            && item.choices.iter().all(|c| c.column.is_some()))
    {
        return Err(invalid(id, format!("item \"{id}\" has no column")));
    }
    if labelled {
        let min = if matches!(item.kind, ItemType::Category | ItemType::Codes) {
            1
        } else {
            2
        };
        if item.points.len() < min {
            return Err(invalid(
                id,
                format!("item \"{id}\" needs at least {min} labelled points"),
            ));
        }
        let mut values = Vec::new();
        let mut labels = HashSet::new();
        for p in &item.points {
            if !p.value.is_finite() {
                return Err(invalid(
                    id,
                    format!("item \"{id}\": point values must be finite numbers"),
                ));
            }
            if values.contains(&p.value) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("item \"{id}\": two points have the value {}", p.value),
                )
                .with("id", id)
                .with("value", p.value));
            }
            values.push(p.value);
            let names = [&p.label.en, &p.label.es]
                .into_iter()
                .chain(p.aliases.iter());
            let mut own = HashSet::new();
            for name in names {
                let f = super::labels::fold(name);
                if f.is_empty() || !own.insert(f.clone()) {
                    continue;
                }
                if !labels.insert(f) {
                    return Err(Error::new(
                        Code::DuplicateId,
                        format!("item \"{id}\": the label \"{name}\" belongs to two points"),
                    )
                    .with("id", id)
                    .with("label", name.as_str()));
                }
            }
        }
        let ok = match item.kind {
            ItemType::Binary => values.len() == 2 && values.contains(&0.0) && values.contains(&1.0),
            ItemType::Change => values.iter().all(|v| [-1.0, 0.0, 1.0].contains(v)),
            _ => true,
        };
        if !ok {
            return Err(invalid(
                id,
                format!("item \"{id}\": binary points must be 0 and 1, change points −1, 0 and 1"),
            ));
        }
        if item.kind == ItemType::Likert {
            let top = item.top_count();
            if top == 0 || top >= item.points.len() {
                return Err(invalid(id, format!("item \"{id}\": top must be between 1 and {} (one less than the number of points)", item.points.len() - 1)));
            }
        }
    }
    if item.kind == ItemType::MultiSelect {
        if item.choices.is_empty() || item.choices.len() > MAX_CHOICES {
            return Err(Error::new(
                Code::InvalidInstrument,
                format!("item \"{id}\" needs between 1 and {MAX_CHOICES} choices"),
            )
            .with("id", id)
            .with("choices", item.choices.len()));
        }
        let mut seen = HashSet::new();
        for c in &item.choices {
            if !seen.insert(&c.id) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("item \"{id}\": the choice id \"{}\" is used twice", c.id),
                )
                .with("id", c.id.as_str()));
            }
        }
        let per_choice = item.choices.iter().filter(|c| c.column.is_some()).count();
        if per_choice != 0 && per_choice != item.choices.len() {
            return Err(invalid(
                id,
                format!("item \"{id}\": either every choice has its own column or none has"),
            ));
        }
        if per_choice != 0 && item.column.is_some() {
            return Err(invalid(
                id,
                format!(
                    "item \"{id}\": choices with their own columns leave the item's column empty"
                ),
            ));
        }
        if item.separator.as_deref().is_some_and(str::is_empty) {
            return Err(invalid(
                id,
                format!("item \"{id}\": the separator cannot be empty"),
            ));
        }
    }
    if item.kind == ItemType::Numeric {
        for v in item.min.iter().chain(item.max.iter()) {
            crate::error::finite("min/max", *v)?;
        }
        if let (Some(lo), Some(hi)) = (item.min, item.max) {
            if lo > hi {
                return Err(invalid(
                    id,
                    format!("item \"{id}\": min ({lo}) is above max ({hi})"),
                ));
            }
        }
    }
    codes(item)?;
    wave_scales(item, waves)?;
    Ok(())
}

/// Point codes are finite and distinct, and no non-answer code is also a point's code.
fn codes(item: &Item) -> Result<()> {
    let id = item.id.as_str();
    let mut seen: Vec<f64> = Vec::new();
    for p in &item.points {
        if let Some(c) = p.code {
            crate::error::finite("code", c)?;
            if seen.contains(&c) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("item \"{id}\": two points have the code {c}"),
                )
                .with("id", id)
                .with("code", c));
            }
            seen.push(c);
        }
    }
    for na in &item.non_answers {
        let clash = super::labels::parse_number(&na.code, false)
            .is_some_and(|c| item.points.iter().any(|p| p.code.unwrap_or(p.value) == c));
        if clash || na.code.trim().is_empty() {
            return Err(Error::new(
                Code::InvalidInstrument,
                format!(
                    "item \"{id}\": the non-answer code \"{}\" is empty or is also a point of the scale",
                    na.code
                ),
            )
            .with("id", id)
            .with("code", na.code.as_str()));
        }
    }
    Ok(())
}

/// Each wave scale names a known wave once, and maps only onto values of the common scale.
fn wave_scales(item: &Item, waves: Option<&Waves>) -> Result<()> {
    let id = item.id.as_str();
    let mut seen = HashSet::new();
    for ws in &item.wave_scales {
        if !waves.is_some_and(|w| w.order.contains(&ws.wave)) {
            return Err(Error::new(
                Code::UnknownId,
                format!(
                    "item \"{id}\" maps the wave \"{}\", which is not a wave of the file",
                    ws.wave
                ),
            )
            .with("id", ws.wave.as_str())
            .with("in", id));
        }
        if !seen.insert(ws.wave.as_str()) {
            return Err(Error::new(
                Code::DuplicateId,
                format!("item \"{id}\" maps the wave \"{}\" twice", ws.wave),
            )
            .with("id", ws.wave.as_str()));
        }
        if ws.points.is_empty()
            || ws
                .points
                .iter()
                .any(|p| !item.points.iter().any(|q| q.value == p.value))
        {
            return Err(Error::new(
                Code::InvalidInstrument,
                format!(
                    "item \"{id}\", wave \"{}\": every point must map onto a value of the item's scale",
                    ws.wave
                ),
            )
            .with("id", id)
            .with("wave", ws.wave.as_str()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::declared::{NonAnswer, NonAnswerReason, WaveScale};
    use crate::survey::instrument::{Point, Text};
    use crate::survey::labels::FamilyKind;

    fn coded() -> Item {
        let mut points = FamilyKind::Agree.points(&[]);
        for p in &mut points {
            p.code = Some(p.value);
        }
        Item {
            points,
            ..Item::new("q", Some("q"), Text::default(), ItemType::Likert)
        }
    }

    #[test]
    fn a_non_answer_code_cannot_also_be_a_point() {
        let mut i = coded();
        i.non_answers.push(NonAnswer {
            code: "4".into(),
            reason: NonAnswerReason::DontKnow,
            label: Text::default(),
        });
        assert_eq!(item(&i, None).unwrap_err().code, Code::InvalidInstrument);
        i.non_answers[0].code = "9".into();
        item(&i, None).unwrap();
        i.points[1].code = Some(1.0);
        assert_eq!(item(&i, None).unwrap_err().code, Code::DuplicateId);
    }

    #[test]
    fn a_wave_scale_names_a_known_wave_and_maps_onto_the_items_values() {
        let mut i = coded();
        let waves = Waves {
            column: "wave".into(),
            order: vec!["2014-15".into(), "2017-18".into()],
            sizes_assumed: false,
        };
        i.wave_scales.push(WaveScale {
            wave: "2015-16".into(),
            points: FamilyKind::Adults.points(&[true; 5]),
        });
        assert_eq!(item(&i, Some(&waves)).unwrap_err().code, Code::UnknownId);
        i.wave_scales[0].wave = "2014-15".into();
        // Five adults points, but the agreement scale has four values: 5 maps onto nothing.
        assert_eq!(
            item(&i, Some(&waves)).unwrap_err().code,
            Code::InvalidInstrument
        );
        i.wave_scales[0].points.retain(|p: &Point| p.value <= 4.0);
        item(&i, Some(&waves)).unwrap();
    }
}
