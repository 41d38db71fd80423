//! Waves through DataFusion against the page's in-memory report of the same rows: a "Wave"
//! column whose first file holds only the first wave (the second wave is found in the later
//! files), items per wave (Likert, yes/no, a codebook category, a detected category, a numeric
//! item, a multi-select item) and the first-against-last-wave comparisons (two proportions,
//! chi-square of the categories, Mann–Whitney of the numbers), their
//! adjusted p-values and sentences, with the subgroup tables by District in the same family —
//! 4 files, 4 partitions, whole and per district.

mod common;

use common::{assert_subgroups, csv_of, lcg, page, said, write_blocks, DISTRICTS};
use waterline::survey::report::Report;
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
Program,1,Tutoring,Tutoría,
Program,2,Mentoring,Mentoría,
Program,3,Sports,Deportes,
Program,9,Declined,Prefirió no responder,declined
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str =
    "District,Wave,Program,Favorite activity,I feel safe at school,Did an adult help you this year,Hours of tutoring,Activities joined (select all that apply)";
const ACTIVITIES: [&str; 5] = ["Art", "Music", "Reading", "Games", "Prefer not to say"];

/// Deterministic respondents (a small LCG): (district, row text).
fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0x1234_5678_9ABC_DEF1);
    (0..1200)
        .map(|k| {
            let wave = if k < 600 { "2023" } else { "2024" };
            let shift = u64::from(k >= 600);
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
            let safe = (1 + next(5) + shift * next(2)).min(5);
            let help = if next(10) < 5 + 2 * shift { 1 } else { 2 };
            let district = DISTRICTS[d];
            let joined = match next(8) {
                0 => String::new(),
                1 => "Art;Music".into(),
                2 => "Music;Sports".into(),
                3 => "Art;Music;Sports".into(),
                4 => "Sports".into(),
                5 => "Art".into(),
                6 => "Music".into(),
                _ => "Art;Sports".into(),
            };
            let hours = match next(15) {
                0 => String::new(),
                1 => "2.5".into(),
                v => (v + 2 * shift).to_string(),
            };
            (
                d,
                format!("{district},{wave},{program},{activity},{safe},{help},{hours},{joined}"),
            )
        })
        .collect()
}

/// Every item of the page's report is the CLI's, count for count and sentence for sentence.
fn assert_items(g: &GroupOut, r: &Report, lang: Lang) -> usize {
    let mut categories = 0;
    for m in &r.items {
        let Some(i) = g
            .items
            .iter()
            .find(|i| i.item == m.item && i.wave == m.wave)
        else {
            panic!("{} ({:?}) is not in the CLI's report", m.item, m.kind);
        };
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        assert_eq!(
            (i.mean, i.sd, i.median),
            (m.mean, m.sd, m.median),
            "{}",
            m.item
        );
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
    assert_eq!(g.waves.len(), r.waves.len(), "wave comparisons");
    for (a, b) in g.waves.iter().zip(&r.waves) {
        assert_eq!((&a.item, a.n_from, a.n_to), (&b.item, b.n_from, b.n_to));
        assert_eq!((&a.share_from, &a.share_to), (&b.share_from, &b.share_to));
        assert_eq!(a.test, b.test, "{}", a.item);
        assert_eq!(a.sentence, Some(said(&b.sentence, lang)), "{}", a.item);
    }
    let order: Vec<_> = r
        .items
        .iter()
        .map(|m| (m.item.as_str(), m.wave.clone()))
        .collect();
    let mine: Vec<_> = g
        .items
        .iter()
        .map(|i| (i.item.as_str(), i.wave.clone()))
        .collect();
    assert_eq!(mine, order, "the page's item order");
    categories
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_per_wave_and_wave_comparisons_are_the_pages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-waves-{}", std::process::id()));
    // 4 files of 300 rows: files 0 and 1 hold the first wave, 2 and 3 the second.
    let files = write_blocks(&dir, HEADER, &rows, 4);
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 4,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert!(
            whole.waves.len() >= 4,
            "{} wave comparisons",
            whole.waves.len()
        );
        let multi = waterline::survey::instrument::ItemType::MultiSelect;
        assert!(
            whole.items.iter().any(|i| i.kind == multi),
            "a multi-select item"
        );
        assert_eq!(
            assert_items(&mine.groups[0], &whole, lang),
            6,
            "District, Program and Favorite activity in two waves; skipped {:?}",
            mine.skipped
        );
        assert!(whole
            .subgroups
            .iter()
            .any(|s| s.item == "program" || s.text.en == "Program"));
        assert_subgroups(&mine, &whole, lang);
        assert_eq!(mine.adjustment.m, whole.adjustment.m);
        use waterline_datafusion::render::{render, Format};
        let (csv, html) = (render(&mine, Format::Csv), render(&mine, Format::Html));
        let (section, first) = match lang {
            Lang::En => ("wave comparison", &whole.waves[0].sentence.en),
            Lang::Es => ("comparación de olas", &whole.waves[0].sentence.es),
        };
        assert!(csv.contains(&format!(",{section},")), "{csv}");
        assert!(csv.contains(" · 2024,"), "items titled with their wave");
        assert!(html.contains("2023 → 2024</h3>"));
        assert!(html.contains(&first.replace('"', "&quot;").replace('\'', "&#39;")));
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
