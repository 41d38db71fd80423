//! Every export's argument decoder with a native form: arbitrary JSON (a stand-in for the
//! JavaScript value) is turned into the bindings' `Node` tree and deserialized into the core
//! input type the export decodes (rubric, round, rubric edit, survey mapping, report options,
//! toc model, every options struct), then the cheap core call that uses it runs. Decoding and
//! checking return a value or an error, never a panic. The first byte picks the type.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use waterline::wasm::tree::{from_node, Node};
use waterline::{conditions as c, stats, survey, toc};

/// serde_json's value as the bindings' tree (what `read` makes of a plain JS value).
fn node(value: serde_json::Value) -> Node {
    use serde_json::Value as V;
    match value {
        V::Null => Node::Null,
        V::Bool(b) => Node::Bool(b),
        V::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
        V::String(s) => Node::String(s),
        V::Array(items) if items.len() == 3 && items.iter().all(|v| v.is_u64()) => Node::Typed(
            "Uint32Array".into(),
            items.iter().map(|v| v.as_f64().unwrap_or(0.0)).collect(),
        ),
        V::Array(items) => Node::Array(items.into_iter().map(node).collect()),
        V::Object(entries) => {
            Node::Object(entries.into_iter().map(|(k, v)| (k, node(v))).collect())
        }
    }
}

fn decode<T: DeserializeOwned>(n: &Node) -> Option<T> {
    from_node(n.clone()).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(rest) else {
        return;
    };
    let n = node(value);
    let rubric = c::default_rubric();
    match selector % 24 {
        0 => {
            if let Some(r) = decode::<c::Rubric>(&n) {
                let _ = r.validate();
            }
        }
        1 => {
            if let Some(e) = decode::<c::RubricEdit>(&n) {
                let _ = rubric.apply(&e);
            }
        }
        2 => {
            if let Some(round) = decode::<c::Round>(&n) {
                let _ = c::validate_round(&rubric, &round);
            }
        }
        3 => drop(decode::<c::AnalysisOptions>(&n)),
        4 => drop(decode::<c::BootstrapOptions>(&n)),
        5 => drop(decode::<c::FundingOptions>(&n)),
        6 => {
            if let Some(m) = decode::<survey::mapping::Mapping>(&n) {
                let csv = survey::example::PARENTS_CSV;
                if let Ok(mut s) = survey::session::Survey::from_csv(csv, &Default::default()) {
                    let _ = s.set_mapping(m);
                }
            }
        }
        7 => drop(decode::<survey::report::ReportOptions>(&n)),
        8 => drop(decode::<survey::table::ReadOptions>(&n)),
        9 => {
            // As the bindings do: version check, migration, then the model's derive.
            if let Ok(model) = toc::model_from_node(n.clone()) {
                let _ = toc::validate(&model);
            }
        }
        10 => drop(decode::<toc::ScheduleOptions>(&n)),
        11 => drop(decode::<toc::WhatIfOptions>(&n)),
        12 => drop(decode::<toc::ProgressOptions>(&n)),
        13 => drop(decode::<toc::ExportOptions>(&n)),
        14 => drop(decode::<stats::AlphaOptions>(&n)),
        15 => drop(decode::<stats::AdjustOptions>(&n)),
        16 => drop(decode::<stats::PowerOptions>(&n)),
        17 => drop(decode::<stats::McNemarOptions>(&n)),
        18 => drop(decode::<stats::TwoProportionsOptions>(&n)),
        19 => drop(decode::<stats::ChiSquareOptions>(&n)),
        20 => drop(decode::<stats::LevelOptions>(&n)),
        21 => drop(decode::<stats::MannWhitneyOptions>(&n)),
        22 => drop(decode::<stats::SignedRankOptions>(&n)),
        _ => drop(decode::<Vec<String>>(&n)),
    }
});
