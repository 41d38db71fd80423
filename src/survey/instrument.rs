//! The instrument: what was asked (items, their types and labels in English and Spanish), how
//! items combine (scales, then-test and pre/post pairs), who answered (group columns, waves),
//! and which file column holds each item.
//!
//! Every type is plain data that round-trips through JSON in camelCase, so the page can show the
//! detected instrument, let the user edit it and send it back; [`Instrument::validate`] then
//! checks it and names the offending id.

pub use super::declared::{NonAnswer, NonAnswerReason, Proposal, Reason, WaveScale};
use crate::error::{Code, Error, Result};
pub use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Most items an instrument may hold.
pub const MAX_ITEMS: usize = 2_000;
/// Most choices a multi-select item may have (they are kept as bits of a `u64`).
pub const MAX_CHOICES: usize = 64;

/// The type of an item, which decides how its cells are read and which statistics apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyItemType"))]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    /// Ordered labelled points (agreement, frequency, any number of points).
    Likert,
    /// Two points: no (0) and yes (1).
    Binary,
    /// "Select all that apply": several choices, each chosen or not.
    MultiSelect,
    /// Improved (1) / same (0) / worse (−1) since some event.
    Change,
    /// A number (age, count, 0–10 rating kept numeric).
    Numeric,
    /// One unordered category (community, gender, age band).
    Category,
    /// Free text; kept out of the statistics.
    Text,
    /// Numeric codes whose meaning nobody has declared (a Qualtrics numeric export without its
    /// codebook): reported only as a distribution of codes, never as a top box, mean or shift,
    /// until the user confirms a scale (or imports a codebook).
    Codes,
}

/// One point of a labelled scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyPoint"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Point {
    /// The value used in statistics (e.g. 1–5). Values rise towards the positive end: the
    /// point with the highest value is the top of the scale ("strongly agree", "improved",
    /// "yes").
    pub value: f64,
    /// The code the file writes for this point, when it writes numbers (a Qualtrics numeric
    /// export, a codebook): a cell holding this number is this point. `None`: the file writes
    /// the label, and a bare number is not a label.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub code: Option<f64>,
    /// The label in English and Spanish; both match.
    pub label: Text,
    /// Other spellings that match (compared case- and accent-insensitively).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub aliases: Vec<String>,
}

/// One choice of a multi-select item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyChoice"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Choice {
    /// Identifier, unique within the item.
    pub id: String,
    /// The choice as shown to respondents.
    pub label: Text,
    /// Other spellings that match.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub aliases: Vec<String>,
    /// The column of this choice when the export has one column per choice (SurveyMonkey);
    /// `None` when all choices share the item's column.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub column: Option<String>,
}

/// One question (or one row of a matrix question).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyItem"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the instrument (e.g. `"confident_teachers"`).
    pub id: String,
    /// Key of the file column holding it; `None` only for a multi-select item whose choices
    /// each have a column.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub column: Option<String>,
    /// The question text.
    pub text: Text,
    /// How cells are read.
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Labelled points, lowest first (Likert, binary, change, category).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Point>>", optional))]
    pub points: Vec<Point>,
    /// Likert: how many top points count as the "top box" (default 2: agree + strongly agree).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub top: Option<usize>,
    /// Multi-select: the choices.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Choice>>", optional))]
    pub choices: Vec<Choice>,
    /// Multi-select in one column: the separator between choices (default: `;`, else `,`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub separator: Option<String>,
    /// Numeric: smallest valid value (inclusive).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub min: Option<f64>,
    /// Numeric: largest valid value (inclusive).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub max: Option<f64>,
    /// Codes that are not answers (9 = don't know, 0 = not applicable, −99 = skipped).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<NonAnswer>>", optional))]
    pub non_answers: Vec<NonAnswer>,
    /// True when the user (or an imported codebook) confirmed this item's scale.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub confirmed: bool,
    /// What the engine proposes for this item's scale, most confident first (read-only
    /// advice: applying one is the user's act).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Proposal>>", optional))]
    pub proposals: Vec<Proposal>,
    /// Per-wave wording mapped onto the common scale (waves asked with other labels).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<WaveScale>>", optional))]
    pub wave_scales: Vec<WaveScale>,
    /// Answers in the file that are none of the points (an unknown label, a code outside the
    /// scale), set by the report from the import's counts; never read or written. While the
    /// scale is not confirmed, such an item is not declared: an unknown answer could be its top
    /// point or not, so no share, mean or shift may be printed
    /// ([`super::report::notice`]'s `answers_not_on_scale`).
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub unplaced: u64,
}

impl Item {
    /// An item of `kind` reading `column`, with everything else empty.
    pub fn new(id: &str, column: Option<&str>, text: Text, kind: ItemType) -> Self {
        Item {
            id: id.to_string(),
            column: column.map(str::to_string),
            text,
            kind,
            points: Vec::new(),
            top: None,
            choices: Vec::new(),
            separator: None,
            min: None,
            max: None,
            non_answers: Vec::new(),
            confirmed: false,
            proposals: Vec::new(),
            wave_scales: Vec::new(),
            unplaced: 0,
        }
    }

    /// True when the engine knows what every code of this item means: the user confirmed
    /// the scale, or every point has a label that is not a bare number and every answer is
    /// one of them ([`Item::unplaced`]). Codes items never are. Only declared items get a top
    /// box, a mean, a shift or a wave comparison.
    pub fn declared(&self) -> bool {
        match self.kind {
            ItemType::Codes => false,
            ItemType::Likert | ItemType::Binary | ItemType::Change | ItemType::Category => {
                self.confirmed
                    || self.unplaced == 0
                        && self.points.iter().all(|p| {
                            [&p.label.en, &p.label.es].iter().any(|l| {
                                !l.trim().is_empty()
                                    && super::labels::parse_number(l, true).is_none()
                            })
                        })
            }
            // A numeric column with a suspected missing-value code (−99 among ages) is declared
            // once the user declares its non-answers or confirms it as it is.
            ItemType::Numeric => {
                self.confirmed
                    || !self.non_answers.is_empty()
                    || self.proposals.iter().all(|p| p.non_answers.is_empty())
            }
            ItemType::MultiSelect | ItemType::Text => true,
        }
    }

    /// True when a wave of this item uses other wording and the user has not confirmed how it
    /// maps onto the common scale.
    pub fn unconfirmed_waves(&self) -> bool {
        !self.wave_scales.is_empty() && !self.confirmed
    }

    /// The number of top points counted as agreement: `top`; else, on an agreement scale, every
    /// point that agrees (somewhat agree, agree, strongly agree:
    /// [`super::labels::agreeing_points`]); else 2 (1 on scales of 3 or fewer points).
    pub fn top_count(&self) -> usize {
        self.top.unwrap_or_else(|| {
            let labels: Vec<&Text> = self.points.iter().map(|p| &p.label).collect();
            super::labels::agreeing_points(&labels).unwrap_or(if self.points.len() <= 3 {
                1
            } else {
                2
            })
        })
    }
}

/// Several items that measure one construct (e.g. "parent confidence").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyScale"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// Identifier, unique in the instrument.
    pub id: String,
    /// The construct's name.
    pub text: Text,
    /// Ids of its items (Likert, binary or numeric), at least two.
    pub items: Vec<String>,
    /// Ids of items scored in reverse (a subset of `items`).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub reversed: Vec<String>,
}

/// How the two measurements of a pair were collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyDesign"))]
#[serde(rename_all = "snake_case")]
pub enum Design {
    /// Retrospective pretest: "before" and "now" asked in one sitting (same row).
    ThenTest,
    /// A real pretest and posttest: same row in a wide file, or rows of two waves matched by
    /// respondent id.
    PrePost,
}

/// The same question measured twice, for a paired shift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyPair"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pair {
    /// Identifier, unique in the instrument.
    pub id: String,
    /// Then-test or pre/post.
    pub design: Design,
    /// Item id of the first measurement ("before").
    pub before: String,
    /// Item id of the second measurement ("now", "after"); may equal `before` for pre/post
    /// across waves.
    pub after: String,
    /// The question without its before/now marker.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Text>", optional))]
    pub text: Text,
    /// Pre/post across waves: the wave of the pretest (default: the first wave).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub from_wave: Option<String>,
    /// Pre/post across waves: the wave of the posttest (default: the last wave).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub to_wave: Option<String>,
}

/// The column telling which wave (survey round) a row belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyWaves"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Waves {
    /// Key of the wave column.
    pub column: String,
    /// Wave values in time order, e.g. `["2014-15", "2017-18"]`.
    pub order: Vec<String>,
    /// True when the wave sizes are assumptions (e.g. rebuilt from published percentages):
    /// the report then adds a sensitivity table over several sizes.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub sizes_assumed: bool,
}

/// The whole instrument, bound to a file's columns.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyInstrument"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Instrument {
    /// Title, if known.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Text>", optional))]
    pub title: Text,
    /// True when the data is synthetic (the built-in examples are).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub synthetic: bool,
    /// The items.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Item>>", optional))]
    pub items: Vec<Item>,
    /// Ids of category items used to break results down (community, gender, age band).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub groups: Vec<String>,
    /// Multi-item scales.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Scale>>", optional))]
    pub scales: Vec<Scale>,
    /// Paired measurements.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Pair>>", optional))]
    pub pairs: Vec<Pair>,
    /// The wave column, for surveys run more than once.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub waves: Option<Waves>,
}

fn unknown(kind: &str, id: &str, owner: &str) -> Error {
    Error::new(
        Code::UnknownId,
        format!("{owner} refers to {kind} \"{id}\", which is not in the instrument"),
    )
    .with("id", id)
    .with("in", owner)
}

pub(crate) fn invalid(id: &str, message: String) -> Error {
    Error::new(Code::InvalidInstrument, message).with("id", id)
}

impl Instrument {
    /// The item with id `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Checks ids, references and types.
    ///
    /// # Errors
    /// [`Code::DuplicateId`] when two items, scales or pairs share an id (ids are one namespace,
    /// since results are keyed by them), or two points/choices of an item share a value, label
    /// or id; [`Code::UnknownId`] when a group, scale or pair names an item that does not
    /// exist; [`Code::InvalidInstrument`] when an item's definition cannot work (a Likert item
    /// with one point, binary values other than 0/1, a scale of one item, a pair of items of
    /// different types...); [`Code::TooLarge`] past [`MAX_ITEMS`] items or [`MAX_CHOICES`]
    /// choices.
    pub fn validate(&self) -> Result<()> {
        if self.items.len() > MAX_ITEMS {
            return Err(Error::new(
                Code::TooLarge,
                format!("an instrument holds at most {MAX_ITEMS} items"),
            )
            .with("items", self.items.len())
            .with("limit", MAX_ITEMS));
        }
        let mut ids = HashSet::new();
        let all_ids = self
            .items
            .iter()
            .map(|i| &i.id)
            .chain(self.scales.iter().map(|s| &s.id))
            .chain(self.pairs.iter().map(|p| &p.id));
        for id in all_ids {
            if id.trim().is_empty() {
                return Err(Error::new(
                    Code::InvalidInstrument,
                    "every id must be non-empty",
                ));
            }
            if !ids.insert(id.as_str()) {
                return Err(Error::new(
                    Code::DuplicateId,
                    format!("the id \"{id}\" is used twice; ids of items, scales and pairs must be unique"),
                )
                .with("id", id.as_str()));
            }
        }
        for item in &self.items {
            super::validate::item(item, self.waves.as_ref())?;
        }
        for g in &self.groups {
            let item = self.item(g).ok_or_else(|| unknown("item", g, "groups"))?;
            if !matches!(
                item.kind,
                ItemType::Category | ItemType::Binary | ItemType::Likert
            ) {
                return Err(invalid(
                    g,
                    format!("group \"{g}\" must be a category, binary or Likert item"),
                ));
            }
        }
        for s in &self.scales {
            if s.items.len() < 2 {
                return Err(invalid(
                    &s.id,
                    format!("scale \"{}\" needs at least two items", s.id),
                ));
            }
            let mut seen = HashSet::new();
            for i in &s.items {
                let item = self.item(i).ok_or_else(|| unknown("item", i, &s.id))?;
                if !matches!(
                    item.kind,
                    ItemType::Likert | ItemType::Binary | ItemType::Numeric
                ) {
                    return Err(invalid(
                        i,
                        format!(
                            "scale \"{}\": item \"{i}\" must be Likert, binary or numeric",
                            s.id
                        ),
                    ));
                }
                if !seen.insert(i) {
                    return Err(Error::new(
                        Code::DuplicateId,
                        format!("scale \"{}\" lists item \"{i}\" twice", s.id),
                    )
                    .with("id", i.as_str()));
                }
            }
            for r in &s.reversed {
                if !s.items.contains(r) {
                    return Err(unknown("item", r, &format!("{} (reversed)", s.id)));
                }
            }
        }
        for p in &self.pairs {
            let before = self
                .item(&p.before)
                .ok_or_else(|| unknown("item", &p.before, &p.id))?;
            let after = self
                .item(&p.after)
                .ok_or_else(|| unknown("item", &p.after, &p.id))?;
            if before.kind != after.kind
                || !matches!(
                    before.kind,
                    ItemType::Likert
                        | ItemType::Binary
                        | ItemType::Numeric
                        | ItemType::Change
                        | ItemType::Codes
                )
            {
                return Err(invalid(&p.id, format!(
                    "pair \"{}\": \"{}\" and \"{}\" must have the same type, Likert, binary, change or numeric",
                    p.id, p.before, p.after
                )));
            }
            let same_row = self.waves.is_none() || p.design == Design::ThenTest;
            if same_row && p.before == p.after {
                return Err(invalid(&p.id, format!("pair \"{}\" compares item \"{}\" with itself; without waves both must be different columns", p.id, p.before)));
            }
            if p.design == Design::ThenTest && (p.from_wave.is_some() || p.to_wave.is_some()) {
                return Err(invalid(
                    &p.id,
                    format!(
                        "pair \"{}\": a then-test is asked in one sitting and has no waves",
                        p.id
                    ),
                ));
            }
            for w in p.from_wave.iter().chain(p.to_wave.iter()) {
                let known = self.waves.as_ref().is_some_and(|ws| ws.order.contains(w));
                if !known {
                    return Err(unknown("wave", w, &p.id));
                }
            }
        }
        if let Some(w) = &self.waves {
            let mut seen = HashSet::new();
            if w.order.is_empty() {
                return Err(invalid(
                    &w.column,
                    "the wave column needs at least one wave value".into(),
                ));
            }
            for v in &w.order {
                if !seen.insert(v) {
                    return Err(Error::new(
                        Code::DuplicateId,
                        format!("wave \"{v}\" is listed twice"),
                    )
                    .with("id", v.as_str()));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::labels::FamilyKind;

    fn likert(id: &str) -> Item {
        Item {
            points: FamilyKind::Agree.points(&[]),
            ..Item::new(
                id,
                Some(id),
                Text::new("I feel confident talking with my child's teachers", ""),
                ItemType::Likert,
            )
        }
    }

    #[test]
    fn duplicate_and_unknown_ids_are_named() {
        let mut ins = Instrument {
            items: vec![likert("q1"), likert("q1")],
            ..Default::default()
        };
        let e = ins.validate().unwrap_err();
        assert_eq!(e.code, Code::DuplicateId);
        assert!(e.message.contains("q1"));
        ins.items[1].id = "q2".into();
        ins.scales.push(Scale {
            id: "confidence".into(),
            text: Text::new("Parent confidence", "Confianza"),
            items: vec!["q1".into(), "q9".into()],
            reversed: vec![],
        });
        let e = ins.validate().unwrap_err();
        assert_eq!(e.code, Code::UnknownId);
        assert!(e.message.contains("q9"), "{}", e.message);
    }

    #[test]
    fn round_trips_through_camel_case_json() {
        let ins = Instrument {
            items: vec![likert("q1"), likert("q2")],
            pairs: vec![Pair {
                id: "p".into(),
                design: Design::ThenTest,
                before: "q1".into(),
                after: "q2".into(),
                text: Text::default(),
                from_wave: None,
                to_wave: None,
            }],
            ..Default::default()
        };
        ins.validate().unwrap();
        let json = serde_json::to_string(&ins).unwrap();
        assert!(json.contains("\"type\":\"likert\"") && json.contains("\"then_test\""));
        let back: Instrument = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ins);
    }

    #[test]
    fn an_old_mapping_still_opens_and_its_bare_number_labels_are_not_a_declared_scale() {
        // The shape saved before scales were declared: no code, nonAnswers, confirmed, proposals.
        let json = r#"{"items":[{"id":"q","column":"q","text":{"en":"Rating","es":""},"type":"likert",
            "points":[{"value":1,"label":{"en":"1","es":"1"}},{"value":2,"label":{"en":"2","es":"2"}},
            {"value":3,"label":{"en":"3","es":"3"}}]}]}"#;
        let ins: Instrument = serde_json::from_str(json).unwrap();
        ins.validate().unwrap();
        let item = &ins.items[0];
        assert!(!item.confirmed && item.non_answers.is_empty() && item.points[0].code.is_none());
        assert!(
            !item.declared(),
            "codes labelled by their own number are not labels"
        );
        let mut confirmed = item.clone();
        confirmed.confirmed = true;
        assert!(confirmed.declared());
        assert!(likert("x").declared());
    }

    #[test]
    fn top_box_must_leave_a_bottom() {
        let mut i = likert("q1");
        i.top = Some(4);
        let e = crate::survey::validate::item(&i, None).unwrap_err();
        assert_eq!(e.code, Code::InvalidInstrument);
    }
}
