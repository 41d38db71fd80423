//! Edits of a logic model that carry rules, so the page does not re-implement them: adding an
//! element of a kind with its defaults and a fresh id, removing an element with its cascade, and
//! renaming an id everywhere it is referenced.
//!
//! An edit names an element by its kind and its position in that kind's list (ids may be
//! duplicated in a model being edited; the position is unambiguous). The result is the edited
//! model with the list of [`Effect`]s, so the page can say what else changed.
//!
//! References that follow an id: a goal's `phase` and `dependsOn[].goal`; an activity's `goal`;
//! the `component` of inputs, activities, outputs, outcomes, impacts and events; links' `from`
//! and `to`; the `about` lists of assumptions and events; an indicator's `of` and the two
//! indicators of a `derived` one.

use super::index::Kind;
use super::model::{
    Activity, Assumption, AssumptionKind, Component, Element, Fact, Goal, Indicator, Input, Model,
    Outcome, Phase, Status, Term, Text,
};
use crate::error::{Code, Error};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One edit of a model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(
    test,
    derive(ts_rs::TS),
    ts(rename = "TocEdit", tag = "op", rename_all = "snake_case")
)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Appends a new element of `kind` with its defaults and a fresh id.
    Add {
        /// Kind of the new element.
        kind: Kind,
        /// Its title (name, measure or statement); "New <kind>" (English only) when absent.
        #[serde(default)]
        #[cfg_attr(test, ts(optional = nullable))]
        title: Option<Text>,
        /// An element the new one concerns: the `of` of an indicator, the `about` of an
        /// assumption (ignored for other kinds).
        #[serde(default)]
        #[cfg_attr(test, ts(optional = nullable))]
        near: Option<String>,
    },
    /// Removes the element at `index` of `kind`'s list, and, when no other element keeps its
    /// id, everything that depends on it (see [`Effect`]).
    Remove {
        /// Kind of the element.
        kind: Kind,
        /// Position in that kind's list (0-based).
        index: u32,
    },
    /// Gives the element at `index` of `kind`'s list the id `to`, and every reference to the
    /// old id follows (unless another element still carries the old id).
    Rename {
        /// Kind of the element.
        kind: Kind,
        /// Position in that kind's list (0-based).
        index: u32,
        /// The new id (trimmed; must not be empty nor used by another element).
        to: String,
    },
}

/// Something an edit changed besides the element it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEffect"))]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// An element was removed: the one named, or an indicator that measured it.
    Removed {
        /// Its kind.
        kind: Kind,
        /// Its id.
        id: String,
    },
    /// A "leads to" link was removed.
    LinkRemoved {
        /// Id of its source.
        from: String,
        /// Id of its target.
        to: String,
    },
    /// An id was dropped from a list field (`dependsOn` of a goal, `about` of an assumption
    /// or an event) of element `id`.
    Dropped {
        /// Id of the element whose list changed.
        id: String,
        /// The field, e.g. `"dependsOn"`.
        field: &'static str,
        /// The id that was dropped.
        value: String,
    },
    /// A reference field of element `id` was cleared (`phase`, `goal`, `component`,
    /// `derived`).
    Cleared {
        /// Id of the element.
        id: String,
        /// The field.
        field: &'static str,
    },
    /// A reference of element `id` now names the new id.
    Renamed {
        /// Id of the element (after the edit).
        id: String,
        /// The field, e.g. `"from"` of a link (`id` is then the link's `from`).
        field: &'static str,
    },
}

/// The edited model and what the edit did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEditResult"))]
#[serde(rename_all = "camelCase")]
pub struct EditResult {
    /// The model after the edit.
    pub model: Model,
    /// Id of the element added, removed or renamed (its new id for a rename).
    pub id: String,
    /// Everything else that changed, in model order.
    pub effects: Vec<Effect>,
}

/// Id prefix of a new element of each kind, e.g. `"g"` → `"g7"`.
pub fn id_prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Phase => "p",
        Kind::Goal => "g",
        Kind::Component => "c_",
        Kind::Input => "in_",
        Kind::Activity => "a_",
        Kind::Output => "out_",
        Kind::Outcome => "oc_",
        Kind::Impact => "im_",
        Kind::Indicator => "ind_",
        Kind::Assumption => "as_",
    }
}

/// Applies `edit` to `model`. Errors: `unknown_id` when `index` is past the end of the list
/// (details `kind`, `index`), `bad_input` for an empty new id, `duplicate_id` when the new id
/// is carried by another element (details `id`).
pub fn edit(mut model: Model, edit: &Edit) -> crate::Result<EditResult> {
    let mut effects = Vec::new();
    let id = match edit {
        Edit::Add { kind, title, near } => add(&mut model, *kind, title.clone(), near.as_deref()),
        Edit::Remove { kind, index } => {
            let id = take(&mut model, *kind, *index)?;
            if !ids(&model).contains(id.as_str()) {
                cascade(&mut model, &id, &mut effects);
            }
            id
        }
        Edit::Rename { kind, index, to } => rename(&mut model, *kind, *index, to, &mut effects)?,
    };
    Ok(EditResult { model, id, effects })
}

/// Every id the model's elements and events carry.
fn ids(m: &Model) -> HashSet<&str> {
    let mut out = HashSet::new();
    macro_rules! ids_of {
        ($($list:ident),*) => { $( out.extend(m.$list.iter().map(|x| x.id.as_str())); )* };
    }
    ids_of!(
        phases,
        goals,
        components,
        inputs,
        activities,
        outputs,
        outcomes,
        impacts,
        assumptions,
        indicators,
        events
    );
    out
}

/// The first id `<prefix><n>` (n = 1, 2, …) not carried by any element.
pub fn fresh_id(m: &Model, kind: Kind) -> String {
    fresh_id_with_prefix(m, id_prefix(kind))
}

/// The first id `<prefix><n>` (n = 1, 2, …) not carried by any element or event, for things
/// that are not a [`Kind`] (events: `ev_`).
pub fn fresh_id_with_prefix(m: &Model, prefix: &str) -> String {
    let used = ids(m);
    (1u64..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_default()
}

/// The default title of a new element, "New goal", in English only: the editor opens the
/// English title ready to type over, and a Spanish placeholder would outlive the title typed
/// there (the page falls back to the English text, marked `lang="en"`, until one is written).
fn default_title(kind: Kind) -> Text {
    Text::en(format!("New {}", kind.noun()))
}

/// Appends a new element of `kind` with its defaults; returns its id.
///
/// Defaults: a goal lasts 30 days in the last phase, not started; an activity is not started;
/// an outcome is short-term; an indicator measures `near`, else the first outcome, else the
/// first output; an assumption is about `near` when given.
fn add(m: &mut Model, kind: Kind, title: Option<Text>, near: Option<&str>) -> String {
    let id = fresh_id(m, kind);
    let title = title.unwrap_or_else(|| default_title(kind));
    let plain = |id: &str, title: Text| Element {
        id: id.to_string(),
        title,
        component: None,
        provenance: None,
    };
    match kind {
        Kind::Phase => m.phases.push(Phase {
            id: id.clone(),
            name: title,
            start: None,
            end: None,
            provenance: None,
        }),
        Kind::Goal => {
            let phase = m.phases.last().map(|p| p.id.clone());
            m.goals.push(Goal {
                id: id.clone(),
                title,
                owner: None,
                phase,
                start: None,
                end: None,
                duration_days: Some(Fact {
                    value: 30,
                    provenance: None,
                }),
                depends_on: Vec::new(),
                status: Status::NotStarted,
                provenance: None,
            });
        }
        Kind::Component => m.components.push(Component {
            id: id.clone(),
            title,
            who: None,
            provenance: None,
        }),
        Kind::Input => m.inputs.push(Input {
            id: id.clone(),
            title,
            amount: None,
            component: None,
            provenance: None,
        }),
        Kind::Activity => m.activities.push(Activity {
            id: id.clone(),
            title,
            goal: None,
            component: None,
            status: Status::NotStarted,
            provenance: None,
        }),
        Kind::Output => m.outputs.push(plain(&id, title)),
        Kind::Impact => m.impacts.push(plain(&id, title)),
        Kind::Outcome => m.outcomes.push(Outcome {
            id: id.clone(),
            title,
            term: Term::Short,
            component: None,
            conditions: Vec::new(),
            provenance: None,
        }),
        Kind::Indicator => {
            let of = near
                .map(str::to_string)
                .or_else(|| m.outcomes.first().map(|o| o.id.clone()))
                .or_else(|| m.outputs.first().map(|o| o.id.clone()))
                .unwrap_or_default();
            m.indicators.push(Indicator {
                id: id.clone(),
                of,
                measure: title,
                unit: None,
                baseline: None,
                target: None,
                data_source: None,
                survey_item: None,
                source: None,
                actuals: Vec::new(),
                series: Vec::new(),
                derived: None,
                context: false,
                provenance: None,
            });
        }
        Kind::Assumption => m.assumptions.push(Assumption {
            id: id.clone(),
            kind: AssumptionKind::Assumption,
            text: title,
            about: near.map(|n| vec![n.to_string()]).unwrap_or_default(),
            provenance: None,
        }),
    }
    id
}

/// The `unknown_id` error of a position past the end of a list.
fn no_such(kind: Kind, index: u32) -> Error {
    Error::new(
        Code::UnknownId,
        format!("there is no {} at position {index}", kind.noun()),
    )
    .with("kind", kind.noun())
    .with("index", f64::from(index))
}

/// Calls `f` with the id field of the element at `index` of `kind`'s list.
fn id_at<R>(m: &mut Model, kind: Kind, index: u32, f: impl FnOnce(&mut String) -> R) -> Option<R> {
    let i = index as usize;
    let slot = match kind {
        Kind::Phase => m.phases.get_mut(i).map(|x| &mut x.id),
        Kind::Goal => m.goals.get_mut(i).map(|x| &mut x.id),
        Kind::Component => m.components.get_mut(i).map(|x| &mut x.id),
        Kind::Input => m.inputs.get_mut(i).map(|x| &mut x.id),
        Kind::Activity => m.activities.get_mut(i).map(|x| &mut x.id),
        Kind::Output => m.outputs.get_mut(i).map(|x| &mut x.id),
        Kind::Outcome => m.outcomes.get_mut(i).map(|x| &mut x.id),
        Kind::Impact => m.impacts.get_mut(i).map(|x| &mut x.id),
        Kind::Assumption => m.assumptions.get_mut(i).map(|x| &mut x.id),
        Kind::Indicator => m.indicators.get_mut(i).map(|x| &mut x.id),
    };
    slot.map(f)
}

/// Removes the element at `index` of `kind`'s list; returns its id.
fn take(m: &mut Model, kind: Kind, index: u32) -> crate::Result<String> {
    let id = id_at(m, kind, index, |id| id.clone()).ok_or_else(|| no_such(kind, index))?;
    let i = index as usize;
    match kind {
        Kind::Phase => drop(m.phases.remove(i)),
        Kind::Goal => drop(m.goals.remove(i)),
        Kind::Component => drop(m.components.remove(i)),
        Kind::Input => drop(m.inputs.remove(i)),
        Kind::Activity => drop(m.activities.remove(i)),
        Kind::Output => drop(m.outputs.remove(i)),
        Kind::Outcome => drop(m.outcomes.remove(i)),
        Kind::Impact => drop(m.impacts.remove(i)),
        Kind::Assumption => drop(m.assumptions.remove(i)),
        Kind::Indicator => drop(m.indicators.remove(i)),
    }
    Ok(id)
}

/// Clears `field` when it names `id`, recording the effect on element `owner`.
fn clear(
    slot: &mut Option<String>,
    id: &str,
    owner: &str,
    field: &'static str,
    fx: &mut Vec<Effect>,
) {
    if slot.as_deref() == Some(id) {
        *slot = None;
        fx.push(Effect::Cleared {
            id: owner.to_string(),
            field,
        });
    }
}

/// Drops `id` from the list `about` of element `owner`.
fn drop_about(about: &mut Vec<String>, id: &str, owner: &str, fx: &mut Vec<Effect>) {
    let before = about.len();
    about.retain(|x| x != id);
    if about.len() != before {
        fx.push(Effect::Dropped {
            id: owner.to_string(),
            field: "about",
            value: id.to_string(),
        });
    }
}

/// Removes or clears everything that refers to `id`, which no element carries any more:
/// links from or to it, dependencies on it, `about` entries, indicators that measure it (and
/// so on, for what refers to those indicators), and the phase, goal and component fields and
/// derivations that name it.
fn cascade(m: &mut Model, id: &str, fx: &mut Vec<Effect>) {
    m.links.retain(|l| {
        let keep = l.from != id && l.to != id;
        if !keep {
            fx.push(Effect::LinkRemoved {
                from: l.from.clone(),
                to: l.to.clone(),
            });
        }
        keep
    });
    for g in &mut m.goals {
        let before = g.depends_on.len();
        g.depends_on.retain(|d| d.goal != id);
        if g.depends_on.len() != before {
            fx.push(Effect::Dropped {
                id: g.id.clone(),
                field: "dependsOn",
                value: id.to_string(),
            });
        }
        clear(&mut g.phase, id, &g.id, "phase", fx);
    }
    for a in &mut m.activities {
        clear(&mut a.goal, id, &a.id, "goal", fx);
    }
    macro_rules! clear_component {
        ($($list:ident),*) => {
            $( for x in &mut m.$list { clear(&mut x.component, id, &x.id, "component", fx); } )*
        };
    }
    clear_component!(inputs, activities, outputs, outcomes, impacts, events);
    for a in &mut m.assumptions {
        drop_about(&mut a.about, id, &a.id, fx);
    }
    for e in &mut m.events {
        drop_about(&mut e.about, id, &e.id, fx);
    }
    for i in &mut m.indicators {
        if i.derived.as_ref().is_some_and(|d| d.a == id || d.b == id) {
            i.derived = None;
            fx.push(Effect::Cleared {
                id: i.id.clone(),
                field: "derived",
            });
        }
    }
    let (gone, kept): (Vec<Indicator>, Vec<Indicator>) = std::mem::take(&mut m.indicators)
        .into_iter()
        .partition(|i| i.of == id);
    m.indicators = kept;
    for i in gone {
        fx.push(Effect::Removed {
            kind: Kind::Indicator,
            id: i.id.clone(),
        });
        if !ids(m).contains(i.id.as_str()) {
            cascade(m, &i.id, fx);
        }
    }
}

/// Renames the element at `index` of `kind`'s list to `to`; every reference follows.
fn rename(
    m: &mut Model,
    kind: Kind,
    index: u32,
    to: &str,
    fx: &mut Vec<Effect>,
) -> crate::Result<String> {
    let to = to.trim().to_string();
    if to.is_empty() {
        return Err(Error::new(Code::BadInput, "an id cannot be empty").with("field", "id"));
    }
    let old = id_at(m, kind, index, |id| id.clone()).ok_or_else(|| no_such(kind, index))?;
    if old == to {
        return Ok(to);
    }
    if ids(m).contains(to.as_str()) {
        return Err(Error::new(
            Code::DuplicateId,
            format!("another element already has the id \"{to}\""),
        )
        .with("id", to.as_str()));
    }
    id_at(m, kind, index, |id| id.clone_from(&to));
    if !ids(m).contains(old.as_str()) {
        follow(m, &old, &to, fx);
    }
    Ok(to)
}

/// Points every reference to `old` at `new`, recording each.
fn follow(m: &mut Model, old: &str, new: &str, fx: &mut Vec<Effect>) {
    let mut set = |slot: &mut String, owner: &str, field: &'static str| {
        if slot == old {
            *slot = new.to_string();
            fx.push(Effect::Renamed {
                id: owner.to_string(),
                field,
            });
        }
    };
    for g in &mut m.goals {
        let owner = g.id.clone();
        if let Some(p) = g.phase.as_mut() {
            set(p, &owner, "phase");
        }
        for d in &mut g.depends_on {
            set(&mut d.goal, &owner, "dependsOn");
        }
    }
    for a in &mut m.activities {
        if let Some(g) = a.goal.as_mut() {
            set(g, &a.id, "goal");
        }
    }
    macro_rules! follow_component {
        ($($list:ident),*) => {
            $( for x in &mut m.$list {
                if let Some(c) = x.component.as_mut() { set(c, &x.id, "component"); }
            } )*
        };
    }
    follow_component!(inputs, activities, outputs, outcomes, impacts, events);
    for l in &mut m.links {
        let owner = if l.from == old { new } else { l.from.as_str() }.to_string();
        set(&mut l.from, &owner, "from");
        set(&mut l.to, &owner, "to");
    }
    for a in &mut m.assumptions {
        for x in &mut a.about {
            set(x, &a.id, "about");
        }
    }
    for e in &mut m.events {
        for x in &mut e.about {
            set(x, &e.id, "about");
        }
    }
    for i in &mut m.indicators {
        set(&mut i.of, &i.id, "of");
        if let Some(d) = i.derived.as_mut() {
            set(&mut d.a, &i.id, "derived");
            set(&mut d.b, &i.id, "derived");
        }
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
