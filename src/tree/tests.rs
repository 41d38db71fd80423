//! The deserializer on its own (no JavaScript): what the bindings accept and how errors name
//! their place.

use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    level: Option<f64>,
    count: Option<u32>,
    kind: Option<Kind>,
    items: Option<Vec<Item>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Holm,
    Weight(f64),
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Item {
    id: String,
}

fn obj(entries: &[(&str, Node)]) -> Node {
    Node::Object(
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

#[test]
fn plain_data_decodes() {
    let node = obj(&[
        ("level", Node::Number(0.9)),
        ("count", Node::Number(3.0)),
        ("kind", Node::String("holm".into())),
        (
            "items",
            Node::Array(vec![obj(&[("id", Node::String("a".into()))])]),
        ),
    ]);
    let o: Options = from_node(node).unwrap();
    assert_eq!(o.level, Some(0.9));
    assert_eq!(o.count, Some(3));
    assert_eq!(o.kind, Some(Kind::Holm));
    assert_eq!(o.items.unwrap()[0].id, "a");
    let o: Option<Options> = from_node(Node::Null).unwrap();
    assert_eq!(o, None);
    let k: Kind = from_node(obj(&[("weight", Node::Number(2.0))])).unwrap();
    assert_eq!(k, Kind::Weight(2.0));
    // A typed array is a sequence of numbers.
    let v: Vec<u32> = from_node(Node::Typed("Uint32Array".into(), vec![1.0, 2.0])).unwrap();
    assert_eq!(v, vec![1, 2]);
}

#[test]
fn errors_name_the_path_and_the_field() {
    let node = obj(&[(
        "items",
        Node::Array(vec![
            obj(&[("id", Node::String("a".into()))]),
            obj(&[("id", Node::Number(1.0))]),
        ]),
    )]);
    let e = from_node::<Options>(node).unwrap_err();
    assert_eq!(path_text(&e.path), ".items[1].id");
    assert!(e.message.contains("invalid type"), "{}", e.message);

    let node = obj(&[("items", Node::Array(vec![obj(&[("di", Node::Null)])]))]);
    let e = from_node::<Options>(node).unwrap_err();
    assert_eq!(path_text(&e.path), ".items[0].di");
    assert_eq!(e.field.as_deref(), Some("di"));

    let e = from_node::<Options>(obj(&[("count", Node::Number(1.5))])).unwrap_err();
    assert_eq!(path_text(&e.path), ".count");
    let e = from_node::<Options>(obj(&[("count", Node::Number(-1.0))])).unwrap_err();
    assert_eq!(path_text(&e.path), ".count");
    let e = from_node::<Options>(obj(&[("count", Node::Number(1e20))])).unwrap_err();
    assert_eq!(path_text(&e.path), ".count");
    // Missing fields are reported at the object that lacks them.
    let e = from_node::<Options>(obj(&[("items", Node::Array(vec![obj(&[])]))])).unwrap_err();
    assert_eq!(path_text(&e.path), ".items[0]");
    assert!(e.message.contains("missing field `id`"));
    // Wrong top-level types.
    assert!(from_node::<Options>(Node::Array(vec![])).is_err());
    assert!(from_node::<Options>(Node::Array(vec![Node::Number(0.5)])).is_err());
    assert!(from_node::<Options>(Node::String("x".into())).is_err());
}

#[test]
fn json_text_reads_into_a_node_in_order() {
    let node: Node =
        serde_json::from_str(r#"{"z": "line\nnext", "n": null, "v": 1, "x": [true, -2.5e0]}"#)
            .unwrap();
    assert_eq!(
        node,
        obj(&[
            ("z", Node::String("line\nnext".into())),
            ("n", Node::Null),
            ("v", Node::Number(1.0)),
            ("x", Node::Array(vec![Node::Bool(true), Node::Number(-2.5)])),
        ])
    );
}
