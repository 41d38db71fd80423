//! A multi-item scale mixing label-written items (cells "Agree", "Strongly agree": the page's
//! importer decodes them) and a coded item (cells 1–5, declared by the codebook) through the
//! CLI against the page's in-memory report of the same rows with the same scale (`--scales`):
//! mean, sd, Cronbach's alpha with its interval, McDonald's omega, notes and sentence — 3 files,
//! 1 partition (bit for bit) and 3 partitions (1e-12 relative), whole and by district, a
//! reversed label-written item, EN and ES. Before, such a scale was `skipped: scale_items`.

mod common;

use common::{csv_of, lcg, DISTRICTS};
use waterline::survey::report::scales::ScaleResult;
use waterline::survey::report::ReportOptions;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, Options};
use waterline_datafusion::scales::{declare, ScaleOut};

const CODEBOOK: &str = "column,code,label,label_es,missing
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

const SCALES: &str = r#"[{"id": "belonging", "text": {"en": "Belonging", "es": "Pertenencia"},
  "items": ["I belong at this school", "I feel left out", "I feel safe at school"],
  "reversed": ["I feel left out"]}]"#;

const HEADER: &str = "District,I belong at this school,I feel left out,I feel safe at school";
const LABELS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// Deterministic respondents (a small LCG): (district, row). One latent level per respondent
/// so the items hang together; some blanks (incomplete rows, left out listwise).
fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0xC0DE_D1AB_E1ED_5CA1);
    (0..450)
        .map(|_| {
            let d = next(3) as usize;
            let level = 1 + next(5) as i64;
            let mut point = |reversed: bool| {
                let x = (level + next(3) as i64 - 1).clamp(1, 5);
                if reversed {
                    6 - x
                } else {
                    x
                }
            };
            let (belong, left, safe) = (point(false), point(true), point(false));
            let label = |x: i64, blank: bool| {
                if blank {
                    String::new()
                } else {
                    LABELS[(x - 1) as usize].to_string()
                }
            };
            let safe = if next(30) == 0 {
                String::new()
            } else {
                safe.to_string()
            };
            let row = format!(
                "{},{},{},{safe}",
                DISTRICTS[d],
                label(belong, next(25) == 0),
                label(left, next(25) == 0)
            );
            (d, row)
        })
        .collect()
}

fn page(csv: &str) -> Vec<ScaleResult> {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(CODEBOOK).unwrap();
    declare(&mut s, SCALES).unwrap();
    s.report(&ReportOptions::default()).unwrap().scales
}

/// File `f` holds rows `f`, `f + 3`, …; returns the files and the rows in their order.
fn write_files(
    dir: &std::path::Path,
    rows: &[(usize, String)],
) -> (Vec<String>, Vec<(usize, String)>) {
    std::fs::create_dir_all(dir).unwrap();
    let files = (0..3)
        .map(|f| {
            let part = rows.iter().skip(f).step_by(3).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(HEADER, part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let order = (0..3)
        .flat_map(|f| rows.iter().skip(f).step_by(3).cloned())
        .collect();
    (files, order)
}

fn assert_scale(mine: &ScaleOut, page: &ScaleResult, exact: bool, lang: Lang) {
    assert_eq!(mine.scale, page.scale);
    assert_eq!(
        (mine.n_used, mine.n_excluded),
        (page.n_used, page.n_excluded)
    );
    let a = page.alpha.as_ref().unwrap();
    let want = [
        page.mean,
        page.sd,
        Some(a.alpha),
        Some(a.lower),
        Some(a.upper),
        page.omega.as_ref().and_then(|o| o.omega_total),
    ];
    let got = [
        mine.mean,
        mine.sd,
        mine.alpha,
        mine.alpha_lower,
        mine.alpha_upper,
        mine.omega,
    ];
    for (g, w) in got.iter().zip(&want) {
        let (g, w) = (g.unwrap(), w.unwrap());
        if exact {
            assert_eq!(g.to_bits(), w.to_bits(), "{got:?} vs {want:?}");
        } else {
            assert!(
                (g - w).abs() <= 1e-12 * g.abs().max(w.abs()),
                "{got:?} vs {want:?}"
            );
        }
    }
    assert!(a.alpha > 0.5, "a scale that hangs together: {}", a.alpha);
    let codes = |w: &[waterline::note::Note]| w.iter().map(|n| n.code).collect::<Vec<_>>();
    assert_eq!(codes(&mine.warnings), codes(&page.warnings));
    let said = if lang == Lang::Es {
        &page.sentence.es
    } else {
        &page.sentence.en
    };
    assert_eq!(&mine.sentence, said);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scale_mixing_coded_and_label_written_items_is_the_pages() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-mixed-scales-{}", std::process::id()));
    let (files, order) = write_files(&dir, &rows);
    let whole = page(&csv_of(HEADER, order.iter().map(|(_, r)| r)));
    assert_eq!(whole.len(), 1, "the page's scale");
    for (partitions, lang) in [(1, Lang::En), (3, Lang::Es)] {
        let o = Options {
            lang,
            partitions,
            scales: Some(SCALES.into()),
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert!(
            mine.skipped.iter().all(|s| s.1 != "scale_items"),
            "{:?}",
            mine.skipped
        );
        assert_eq!(mine.groups[0].scales.len(), 1);
        assert_scale(&mine.groups[0].scales[0], &whole[0], partitions == 1, lang);
    }
    let o = Options {
        partitions: 3,
        by: Some("District".into()),
        scales: Some(SCALES.into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for g in &mine.groups {
        let d = DISTRICTS
            .iter()
            .position(|d| Some(*d) == g.group.as_deref());
        let theirs = order.iter().filter(|(k, _)| Some(*k) == d).map(|(_, r)| r);
        assert_scale(
            &g.scales[0],
            &page(&csv_of(HEADER, theirs))[0],
            false,
            Lang::En,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
