//! `cargo run --profile bench-df -p waterline-datafusion --example bench -- [ROWS [ITEMS [CSV_ROWS]]]`
//! (defaults 1,000,000 × 40 and 1,000,000; `make bench` runs the defaults, issue #22's full size
//! is `-- 10000000 40`).
//!
//! 1. In memory: `wl_counts` over ITEMS five-point columns of ROWS respondents held as Int8
//!    Arrow columns (1–5 with 5% nulls, in 64 Ki-row batches, two partitions of batches; no
//!    parsing), with 1 and 2 target partitions (and as many tokio worker threads), interleaved,
//!    twice each.
//! 2. From a file (skipped when CSV_ROWS is 0): CSV_ROWS × ITEMS of the same kind of answers
//!    written as CSV text to the temporary directory (with a codebook declaring the items), then
//!    the CLI's own path, [`waterline_datafusion::report::report`]: the codebook applied to the
//!    file's head, every column read as text by DataFusion's CSV reader, `wl_counts` per item,
//!    the report finished — with 1 and 2 partitions and threads, twice each. The file is
//!    deleted at the end.
//!
//! Prints wall time and rows/s per run, and the peak resident memory (VmHWM) of each phase
//! (reset between phases through `/proc/self/clear_refs` where the kernel allows it).

use datafusion::arrow::array::{ArrayRef, Int8Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;
use waterline::text::Lang;
use waterline_datafusion::report::{report, session};

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Resets VmHWM to the current resident size (Linux: "5" in clear_refs).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn runtime(threads: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("runtime")
}

/// A small LCG: 1–5 with 5% missing (`None`).
struct Answers(u64);

impl Answers {
    fn next(&mut self) -> Option<i8> {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (self.0 >> 33) as u32;
        (!r.is_multiple_of(20)).then(|| 1 + (r % 5) as i8)
    }
}

fn in_memory(rows: usize, items: usize) {
    let schema = Arc::new(Schema::new(
        (0..items)
            .map(|i| Field::new(format!("q{i}"), DataType::Int8, true))
            .collect::<Vec<_>>(),
    ));
    const BATCH: usize = 65_536;
    let mut gen = Answers(22);
    // Two partitions of batches, so that two threads have work.
    let mut parts: Vec<Vec<RecordBatch>> = vec![Vec::new(), Vec::new()];
    let mut done = 0;
    while done < rows {
        let n = BATCH.min(rows - done);
        let cols: Vec<ArrayRef> = (0..items)
            .map(|_| Arc::new(Int8Array::from_iter((0..n).map(|_| gen.next()))) as ArrayRef)
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
        "in memory: rows {rows}, items {items}, data built, peak RSS so far {:.0} MiB",
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    for round in 0..2 {
        for threads in [1, 2] {
            // Threads = tokio worker threads = target partitions.
            let rt = runtime(threads);
            let ctx = session(threads);
            ctx.register_table("t", table.clone()).expect("register");
            let t0 = Instant::now();
            let out = rt
                .block_on(async { ctx.sql(&sql).await?.collect().await })
                .expect("query");
            let s = t0.elapsed().as_secs_f64();
            assert_eq!(out.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
            println!(
                "in memory round {round} threads {threads}: {s:.2} s, {:.0} rows/s ({:.0} cells/s), peak RSS {:.0} MiB",
                rows as f64 / s,
                (rows * items) as f64 / s,
                peak_rss_mib().unwrap_or(f64::NAN)
            );
        }
    }
}

fn from_csv(rows: usize, items: usize) {
    let dir = std::env::temp_dir().join(format!("wl-df-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let data = dir.join("responses.csv");
    let codebook = dir.join("codebook.csv");
    let t0 = Instant::now();
    {
        let mut cb = String::from("column,code,label,label_es,missing\n");
        let labels = [
            ("Strongly disagree", "Muy en desacuerdo"),
            ("Disagree", "En desacuerdo"),
            (
                "Neither agree nor disagree",
                "Ni de acuerdo ni en desacuerdo",
            ),
            ("Agree", "De acuerdo"),
            ("Strongly agree", "Muy de acuerdo"),
        ];
        for i in 0..items {
            for (k, (en, es)) in labels.iter().enumerate() {
                cb.push_str(&format!("Item {i},{},{en},{es},\n", k + 1));
            }
        }
        std::fs::write(&codebook, cb).expect("codebook");
        let f = std::fs::File::create(&data).expect("data file");
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        let header: Vec<String> = (0..items).map(|i| format!("Item {i}")).collect();
        writeln!(w, "{}", header.join(",")).expect("write");
        let mut gen = Answers(22);
        let mut line = String::with_capacity(2 * items + 1);
        for _ in 0..rows {
            line.clear();
            for i in 0..items {
                if i > 0 {
                    line.push(',');
                }
                if let Some(v) = gen.next() {
                    line.push((b'0' + v as u8) as char);
                }
            }
            line.push('\n');
            w.write_all(line.as_bytes()).expect("write");
        }
        w.flush().expect("write");
    }
    let bytes = std::fs::metadata(&data).map(|m| m.len()).unwrap_or(0);
    println!(
        "from CSV: rows {rows}, items {items}, {:.0} MiB written to {} in {:.1} s",
        bytes as f64 / 1048576.0,
        data.display(),
        t0.elapsed().as_secs_f64()
    );
    let cb = std::fs::read_to_string(&codebook).expect("codebook");
    let files = vec![data.to_string_lossy().into_owned()];
    for round in 0..2 {
        for threads in [1, 2] {
            let rt = runtime(threads);
            let t0 = Instant::now();
            let r = rt
                .block_on(report(&cb, &files, Lang::En, None, threads))
                .expect("report");
            let s = t0.elapsed().as_secs_f64();
            assert_eq!(r.groups.len(), 1);
            assert_eq!(r.groups[0].rows as usize, rows);
            assert_eq!(r.groups[0].items.len(), items, "skipped {:?}", r.skipped);
            println!(
                "from CSV round {round} threads {threads}: {s:.2} s, {:.0} rows/s ({:.0} MiB/s), peak RSS {:.0} MiB",
                rows as f64 / s,
                bytes as f64 / 1048576.0 / s,
                peak_rss_mib().unwrap_or(f64::NAN)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rows = args.first().copied().unwrap_or(1_000_000);
    let items = args.get(1).copied().unwrap_or(40);
    let csv_rows = args.get(2).copied().unwrap_or(1_000_000);
    println!(
        "waterline-datafusion bench: {} logical CPUs, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    in_memory(rows, items);
    if csv_rows > 0 {
        let reset = reset_peak();
        println!(
            "peak RSS {} before the CSV phase",
            if reset {
                "reset"
            } else {
                "NOT reset (includes the in-memory phase)"
            }
        );
        from_csv(csv_rows, items);
    }
}
