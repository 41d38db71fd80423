//! `--weight` with waves, panels and a column per choice: the items per wave and the wave
//! comparisons the page weights are the page's; pre/post pairs matched across waves, which the
//! page leaves unweighted, are withheld after p-value adjustment; a multi-select item with a
//! column per choice is weighted.

mod common;
mod weights_common;

use common::{said, DISTRICTS};
use std::fmt::Write as _;
use waterline::survey::report::ReportOptions;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, Options};
use weights_common::*;

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
