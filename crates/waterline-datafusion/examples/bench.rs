//! `cargo run --profile bench-df -p waterline-datafusion --example bench -- ROWS ITEMS`:
//! `wl_counts` over ITEMS five-point columns of ROWS respondents held in memory (Int8 Arrow
//! columns, 1–5 with 5% nulls, in 64 Ki-row batches; CSV parsing not included), with 1 and 2
//! target partitions (and as many tokio worker threads), interleaved, twice each. Prints rows/s per run and the peak resident
//! memory of the process (VmHWM).

use datafusion::arrow::array::{ArrayRef, Int8Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use std::sync::Arc;
use std::time::Instant;
use waterline_datafusion::report::session;

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rows = args.first().copied().unwrap_or(1_000_000);
    let items = args.get(1).copied().unwrap_or(40);
    let schema = Arc::new(Schema::new(
        (0..items)
            .map(|i| Field::new(format!("q{i}"), DataType::Int8, true))
            .collect::<Vec<_>>(),
    ));
    const BATCH: usize = 65_536;
    let mut state: u64 = 22;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    // Two partitions of batches, so that two threads have work.
    let mut parts: Vec<Vec<RecordBatch>> = vec![Vec::new(), Vec::new()];
    let mut done = 0;
    while done < rows {
        let n = BATCH.min(rows - done);
        let cols: Vec<ArrayRef> = (0..items)
            .map(|_| {
                Arc::new(Int8Array::from_iter((0..n).map(|_| {
                    let r = next();
                    (r % 20 != 0).then(|| 1 + (r % 5) as i8)
                }))) as ArrayRef
            })
            .collect();
        let b = RecordBatch::try_new(Arc::clone(&schema), cols).expect("batch");
        parts[(done / BATCH) % 2].push(b);
        done += n;
    }
    let table = Arc::new(MemTable::try_new(Arc::clone(&schema), parts).expect("table"));
    let sql = format!(
        "SELECT {} FROM t",
        (0..items)
            .map(|i| format!("wl_counts(q{i}, '1,2,3,4,5')"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "rows {rows}, items {items}, data in memory, peak RSS so far {:.0} MiB",
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    for round in 0..2 {
        for threads in [1, 2] {
            // Threads = tokio worker threads = target partitions.
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(threads)
                .enable_all()
                .build()
                .expect("runtime");
            let ctx = session(threads);
            ctx.register_table("t", table.clone()).expect("register");
            let t0 = Instant::now();
            let out = rt
                .block_on(async { ctx.sql(&sql).await?.collect().await })
                .expect("query");
            let s = t0.elapsed().as_secs_f64();
            assert_eq!(out.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
            println!(
                "round {round} target_partitions {threads}: {s:.2} s, {:.0} rows/s ({:.0} cells/s), peak RSS {:.0} MiB",
                rows as f64 / s,
                (rows * items) as f64 / s,
                peak_rss_mib().unwrap_or(f64::NAN)
            );
        }
    }
}
