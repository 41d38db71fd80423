//! Multi-select items with one column per choice (SurveyMonkey's `Question - Choice` export,
//! with an "Other (please specify)" text column) through DataFusion against the page's
//! in-memory report of the same rows: per choice, count, share and Wilson interval among those
//! who answered, most chosen first, the labels and the sentence — 4 files, 3 partitions, EN and
//! ES, per wave, whole and `--by District`; and one run of the binary.

mod common;

use common::{cli_report, csv_of, lcg, page, write_blocks, DISTRICTS};
use waterline::survey::instrument::ItemType;
use waterline::survey::report::Report;
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, GroupOut, Options};

const Q: &str = "Which activities did you join?";
const OTHER: [&str; 4] = ["Chess", "chess club", "Robotics", "N/A"];

fn header() -> String {
    format!(
        "District,Wave,{Q} - Art,{Q} - Music,{Q} - Sports,{Q} - Other (please specify),Did an adult help you this year"
    )
}

/// Deterministic rows (a small LCG): (district index, row text).
fn rows() -> Vec<(usize, String)> {
    let mut next = lcg(0x5EED_CAFE_F00D_0042);
    (0..900)
        .map(|_| {
            let d = next(3) as usize;
            let wave = if next(2) == 0 { "2023" } else { "2024" };
            let pick = |chosen: bool, mark: &str| {
                if chosen {
                    mark.to_string()
                } else {
                    String::new()
                }
            };
            let art = pick(next(10) < 4 + d as u64, "Art");
            let music = pick(next(10) < 3, "Music");
            // SurveyMonkey's numeric mark, with an explicit "0" for not chosen.
            let sports = match next(10) {
                0..=3 => "1".to_string(),
                4 | 5 => "0".to_string(),
                _ => String::new(),
            };
            let other = match next(12) {
                0..=3 => OTHER[next(4) as usize].to_string(),
                _ => String::new(),
            };
            let help = 1 + next(2);
            (
                d,
                format!(
                    "{},{wave},{art},{music},{sports},{other},{help}",
                    DISTRICTS[d]
                ),
            )
        })
        .collect()
}

/// The codebook declares a yes/no item; the choice columns are the page's detection.
const CODEBOOK: &str = "column,code,label,label_es
Did an adult help you this year,1,Yes,Sí
Did an adult help you this year,2,No,No
";

/// The page's multi-select items are the CLI's: counts, shares, intervals, labels, order and
/// sentence. Returns how many there were.
fn assert_multi(g: &GroupOut, r: &Report, lang: Lang) -> usize {
    let multi: Vec<_> = r
        .items
        .iter()
        .filter(|i| i.kind == ItemType::MultiSelect)
        .collect();
    for m in &multi {
        let i = g
            .items
            .iter()
            .find(|i| i.item == m.item && i.wave == m.wave)
            .unwrap_or_else(|| panic!("{} ({:?}) is not in the CLI's report", m.item, m.wave));
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        let a: Vec<_> = (i.distribution.iter())
            .map(|s| (s.key.clone(), s.count, s.n, s.share, s.lower, s.upper))
            .collect();
        let b: Vec<_> = (m.distribution.iter())
            .map(|s| (s.key.clone(), s.count, s.n, s.share, s.lower, s.upper))
            .collect();
        assert_eq!(a, b, "{}", m.item);
        let labels: Vec<_> = m.distribution.iter().map(|s| s.label.get(lang)).collect();
        let mine: Vec<_> = i.distribution.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(mine, labels, "{}", m.item);
        let said = if lang == Lang::Es {
            &m.sentence.es
        } else {
            &m.sentence.en
        };
        assert_eq!(i.sentence.as_ref(), Some(said), "{}", m.item);
    }
    multi.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choice_columns_are_the_pages() {
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-choice-columns-{}", std::process::id()));
    let files = write_blocks(&dir, &header(), &rows, 4);
    let whole = page(&csv_of(&header(), rows.iter().map(|(_, r)| r)), CODEBOOK);
    let item = whole.items.iter().find(|i| i.kind == ItemType::MultiSelect);
    let item = item.expect("the page reads the choice columns as one multi-select item");
    assert_eq!(item.distribution.len(), 4, "Art, Music, Sports, Other");
    assert!(item.wave.is_some(), "per wave");
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 3,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert_eq!(assert_multi(&mine.groups[0], &whole, lang), 2, "two waves");
    }
    let o = Options {
        partitions: 3,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        let theirs = rows.iter().filter(|(k, _)| DISTRICTS[*k] == *d);
        let r = page(&csv_of(&header(), theirs.map(|(_, r)| r)), CODEBOOK);
        assert_eq!(assert_multi(g, &r, Lang::En), 2, "{d}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_prints_choice_columns() {
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-choice-columns-cli-{}", std::process::id()));
    let files = write_blocks(&dir, &header(), &rows, 2);
    let (ok, csv, err) = cli_report(&dir, CODEBOOK, &["--format", "csv"], &files);
    assert!(ok, "{err}");
    let whole = page(&csv_of(&header(), rows.iter().map(|(_, r)| r)), CODEBOOK);
    for m in whole
        .items
        .iter()
        .filter(|i| i.kind == ItemType::MultiSelect)
    {
        assert!(csv.contains(&m.sentence.en), "{}\n{csv}", m.sentence.en);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
