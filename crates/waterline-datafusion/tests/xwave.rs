//! Pre/post pairs matched across waves by respondent id through DataFusion against the page's
//! in-memory report of the same rows (`Survey::report` on the files joined): a yes/no item
//! (McNemar), a Likert item (signed-rank) and a numeric item (paired t), each respondent's two
//! waves in different files, respondents in one wave only, id-less rows, missing before and
//! after answers, an id padded with spaces, a respondent who moved district between waves —
//! 4 files, 4 partitions, EN and ES, whole and `--by District`; an id repeated within a wave
//! withholds the pair (`repeated_id`); and one run of the binary.

mod common;

use common::{assert_close, cli_report, csv_of, lcg, page, write_blocks, DISTRICTS};
use waterline::survey::report::Report;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str =
    "Student ID,District,Wave,I feel safe at school,Did an adult help you this year,Hours of tutoring";

/// Deterministic rows (a small LCG), in file order: (district index, row text).
fn rows() -> Vec<(usize, String)> {
    let mut next = lcg(0x0DDB_A11C_0FFE_E123);
    let mut out = Vec::new();
    for k in 0..400u64 {
        let d = (next(3) as usize + (k % 2) as usize) % 3;
        let id = match next(40) {
            0 => String::new(),
            _ => format!("S{k:04}"),
        };
        // Most respondents answer both waves; some only the first or only the second.
        let waves: &[u64] = match next(12) {
            0 => &[0],
            1 => &[1],
            _ => &[0, 1],
        };
        for &w in waves {
            // One in 15 moves district between the waves.
            let d = if w == 1 && next(15) == 0 {
                (d + 1) % 3
            } else {
                d
            };
            let safe = match next(20) {
                0 => String::new(),
                _ => (1 + next(4) + w * next(2)).min(5).to_string(),
            };
            let help = match next(25) {
                0 => String::new(),
                _ => (if next(10) < 4 + 2 * w { 1 } else { 2 }).to_string(),
            };
            let hours = match next(18) {
                0 => String::new(),
                1 => "2.5".into(),
                v => (v % 9 + w * next(3)).to_string(),
            };
            // Every 7th respondent's id padded with spaces in the second wave only.
            let id = match (w, k % 7) {
                (1, 0) if !id.is_empty() => format!("  {id} "),
                _ => id.clone(),
            };
            let year = 2023 + w;
            let row = format!("{id},{},{year},{safe},{help},{hours}", DISTRICTS[d]);
            out.push((d, row, next(1 << 20)));
        }
    }
    // File order shuffled: a respondent's two rows are mostly in different files.
    out.sort_by_key(|(_, _, shuffle)| *shuffle);
    out.into_iter().map(|(d, r, _)| (d, r)).collect()
}

/// Every shift of the page's report is the CLI's: counts and exclusions exact, moments and p
/// to 1e-12 relative, sentences identical. Returns the methods seen.
fn assert_shifts(g: &GroupOut, r: &Report, lang: Lang) -> Vec<String> {
    let mine: Vec<_> = g.shifts.iter().map(|s| s.pair.as_str()).collect();
    let theirs: Vec<_> = r.shifts.iter().map(|s| s.pair.as_str()).collect();
    assert_eq!(mine, theirs, "the page's shifts, in its order");
    let mut methods = Vec::new();
    for (a, b) in g.shifts.iter().zip(&r.shifts) {
        let what = &b.pair;
        assert_eq!(a.n_used, b.n_used, "{what}");
        let count =
            |s: &Option<waterline_datafusion::report::ShareOut>| s.as_ref().map(|s| (s.count, s.n));
        let theirs =
            |s: &Option<waterline::survey::report::Share>| s.as_ref().map(|s| (s.count, s.n));
        assert_eq!(count(&a.improved), theirs(&b.improved), "{what}");
        assert_eq!(count(&a.same), theirs(&b.same), "{what}");
        assert_eq!(count(&a.worse), theirs(&b.worse), "{what}");
        assert_eq!(a.excluded.as_ref(), Some(&b.excluded), "{what}");
        assert_close(a.mean_before, b.mean_before, what);
        assert_close(a.mean_after, b.mean_after, what);
        let t = b.test.as_ref();
        assert_eq!(a.method, t.map(|t| t.method.as_str().to_string()), "{what}");
        assert_close(a.statistic, t.map(|t| t.statistic), what);
        assert_close(a.p_value, t.map(|t| t.p_value), what);
        assert_close(a.p_adjusted, t.and_then(|t| t.p_adjusted), what);
        let said = if lang == Lang::Es {
            &b.sentence.es
        } else {
            &b.sentence.en
        };
        assert_eq!(a.sentence.as_ref(), Some(said), "{what}");
        methods.extend(a.method.clone());
    }
    methods
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pairs_matched_across_waves_are_the_pages() {
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-xwave-{}", std::process::id()));
    // The first file holds both waves (the page detects the panel on its head).
    let files = write_blocks(&dir, HEADER, &rows, 4);
    assert!(
        rows.iter().any(|(_, r)| r.starts_with("  S")),
        "a padded id"
    );
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    assert_eq!(whole.shifts.len(), 3, "three panel pairs");
    let reasons: Vec<_> = whole.shifts[0].excluded.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        ["beforeMissing", "afterMissing", "unmatched", "noId"]
    );
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 4,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert!(
            mine.skipped.iter().all(|s| s.1 != "pair"),
            "{:?}",
            mine.skipped
        );
        let mut methods = assert_shifts(&mine.groups[0], &whole, lang);
        methods.sort();
        methods.dedup();
        assert_eq!(
            methods.len(),
            3,
            "McNemar, signed-rank and paired t: {methods:?}"
        );
        assert_eq!(mine.adjustment.m, whole.adjustment.m);
        use waterline_datafusion::render::{render, Format};
        let html = render(&mine, Format::Html);
        assert!(html.contains("unmatched"), "exclusions in the HTML");
        let csv = render(&mine, Format::Csv);
        let label = if lang == Lang::Es {
            "excluidos"
        } else {
            "excluded"
        };
        let n = whole.shifts[0].excluded[2].count;
        let line = format!(",{label}: unmatched,{n},");
        assert!(csv.contains(&line), "{line} in the CSV");
    }
    // Per district: the page's report of each district's rows (a respondent who moved is
    // unmatched in both districts).
    let o = Options {
        partitions: 4,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        assert_eq!(g.group.as_deref(), Some(*d));
        let theirs = rows.iter().filter(|(k, _)| DISTRICTS[*k] == *d);
        assert_shifts(
            g,
            &page(&csv_of(HEADER, theirs.map(|(_, r)| r)), CODEBOOK),
            Lang::En,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file per wave: the first file's head has one wave, so the page's panel rule runs over
/// every file (two ids in both waves) and gives the pairs the page finds on all rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_per_wave_gets_the_pages_pairs() {
    let mut rows = rows();
    rows.sort_by_key(|(_, r)| r.contains(",2024,"));
    let dir = std::env::temp_dir().join(format!("wl-xwave-year-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = ["2023", "2024"]
        .iter()
        .map(|y| {
            let year = format!(",{y},");
            let part = rows.iter().filter(|(_, r)| r.contains(&year));
            let path = dir.join(format!("{y}.csv"));
            std::fs::write(&path, csv_of(HEADER, part.map(|(_, r)| r))).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    assert_eq!(whole.shifts.len(), 3, "three panel pairs");
    let o = Options {
        partitions: 2,
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_shifts(&mine.groups[0], &whole, Lang::En);
    assert_eq!(mine.adjustment.m, whole.adjustment.m);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The join is a shuffle by id: each side's partial aggregation, a hash repartition, and a
/// partitioned hash join (what Ballista runs as stages).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_join_is_repartitioned_by_id() {
    use waterline_datafusion::report::{plan_survey, read, read_head, session};
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-xwave-plan-{}", std::process::id()));
    let files = write_blocks(&dir, HEADER, &rows, 4);
    let mut survey =
        Survey::from_bytes(&read_head(&files[0]).unwrap(), &ReadOptions::default()).unwrap();
    survey.set_codebook(CODEBOOK).unwrap();
    let mut plan = plan_survey(&survey);
    let df = read(&session(4), &files).await.unwrap();
    plan.waves = waterline_datafusion::waves::plan(&df, &survey)
        .await
        .unwrap();
    let (w, id) = (
        plan.waves.as_ref().unwrap(),
        waterline_datafusion::xwave::id_column(&survey),
    );
    assert_eq!(id.as_deref(), Some("Student ID"));
    let pairs: Vec<_> = plan.xwave.iter().collect();
    assert_eq!(pairs.len(), 3);
    let f = waterline_datafusion::xwave::frame(&df, &pairs, w, id.as_deref(), None);
    let physical = f.unwrap().create_physical_plan().await.unwrap();
    let shown = datafusion::physical_plan::displayable(physical.as_ref())
        .indent(true)
        .to_string();
    for part in [
        "AggregateExec: mode=Partial",
        "RepartitionExec: partitioning=Hash",
        "HashJoinExec: mode=Partitioned, join_type=Full",
        "AggregateExec: mode=FinalPartitioned",
    ] {
        assert!(shown.contains(part), "{part} in\n{shown}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_repeated_within_a_wave_withholds_the_pair() {
    // A second row of an id that is in both waves, in the first wave and then in the last.
    for wave in [",2023,", ",2024,"] {
        let mut rows = rows();
        let id = |r: &str| r.split(',').next().unwrap_or("").to_string();
        let both = |r: &String| {
            r.contains(wave) && rows.iter().filter(|(_, s)| id(s) == id(r)).count() == 2
        };
        let copy = rows.iter().find(|(_, r)| r.starts_with('S') && both(r));
        rows.push(copy.unwrap().clone());
        let dir = std::env::temp_dir().join(format!("wl-xwave-rep-{}", std::process::id()));
        let files = write_blocks(&dir, HEADER, &rows, 3);
        // Every row counts (`--duplicates keep_all`; the default withholds the whole report).
        let o = Options {
            partitions: 3,
            duplicates: waterline::survey::DuplicatePolicy::KeepAll,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert!(mine.groups[0].shifts.is_empty(), "{wave}");
        let withheld = mine.skipped.iter().filter(|s| s.1 == "repeated_id");
        assert_eq!(withheld.count(), 3, "{wave}: {:?}", mine.skipped);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_cli_prints_the_pages_shifts() {
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-xwave-cli-{}", std::process::id()));
    let files = write_blocks(&dir, HEADER, &rows, 2);
    let args = ["--lang", "es", "--partitions", "2"];
    let (ok, out, err) = cli_report(&dir, CODEBOOK, &args, &files);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    let shifts = v["groups"][0]["shifts"].as_array().unwrap();
    assert_eq!(shifts.len(), whole.shifts.len());
    for (a, b) in shifts.iter().zip(&whole.shifts) {
        assert_eq!(a["pair"], b.pair.as_str());
        assert_eq!(a["nUsed"], b.n_used);
        assert_eq!(a["sentence"], b.sentence.es.as_str());
        let unmatched = b.excluded.iter().find(|e| e.reason == "unmatched").unwrap();
        let found = a["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["reason"] == "unmatched");
        assert_eq!(found.unwrap()["count"], unmatched.count);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
