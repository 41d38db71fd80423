//! Category items through DataFusion against the page's in-memory report of the same rows: a
//! codebook-declared category (codes, a non-answer code, an unknown code) and a detected one
//! (text labels, empty cells, "Prefer not to say"), their answers per category, Wilson bounds
//! and sentences, and their breakdowns by District (suppression, chi-square, adjusted p and
//! sentence), and a then-test pair of numeric items (paired t, exclusions, sentence) — 4 files,
//! 4 partitions, whole and per district (a hash repartition).

mod common;

use common::{assert_subgroups, csv_of, lcg, page, said, DISTRICTS};
use waterline::survey::report::Report;
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
Program,1,Tutoring,Tutoría,
Program,2,Mentoring,Mentoría,
Program,3,Sports,Deportes,
Program,9,Declined,Prefirió no responder,declined
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str = "District,Program,Favorite activity,I feel safe at school,Hours of tutoring (before),Hours of tutoring (now)";
const ACTIVITIES: [&str; 5] = ["Art", "Music", "Reading", "Games", "Prefer not to say"];

/// Deterministic respondents (a small LCG): (district, row text).
fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0x9E37_79B9_7F4A_7C15);
    (0..1200)
        .map(|k| {
            let d = (next(10) as usize + k % 2).min(9) % 3;
            let program = match next(30) {
                0 => String::new(),
                1 => "9".into(),
                v => (1 + (v + d as u64) % 3).to_string(),
            };
            let activity = match next(12) {
                0 => String::new(),
                v => ACTIVITIES[((v + d as u64) % 5) as usize].to_string(),
            };
            let safe = 1 + next(5);
            // A numeric then-test pair, with a missing answer now and then on either side.
            let before = next(12);
            let now = before + next(4);
            let (before, now) = match next(25) {
                0 => (String::new(), now.to_string()),
                1 => (before.to_string(), String::new()),
                2 => (format!("{before}.5"), now.to_string()),
                _ => (before.to_string(), now.to_string()),
            };
            let row = format!(
                "{},{program},{activity},{safe},{before},{now}",
                DISTRICTS[d]
            );
            (d, row)
        })
        .collect()
}

/// Every item of the page's report is the CLI's, count for count and sentence for sentence.
fn assert_items(g: &GroupOut, r: &Report, lang: Lang) -> usize {
    let mut categories = 0;
    for m in &r.items {
        let Some(i) = g.items.iter().find(|i| i.item == m.item) else {
            panic!("{} ({:?}) is not in the CLI's report", m.item, m.kind);
        };
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        let a: Vec<_> = i
            .distribution
            .iter()
            .map(|s| (s.count, s.n, s.share, s.lower, s.upper))
            .collect();
        let b: Vec<_> = m
            .distribution
            .iter()
            .map(|s| (s.count, s.n, s.share, s.lower, s.upper))
            .collect();
        assert_eq!(a, b, "{}", m.item);
        let labels: Vec<_> = m.distribution.iter().map(|s| s.label.get(lang)).collect();
        let mine: Vec<_> = i.distribution.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(mine, labels, "{}", m.item);
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", m.item);
        categories += usize::from(m.kind == waterline::survey::instrument::ItemType::Category);
    }
    let order: Vec<_> = r.items.iter().map(|m| m.item.as_str()).collect();
    let mine: Vec<_> = g.items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(mine, order, "the page's item order");
    assert_eq!(g.shifts.len(), r.shifts.len(), "shifts");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-300);
    // A p-value far in the tail is ill-conditioned in its statistic: p = tail(t) carries about
    // t² times the statistic's relative error (t = 44 turns 2e-15 into 1e-12 at p ≈ 4e-248), and
    // the statistic's last bits depend on the order the partitions were merged in. ln p is the
    // well-conditioned form, so a tail p-value agrees when its logarithm does.
    let close_p = |a: f64, b: f64| close(a, b) || (a > 0.0 && b > 0.0 && close(a.ln(), b.ln()));
    for (s, m) in g.shifts.iter().zip(&r.shifts) {
        assert_eq!((&s.pair, s.n_used), (&m.pair, m.n_used));
        let count =
            |x: &Option<waterline_datafusion::report::ShareOut>| x.as_ref().map(|x| x.count);
        let theirs = |x: &Option<waterline::survey::report::Share>| x.as_ref().map(|x| x.count);
        assert_eq!(count(&s.improved), theirs(&m.improved));
        assert_eq!(count(&s.worse), theirs(&m.worse));
        let t = m.test.as_ref().unwrap();
        assert_eq!(s.method.as_deref(), Some(t.method.as_str()));
        assert!(close(s.statistic.unwrap(), t.statistic), "{} t", s.pair);
        assert!(
            close_p(s.p_value.unwrap(), t.p_value),
            "{} p: {:e} against the page's {:e} (statistic {:e} against {:e})",
            s.pair,
            s.p_value.unwrap(),
            t.p_value,
            s.statistic.unwrap(),
            t.statistic
        );
        assert!(close(s.mean_before.unwrap(), m.mean_before.unwrap()));
        assert_eq!(s.sentence, Some(said(&m.sentence, lang)), "{}", s.pair);
        let page = s.page.as_ref().unwrap();
        assert_eq!(page.excluded, m.excluded, "{} exclusions", s.pair);
    }
    categories
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn category_items_and_their_breakdowns_are_the_pages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-categories-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = (0..4)
        .map(|f| {
            let part = rows.iter().skip(f).step_by(4).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(HEADER, part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    let numeric = waterline::survey::instrument::ItemType::Numeric;
    assert!(
        whole
            .shifts
            .iter()
            .any(|s| s.kind == numeric && s.test.is_some()),
        "a numeric then-test pair with its paired t"
    );
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 4,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert_eq!(
            assert_items(&mine.groups[0], &whole, lang),
            3,
            "District, Program and Favorite activity; skipped {:?}",
            mine.skipped
        );
        assert!(whole
            .subgroups
            .iter()
            .any(|s| s.item == "program" || s.text.en == "Program"));
        assert_subgroups(&mine, &whole, lang);
        assert_eq!(mine.adjustment.m, whole.adjustment.m);
    }
    // Per district: each district's items are the page's report of its rows.
    let o = Options {
        partitions: 4,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        let theirs = rows.iter().filter(|(k, _)| DISTRICTS[*k] == *d);
        let r = page(&csv_of(HEADER, theirs.map(|(_, r)| r)), CODEBOOK);
        assert_items(g, &r, Lang::En);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
