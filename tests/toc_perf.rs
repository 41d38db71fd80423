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
