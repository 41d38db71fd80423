//! What the `--weight` tests share (`weights.rs`, `weights_waves.rs`): the respondents
//! with a weight column, the page's weighted report of them, and the comparisons (counts
//! exact, weighted numbers within 1e-12 relative, sentences identical).
#![allow(dead_code)]

use crate::common::{lcg, said, DISTRICTS};
use std::fmt::Write as _;
use waterline::survey::report::{Report, ReportOptions};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, CliReport, GroupOut, Options};

pub const CODEBOOK: &str = "column,code,label,label_es,missing
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
pub const SCALES: &str = r#"[{"id": "confidence", "text": {"en": "Confidence", "es": "Confianza"},
  "items": ["I feel safe at school", "Confidence asking for help (before)",
            "Confidence asking for help (now)"],
  "reversed": ["Confidence asking for help (before)"]},
 {"id": "belonging", "text": {"en": "Belonging", "es": "Pertenencia"},
  "items": ["I like my school", "I have friends at school"]}]"#;

pub const HEADER: &str = "District,I feel safe at school,Did an adult help you this year,Confidence asking for help (before),Confidence asking for help (now),Hours volunteered (before),Hours volunteered (now),Activities joined (select all that apply),I like my school,I have friends at school,Weight";

/// Deterministic respondents with weights from 0 (a few) to 4.9, unequal by district and by
/// answer so that the weighted numbers differ from the unweighted ones.
pub fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0x2545_F491_4F6C_DD1D);
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

/// The page's weighted report of these rows: the codebook, then the weight declared in the
/// mapping.
pub fn page(csv: &str) -> Report {
    page_raked(csv, None)
}

/// [`page`] with raking to `margins` (the page's JSON, column keys) on top of the weight.
pub fn page_raked(csv: &str, raking: Option<&str>) -> Report {
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

pub fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

pub fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Two reliability coefficients (at most 1) equal to 1e-12 absolutely, or both absent.
pub fn close_alpha(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-12,
        (None, None) => true,
        _ => false,
    }
}

/// Every weighted item is the page's: counts exact, weighted numbers within 1e-12, the
/// sentence identical; every item the CLI leaves out is withheld as `weights`.
pub fn assert_same(g: &GroupOut, r: &Report, skipped: &[(String, &str)], lang: Lang) {
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
        // Alpha is 1 − (Σ item variances / scale variance) times k/(k − 1): near 0 that
        // difference cancels, so its moments' 1e-12 relative agreement bounds alpha's error
        // absolutely, on its own scale of 1, not relative to alpha (raked, the test's weighted
        // alpha is 0.0053 and the merge order moved it by 5.8e-15).
        let (wa, wb) = (s.weighted_alpha, m.weighted_alpha);
        assert!(close_alpha(wa, wb), "{}: {wa:?} vs {wb:?}", s.scale);
        let (a, b) = (s.alpha, m.alpha.as_ref().map(|a| a.alpha));
        assert!(close_alpha(a, b), "{}: {a:?} vs {b:?}", s.scale);
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
pub fn assert_same_subgroups(mine: &CliReport, r: &Report, lang: Lang) {
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

pub async fn weighted(
    files: &[String],
    lang: Lang,
    by: Option<&str>,
    partitions: usize,
) -> CliReport {
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

/// A change of one row's weight: (row, weight) → the new weight.
pub type Change = Box<dyn Fn(usize, &str) -> String>;

pub fn error_of(e: &str) -> serde_json::Value {
    serde_json::from_str(e).unwrap_or_else(|_| panic!("a coded error: {e}"))
}

/// A survey with waves (2023, 2024; the second wave only in the second half of the rows), a
/// coded item, a numeric one, a category one and a multi-select one, with weights.
pub fn wave_csv() -> String {
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
pub fn wave_file(dir: &std::path::Path) -> String {
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
