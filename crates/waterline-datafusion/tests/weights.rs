//! `--weight` (#19 on the page, #22 here): the same respondents, with a declared weight column,
//! through the page's in-memory `Survey::report` and through DataFusion (4 files, 1 and 4
//! target partitions, a hash repartition under `--by`): counts exact, weighted numbers within
//! 1e-12 relative (the merged sums' rounding depends on the merge order), sentences identical
//! in English and Spanish; the sections not weighted yet withheld with the reason `weights`;
//! invalid weights the page's coded errors.

mod common;
mod weights_common;

use common::{csv_of, write_striped, DISTRICTS};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, Options};
use weights_common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weighted_items_are_the_pages_whole_and_by_district_in_both_languages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)));
    let pw = whole.weighting.as_ref().unwrap();
    for (lang, partitions) in [(Lang::En, 1), (Lang::Es, 4)] {
        let mine = weighted(&files, lang, None, partitions).await;
        assert_eq!(mine.groups.len(), 1);
        assert_same(&mine.groups[0], &whole, &mine.skipped, lang);
        assert_same_subgroups(&mine, &whole, lang);
        let w = mine.weighting.as_ref().unwrap();
        assert_eq!((w.n, w.column.as_deref()), (pw.n, Some("Weight")));
        assert!(close(w.sum_weights, pw.sum_weights) && close(w.n_eff, pw.n_eff));
        assert!(close(w.deff_kish, pw.deff_kish));
    }
    // By district: each district's weighted items are the page's report of its rows.
    let mine = weighted(&files, Lang::Es, Some("District"), 4).await;
    assert_eq!(mine.groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        assert_eq!(g.group.as_deref(), Some(*d));
        let theirs = rows.iter().filter(|(k, _)| DISTRICTS[*k] == *d);
        let r = page(&csv_of(HEADER, theirs.map(|(_, r)| r)));
        assert_same(g, &r, &mine.skipped, Lang::Es);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The weighted aggregation under `--by` is planned as the unweighted one: partial states per
/// file group, a hash repartition, a final merge.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weighted_states_cross_a_hash_repartition() {
    use waterline_datafusion::report::{column, plan_survey, read, session};
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-plan-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let mut s = Survey::from_bytes(
        csv_of(HEADER, rows.iter().map(|(_, r)| r)).as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    s.set_codebook(CODEBOOK).unwrap();
    let plan = plan_survey(&s);
    let ctx = session(4);
    let df = read(&ctx, &files).await.unwrap();
    let aggs = waterline_datafusion::weighted_report::aggregates(&plan, "Weight");
    let df = df
        .aggregate(vec![column("District").alias("group")], aggs)
        .unwrap();
    let physical = df.create_physical_plan().await.unwrap();
    let shown = datafusion::physical_plan::displayable(physical.as_ref())
        .indent(true)
        .to_string();
    for want in [
        "RepartitionExec: partitioning=Hash",
        "AggregateExec: mode=Partial",
        "AggregateExec: mode=FinalPartitioned",
        "file_groups={4 groups",
    ] {
        assert!(shown.contains(want), "{want}: {shown}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A bad weight anywhere is the page's `invalid_weight` (in the first file's head: the page's
/// own error, with its line), never a guessed weight; so is a column of zeros; an unknown
/// column is `unknown_column`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_weights_are_coded_errors() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-bad-{}", std::process::id()));
    let cases: [(&str, Change, &str); 5] = [
        (
            "negative",
            Box::new(|k, w| if k == 1401 { "-1".into() } else { w.into() }),
            "is negative or infinite",
        ),
        (
            "blank",
            Box::new(|k, w| if k == 1402 { String::new() } else { w.into() }),
            "is missing",
        ),
        (
            "text",
            Box::new(|k, w| if k == 1403 { "heavy".into() } else { w.into() }),
            "is not a number",
        ),
        ("zeros", Box::new(|_, _| "0".into()), "is 0"),
        (
            "head",
            Box::new(|k, w| if k == 0 { "-2".into() } else { w.into() }),
            "is negative or infinite",
        ),
    ];
    for (name, change, says) in cases {
        let changed: Vec<(usize, String)> = rows
            .iter()
            .enumerate()
            .map(|(k, (d, r))| {
                let (rest, w) = r.rsplit_once(',').unwrap();
                (*d, format!("{rest},{}", change(k, w)))
            })
            .collect();
        let files = write_striped(&dir.join(name), HEADER, &changed, 4);
        let o = Options {
            partitions: 4,
            weight: Some("Weight".into()),
            ..Options::default()
        };
        let e = report_with(CODEBOOK, &files, &o).await.unwrap_err();
        let v = error_of(&e);
        assert_eq!(v["code"], "invalid_weight", "{name}: {e}");
        assert!(v["message"].as_str().unwrap().contains(says), "{name}: {e}");
        if name == "head" {
            assert_eq!(v["details"]["line"], 2.0, "the page's line: {e}");
        }
    }
    let files = write_striped(&dir.join("ok"), HEADER, &rows, 2);
    let o = Options {
        weight: Some("Wieght".into()),
        ..Options::default()
    };
    let e = report_with(CODEBOOK, &files, &o).await.unwrap_err();
    assert_eq!(error_of(&e)["code"], "unknown_column", "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One run of the binary with `--weight`: JSON with the weighting and the withheld sections,
/// CSV and HTML in Spanish with their lines.
#[test]
fn the_binary_weights_the_report() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-cli-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 3);
    let cb = dir.join("codebook.csv");
    std::fs::write(&cb, CODEBOOK).unwrap();
    let run = |extra: &[&str], files: &[String]| {
        let cb = if files.len() == 1 {
            std::path::PathBuf::from(&files[0]).with_extension("codebook")
        } else {
            cb.clone()
        };
        let mut args = vec![
            "report",
            "--codebook",
            cb.to_str().unwrap(),
            "--weight",
            "Weight",
        ];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(String::as_str));
        common::cli_ok(&args)
    };
    let v: serde_json::Value = serde_json::from_str(&run(&["--partitions", "3"], &files)).unwrap();
    assert_eq!(v["weighting"]["column"], "Weight");
    assert_eq!(v["groups"][0]["items"].as_array().unwrap().len(), 10);
    assert!(
        v["groups"][0]["items"][0]["weighted"]["nEff"]
            .as_f64()
            .unwrap()
            > 100.0
    );
    assert!(!v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s[1] == "weights"));
    let csv = run(&["--format", "csv", "--lang", "es"], &files);
    assert!(csv.contains(",pesos,Weight,"), "{csv}");
    assert!(csv.contains("Las proporciones están ponderadas"), "{csv}");
    assert!(csv.contains("Ponderado: n efectivo = "), "{csv}");
    assert!(!csv.contains(",retenido,"), "nothing withheld: {csv}");
    // A survey with waves: not weighted yet, so its items and comparisons are withheld.
    let wave_files = vec![wave_file(&dir)];
    let csv = run(&["--format", "csv", "--lang", "es"], &wave_files);
    assert!(csv.contains(",retenido,waves/program,weights"), "{csv}");
    assert!(csv.contains("proporción ponderada"), "{csv}");
    let html = run(&["--format", "html"], &wave_files);
    assert!(html.contains("<h2>Weights</h2>"), "{html}");
    assert!(
        html.contains("Withheld") && html.contains("<li>waves/program (weights)</li>"),
        "{html}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--rake`: the page's raking to known margins, on top of the weight, from the joint cells'
/// base weights raked by the page's own `rake_columns`: every weighted number the page's
/// (4 files, 4 partitions), the weighting summary with its sweeps; a category without a target
/// is the page's coded error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raking_is_the_pages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-rake-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let csv = csv_of(HEADER, rows.iter().map(|(_, r)| r));
    let s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let key = |h: &str| {
        (s.table().columns.iter())
            .find(|c| c.header == h)
            .unwrap()
            .key
            .clone()
    };
    let rake = |targets: &str| {
        format!(
            r#"{{"margins": [{{"column": "{}", "targets": {{{targets}}}}},
               {{"column": "{}", "targets": {{"1": 0.3, "2": 0.6, "": 0.1}}}}]}}"#,
            key("District"),
            key("Did an adult help you this year"),
        )
    };
    let good = rake(r#""Fresno": 0.3, "Kern": 0.3, "Tulare": 0.4"#);
    let whole = page_raked(&csv, Some(&good));
    let pw = whole.weighting.as_ref().unwrap();
    assert!(pw.raked && pw.iterations > 1);
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 4,
            weight: Some("Weight".into()),
            scales: Some(SCALES.into()),
            rake: Some(good.clone()),
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert_same(&mine.groups[0], &whole, &mine.skipped, lang);
        assert_same_subgroups(&mine, &whole, lang);
        let w = mine.weighting.as_ref().unwrap();
        assert_eq!((w.raked, w.iterations, w.n), (true, pw.iterations, pw.n));
        assert_eq!(w.column.as_deref(), Some("Weight"));
        assert!(close(w.sum_weights, pw.sum_weights) && close(w.n_eff, pw.n_eff));
        assert!((w.max_gap - pw.max_gap).abs() < 1e-12);
    }
    let o = Options {
        weight: Some("Weight".into()),
        rake: Some(rake(r#""Fresno": 0.5, "Kern": 0.5"#)),
        ..Options::default()
    };
    let e = report_with(CODEBOOK, &files, &o).await.unwrap_err();
    assert_eq!(error_of(&e)["code"], "unknown_label", "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
