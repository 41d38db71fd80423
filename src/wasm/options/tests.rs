//! The table-driven reader against the serde derives it replaces: on every options type and a
//! pool of values (every kind of node, each field's valid and invalid values, unknown keys
//! before and after bad values), the same options or the same error `code` and `details`.

use super::*;
use crate::tree::Node;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

fn obj(entries: &[(&str, Node)]) -> Node {
    Node::Object(
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// Values a field may be given: every kind of node, numbers of every shape, names and
/// tagged names.
fn field_values(names: &[&str]) -> Vec<Node> {
    let mut out = vec![
        Node::Null,
        Node::Bool(true),
        Node::Bool(false),
        Node::String("x".into()),
        Node::Array(vec![]),
        Node::Array(vec![Node::Number(1.0), Node::Number(2.5)]),
        Node::Array(vec![Node::Number(1.0), Node::String("a".into())]),
        Node::Array(vec![Node::Array(vec![])]),
        Node::Typed("Float64Array".into(), vec![1.0, 2.0]),
        Node::Typed("Int32Array".into(), vec![]),
        obj(&[]),
        obj(&[("a", Node::Null), ("b", Node::Null)]),
        obj(&[("nope", Node::Null)]),
    ];
    for x in [
        0.0,
        -0.0,
        0.95,
        1.5,
        -1.0,
        -5.0,
        7.0,
        1e10,
        4294967295.0,
        4294967296.0,
        9007199254740992.0,
        9007199254740994.0,
        -9007199254740994.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        out.push(Node::Number(x));
    }
    for name in names {
        out.push(Node::String(name.to_string()));
        out.push(obj(&[(name, Node::Null)]));
        out.push(obj(&[(name, Node::Number(1.0))]));
        out.push(obj(&[(name, obj(&[]))]));
    }
    out
}

fn same<O: FromOptions + DeserializeOwned + Default + Debug>(names: &[&str]) {
    let values = field_values(names);
    let mut nodes = vec![
        Node::Null,
        Node::Bool(true),
        Node::Number(0.9),
        Node::String("level".into()),
        Node::Array(vec![Node::Number(0.9)]),
        Node::Typed("Float64Array".into(), vec![0.9]),
        obj(&[]),
        obj(&[("bogus", Node::Number(1.0))]),
    ];
    for (field, _) in O::FIELDS {
        for v in &values {
            nodes.push(obj(&[(field, v.clone())]));
            nodes.push(obj(&[(field, v.clone()), ("bogus", Node::Null)]));
            nodes.push(obj(&[("bogus", Node::Null), (field, v.clone())]));
            for (other, _) in O::FIELDS {
                if other != field {
                    nodes.push(obj(&[
                        (other, Node::String("x".into())),
                        (field, v.clone()),
                    ]));
                    nodes.push(obj(&[(field, v.clone()), (other, Node::Null)]));
                }
            }
        }
    }
    for node in nodes {
        let serde = super::super::decode_node::<Option<O>>("options", node.clone())
            .map(Option::unwrap_or_default);
        let ours = from_node(node.clone(), O::FIELDS).map(O::build);
        match (serde, ours) {
            // compared as printed, so that NaN equals NaN and -0 differs from 0
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{node:?}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.code, b.code, "{node:?}");
                assert_eq!(
                    a.details, b.details,
                    "{node:?}: {} | {}",
                    a.message, b.message
                );
            }
            (a, b) => panic!("{node:?}: serde {a:?}, ours {b:?}"),
        }
    }
}

#[test]
fn every_options_type_reads_as_its_serde_derive() {
    let alternative = [
        "two_sided",
        "two.sided",
        "one_sided",
        "one.sided",
        "less",
        "greater",
    ];
    same::<super::super::LevelOptions>(&[]);
    same::<stats::LevelOptions>(&[]);
    same::<stats::AlphaOptions>(&[]);
    same::<stats::one_proportion::IntervalOptions>(&[
        "wilson",
        "wilson_cc",
        "clopper_pearson",
        "agresti_coull",
        "jeffreys",
        "Wilson",
    ]);
    same::<stats::one_proportion::BinomTestOptions>(&alternative);
    same::<stats::means::TTestOptions>(&[]);
    same::<stats::McNemarOptions>(&[]);
    same::<stats::SignedRankOptions>(&["wilcox", "pratt", "zsplit"]);
    same::<stats::TwoProportionsOptions>(&[]);
    same::<stats::MannWhitneyOptions>(&[]);
    same::<stats::ChiSquareOptions>(&[]);
    same::<stats::AdjustOptions>(&[
        "holm",
        "bh",
        "BH",
        "fdr",
        "bonferroni",
        "hochberg",
        "by",
        "BY",
        "hommel",
        "Holm",
    ]);
    same::<stats::PowerOptions>(&alternative);
    same::<stats::KrippendorffOptions>(&["nominal", "ordinal", "interval", "ratio", "x"]);
    same::<stats::KappaOptions>(&[]);
    same::<stats::CorrelationOptions>(&[]);
    same::<super::super::stats_weighted::WeightedOptions>(&["wilson_kish", "korn_graubard"]);
    same::<super::super::stats_dist::DistOptions>(&["cdf", "sf", "quantile", "isf", "pdf"]);
}

#[cfg(feature = "stats_api")]
#[test]
fn tables_read_as_serde_reads_them() {
    let n = Node::Number;
    let typed = |xs: &[f64]| Node::Typed("Float64Array".into(), xs.to_vec());
    let cells = [
        n(1.0),
        n(f64::NAN),
        Node::Null,
        Node::Bool(true),
        Node::String("1".into()),
        obj(&[]),
        typed(&[1.0]),
    ];
    let mut rows = vec![
        Node::Array(vec![]),
        typed(&[]),
        typed(&[1.0, 2.0]),
        Node::Null,
        n(3.0),
        obj(&[]),
    ];
    for c in &cells {
        rows.push(Node::Array(vec![n(1.0), c.clone()]));
    }
    let mut tables = vec![
        Node::Null,
        n(2.0),
        Node::String("x".into()),
        obj(&[]),
        typed(&[]),
        typed(&[1.0]),
        Node::Array(vec![]),
    ];
    for a in &rows {
        tables.push(Node::Array(vec![a.clone()]));
        for b in &rows {
            tables.push(Node::Array(vec![a.clone(), b.clone()]));
        }
    }
    for node in tables {
        let serde = super::super::decode_node::<Vec<Vec<f64>>>("table", node.clone());
        let ours = table_from_node("table", node.clone());
        match (serde, ours) {
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{node:?}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.code, b.code, "{node:?}");
                assert_eq!(
                    a.details, b.details,
                    "{node:?}: {} | {}",
                    a.message, b.message
                );
            }
            (a, b) => panic!("{node:?}: serde {a:?}, ours {b:?}"),
        }
    }
}
