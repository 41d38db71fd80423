//! The statistics exports' `options` arguments, read by one table-driven reader (issue 19,
//! size) instead of a serde derive per options type: each type lists its fields and their kinds
//! ([`FromOptions::FIELDS`]) and builds itself from the values read ([`FromOptions::build`]).
//!
//! It accepts and refuses exactly what the serde derives over [`tree::Node`] accept and refuse
//! (the derives stay: the declarations, `tests/decode_paths.rs` and the areas' inputs use them),
//! with the same `code` and `details` (`argument`, `path`, and `field` for an unknown key), in
//! the same order (the object's keys in order, each value read before the next key); the tests
//! below compare the two on every options type. `undefined` or `null` is every default; a key
//! not listed is refused; a number field takes any number (the statistic checks its range); an
//! enum takes its name (or an alias) or `{ name: null }`, as serde's externally tagged form.

use super::{read, to_js_error};
use crate::error::{Code, Error};
use crate::stats;
use crate::tree::Node;
use wasm_bindgen::prelude::*;

/// What a field holds.
pub(crate) enum Kind {
    /// A number (`f64` with the struct's default; `null` is refused).
    Num,
    /// A number or `null` (`Option<f64>`).
    OptNum,
    /// A boolean (`null` refused).
    Bool,
    /// A boolean or `null` (`Option<bool>`).
    OptBool,
    /// A whole number in 0..=2³² − 1 (`u32`).
    U32,
    /// One of the names, each with the index of the variant it stands for (aliases repeat an
    /// index); `null` refused.
    Pick(&'static [(&'static str, u8)]),
    /// [`Kind::Pick`] or `null` (`Option<enum>`; the weighted and distribution options, which
    /// the area builds leave out).
    #[cfg_attr(not(feature = "stats_api"), allow(dead_code))]
    OptPick(&'static [(&'static str, u8)]),
    /// `null` or an array (plain or typed) of numbers (`Option<Vec<f64>>`).
    OptNums,
}

/// A value read; [`Value::Absent`] for a missing key and for `null` where `null` means `None`.
#[derive(Debug, PartialEq)]
pub(crate) enum Value {
    Absent,
    Num(f64),
    Bool(bool),
    Pick(u8),
    Nums(Vec<f64>),
}

/// The values of one options argument, in the order of the type's fields.
pub(crate) struct Values(Vec<Value>);

impl Values {
    pub(crate) fn num(&self, i: usize) -> Option<f64> {
        match self.0.get(i) {
            Some(Value::Num(x)) => Some(*x),
            _ => None,
        }
    }
    fn flag(&self, i: usize) -> Option<bool> {
        match self.0.get(i) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }
    fn pick(&self, i: usize) -> Option<usize> {
        match self.0.get(i) {
            Some(Value::Pick(k)) => Some(usize::from(*k)),
            _ => None,
        }
    }
}

/// An options type read by [`options`].
pub(crate) trait FromOptions: Sized {
    /// The fields, by their JavaScript names.
    const FIELDS: &'static [(&'static str, Kind)];
    /// The options with the values read in place of the defaults.
    fn build(values: Values) -> Self;
}

/// Reads the `options` argument of an export: `undefined` or `null` gives the defaults.
pub(crate) fn options<O: FromOptions>(value: JsValue) -> Result<O, JsValue> {
    let node = read::read("options", &value).map_err(to_js_error)?;
    let values = from_node(node, O::FIELDS).map_err(to_js_error)?;
    Ok(O::build(values))
}

/// The reader on an argument already read into a node.
#[inline(never)]
pub(crate) fn from_node(node: Node, fields: &[(&'static str, Kind)]) -> Result<Values, Error> {
    let mut values: Vec<Value> = fields.iter().map(|_| Value::Absent).collect();
    let entries = match node {
        Node::Null => return Ok(Values(values)),
        Node::Object(entries) => entries,
        other => return Err(refused("", &other, "an options object")),
    };
    for (key, node) in entries {
        let Some(i) = fields.iter().position(|(name, _)| *name == key) else {
            let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
            let message = format!(
                "unknown field `{key}`, expected one of: {}",
                names.join(", ")
            );
            return Err(bad(&format!(".{key}"), &message).with("field", key));
        };
        values[i] = value(node, &fields[i].1).map_err(|(path, e)| {
            let at = format!(".{key}{path}");
            bad(&at, &e)
        })?;
    }
    Ok(Values(values))
}

/// `bad_input` at `options{path}`.
fn bad(path: &str, message: &str) -> Error {
    bad_in("options", path, message)
}

/// `bad_input` at `{argument}{path}`, as [`super::decode`] words it.
fn bad_in(argument: &str, path: &str, message: &str) -> Error {
    let at = format!("{argument}{path}");
    Error::new(Code::BadInput, format!("{at}: {message}"))
        .with("argument", argument)
        .with("path", at)
}

/// A table of counts (`number[][]`; a row may be a typed array), read as serde reads a
/// `Vec<Vec<f64>>` from the node, with the same errors' code and details: without the serde
/// machinery, which the statistics build then leaves out.
#[cfg(feature = "stats_api")]
pub(crate) fn table(name: &str, value: JsValue) -> Result<Vec<Vec<f64>>, JsValue> {
    let node = read::read(name, &value).map_err(to_js_error)?;
    table_from_node(name, node).map_err(to_js_error)
}

/// [`table`] on a node.
#[cfg(feature = "stats_api")]
pub(crate) fn table_from_node(name: &str, node: Node) -> Result<Vec<Vec<f64>>, Error> {
    let wrong =
        |path: String, node: &Node, expected: &str| bad_in(name, &path, &type_text(node, expected));
    let rows = match node {
        Node::Array(rows) => rows,
        // a typed array's elements are numbers, not rows
        Node::Typed(_, xs) if xs.is_empty() => return Ok(Vec::new()),
        Node::Typed(_, xs) => return Err(wrong("[0]".into(), &Node::Number(xs[0]), "an array")),
        other => return Err(wrong(String::new(), &other, "an array of rows")),
    };
    let mut table = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        table.push(match row {
            Node::Typed(_, xs) => xs,
            Node::Array(cells) => {
                let mut xs = Vec::with_capacity(cells.len());
                for (j, cell) in cells.into_iter().enumerate() {
                    match cell {
                        Node::Number(x) => xs.push(x),
                        other => return Err(wrong(format!("[{i}][{j}]"), &other, "a number")),
                    }
                }
                xs
            }
            other => return Err(wrong(format!("[{i}]"), &other, "an array")),
        });
    }
    Ok(table)
}

/// A string argument, read as serde reads a `String` from the node.
pub(crate) fn text(name: &str, value: JsValue) -> Result<String, JsValue> {
    match read::read(name, &value).map_err(to_js_error)? {
        Node::String(s) => Ok(s),
        other => Err(to_js_error(bad_in(
            name,
            "",
            &type_text(&other, "a string"),
        ))),
    }
}

/// `bad_input` for a node of the wrong type at `options{path}`.
fn refused(path: &str, node: &Node, expected: &str) -> Error {
    bad(path, &type_text(node, expected))
}

fn type_text(node: &Node, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", node.kind())
}

/// One field's value; an error is the path below the field and the message.
fn value(node: Node, kind: &Kind) -> Result<Value, (String, String)> {
    let wrong = |node: &Node, expected: &str| Err((String::new(), type_text(node, expected)));
    match (kind, node) {
        (Kind::OptNum | Kind::OptBool | Kind::OptPick(_) | Kind::OptNums, Node::Null) => {
            Ok(Value::Absent)
        }
        (Kind::Num | Kind::OptNum, Node::Number(x)) => Ok(Value::Num(x)),
        (Kind::Bool | Kind::OptBool, Node::Bool(b)) => Ok(Value::Bool(b)),
        (Kind::U32, Node::Number(x)) => {
            if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
                Ok(Value::Num(x))
            } else {
                Err((
                    String::new(),
                    "expected a whole number from 0 to 4294967295".into(),
                ))
            }
        }
        (Kind::Pick(names) | Kind::OptPick(names), node) => pick(node, names),
        (Kind::OptNums, Node::Typed(_, xs)) => Ok(Value::Nums(xs)),
        (Kind::OptNums, Node::Array(items)) => {
            let mut xs = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Node::Number(x) => xs.push(x),
                    other => return Err((format!("[{i}]"), type_text(&other, "a number"))),
                }
            }
            Ok(Value::Nums(xs))
        }
        (Kind::Num | Kind::OptNum, node) => wrong(&node, "a number"),
        (Kind::Bool | Kind::OptBool, node) => wrong(&node, "a boolean"),
        (Kind::U32, node) => wrong(&node, "a whole number"),
        (Kind::OptNums, node) => wrong(&node, "an array of numbers"),
    }
}

/// An enum's value: its name, or `{ name: null }` (serde's externally tagged unit variant).
fn pick(node: Node, names: &[(&'static str, u8)]) -> Result<Value, (String, String)> {
    let find = |name: &str| names.iter().find(|(n, _)| *n == name).map(|(_, i)| *i);
    let unknown = |name: &str| {
        let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        format!(
            "unknown variant `{name}`, expected one of {}",
            all.join(", ")
        )
    };
    match node {
        Node::String(s) => find(&s)
            .map(Value::Pick)
            .ok_or_else(|| (String::new(), unknown(&s))),
        Node::Object(mut entries) if entries.len() == 1 => {
            let (key, value) = entries.remove(0);
            let Some(i) = find(&key) else {
                return Err((format!(".{key}"), unknown(&key)));
            };
            match value {
                Node::Null => Ok(Value::Pick(i)),
                other => Err((format!(".{key}"), type_text(&other, "unit"))),
            }
        }
        other => Err((String::new(), type_text(&other, "a name"))),
    }
}

// --- the options types of the statistics exports --------------------------------------------

use crate::stats::one_proportion::{IntervalMethod, TestAlternative};
#[cfg(feature = "stats_api")]
use crate::stats::{distribution::What, weighted::ShareInterval};
use crate::stats::{AdjustMethod, AlphaMetric, Alternative, ZeroMethod};

const ALTERNATIVE: &[(&str, u8)] = &[
    ("two_sided", 0),
    ("two.sided", 0),
    ("one_sided", 1),
    ("one.sided", 1),
];

/// `[variants][index]` for a picked name, else the default.
fn chosen<T: Copy>(values: &Values, i: usize, variants: &[T], default: T) -> T {
    values
        .pick(i)
        .and_then(|k| variants.get(k).copied())
        .unwrap_or(default)
}

/// The options of the many exports that take only a confidence level.
impl FromOptions for stats::LevelOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[("level", Kind::Num)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        stats::LevelOptions {
            level: v.num(0).unwrap_or(d.level),
        }
    }
}

impl FromOptions for stats::AlphaOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[("level", Kind::Num)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        stats::AlphaOptions {
            level: v.num(0).unwrap_or(d.level),
        }
    }
}

impl FromOptions for stats::one_proportion::IntervalOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        (
            "method",
            Kind::Pick(&[
                ("wilson", 0),
                ("wilson_cc", 1),
                ("clopper_pearson", 2),
                ("agresti_coull", 3),
                ("jeffreys", 4),
            ]),
        ),
        ("level", Kind::Num),
    ];
    fn build(v: Values) -> Self {
        use IntervalMethod as M;
        let d = Self::default();
        let all = [
            M::Wilson,
            M::WilsonCc,
            M::ClopperPearson,
            M::AgrestiCoull,
            M::Jeffreys,
        ];
        Self {
            method: chosen(&v, 0, &all, d.method),
            level: v.num(1).unwrap_or(d.level),
        }
    }
}

impl FromOptions for stats::one_proportion::BinomTestOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("p0", Kind::Num),
        (
            "alternative",
            Kind::Pick(&[
                ("two_sided", 0),
                ("two.sided", 0),
                ("less", 1),
                ("greater", 2),
            ]),
        ),
        ("level", Kind::Num),
    ];
    fn build(v: Values) -> Self {
        use TestAlternative as A;
        let d = Self::default();
        Self {
            p0: v.num(0).unwrap_or(d.p0),
            alternative: chosen(&v, 1, &[A::TwoSided, A::Less, A::Greater], d.alternative),
            level: v.num(2).unwrap_or(d.level),
        }
    }
}

impl FromOptions for stats::means::TTestOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("mu", Kind::Num),
        ("varEqual", Kind::Bool),
        ("level", Kind::Num),
    ];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            mu: v.num(0).unwrap_or(d.mu),
            var_equal: v.flag(1).unwrap_or(d.var_equal),
            level: v.num(2).unwrap_or(d.level),
        }
    }
}

impl FromOptions for stats::McNemarOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("level", Kind::Num),
        ("a", Kind::OptNum),
        ("d", Kind::OptNum),
    ];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            level: v.num(0).unwrap_or(d.level),
            a: v.num(1),
            d: v.num(2),
        }
    }
}

impl FromOptions for stats::SignedRankOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("zeroMethod", Kind::Pick(&[("wilcox", 0), ("pratt", 1)])),
        ("correct", Kind::Bool),
        ("exact", Kind::OptBool),
    ];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            zero_method: chosen(
                &v,
                0,
                &[ZeroMethod::Wilcox, ZeroMethod::Pratt],
                d.zero_method,
            ),
            correct: v.flag(1).unwrap_or(d.correct),
            exact: v.flag(2),
        }
    }
}

impl FromOptions for stats::TwoProportionsOptions {
    const FIELDS: &'static [(&'static str, Kind)] =
        &[("level", Kind::Num), ("correct", Kind::Bool)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            level: v.num(0).unwrap_or(d.level),
            correct: v.flag(1).unwrap_or(d.correct),
        }
    }
}

impl FromOptions for stats::MannWhitneyOptions {
    const FIELDS: &'static [(&'static str, Kind)] =
        &[("correct", Kind::Bool), ("exact", Kind::OptBool)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            correct: v.flag(0).unwrap_or(d.correct),
            exact: v.flag(1),
        }
    }
}

impl FromOptions for stats::ChiSquareOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[("correct", Kind::Bool)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            correct: v.flag(0).unwrap_or(d.correct),
        }
    }
}

impl FromOptions for stats::AdjustOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[(
        "method",
        Kind::Pick(&[
            ("holm", 0),
            ("bh", 1),
            ("BH", 1),
            ("fdr", 1),
            ("bonferroni", 2),
            ("hochberg", 3),
            ("by", 4),
            ("BY", 4),
            ("hommel", 5),
        ]),
    )];
    fn build(v: Values) -> Self {
        use AdjustMethod as M;
        let all = [
            M::Holm,
            M::BenjaminiHochberg,
            M::Bonferroni,
            M::Hochberg,
            M::BenjaminiYekutieli,
            M::Hommel,
        ];
        Self {
            method: chosen(&v, 0, &all, Self::default().method),
        }
    }
}

impl FromOptions for stats::PowerOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("alpha", Kind::Num),
        ("alternative", Kind::Pick(ALTERNATIVE)),
        ("strict", Kind::Bool),
    ];
    fn build(v: Values) -> Self {
        let d = Self::default();
        let all = [Alternative::TwoSided, Alternative::OneSided];
        Self {
            alpha: v.num(0).unwrap_or(d.alpha),
            alternative: chosen(&v, 1, &all, d.alternative),
            strict: v.flag(2).unwrap_or(d.strict),
        }
    }
}

impl FromOptions for stats::KrippendorffOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        (
            "metric",
            Kind::Pick(&[
                ("nominal", 0),
                ("ordinal", 1),
                ("interval", 2),
                ("ratio", 3),
            ]),
        ),
        ("level", Kind::Num),
        ("resamples", Kind::U32),
        ("seed", Kind::U32),
    ];
    fn build(v: Values) -> Self {
        use AlphaMetric as M;
        let d = Self::default();
        let all = [M::Nominal, M::Ordinal, M::Interval, M::Ratio];
        Self {
            metric: chosen(&v, 0, &all, d.metric),
            level: v.num(1).unwrap_or(d.level),
            resamples: v.num(2).map_or(d.resamples, |x| x as u32),
            seed: v.num(3).map_or(d.seed, |x| x as u32),
        }
    }
}

impl FromOptions for stats::KappaOptions {
    const FIELDS: &'static [(&'static str, Kind)] =
        &[("categories", Kind::OptNums), ("level", Kind::Num)];
    fn build(mut v: Values) -> Self {
        let d = Self::default();
        let level = v.num(1).unwrap_or(d.level);
        let categories = match v.0.swap_remove(0) {
            Value::Nums(xs) => Some(xs),
            _ => None,
        };
        Self { categories, level }
    }
}

impl FromOptions for stats::CorrelationOptions {
    const FIELDS: &'static [(&'static str, Kind)] =
        &[("level", Kind::Num), ("exact", Kind::OptBool)];
    fn build(v: Values) -> Self {
        let d = Self::default();
        Self {
            level: v.num(0).unwrap_or(d.level),
            exact: v.flag(1),
        }
    }
}

#[cfg(feature = "stats_api")]
impl FromOptions for super::stats_weighted::WeightedOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[
        ("level", Kind::OptNum),
        (
            "interval",
            Kind::OptPick(&[("wilson_kish", 0), ("korn_graubard", 1)]),
        ),
    ];
    fn build(v: Values) -> Self {
        let all = [ShareInterval::WilsonKish, ShareInterval::KornGraubard];
        Self {
            level: v.num(0),
            interval: v.pick(1).and_then(|k| all.get(k).copied()),
        }
    }
}

#[cfg(feature = "stats_api")]
impl FromOptions for super::stats_dist::DistOptions {
    const FIELDS: &'static [(&'static str, Kind)] = &[(
        "what",
        Kind::OptPick(&[("cdf", 0), ("sf", 1), ("quantile", 2), ("isf", 3)]),
    )];
    fn build(v: Values) -> Self {
        let all = [What::Cdf, What::Sf, What::Quantile, What::Isf];
        Self {
            what: v.pick(0).and_then(|k| all.get(k).copied()),
        }
    }
}

#[cfg(test)]
mod tests;
