//! What the CLI's tests share: the generator behind their deterministic respondents, the CSV
//! text and part files of those rows, the page's in-memory report of the same text, and the
//! comparisons. Each test file keeps its own data (codebook, header, rows) and assertions.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;
use waterline::survey::report::{Report, ReportOptions, Sentence};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::CliReport;

/// The districts every generated respondent lives in.
pub const DISTRICTS: [&str; 3] = ["Fresno", "Kern", "Tulare"];

/// A small linear congruential generator (Knuth's MMIX constants, the high bits kept):
/// `next(m)` is in `0..m`, the same sequence for the same seed on every machine, so no
/// randomness crate is needed.
pub fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    }
}

/// A CSV file's text: `header`, then one line per row.
pub fn csv_of<'a>(header: &str, rows: impl Iterator<Item = &'a String>) -> String {
    let mut s = String::from(header);
    s.push('\n');
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
    s
}

/// Writes `rows` to `n` files `part{f}.csv` in `dir`, each with `header`: file `f` holds every
/// `n`th row from row `f`. Returns the paths.
pub fn write_striped(dir: &Path, header: &str, rows: &[(usize, String)], n: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|f| {
            let part = rows.iter().skip(f).step_by(n).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(header, part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// Writes `rows` to `n` files `part{f}.csv` in `dir`, each with `header`: consecutive blocks
/// of ⌈rows / n⌉ rows, in order. Returns the paths.
pub fn write_blocks(dir: &Path, header: &str, rows: &[(usize, String)], n: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    let per = rows.len().div_ceil(n);
    (0..n)
        .map(|f| {
            let part = rows.iter().skip(per * f).take(per).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(header, part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// The page's in-memory report of `csv` (`Survey::report`, default options) under `codebook`.
pub fn page(csv: &str, codebook: &str) -> Report {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(codebook).unwrap();
    s.report(&ReportOptions::default()).unwrap()
}

/// A sentence in `lang`.
pub fn said(s: &Sentence, lang: Lang) -> String {
    if lang == Lang::Es { &s.es } else { &s.en }.clone()
}

/// Asserts two optional numbers equal within 1e-12 relative, or both absent.
pub fn assert_close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(x), Some(y)) => {
            let scale = x.abs().max(y.abs()).max(f64::MIN_POSITIVE);
            assert!((x - y).abs() <= 1e-12 * scale, "{what}: {x} vs {y}");
        }
        _ => assert_eq!(a, b, "{what}"),
    }
}

/// The CLI's subgroup tables are the page's, in its order: rows and counts exact, the
/// chi-square test's p and adjusted p bit for bit, sentences identical.
pub fn assert_subgroups(mine: &CliReport, whole: &Report, lang: Lang) {
    assert_eq!(mine.subgroups.len(), whole.subgroups.len());
    for (a, b) in mine.subgroups.iter().zip(&whole.subgroups) {
        assert_eq!((&a.item, &a.group), (&b.item, &b.group));
        assert_eq!(a.rows, b.rows, "{} by {}", a.item, a.group);
        assert_eq!((a.n_used, a.n_excluded), (b.n_used, b.n_excluded));
        let p = |t: Option<&waterline::survey::report::TestSummary>| {
            t.map(|t| (t.p_value, t.p_adjusted))
        };
        let chi = a.chi_square.as_ref().map(|c| (c.p_value, c.p_adjusted));
        assert_eq!(chi, p(b.test.as_ref()), "{} by {}", a.item, a.group);
        assert_eq!(a.sentence, Some(said(&b.sentence, lang)));
    }
}

/// Writes `codebook` to `dir/codebook.csv` and runs `waterline-cli report --codebook` it with
/// `args`, then `files`: (success, stdout, stderr).
pub fn cli_report(
    dir: &Path,
    codebook: &str,
    args: &[&str],
    files: &[String],
) -> (bool, String, String) {
    let cb = dir.join("codebook.csv");
    std::fs::write(&cb, codebook).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_waterline-cli"))
        .args(["report", "--codebook", &cb.to_string_lossy()])
        .args(args)
        .args(files)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

/// Runs `waterline-cli` with `args`; fails the test, with the CLI's stderr, unless it succeeds.
/// Returns its stdout.
pub fn cli_ok(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_waterline-cli"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
