//! Repeated respondent ids through DataFusion against the page's in-memory report of the same
//! rows under the same policy (`Survey::set_duplicates`, then `Survey::report` on the files
//! joined): copies of an id in the same file and in other files, with identical and with
//! different answers, an id padded with spaces, blank ids (never repeated), with and without
//! waves (an id in two waves is not repeated; pre/post pairs matched across waves) — 4 files,
//! 1 and 4 partitions, EN and ES, whole and `--by District`. `keep_all` and `drop_all` give the
//! page's numbers and note; `keep_last` (the default) and `keep_first` withhold the report with
//! a coded error; without repeats nothing changes. And one run of the binary for each, and the
//! anti-join's plan.

mod common;

use common::{assert_close, cli_report, csv_of, lcg, said, DISTRICTS};
use waterline::error::Code;
use waterline::survey::report::{Adjust, Report, ReportOptions};
use waterline::survey::{DuplicatePolicy, ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, CliReport, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

fn header(waves: bool) -> &'static str {
    if waves {
        "Student ID,District,Wave,I feel safe at school,Did an adult help you this year,Hours of tutoring"
    } else {
        "Student ID,District,I feel safe at school,Did an adult help you this year,Hours of tutoring"
    }
}

/// Deterministic rows (a small LCG) in a shuffled file order: (district, id, row text). Every
/// 8th respondent with an id has a second row in the same wave: the same answers (a
/// resubmission) or new ones, its id sometimes padded with spaces.
fn rows(waves: bool) -> Vec<(usize, String, String)> {
    let mut next = lcg(0x5EED_D0E5_1234_ABCD);
    let mut out = Vec::new();
    for k in 0..300u64 {
        let d = (next(3) as usize + (k % 2) as usize) % 3;
        let id = match next(30) {
            0 => String::new(),
            _ => format!("S{k:04}"),
        };
        let years: &[u64] = match (waves, next(10)) {
            (false, _) => &[0],
            (true, 0) => &[0],
            (true, 1) => &[1],
            _ => &[0, 1],
        };
        for &w in years {
            let wave = if waves {
                format!(",{}", 2023 + w)
            } else {
                String::new()
            };
            let first = answers(&mut next, w);
            let row = |id: &str, a: &str| format!("{id},{}{wave},{a}", DISTRICTS[d]);
            out.push((d, id.clone(), row(&id, &first), next(1 << 20)));
            if !id.is_empty() && k % 8 == (w * 3) {
                let again = if k % 16 == 0 {
                    first
                } else {
                    answers(&mut next, w)
                };
                let copy = if k % 24 == 0 {
                    format!(" {id}  ")
                } else {
                    id.clone()
                };
                out.push((d, id.clone(), row(&copy, &again), next(1 << 20)));
            }
        }
    }
    out.sort_by_key(|r| r.3);
    out.into_iter().map(|(d, id, r, _)| (d, id, r)).collect()
}

/// One row's answers in wave `w`: safe (Likert), help (yes/no), hours (numeric).
fn answers(next: &mut impl FnMut(u64) -> u64, w: u64) -> String {
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
        v => (v % 9 + w * next(3)).to_string(),
    };
    format!("{safe},{help},{hours}")
}

fn survey(csv: &str, policy: DuplicatePolicy) -> Survey {
    let o = ReadOptions {
        duplicates: Some(policy),
        ..ReadOptions::default()
    };
    let mut s = Survey::from_bytes(csv.as_bytes(), &o).unwrap();
    s.set_codebook(CODEBOOK).unwrap();
    s
}

fn page(csv: &str, policy: DuplicatePolicy) -> Report {
    survey(csv, policy)
        .report(&ReportOptions::default())
        .unwrap()
}

/// The rows in the order of the files [`write_files`] writes, file after file (the page's file
/// order: its detected categories come in the order they are first seen).
fn in_file_order(rows: &[(usize, String, String)]) -> Vec<(usize, String, String)> {
    (0..4)
        .flat_map(|f| rows.iter().skip(f).step_by(4).cloned())
        .collect()
}

/// Rows in 4 files of `dir` (file `f` holds every 4th row from `f`: copies of an id land in
/// the same file and in others).
fn write_files(
    dir: &std::path::Path,
    waves: bool,
    rows: &[(usize, String, String)],
) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    (0..4)
        .map(|f| {
            let part = rows.iter().skip(f).step_by(4).map(|r| &r.2);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(header(waves), part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// Rows, items (per wave), wave comparisons and shifts of one group are the page's.
fn assert_group(g: &GroupOut, r: &Report, lang: Lang, shifts: bool) {
    assert_eq!(g.rows, r.rows as u64, "rows analysed");
    let order: Vec<_> = (r.items.iter()).map(|m| (&m.item, &m.wave)).collect();
    let mine: Vec<_> = (g.items.iter()).map(|i| (&i.item, &i.wave)).collect();
    assert_eq!(mine, order, "the page's items");
    for (i, m) in g.items.iter().zip(&r.items) {
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        assert_eq!(
            (i.mean, i.sd, i.median),
            (m.mean, m.sd, m.median),
            "{}",
            m.item
        );
        let a: Vec<_> = (i.distribution.iter())
            .map(|s| (s.count, s.n, s.share))
            .collect();
        let b: Vec<_> = (m.distribution.iter())
            .map(|s| (s.count, s.n, s.share))
            .collect();
        let labels: Vec<_> = (m.distribution.iter()).map(|s| s.label.get(lang)).collect();
        let mine: Vec<_> = (i.distribution.iter()).map(|s| s.label.as_str()).collect();
        assert_eq!(mine, labels, "{}", m.item);
        assert_eq!(a, b, "{}", m.item);
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", m.item);
    }
    assert_eq!(g.waves.len(), r.waves.len(), "wave comparisons");
    for (a, b) in g.waves.iter().zip(&r.waves) {
        assert_eq!((&a.item, a.n_from, a.n_to), (&b.item, b.n_from, b.n_to));
        assert_eq!(a.test, b.test, "{}", a.item);
        assert_eq!(a.sentence, Some(said(&b.sentence, lang)), "{}", a.item);
    }
    if !shifts {
        return;
    }
    let mine: Vec<_> = g.shifts.iter().map(|s| s.pair.as_str()).collect();
    let theirs: Vec<_> = r.shifts.iter().map(|s| s.pair.as_str()).collect();
    assert_eq!(mine, theirs, "the page's shifts");
    for (a, b) in g.shifts.iter().zip(&r.shifts) {
        assert_eq!(a.n_used, b.n_used, "{}", b.pair);
        assert_eq!(a.excluded.as_ref(), Some(&b.excluded), "{}", b.pair);
        assert_close(a.mean_before, b.mean_before, &b.pair);
        assert_close(a.p_value, b.test.as_ref().map(|t| t.p_value), &b.pair);
        assert_eq!(a.sentence.as_ref(), Some(&said(&b.sentence, lang)));
    }
}

/// The CLI's note: the page's repeated ids (one issue per id and wave) and their rows.
fn assert_note(mine: &CliReport, s: &Survey, policy: DuplicatePolicy) {
    let issues: Vec<_> = (s.data().issues.iter())
        .filter(|i| {
            matches!(
                i.code,
                Code::DuplicateRespondent | Code::DuplicateResubmission
            )
        })
        .collect();
    assert!(issues.len() > 10, "{} repeated ids", issues.len());
    let d = mine.duplicates.as_ref().expect("the duplicates note");
    assert_eq!(d.ids, issues.len() as u64);
    assert_eq!(d.rows, issues.iter().map(|i| i.count).sum::<u64>());
    assert_eq!(d.dropped, s.data().dropped_rows);
    assert_eq!((d.policy, d.treatment), (policy, policy.treatment()));
    assert!(issues.iter().all(|i| i.treatment == policy.treatment()));
}

/// Both kinds of copy: an id whose rows are in one file, and one whose rows are in two.
fn assert_spread(rows: &[(usize, String, String)]) {
    let (mut same, mut other) = (false, false);
    for (k, (_, id, _)) in rows.iter().enumerate() {
        for (j, (_, b, _)) in rows.iter().enumerate().skip(k + 1) {
            if !id.is_empty() && id == b {
                same |= k % 4 == j % 4;
                other |= k % 4 != j % 4;
            }
        }
    }
    assert!(same && other, "copies within a file and across files");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_all_and_drop_all_are_the_pages() {
    let dir = std::env::temp_dir().join(format!("wl-dupes-{}", std::process::id()));
    let rows = rows(false);
    assert_spread(&rows);
    let files = write_files(&dir, false, &rows);
    let rows = in_file_order(&rows);
    let csv = csv_of(header(false), rows.iter().map(|r| &r.2));
    assert!(rows.iter().any(|r| r.2.starts_with(' ')), "a padded copy");
    for policy in [DuplicatePolicy::KeepAll, DuplicatePolicy::DropAll] {
        let s = survey(&csv, policy);
        let whole = s.report(&ReportOptions::default()).unwrap();
        for (lang, partitions) in [(Lang::En, 4), (Lang::Es, 1)] {
            let o = Options {
                lang,
                partitions,
                duplicates: policy,
                ..Options::default()
            };
            let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
            assert_group(&mine.groups[0], &whole, lang, true);
            assert_eq!(mine.subgroups.len(), whole.subgroups.len());
            for (a, b) in mine.subgroups.iter().zip(&whole.subgroups) {
                assert_eq!((&a.item, a.n_used), (&b.item, b.n_used));
                assert_eq!(a.sentence, Some(said(&b.sentence, lang)));
            }
            assert_eq!(mine.adjustment.m, whole.adjustment.m);
            assert_note(&mine, &s, policy);
        }
        // Per district: the page's report of each district's rows (copies share a district).
        let o = Options {
            partitions: 4,
            by: Some("District".into()),
            duplicates: policy,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
            let theirs = rows.iter().filter(|r| DISTRICTS[r.0] == *d).map(|r| &r.2);
            assert_group(
                g,
                &page(&csv_of(header(false), theirs), policy),
                Lang::En,
                true,
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_waves_an_id_repeats_within_a_wave() {
    let rows = rows(true);
    let dir = std::env::temp_dir().join(format!("wl-dupes-waves-{}", std::process::id()));
    let files = write_files(&dir, true, &rows);
    let csv = csv_of(header(true), in_file_order(&rows).iter().map(|r| &r.2));
    for policy in [DuplicatePolicy::DropAll, DuplicatePolicy::KeepAll] {
        // Under keep_all the page pairs an id's last-wave row with its *last* first-wave row
        // (file order): the CLI withholds those pairs rather than guess (`repeated_id`), so
        // its p-value family lacks them (`adjust.rs`): compared unadjusted.
        let keep_all = policy == DuplicatePolicy::KeepAll;
        let adjust = if keep_all {
            Adjust::None
        } else {
            Adjust::default()
        };
        let s = survey(&csv, policy);
        let ro = ReportOptions {
            adjust,
            ..ReportOptions::default()
        };
        let whole = s.report(&ro).unwrap();
        assert_eq!(whole.shifts.len(), 3, "three panel pairs");
        assert!(!whole.waves.is_empty(), "wave comparisons");
        let o = Options {
            partitions: 4,
            duplicates: policy,
            adjust,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert_note(&mine, &s, policy);
        assert_group(&mine.groups[0], &whole, Lang::En, !keep_all);
        let withheld = mine.skipped.iter().filter(|s| s.1 == "repeated_id").count();
        assert_eq!(withheld, if keep_all { 3 } else { 0 }, "{:?}", mine.skipped);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_last_and_keep_first_withhold_the_report() {
    let rows = rows(true);
    let dir = std::env::temp_dir().join(format!("wl-dupes-refuse-{}", std::process::id()));
    let files = write_files(&dir, true, &rows);
    let csv = csv_of(header(true), in_file_order(&rows).iter().map(|r| &r.2));
    let s = survey(&csv, DuplicatePolicy::KeepLast);
    let repeated: Vec<_> = (s.data().issues.iter())
        .filter(|i| i.treatment == "last_kept")
        .filter_map(|i| i.value.clone())
        .collect();
    for (policy, lang) in [
        (DuplicatePolicy::KeepLast, Lang::En),
        (DuplicatePolicy::KeepFirst, Lang::Es),
    ] {
        let o = Options {
            lang,
            partitions: 3,
            duplicates: policy,
            ..Options::default()
        };
        let e = report_with(CODEBOOK, &files, &o).await.unwrap_err();
        let json: serde_json::Value = serde_json::from_str(e.lines().last().unwrap()).unwrap();
        assert_eq!(json["code"], "duplicate_respondent");
        let name = serde_json::to_value(policy).unwrap();
        assert_eq!(json["details"]["policy"], name);
        let smallest = repeated.iter().min().unwrap();
        assert_eq!(
            json["details"]["id"],
            smallest.as_str(),
            "the smallest repeated id"
        );
        assert_eq!(json["details"]["ids"], repeated.len() as f64);
        assert!(e.contains("--duplicates keep_all") && e.contains("--duplicates drop_all"));
        let words = if lang == Lang::Es {
            "Vuelva a ejecutar"
        } else {
            "Run again"
        };
        assert!(e.contains(words), "{e}");
    }
    // Without repeats nothing changes: the default policy reports, with no note.
    let once: Vec<_> = rows.iter().filter(|r| !r.2.starts_with(' ')).collect();
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<_> = (once.into_iter())
        .filter(|r| r.1.is_empty() || seen.insert((r.1.clone(), r.2.contains(",2024,"))))
        .cloned()
        .collect();
    let files = write_files(&dir, true, &unique);
    let o = Options {
        partitions: 3,
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert!(mine.duplicates.is_none());
    let json =
        waterline_datafusion::render::render(&mine, waterline_datafusion::render::Format::Json);
    assert!(!json.contains("\"duplicates\""));
    let whole = page(
        &csv_of(header(true), unique.iter().map(|r| &r.2)),
        DuplicatePolicy::KeepLast,
    );
    assert_group(&mine.groups[0], &whole, Lang::En, true);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_refuses_or_applies_the_policy() {
    let rows = rows(false);
    let dir = std::env::temp_dir().join(format!("wl-dupes-cli-{}", std::process::id()));
    let files = write_files(&dir, false, &rows);
    let rows = in_file_order(&rows);
    let csv = csv_of(header(false), rows.iter().map(|r| &r.2));
    // The default (keep_last): no report, a coded error.
    let (ok, out, err) = cli_report(&dir, CODEBOOK, &["--partitions", "2"], &files);
    assert!(!ok && out.is_empty(), "{out}");
    let json: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(json["code"], "duplicate_respondent");
    assert_eq!(json["details"]["policy"], "keep_last");
    let s = survey(&csv, DuplicatePolicy::KeepAll);
    let repeated = (s.data().issues.iter())
        .filter(|i| i.treatment == "all_kept")
        .count();
    assert_eq!(json["details"]["ids"], repeated as f64);
    // keep_all, in Spanish CSV: the page's numbers and the note's line.
    let args = ["--duplicates", "keep_all"];
    let (ok, out, err) = cli_report(
        &dir,
        CODEBOOK,
        &[&args[..], &["--format", "csv", "--lang", "es"]].concat(),
        &files,
    );
    assert!(ok, "{err}");
    assert!(out.contains(",duplicados,keep_all,"), "{out}");
    assert!(out.contains("se usan todas las filas del identificador"));
    // drop_all, in JSON: the page's rows.
    let args = ["--duplicates", "drop_all"];
    let (ok, out, err) = cli_report(&dir, CODEBOOK, &args, &files);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let whole = page(&csv, DuplicatePolicy::DropAll);
    assert_eq!(v["groups"][0]["rows"], whole.rows as u64);
    assert_eq!(v["duplicates"]["treatment"], "all_dropped");
    let (ok, out, _) = cli_report(
        &dir,
        CODEBOOK,
        &[&args[..], &["--format", "html"]].concat(),
        &files,
    );
    assert!(ok && out.contains("<p class=\"duplicates\">Respondent ids repeated"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `drop_all`'s anti-join: the collected keys are the hash join's build side (`RightAnti`,
/// keys on the left) and the files' rows its probe side, so they stream through it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drop_all_streams_the_rows_through_the_keys() {
    use waterline_datafusion::report::{read, session};
    let rows = rows(false);
    let dir = std::env::temp_dir().join(format!("wl-dupes-plan-{}", std::process::id()));
    let files = write_files(&dir, false, &rows);
    let ctx = session(4);
    let df = read(&ctx, &files).await.unwrap();
    let dropped = waterline_datafusion::duplicates::drop_repeated(&ctx, df, "Student ID", None);
    let physical = dropped.await.unwrap().create_physical_plan().await;
    let shown = datafusion::physical_plan::displayable(physical.unwrap().as_ref())
        .indent(true)
        .to_string();
    let join = "HashJoinExec: mode=CollectLeft, join_type=RightAnti";
    assert!(shown.contains(join), "{shown}");
    assert!(shown.contains("file_groups={4 groups"), "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}
