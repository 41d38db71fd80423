//! Multi-item scales through DataFusion (`wl_scale`) give the page's scale section: the same
//! scale mean and sd, Cronbach's alpha with its Feldt interval, McDonald's omega and notes as
//! the in-memory report (`Survey::report`) for the same respondents and declared scales.
//!
//! One file read by one partition observes the rows in file order, as the page does: bit for
//! bit. Four files over four partitions (and by district, a hash repartition between partial
//! and final aggregation) merge partial covariance summaries, whose pairwise update agrees with
//! the one-pass result to ~1e-15 relative (the core's merge property): checked to 1e-12
//! relative, the issue's bound for moments, with counts and notes exact.

mod common;

use common::{csv_of, lcg, write_striped, DISTRICTS};
use std::fmt::Write as _;
use waterline::survey::report::scales::ScaleResult;
use waterline::survey::report::ReportOptions;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{plan_survey, read, run, session};
use waterline_datafusion::scales::declare;

const ITEMS: [&str; 4] = [
    "I belong at this school",
    "Adults here care about me",
    "I feel respected",
    "I feel left out",
];

/// A belonging scale of four items, the last reversed, named by header (as a user writes it).
const SCALES: &str = r#"[{"id": "belonging", "text": {"en": "Belonging", "es": "Pertenencia"},
  "items": ["I belong at this school", "Adults here care about me", "I feel respected", "I feel left out"],
  "reversed": ["I feel left out"]}]"#;

fn codebook() -> String {
    let mut s = String::from("column,code,label,label_es,missing\n");
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
    for item in ITEMS {
        for (k, (en, es)) in labels.iter().enumerate() {
            let _ = writeln!(s, "{item},{},{en},{es},", k + 1);
        }
        let _ = writeln!(s, "{item},9,Don't know,No sé,dont_know");
    }
    s
}

/// Deterministic respondents (district, row): a latent belonging drives the four answers (the
/// last one reversed), with empty cells and the non-answer 9 now and then.
fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0x9E37_79B9_7F4A_7C15);
    (0..1200)
        .map(|_| {
            let d = next(3) as usize;
            let latent = 1 + next(5) as i64;
            let mut row = DISTRICTS[d].to_string();
            for k in 0..ITEMS.len() {
                let v = (latent + next(3) as i64 - 1).clamp(1, 5);
                let v = if k == 3 { 6 - v } else { v };
                let cell = match next(30) {
                    0 => String::new(),
                    1 => "9".into(),
                    _ => v.to_string(),
                };
                let _ = write!(row, ",{cell}");
            }
            (d, row)
        })
        .collect()
}

/// The header: the district, then the items.
fn header() -> String {
    format!("District,{}", ITEMS.join(","))
}

fn survey_of(csv: &str) -> Survey {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(&codebook()).unwrap();
    declare(&mut s, SCALES).unwrap();
    s
}

fn page_scales(csv: &str) -> Vec<ScaleResult> {
    survey_of(csv)
        .report(&ReportOptions::default())
        .unwrap()
        .scales
}

/// The numbers of a scale result: (mean, sd, alpha, lower, upper, omega, item alphas).
fn numbers(r: &ScaleResult) -> Vec<f64> {
    let a = r.alpha.as_ref().unwrap();
    let mut v = vec![
        r.mean.unwrap(),
        r.sd.unwrap(),
        a.alpha,
        a.lower,
        a.upper,
        r.omega.as_ref().unwrap().omega_total.unwrap(),
    ];
    v.extend(a.items.iter().filter_map(|i| i.alpha_if_deleted));
    v
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// The CLI's scale equals the page's: exactly, or (merged partitions) to 1e-12 relative.
fn assert_scale(mine: &waterline_datafusion::scales::ScaleOut, page: &ScaleResult, exact: bool) {
    assert_eq!(mine.scale, page.scale);
    assert_eq!(
        (mine.n_used, mine.n_excluded),
        (page.n_used, page.n_excluded)
    );
    let a = page.alpha.as_ref().unwrap();
    let got = [
        mine.mean.unwrap(),
        mine.sd.unwrap(),
        mine.alpha.unwrap(),
        mine.alpha_lower.unwrap(),
        mine.alpha_upper.unwrap(),
        mine.omega.unwrap(),
    ];
    let want = &numbers(page)[..6];
    for (g, w) in got.iter().zip(want) {
        if exact {
            assert_eq!(g.to_bits(), w.to_bits(), "{got:?} vs {want:?}");
        } else {
            assert!(close(*g, *w), "{got:?} vs {want:?}");
        }
    }
    assert!(
        a.alpha > 0.5,
        "a scale that hangs together: alpha {}",
        a.alpha
    );
    assert_eq!(
        mine.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        page.warnings.iter().map(|w| w.code).collect::<Vec<_>>()
    );
    assert_eq!(mine.sentence, page.sentence.en);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_partition_in_file_order_gives_the_page_scale_bit_for_bit() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-scales-1-{}", std::process::id()));
    let files = write_striped(&dir, &header(), &rows, 1);
    let csv = csv_of(&header(), rows.iter().map(|(_, r)| r));
    let page = page_scales(&csv);
    assert_eq!(page.len(), 1);
    assert!(page[0].n_excluded > 0, "incomplete rows are excluded");
    let plan = plan_survey(&survey_of(&csv));
    assert_eq!(plan.scales.len(), 1, "skipped: {:?}", plan.skipped);
    let ctx = session(1);
    let groups = run(read(&ctx, &files).await.unwrap(), &plan, None, Lang::En)
        .await
        .unwrap();
    assert_scale(&groups[0].scales[0], &page[0], true);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_partitions_and_a_repartition_give_the_page_scale_per_district() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-scales-4-{}", std::process::id()));
    let files = write_striped(&dir, &header(), &rows, 4);
    let csv = csv_of(&header(), rows.iter().map(|(_, r)| r));
    let plan = plan_survey(&survey_of(&csv));
    let ctx = session(4);
    let whole = run(read(&ctx, &files).await.unwrap(), &plan, None, Lang::En)
        .await
        .unwrap();
    assert_scale(&whole[0].scales[0], &page_scales(&csv)[0], false);
    let by = run(
        read(&ctx, &files).await.unwrap(),
        &plan,
        Some("District"),
        Lang::Es,
    )
    .await
    .unwrap();
    assert_eq!(by.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&by) {
        assert_eq!(g.group.as_deref(), Some(*d));
        let mine = rows
            .iter()
            .filter(|(k, _)| DISTRICTS[*k] == *d)
            .map(|(_, r)| r);
        let page = page_scales(&csv_of(&header(), mine));
        let s = &g.scales[0];
        assert_eq!(s.text, "Pertenencia");
        assert_eq!(s.sentence, page[0].sentence.es);
        let mut en = s.clone();
        en.sentence = page[0].sentence.en.clone();
        assert_scale(&en, &page[0], false);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_scale_naming_no_item_is_a_stated_error() {
    let csv = csv_of(&header(), respondents().iter().map(|(_, r)| r));
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(&codebook()).unwrap();
    let e = declare(
        &mut s,
        r#"[{"id": "x", "text": {"en": "X", "es": "X"}, "items": ["I belong at this school", "Nope"]}]"#,
    )
    .unwrap_err();
    assert!(e.contains("Nope"), "{e}");
    let e = declare(&mut s, r#"[{"id": "x", "itms": []}]"#).unwrap_err();
    assert!(e.contains("itms"), "{e}");
}

/// `waterline-cli report --scales FILE`: the JSON has the page's scale section (numbers to
/// 1e-12 over 3 partitions), the Spanish CSV a scale line and the HTML its sentence.
#[test]
fn the_cli_prints_the_scale_section_in_json_csv_and_html() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-scales-cli-{}", std::process::id()));
    let files = write_striped(&dir, &header(), &rows, 2);
    let (cb, sc) = (dir.join("codebook.csv"), dir.join("scales.json"));
    std::fs::write(&cb, codebook()).unwrap();
    std::fs::write(&sc, SCALES).unwrap();
    let (cb, sc) = (cb.to_string_lossy(), sc.to_string_lossy());
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--codebook",
            &cb,
            "--scales",
            &sc,
            "--partitions",
            "3",
        ];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(String::as_str));
        common::cli_ok(&args)
    };
    let page = page_scales(&csv_of(&header(), rows.iter().map(|(_, r)| r)));
    let v: serde_json::Value = serde_json::from_str(&run(&[])).unwrap();
    let s = &v["groups"][0]["scales"][0];
    assert_eq!(s["scale"], "belonging");
    assert_eq!(s["reversed"][0], "i_feel_left_out", "{s}");
    assert_eq!(s["nUsed"].as_u64(), Some(page[0].n_used));
    let want = numbers(&page[0]);
    for (k, key) in ["mean", "sd", "alpha", "alphaLower", "alphaUpper", "omega"]
        .iter()
        .enumerate()
    {
        assert!(close(s[key].as_f64().unwrap(), want[k]), "{key}: {s}");
    }
    let csv = run(&["--lang", "es", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with(",escala,belonging,Pertenencia,alfa de Cronbach,")),
        "{csv}"
    );
    let html = run(&["--format", "html"]);
    assert!(html.contains("<h3>Belonging</h3>"), "{html}");
    assert!(html.contains("Cronbach&#39;s α ="), "{html}");
    let _ = std::fs::remove_dir_all(&dir);
}
