//! Layout of the logic-model diagram: geometry invariants, crossings checked by brute force
//! from the drawn coordinates, and the barycenter sweeps removing avoidable crossings.
#![cfg(feature = "toc")]

mod toc_common;

use serde_json::json;
use std::time::Instant;
use waterline::toc::{
    example_alianza_model, example_pass_model, layout, parse_model, ColumnKey, EdgeRoute, Layout,
};

/// Crossings counted from the drawing: two segments spanning the same column gap cross when
/// their end heights are in opposite orders at the two columns (O(E²), independent of the
/// engine's Fenwick-tree count).
fn brute_force_crossings(l: &Layout) -> u64 {
    let column_of = |x: f64| l.columns.iter().rposition(|c| c.x <= x + 1e-9).unwrap();
    // (column of the left end, y at the left end, y at the right end)
    let mut segments: Vec<(usize, f64, f64)> = Vec::new();
    for e in l.edges.iter().filter(|e| e.route != EdgeRoute::Flat) {
        for w in e.points.windows(2) {
            let (p, q) = if w[0].x < w[1].x {
                (w[0], w[1])
            } else {
                (w[1], w[0])
            };
            segments.push((column_of(p.x), p.y, q.y));
        }
    }
    let mut count = 0;
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            if a.0 == b.0 && (a.1 - b.1) * (a.2 - b.2) < 0.0 {
                count += 1;
            }
        }
    }
    count
}

fn check_geometry(l: &Layout) {
    for n in &l.nodes {
        assert!(
            n.x >= 0.0 && n.y >= 0.0 && n.x + n.width <= l.width && n.y + n.height <= l.height,
            "{}",
            n.id
        );
    }
    for c in &l.columns {
        let mut col: Vec<_> = l.nodes.iter().filter(|n| n.column == c.key).collect();
        col.sort_by_key(|n| n.order);
        for w in col.windows(2) {
            assert!(
                w[0].y + w[0].height < w[1].y,
                "{} overlaps {}",
                w[0].id,
                w[1].id
            );
        }
    }
    let node = |id: &str| l.nodes.iter().find(|n| n.id == id).unwrap();
    for e in &l.edges {
        let (a, b) = (node(&e.from), node(&e.to));
        let (first, last) = (e.points[0], *e.points.last().unwrap());
        let inside = |y: f64, n: &waterline::toc::LayoutNode| y >= n.y && y <= n.y + n.height;
        assert!(
            inside(first.y, a) && inside(last.y, b),
            "{} → {}",
            e.from,
            e.to
        );
        match e.route {
            EdgeRoute::Forward => assert!(first.x == a.x + a.width && last.x == b.x),
            EdgeRoute::Backward => assert!(first.x == a.x && last.x == b.x + b.width),
            EdgeRoute::Flat => assert!(first.x == a.x + a.width && last.x == b.x + b.width),
        }
    }
}

#[test]
fn pass_and_alianza_diagrams() {
    let pass = layout(&example_pass_model().unwrap());
    let keys: Vec<ColumnKey> = pass.columns.iter().map(|c| c.key).collect();
    assert_eq!(keys.len(), 7);
    assert_eq!(keys[0], ColumnKey::Inputs);
    assert_eq!(pass.nodes.len(), 4 + 5 + 4 + 5 + 1);
    assert_eq!(pass.edges.len(), 21);
    check_geometry(&pass);
    assert_eq!(brute_force_crossings(&pass), pass.crossings);
    let alianza = layout(&example_alianza_model().unwrap());
    assert_eq!(alianza.columns.first().unwrap().key, ColumnKey::Activities); // no inputs
    check_geometry(&alianza);
    assert_eq!(brute_force_crossings(&alianza), alianza.crossings);
    assert!(alianza.n_dummies > 0); // activities → outcomes skip the outputs column
    assert!(alianza.crossings <= alianza.initial_crossings);
}

#[test]
fn sweeps_untangle_a_twisted_pair() {
    // a1 → o2 and a2 → o1 cross in model order; swapping one column removes the crossing.
    let v = json!({
        "schemaVersion": 1, "id": "x", "title": {"en": "X"},
        "activities": [{"id": "a1", "title": {"en": "A1"}}, {"id": "a2", "title": {"en": "A2"}}],
        "outputs": [{"id": "o1", "title": {"en": "O1"}}, {"id": "o2", "title": {"en": "O2"}}],
        "links": [{"from": "a1", "to": "o2"}, {"from": "a2", "to": "o1"}]
    });
    let l = layout(&parse_model(&v.to_string()).unwrap());
    assert_eq!((l.initial_crossings, l.crossings), (1, 0));
    assert_eq!(brute_force_crossings(&l), 0);
}

#[test]
fn backward_flat_and_dangling_links_are_drawn_or_skipped_without_failing() {
    let v = json!({
        "schemaVersion": 1, "id": "x", "title": {"en": "X"},
        "activities": [{"id": "a1", "title": {"en": "A1"}}],
        "outcomes": [{"id": "s1", "title": {"en": "S1"}, "term": "short"},
                     {"id": "s2", "title": {"en": "S2"}, "term": "short"},
                     {"id": "l1", "title": {"en": "L1"}, "term": "long"}],
        "links": [{"from": "a1", "to": "l1"}, {"from": "l1", "to": "a1"}, {"from": "s1", "to": "s2"},
                  {"from": "s1", "to": "nowhere"}]
    });
    let l = layout(&parse_model(&v.to_string()).unwrap());
    let routes: Vec<EdgeRoute> = l.edges.iter().map(|e| e.route).collect();
    assert_eq!(
        routes,
        [EdgeRoute::Forward, EdgeRoute::Backward, EdgeRoute::Flat]
    );
    assert_eq!(l.n_skipped_links, 1);
    assert_eq!(l.n_dummies, 2); // a1 → l1 and l1 → a1 each pass the short-term column
    check_geometry(&l);
    // A long link bends through the skipped column.
    assert_eq!(l.edges[0].points.len(), 3);
}

#[test]
fn five_hundred_elements_quickly_and_with_fewer_crossings() {
    let m = toc_common::synthetic(500, 1500, 0, 0);
    let t = Instant::now();
    let l = layout(&m);
    let ms = t.elapsed().as_secs_f64() * 1e3;
    // The 100 ms budget is for the optimized wasm build (tests/toc_wasm.rs); an unoptimized
    // native test build gets ten times that.
    let budget = if cfg!(debug_assertions) {
        1000.0
    } else {
        100.0
    };
    assert!(ms < budget, "{ms:.1} ms");
    eprintln!(
        "layout of 500 elements: {ms:.1} ms, {} sweeps, crossings {} → {}",
        l.sweeps, l.initial_crossings, l.crossings
    );
    assert_eq!(l.nodes.len(), 500);
    assert!(
        l.crossings < l.initial_crossings,
        "{} vs {}",
        l.crossings,
        l.initial_crossings
    );
    check_geometry(&l);
    assert_eq!(brute_force_crossings(&l), l.crossings);
}
