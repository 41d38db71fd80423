//! The report is the same after a speed change: the JSON of the full report (serde_json, every
//! field, sentences included) of the built-in examples, of every survey file in `tests/corpus`
//! and of W5's 100,000 × 40 export (`bench/domains.mjs`'s `surveyCsv`, ported below) hashes to
//! the value recorded in `tests/data/report_same.txt`.
//!
//! This is a before/after check, not a reference check: the recorded hashes were made by the
//! report code as it was before the #21 speed work (main at `bfabe0c`), so any change to a
//! number, a sentence or the order of a field shows up here. A change that means to alter the
//! report re-records them with `WATERLINE_BLESS=1 cargo test --release --test survey_report_same`
//! and says why in its commit.
//!
//! W5's file takes a few seconds in a debug build; `cargo test --release` is quicker.
#![cfg(feature = "survey")]

use std::collections::BTreeMap;
use std::fmt::Write;
use waterline::survey::{example, ReadOptions, ReportOptions, Survey};

/// mulberry32, as `bench/data.mjs`'s `rng`: floats in [0, 1).
fn rng(seed: u32) -> impl FnMut() -> f64 {
    let mut a = seed;
    move || {
        a = a.wrapping_add(0x6d2b_79f5);
        let mut t = a;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// W5's export: `surveyCsv(rows, 7)` of `bench/domains.mjs`, byte for byte.
fn w5_csv(rows: usize) -> String {
    let mut u = rng(7);
    let agree = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    let acuerdo = [
        "Totalmente en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo",
        "De acuerdo",
        "Totalmente de acuerdo",
    ];
    let places = [
        "Salton City",
        "Thermal",
        "Desert Shores",
        "Coachella",
        "Mecca",
    ];
    let mut s = String::with_capacity(rows * 620);
    s.push_str("Respondent ID,Community");
    for k in 0..34 {
        write!(s, ",How much do you agree? [Statement {k}]").unwrap();
    }
    for k in 0..2 {
        write!(s, ",Activity {k} (before),Activity {k} (now)").unwrap();
    }
    s.push_str(",What changed? (select all),Hours volunteered");
    for r in 0..rows {
        s.push('\n');
        let base = (u() * 5.0).floor() as i64;
        let labels = if r % 4 == 0 { &acuerdo } else { &agree };
        write!(s, "R{r},{}", places[(u() * 5.0).floor() as usize]).unwrap();
        for _ in 0..34 {
            let v = (base + (u() * 3.0).floor() as i64 - 1).clamp(0, 4) as usize;
            s.push(',');
            s.push_str(labels[v]);
        }
        for _ in 0..2 {
            let before = u() < 1.0 / 3.0;
            let after = before || u() < 0.5;
            s.push_str(if before { ",Yes" } else { ",No" });
            s.push_str(if after { ",Yes" } else { ",No" });
        }
        let m = (u() * 8.0).floor() as u32;
        let picks: Vec<&str> = ["Confidence", "Advocacy", "Leadership"]
            .iter()
            .enumerate()
            .filter(|(i, _)| (m >> i) & 1 == 1)
            .map(|(_, c)| *c)
            .collect();
        let picks = if picks.is_empty() {
            "Confidence".to_string()
        } else {
            picks.join(";")
        };
        write!(s, ",{picks},{}", (u() * 40.0).floor()).unwrap();
    }
    s.push('\n');
    s
}

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The full report's JSON of a file, or `None` when the file is not a survey the reader takes.
fn report_json(bytes: &[u8]) -> Option<String> {
    let s = Survey::from_bytes(bytes, &ReadOptions::default()).ok()?;
    let r = s.report(&ReportOptions::default()).ok()?;
    Some(serde_json::to_string(&r).unwrap())
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("example parents".to_string(), example::PARENTS_CSV.into()),
        ("example staff".to_string(), example::STAFF_CSV.into()),
        ("w5 100000".to_string(), w5_csv(100_000).into_bytes()),
    ];
    let w5 = out.get(2).map(|(_, b)| (fnv(b), b.len()));
    assert_eq!(
        w5,
        Some(W5_FILE),
        "W5's file differs from bench/domains.mjs"
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "csv" || x == "txt" || x == "tsv")
        })
        .collect();
    files.sort();
    for p in files {
        let name = format!("corpus {}", p.file_name().unwrap().to_string_lossy());
        out.push((name, std::fs::read(&p).unwrap()));
    }
    out
}

#[test]
fn w5_export_matches_the_javascript_generator() {
    // `surveyCsv(2)` of bench/domains.mjs, hashed in Node.
    let csv = w5_csv(2);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(fnv(csv.as_bytes()), 0x6ddf_c448_6a48_2732, "{csv}");
}

/// `fnv` and length of `surveyCsv(100000)` (W5's whole file), computed in Node.
const W5_FILE: (u64, usize) = (0xd14e_5ca7_64ae_6a39, 60_795_893);

#[test]
fn the_report_is_the_same_as_before_the_speed_work() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report_same.txt");
    let mut now = BTreeMap::new();
    for (name, bytes) in inputs() {
        let line = match report_json(&bytes) {
            Some(json) => format!("{:016x} {}", fnv(json.as_bytes()), json.len()),
            None => "not a survey".to_string(),
        };
        now.insert(name, line);
    }
    let text: String = now.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect();
    if std::env::var_os("WATERLINE_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap();
    for (line, want) in text.lines().zip(recorded.lines()) {
        assert_eq!(line, want, "the report of a file changed");
    }
    assert_eq!(text.lines().count(), recorded.lines().count());
}
