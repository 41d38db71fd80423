//! Timings of the large-model paths, natively (`cargo test --release --test toc_perf -- --nocapture`).
//! The budgets themselves are asserted under wasm in tests/toc_wasm.rs.
#![cfg(feature = "toc")]

mod toc_common;

use std::time::Instant;
use waterline::toc::*;

/// The fastest of seven runs (the machine is shared, so the minimum is the honest figure).
fn ms<T>(f: impl Fn() -> T) -> (T, f64) {
    let mut out = f();
    let mut best = f64::INFINITY;
    for _ in 0..7 {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    (out, best)
}

#[test]
fn large_model_timings() {
    let m = toc_common::synthetic(10_000, 50_000, 2_000, 10_000);
    let (v, t_validate) = ms(|| validate(&m));
    assert!(v.valid, "{:?}", &v.findings[..3.min(v.findings.len())]);
    let (_, t_schedule) = ms(|| schedule(&m, &ScheduleOptions::default()).unwrap());
    let text = to_json(&m).unwrap();
    let (_, t_write) = ms(|| to_json(&m).unwrap());
    let (_, t_parse) = ms(|| parse_model(&text).unwrap());
    let (_, t_layout) = ms(|| layout(&toc_common::synthetic(500, 1_500, 0, 0)));
    eprintln!(
        "validate {t_validate:.1} ms, schedule {t_schedule:.1} ms, write {t_write:.1} ms ({} KB), parse {t_parse:.1} ms, layout(500) {t_layout:.1} ms",
        text.len() / 1024
    );
}

#[test]
fn findings_in_the_synthetic_model() {
    let m = toc_common::synthetic(10_000, 50_000, 2_000, 10_000);
    let v = validate(&m);
    eprintln!("errors {} warnings {}", v.errors, v.warnings);
}

/// The T3 file of bench/series.mjs (50 school years × 2,000 entities × 20 indicators, about
/// 3% of cells empty), from a small linear congruential generator.
fn wide_series_csv(entities: usize, indicators: usize, years: usize) -> String {
    let mut s: u64 = 17;
    let mut u = move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out = String::from("entity,group");
    for k in 0..years {
        out += &format!(",{}-{:02}", 1970 + k, (71 + k) % 100);
    }
    out.push('\n');
    for e in 0..entities {
        for i in 0..indicators {
            out += &format!("School {e},ind{i}");
            let mut v = 2.0 + 20.0 * u();
            for _ in 0..years {
                v = (v + u() - 0.5f64).max(0.0);
                let empty = u() < 0.03;
                out.push(',');
                if !empty {
                    out += &format!("{v:.1}");
                }
            }
            out.push('\n');
        }
    }
    out
}

#[test]
#[ignore = "a timing, not a check: cargo test --release --test toc_perf -- --include-ignored --nocapture"]
fn series_csv_import_timing() {
    let text = wide_series_csv(2_000, 20, 50);
    let (r, t) = ms(|| import_series_csv(&text).unwrap());
    let n: usize = r.series.iter().map(|s| s.points.len()).sum();
    assert_eq!(r.series.len(), 40_000);
    let (c, tc) = ms(|| import_series_csv_columns(&text).unwrap());
    assert_eq!(c.value.len(), n);
    println!(
        "import_series_csv: {t:.1} ms, import_series_csv_columns: {tc:.1} ms, for {n} values ({:.1} MiB)",
        text.len() as f64 / 1048576.0
    );
}
