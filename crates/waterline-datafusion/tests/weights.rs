//! `--weight` (#19 on the page, #22 here): the same respondents, with a declared weight column,
//! through the page's in-memory `Survey::report` and through DataFusion (4 files, 1 and 4
//! target partitions, a hash repartition under `--by`): counts exact, weighted numbers within
//! 1e-12 relative (the merged sums' rounding depends on the merge order), sentences identical
//! in English and Spanish; the sections not weighted yet withheld with the reason `weights`;
//! invalid weights the page's coded errors.

use std::fmt::Write as _;
use waterline::survey::report::{Report, ReportOptions};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, CliReport, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
I feel safe at school,9,Don't know,No sé,dont_know
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
Confidence asking for help (before),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (before),2,Disagree,En desacuerdo,
Confidence asking for help (before),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (before),4,Agree,De acuerdo,
Confidence asking for help (before),5,Strongly agree,Muy de acuerdo,
Confidence asking for help (now),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (now),2,Disagree,En desacuerdo,
Confidence asking for help (now),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (now),4,Agree,De acuerdo,
Confidence asking for help (now),5,Strongly agree,Muy de acuerdo,
";

/// A multi-item scale declared as `--scales` declares it (one item reversed).
const SCALES: &str = r#"[{"id": "confidence", "text": {"en": "Confidence", "es": "Confianza"},
  "items": ["I feel safe at school", "Confidence asking for help (before)",
            "Confidence asking for help (now)"],
  "reversed": ["Confidence asking for help (before)"]},
 {"id": "belonging", "text": {"en": "Belonging", "es": "Pertenencia"},
  "items": ["I like my school", "I have friends at school"]}]"#;

const HEADER: &str = "District,I feel safe at school,Did an adult help you this year,Confidence asking for help (before),Confidence asking for help (now),Hours volunteered (before),Hours volunteered (now),Activities joined (select all that apply),I like my school,I have friends at school,Weight";
const DISTRICTS: [&str; 3] = ["Fresno", "Kern", "Tulare"];

/// Deterministic respondents with weights from 0 (a few) to 4.9, unequal by district and by
/// answer so that the weighted numbers differ from the unweighted ones.
fn respondents() -> Vec<(usize, String)> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let mut out = Vec::new();
    for k in 0..1500 {
        let d = (next(10) as usize).min(2 + (k % 2)) % 3;
        let v = next(20);
        let safe = match v {
            0 => String::new(),
            1 => "9".into(),
            v => (1 + v % 5).to_string(),
        };
        let help = match next(10) {
            0 => String::new(),
            v => (1 + (v + d as u64) % 2).to_string(),
        };
        let before = 1 + next(5);
        let now = (before + next(3))
            .clamp(1, 5)
            .saturating_sub(next(2))
            .max(1);
        let now = if next(25) == 0 {
            String::new()
        } else {
            now.to_string()
        };
        let w = match next(40) {
            0 => "0".to_string(),
            x => format!(
                "{:.3}",
                0.25 + (x % 13) as f64 * 0.37 + d as f64 * 0.5 + (v % 5) as f64 * 0.1
            ),
        };
        let hours = match next(12) {
            0 => String::new(),
            x => format!("{:.2}", (x * 7 % 31) as f64 * 0.75 + d as f64),
        };
        let later = match next(10) {
            0 => String::new(),
            x => format!("{:.2}", (x * 5 % 23) as f64 * 0.9 + d as f64),
        };
        let joined = ["", "Art;Music", "Music;Sports", "Sports", "Art"][next(5) as usize];
        const AGREE: [&str; 6] = [
            "",
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ];
        let like = AGREE[(next(6) as usize + d).min(5)];
        let friends = AGREE[(next(6) as usize + v as usize % 2).min(5)];
        out.push((
            d,
            format!(
                "{},{safe},{help},{before},{now},{hours},{later},{joined},{like},{friends},{w}",
                DISTRICTS[d]
            ),
        ));
    }
    out
}

fn csv_of<'a>(rows: impl Iterator<Item = &'a String>) -> String {
    let mut s = String::from(HEADER);
    s.push('\n');
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
    s
}

fn write_files(dir: &std::path::Path, rows: &[(usize, String)], files: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    (0..files)
        .map(|f| {
            let part = rows.iter().skip(f).step_by(files).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// The page's weighted report of these rows: the codebook, then the weight declared in the
/// mapping.
fn page(csv: &str) -> Report {
    page_raked(csv, None)
}

/// [`page`] with raking to `margins` (the page's JSON, column keys) on top of the weight.
fn page_raked(csv: &str, raking: Option<&str>) -> Report {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(CODEBOOK).unwrap();
    waterline_datafusion::scales::declare(&mut s, SCALES).unwrap();
    let key = s
        .table()
        .columns
        .iter()
        .find(|c| c.header == "Weight")
        .unwrap()
        .key
        .clone();
    // As the page's mapping editor (`setRole`): the column's item leaves the instrument.
    let mut m = s.mapping().clone();
    let before = m.instrument.items.len();
    m.instrument
        .items
        .retain(|i| i.column.as_deref() != Some(key.as_str()));
    assert_eq!(
        m.instrument.items.len() + 1,
        before,
        "the weight was read as an item"
    );
    m.weight = Some(key);
    m.raking = raking.map(|r| serde_json::from_str(r).unwrap());
    s.set_mapping(m).unwrap();
    s.report(&ReportOptions::default()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn said(s: &waterline::survey::report::Sentence, lang: Lang) -> String {
    if lang == Lang::Es { &s.es } else { &s.en }.clone()
}

/// Every weighted item is the page's: counts exact, weighted numbers within 1e-12, the
/// sentence identical; every item the CLI leaves out is withheld as `weights`.
fn assert_same(g: &GroupOut, r: &Report, skipped: &[(String, &str)], lang: Lang) {
    assert_eq!(
        g.items.len(),
        10,
        "four coded items, two numeric, two label-written, District and a multi-select one"
    );
    let hours = g
        .items
        .iter()
        .find(|i| i.text.starts_with("Hours volunteered"))
        .unwrap();
    assert!(hours.mean.is_some() && hours.median.is_none());
    let unweighted =
        |s: &waterline_datafusion::report::ShareOut| s.share == s.count as f64 / s.n as f64;
    assert!(
        (g.items.iter().filter(|i| i.distribution.len() > 1))
            .all(|i| !i.distribution.iter().all(unweighted)),
        "the weights change the shares"
    );
    for i in &g.items {
        let m = r.items.iter().find(|x| x.item == i.item).unwrap();
        assert!(m.weighted);
        assert_eq!(i.n_used, m.n_used, "{}", i.item);
        assert_eq!(i.distribution.len(), m.distribution.len());
        for (a, b) in i.distribution.iter().zip(&m.distribution) {
            assert_eq!((a.count, a.n), (b.count, b.n), "{} {}", i.item, b.key);
            assert!(
                close(a.share, b.share),
                "{} {}: {} {}",
                i.item,
                b.key,
                a.share,
                b.share
            );
            assert!(
                close(a.lower, b.lower) && close(a.upper, b.upper),
                "{} {}",
                i.item,
                b.key
            );
        }
        assert_eq!(i.top_box.is_some(), m.top_box.is_some(), "{}", i.item);
        if let (Some(a), Some(b)) = (&i.top_box, &m.top_box) {
            let b = &b.interval;
            assert_eq!((a.count, a.n), (b.x, b.n));
            assert!(close(a.share, b.estimate) && close(a.lower, b.lower));
            assert!(close(a.upper, b.upper));
            let e = m.weighted_estimate.as_ref().unwrap();
            let w = i.weighted.as_ref().unwrap();
            assert!(close_opt(w.top_box_se, Some(e.se)) && close_opt(w.top_box_deff, e.deff));
        }
        // Numeric items: the weighted mean's linearised interval.
        assert!(close_opt(i.mean_lower, m.mean_lower) && close_opt(i.mean_upper, m.mean_upper));
        assert!(
            close_opt(i.mean, m.mean) && close_opt(i.sd, m.sd),
            "{}",
            i.item
        );
        assert_eq!((i.median, m.median), (None, None));
        let w = i.weighted.as_ref().unwrap();
        assert!(close_opt(w.n_eff, m.n_eff) && close_opt(w.deff_kish, m.deff_kish));
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", i.item);
    }
    for m in &r.items {
        let shown = g.items.iter().any(|i| i.item == m.item);
        let withheld = skipped
            .iter()
            .any(|(id, why)| *id == m.item && *why == "weights");
        assert!(shown != withheld, "{} is shown or withheld", m.item);
    }
    assert!(g.waves.is_empty());
    assert_eq!(g.scales.len(), r.scales.len());
    assert_eq!(g.scales.len(), 2, "a coded scale and a label-written one");
    for s in &g.scales {
        let m = r.scales.iter().find(|x| x.scale == s.scale).unwrap();
        assert!(m.weighted);
        assert_eq!((s.n_used, s.n_excluded), (m.n_used, m.n_excluded));
        assert!(
            close_opt(s.mean, m.mean) && close_opt(s.sd, m.sd),
            "{}",
            s.scale
        );
        assert!(close_opt(s.weighted_alpha, m.weighted_alpha));
        assert!(close_opt(s.alpha, m.alpha.as_ref().map(|a| a.alpha)));
        let (a, b) = (
            s.weighted_mean.as_ref().unwrap(),
            m.weighted_mean.as_ref().unwrap(),
        );
        assert!(close(a.estimate, b.estimate) && close(a.se, b.se) && close(a.n_eff, b.n_eff));
        assert_eq!(s.sentence, said(&m.sentence, lang), "{}", s.scale);
    }
    assert_eq!(g.shifts.len(), r.shifts.len());
    assert_eq!(g.shifts.len(), 2, "a coded pair and a numeric one");
    for s in &g.shifts {
        let m = r.shifts.iter().find(|x| x.pair == s.pair).unwrap();
        assert_eq!(s.n_used, m.n_used);
        for (a, b) in [
            (&s.improved, &m.improved),
            (&s.same, &m.same),
            (&s.worse, &m.worse),
        ] {
            let (a, b) = (a.as_ref().unwrap(), b.as_ref().unwrap());
            assert_eq!((a.count, a.n, a.share), (b.count, b.n, b.share));
        }
        let (a, b) = (
            s.weighted_change.as_ref().unwrap(),
            m.weighted_shift.as_ref().unwrap(),
        );
        assert_eq!((a.n, a.level, a.reference), (b.n, b.level, b.reference));
        for (x, y) in [
            (a.estimate, b.estimate),
            (a.se, b.se),
            (a.lower, b.lower),
            (a.upper, b.upper),
            (a.sum_weights, b.sum_weights),
            (a.n_eff, b.n_eff),
            (a.deff_kish, b.deff_kish),
        ] {
            assert!(close(x, y), "{}: {x} {y}", s.pair);
        }
        assert!(close_opt(a.deff, b.deff));
        // A numeric pair's paired t comes from its distinct pairs of texts (~1e-15, [`pairs`]).
        let p = m.test.as_ref().and_then(|t| t.p_adjusted);
        assert!(close_opt(s.p_adjusted, p), "{}", s.pair);
        assert_eq!(s.sentence, Some(said(&m.sentence, lang)), "{}", s.pair);
        assert!(s.sentence.as_ref().unwrap().contains(if lang == Lang::Es {
            "Cambio ponderado"
        } else {
            "Weighted change"
        }));
    }
}

/// The weighted subgroup tables are the page's (suppression on the unweighted counts, shares
/// weighted, the sentence's suffix); the page's unweighted ones are withheld.
fn assert_same_subgroups(mine: &CliReport, r: &Report, lang: Lang) {
    let mut weighted = 0;
    for p in &r.subgroups {
        let id = format!("subgroups/{}/{}", p.item, p.group);
        let s = mine
            .subgroups
            .iter()
            .find(|s| s.item == p.item && s.group == p.group);
        let Some(s) = s else {
            assert!(!p.weighted, "{id} is weighted on the page");
            assert!(mine.skipped.contains(&(id, "weights")));
            continue;
        };
        weighted += 1;
        assert!(p.weighted, "{id}");
        assert_eq!(s.rows.len(), p.rows.len());
        for (a, b) in s.rows.iter().zip(&p.rows) {
            assert_eq!(
                (a.n, a.x, &a.display, a.suppressed),
                (b.n, b.x, &b.display, b.suppressed),
                "{id}"
            );
            for (x, y) in [(a.share, b.share), (a.lower, b.lower), (a.upper, b.upper)] {
                assert!(close_opt(x, y), "{id}: {x:?} {y:?}");
            }
            let (x, y) = (a.weighted_estimate.as_ref(), b.weighted_estimate.as_ref());
            assert_eq!(x.is_some(), y.is_some());
            if let (Some(x), Some(y)) = (x, y) {
                assert!(
                    close(x.estimate, y.estimate) && close(x.se, y.se) && close(x.n_eff, y.n_eff)
                );
            }
        }
        let (x, y) = (s.chi_square.as_ref(), p.chi_square.as_ref());
        assert_eq!(
            x.map(|c| (c.statistic, c.p_value)),
            y.map(|c| (c.statistic, c.p_value))
        );
        assert_eq!(s.sentence, Some(said(&p.sentence, lang)), "{id}");
    }
    assert!(weighted > 0, "some subgroup tables are weighted");
}

async fn weighted(files: &[String], lang: Lang, by: Option<&str>, partitions: usize) -> CliReport {
    let o = Options {
        lang,
        partitions,
        by: by.map(str::to_string),
        weight: Some("Weight".into()),
        scales: Some(SCALES.into()),
        ..Options::default()
    };
    report_with(CODEBOOK, files, &o).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weighted_items_are_the_pages_whole_and_by_district_in_both_languages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-weights-{}", std::process::id()));
    let files = write_files(&dir, &rows, 4);
    let whole = page(&csv_of(rows.iter().map(|(_, r)| r)));
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
        let r = page(&csv_of(theirs.map(|(_, r)| r)));
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
    let files = write_files(&dir, &rows, 4);
    let mut s = Survey::from_bytes(
        csv_of(rows.iter().map(|(_, r)| r)).as_bytes(),
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

/// A change of one row's weight: (row, weight) → the new weight.
type Change = Box<dyn Fn(usize, &str) -> String>;

fn error_of(e: &str) -> serde_json::Value {
    serde_json::from_str(e).unwrap_or_else(|_| panic!("a coded error: {e}"))
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
        let files = write_files(&dir.join(name), &changed, 4);
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
    let files = write_files(&dir.join("ok"), &rows, 2);
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
    let files = write_files(&dir, &rows, 3);
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
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_waterline-cli"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
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

/// A survey with waves (2023, 2024; the second wave only in the second half of the rows), a
/// coded item, a numeric one, a category one and a multi-select one, with weights.
fn wave_csv() -> String {
    let mut s =
        String::from("District,Wave,Program,I feel safe at school,Hours of tutoring,Activities joined (select all that apply),Weight\n");
    for k in 0..600u64 {
        let wave = if k < 300 { "2023" } else { "2024" };
        let d = DISTRICTS[(k % 3) as usize];
        // Categories of unequal sizes (the order of tied categories is not at stake here).
        let program = [
            "Tutoring", "Tutoring", "Tutoring", "Sports", "Sports", "Music", "",
        ][(k * 3 % 7) as usize];
        let safe = 1 + (k * 13 + k / 300) % 5;
        let hours = if k % 11 == 0 {
            String::new()
        } else {
            format!("{}", (k * 17 % 29) + 2 * (k / 300))
        };
        let w = format!(
            "{:.2}",
            0.5 + (k * 31 % 17) as f64 * 0.2 + (k / 300) as f64 * 0.3
        );
        let joined = ["Art;Music", "", "Music", "Art", "Sports;Art"][(k * 3 % 5) as usize];
        let _ = writeln!(s, "{d},{wave},{program},{safe},{hours},{joined},{w}");
    }
    s
}

/// The wave survey in `dir` (`waves.csv`) with its codebook beside it (`waves.codebook`).
fn wave_file(dir: &std::path::Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let codebook: String = (CODEBOOK.lines())
        .filter(|l| l.starts_with("column,") || l.starts_with("I feel safe at school,"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("waves.codebook"), codebook).unwrap();
    let path = dir.join("waves.csv");
    std::fs::write(&path, wave_csv()).unwrap();
    path.to_string_lossy().into_owned()
}

/// Waves: every coded and numeric item per wave, and their first-against-last comparisons
/// (the weighted difference and z test replacing the unweighted test, adjusted in the page's
/// family), the category and multi-select items per wave, are the page's, from two files of
/// which the first holds only the first wave; the category item's comparison (unweighted on
/// the page) is withheld.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waves_are_weighted_as_on_the_page() {
    let dir = std::env::temp_dir().join(format!("wl-weights-waves-{}", std::process::id()));
    wave_file(&dir);
    let csv = wave_csv();
    let codebook = std::fs::read_to_string(dir.join("waves.codebook")).unwrap();
    let (head, rest) = csv.split_once('\n').unwrap();
    let lines: Vec<&str> = rest.lines().collect();
    let files: Vec<String> = [&lines[..300], &lines[300..]]
        .iter()
        .enumerate()
        .map(|(k, part)| {
            let path = dir.join(format!("wave{k}.csv"));
            std::fs::write(&path, format!("{head}\n{}\n", part.join("\n"))).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(&codebook).unwrap();
    let key = (s.table().columns.iter())
        .find(|c| c.header == "Weight")
        .unwrap()
        .key
        .clone();
    let mut m = s.mapping().clone();
    m.instrument
        .items
        .retain(|i| i.column.as_deref() != Some(key.as_str()));
    m.weight = Some(key);
    s.set_mapping(m).unwrap();
    assert!(
        s.mapping().instrument.waves.is_some(),
        "the page finds the waves"
    );
    let page = s.report(&ReportOptions::default()).unwrap();
    for (lang, partitions) in [(Lang::En, 1), (Lang::Es, 3)] {
        let o = Options {
            lang,
            partitions,
            weight: Some("Weight".into()),
            ..Options::default()
        };
        let mine = report_with(&codebook, &files, &o).await.unwrap();
        let g = &mine.groups[0];
        assert_eq!(g.items.len(), 10, "five items (District too) in two waves");
        for i in &g.items {
            let m = (page.items.iter())
                .find(|x| x.item == i.item && x.wave == i.wave)
                .unwrap();
            assert!(m.weighted && i.wave.is_some());
            assert_eq!(i.n_used, m.n_used);
            for (a, b) in i.distribution.iter().zip(&m.distribution) {
                assert_eq!((a.count, a.n), (b.count, b.n));
                assert!(
                    close(a.share, b.share) && close(a.lower, b.lower),
                    "{} {:?}: {} {} / {} {}",
                    i.item,
                    i.wave,
                    a.share,
                    b.share,
                    a.label,
                    b.key
                );
            }
            assert!(
                close_opt(i.mean, m.mean) && close_opt(i.sd, m.sd),
                "{}",
                i.item
            );
            assert!(close_opt(i.mean_lower, m.mean_lower), "{}", i.item);
            assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", i.item);
        }
        assert_eq!(g.waves.len(), 2, "the coded and the numeric comparison");
        for w in &g.waves {
            let p = page.waves.iter().find(|x| x.item == w.item).unwrap();
            assert!(p.weighted);
            let a = w.weighted_difference.as_ref().unwrap();
            let b = p.weighted_difference.as_ref().unwrap();
            for (x, y) in [
                (a.difference, b.difference),
                (a.se, b.se),
                (a.lower, b.lower),
                (a.from.n_eff, b.from.n_eff),
            ] {
                assert!(close(x, y), "{}: {x} {y}", w.item);
            }
            let (t, u) = (w.test.as_ref().unwrap(), p.test.as_ref().unwrap());
            assert!(close(t.statistic, u.statistic) && close(t.p_value, u.p_value));
            assert!(close_opt(t.p_adjusted, u.p_adjusted), "{}", w.item);
            assert_eq!(w.sentence, Some(said(&p.sentence, lang)), "{}", w.item);
        }
        for p in page.waves.iter().filter(|p| !p.weighted) {
            let id = format!("waves/{}", p.item);
            assert!(mine.skipped.contains(&(id, "weights")));
        }
        // Only what the page leaves unweighted: category comparisons and tables.
        for (id, _) in &mine.skipped {
            let unweighted = |item: &str| {
                page.waves.iter().any(|p| p.item == item && !p.weighted)
                    || page.subgroups.iter().any(|p| p.item == item && !p.weighted)
            };
            let item = id.split('/').nth(1).unwrap_or(id);
            assert!(unweighted(item), "{id} is weighted on the page");
        }
    }
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
    let files = write_files(&dir, &rows, 4);
    let csv = csv_of(rows.iter().map(|(_, r)| r));
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

/// A panel: respondents with an id answering in 2023 and 2024 (some only once), so the page
/// matches pre/post pairs across waves by id.
fn panel_csv() -> String {
    let mut s = String::from(
        "Student ID,District,Wave,I feel safe at school,Did an adult help you this year,Hours of tutoring,Weight\n",
    );
    for k in 0..300u64 {
        let waves: &[u64] = match k % 12 {
            0 => &[0],
            1 => &[1],
            _ => &[0, 1],
        };
        for &w in waves {
            let d = DISTRICTS[((k + w * (k % 15 / 14)) % 3) as usize];
            let safe = 1 + (k * 7 + w * (k % 3)) % 5;
            let help = if (k * 11 + w * 3) % 10 < 4 + 2 * w {
                1
            } else {
                2
            };
            let hours = (k * 13 % 9) + w * (k % 3);
            let weight = format!("{:.2}", 0.4 + (k * 29 % 13) as f64 * 0.25 + w as f64 * 0.1);
            let _ = writeln!(s, "S{k:04},{d},{},{safe},{help},{hours},{weight}", 2023 + w);
        }
    }
    s
}

/// A panel under `--weight`: the pre/post pairs matched across waves, which the page leaves
/// unweighted, are withheld after p-value adjustment, so the wave comparisons' adjusted
/// p-values are still the page's; the items per wave are the page's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pairs_matched_across_waves_are_withheld_after_adjustment() {
    let dir = std::env::temp_dir().join(format!("wl-weights-panel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = panel_csv();
    let path = dir.join("panel.csv");
    std::fs::write(&path, &csv).unwrap();
    let codebook: String = (CODEBOOK.lines())
        .filter(|l| {
            [
                "column,",
                "I feel safe at school,",
                "Did an adult help you this year,",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(&codebook).unwrap();
    let key = (s.table().columns.iter())
        .find(|c| c.header == "Weight")
        .unwrap()
        .key
        .clone();
    let mut m = s.mapping().clone();
    // As the page's mapping editor: the weight's item and the pairs naming it leave.
    waterline_datafusion::weighted_report::as_weight(&mut m.instrument, &key);
    m.weight = Some(key);
    s.set_mapping(m).unwrap();
    let page = s.report(&ReportOptions::default()).unwrap();
    let o = Options {
        partitions: 2,
        weight: Some("Weight".into()),
        ..Options::default()
    };
    let files = vec![path.to_string_lossy().into_owned()];
    let mine = report_with(&codebook, &files, &o).await.unwrap();
    let g = &mine.groups[0];
    assert!(
        !page.shifts.is_empty(),
        "the page matches pairs across waves"
    );
    for p in &page.shifts {
        assert!(!p.weighted);
        assert!(
            mine.skipped.contains(&(p.pair.clone(), "weights")),
            "{}",
            p.pair
        );
    }
    assert!(g.shifts.is_empty());
    assert!(!g.waves.is_empty());
    for w in &g.waves {
        let p = page.waves.iter().find(|x| x.item == w.item).unwrap();
        let (t, u) = (w.test.as_ref().unwrap(), p.test.as_ref().unwrap());
        assert!(close_opt(t.p_adjusted, u.p_adjusted), "{}", w.item);
        assert_eq!(w.sentence, Some(said(&p.sentence, Lang::En)), "{}", w.item);
    }
    for i in &g.items {
        let m = (page.items.iter())
            .find(|x| x.item == i.item && x.wave == i.wave)
            .unwrap();
        assert!(close_opt(i.mean, m.mean), "{}", i.item);
        assert_eq!(i.sentence, Some(said(&m.sentence, Lang::En)), "{}", i.item);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A multi-select item with a column per choice (SurveyMonkey's `Question - Choice` export)
/// under `--weight` is the page's: per choice the weighted share, most chosen first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choice_columns_are_weighted_as_on_the_page() {
    const Q: &str = "Which activities did you join?";
    let dir = std::env::temp_dir().join(format!("wl-weights-cols-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = format!(
        "District,{Q} - Art,{Q} - Music,{Q} - Sports,Did an adult help you this year,Weight\n"
    );
    for k in 0..600u64 {
        let mark = |on: bool, m: &str| if on { m.to_string() } else { String::new() };
        let art = mark(k * 7 % 10 < 4, "Art");
        let music = mark(k * 3 % 10 < 3, "Music");
        let sports = ["1", "0", ""][(k * 5 % 3) as usize];
        let w = format!("{:.2}", 0.3 + (k * 17 % 11) as f64 * 0.3);
        let d = DISTRICTS[(k % 3) as usize];
        let _ = writeln!(csv, "{d},{art},{music},{sports},{},{w}", 1 + k % 2);
    }
    let codebook: String = (CODEBOOK.lines())
        .filter(|l| l.starts_with("column,") || l.starts_with("Did an adult help you this year,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.join("cols.csv");
    std::fs::write(&path, &csv).unwrap();
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(&codebook).unwrap();
    let key = (s.table().columns.iter())
        .find(|c| c.header == "Weight")
        .unwrap()
        .key
        .clone();
    let mut m = s.mapping().clone();
    waterline_datafusion::weighted_report::as_weight(&mut m.instrument, &key);
    m.weight = Some(key);
    s.set_mapping(m).unwrap();
    let page = s.report(&ReportOptions::default()).unwrap();
    let p = (page.items.iter())
        .find(|i| i.kind == waterline::survey::instrument::ItemType::MultiSelect)
        .expect("the page finds the multi-select item");
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 2,
            weight: Some("Weight".into()),
            ..Options::default()
        };
        let files = vec![path.to_string_lossy().into_owned()];
        let mine = report_with(&codebook, &files, &o).await.unwrap();
        let i = mine.groups[0]
            .items
            .iter()
            .find(|i| i.item == p.item)
            .unwrap();
        assert_eq!(i.n_used, p.n_used);
        assert_eq!(i.distribution.len(), p.distribution.len());
        for (a, b) in i.distribution.iter().zip(&p.distribution) {
            assert_eq!((&a.key, a.count, a.n), (&b.key, b.count, b.n));
            assert!(close(a.share, b.share) && close(a.lower, b.lower) && close(a.upper, b.upper));
        }
        let w = i.weighted.as_ref().unwrap();
        assert!(close_opt(w.n_eff, p.n_eff));
        assert_eq!(i.sentence, Some(said(&p.sentence, lang)));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
