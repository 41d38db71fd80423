//! The CLI at scale against the page's chunked report (`survey::chunked::ChunkedReport`, the
//! streaming import's engine, equal to the in-memory report and without its row limit): 200,000
//! respondents in 4 files, 4 partitions, both waves in every file — items per wave (Likert,
//! yes/no, a codebook category, a detected category, numeric, multi-select) with their
//! sentences, wave comparisons with theirs, subgroup tables by District, and the p-value
//! family's size. About 3 s in a debug build.

use waterline::survey::chunked::ChunkedReport;
use waterline::survey::report::ReportOptions;
use waterline::survey::{ReadOptions, Survey};
use waterline_datafusion::report::{report_with, Options};

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
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
";

const HEADER: &str = "District,Wave,Program,Favorite activity,I feel safe at school,Did an adult help you this year,Hours of tutoring,Activities joined (select all that apply)\n";

fn file(f: u64, rows: u64) -> String {
    let mut state = 0x51_7CC1_B727_220A ^ f;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let acts = ["Art", "Music", "Reading", "Games", "Prefer not to say"];
    let joined = [
        "",
        "Art;Music",
        "Music;Sports",
        "Sports",
        "Art",
        "Art;Sports",
    ];
    let mut s = String::from(HEADER);
    for k in 0..rows {
        let d = ["Fresno", "Kern", "Tulare"][next(3) as usize];
        let wave = if k % 2 == 0 { "2023" } else { "2024" };
        let program = ["1", "2", "3", "9", ""][next(5) as usize];
        let act = acts[next(5) as usize];
        let safe = 1 + next(5) + (k % 2) * next(2);
        let help = 1 + next(2);
        let hours = next(21);
        let j = joined[next(6) as usize];
        s.push_str(&format!(
            "{d},{wave},{program},{act},{},{help},{hours},{j}\n",
            safe.min(5)
        ));
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_thousand_respondents_match_the_chunked_report() {
    let dir = std::env::temp_dir().join(format!("wl-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let texts: Vec<String> = (0..4).map(|f| file(f, 50_000)).collect();
    let files: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(f, t)| {
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, t).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    // The page's engine over the same rows in order, read in chunks.
    let head = waterline_datafusion::report::read_head(&files[0]).unwrap();
    let mut survey = Survey::from_bytes(&head, &ReadOptions::default()).unwrap();
    survey.set_codebook(CODEBOOK).unwrap();
    let mapping = survey.mapping().clone();
    let mut chunked =
        ChunkedReport::new(mapping, ReadOptions::default(), ReportOptions::default()).unwrap();
    for (f, t) in texts.iter().enumerate() {
        let body = if f == 0 {
            t.as_str()
        } else {
            &t[HEADER.len()..]
        };
        for chunk in body.as_bytes().chunks(4 << 20) {
            chunked.feed(chunk).unwrap();
        }
    }
    let page = chunked.finish().unwrap();
    let o = Options {
        partitions: 4,
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    let g = &mine.groups[0];
    assert_eq!(g.rows, 200_000);
    assert_eq!(g.items.len(), page.items.len());
    for (i, m) in g.items.iter().zip(&page.items) {
        assert_eq!((&i.item, &i.wave, i.n_used), (&m.item, &m.wave, m.n_used));
        // A detected category's order is "most frequent first" over what was read when it was
        // detected: every file for the CLI (as the page reading the whole data), the first
        // chunk for the chunked report (whose mapping comes from it). Compared by label.
        let mut counts: Vec<(&str, u64)> = i
            .distribution
            .iter()
            .map(|s| (s.label.as_str(), s.count))
            .collect();
        let mut theirs: Vec<(&str, u64)> = m
            .distribution
            .iter()
            .map(|s| (s.label.en.as_str(), s.count))
            .collect();
        counts.sort();
        theirs.sort();
        assert_eq!(counts, theirs, "{} {:?}", i.item, i.wave);
        assert_eq!((i.mean, i.median), (m.mean, m.median), "{}", i.item);
        assert_eq!(i.sentence.as_deref(), Some(m.sentence.en.as_str()));
    }
    assert_eq!(g.waves.len(), page.waves.len());
    assert!(g.waves.len() >= 6);
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-300);
    // A p-value far in the tail is ill-conditioned in its statistic: p = tail(t) carries about
    // t² times the statistic's relative error (t = 44 turns 2e-15 into 1e-12 at p ≈ 4e-248), and
    // the statistic's last bits depend on the order the partitions were merged in. ln p is the
    // well-conditioned form, so a tail p-value agrees when its logarithm does.
    let close_p = |a: f64, b: f64| close(a, b) || (a > 0.0 && b > 0.0 && close(a.ln(), b.ln()));
    for (w, m) in g.waves.iter().zip(&page.waves) {
        let (a, b) = (w.test.as_ref().unwrap(), m.test.as_ref().unwrap());
        assert_eq!(a.method, b.method, "{}", w.item);
        assert!(close(a.statistic, b.statistic), "{}", w.item);
        assert!(close_p(a.p_value, b.p_value), "{}", w.item);
        assert_eq!(w.sentence.as_deref(), Some(m.sentence.en.as_str()));
    }
    assert_eq!(mine.subgroups.len(), page.subgroups.len());
    // District's levels are detected too, so their order (and so the tables' sentences, which
    // list them in order) may differ; rows compared by level, tests to rounding.
    for (s, m) in mine.subgroups.iter().zip(&page.subgroups) {
        assert_eq!((&s.item, &s.group), (&m.item, &m.group));
        let key = |r: &waterline::survey::report::SubgroupRow| (r.level.en.clone(), r.n, r.x);
        let mut a: Vec<_> = s.rows.iter().map(key).collect();
        let mut b: Vec<_> = m.rows.iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{}", s.item);
        let (x, y) = (
            s.chi_square.as_ref().unwrap(),
            m.chi_square.as_ref().unwrap(),
        );
        assert!(close(x.statistic, y.statistic) && close_p(x.p_value, y.p_value));
    }
    assert_eq!(mine.adjustment.m, page.adjustment.m);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A numeric column with more distinct answers than the page's importer reads in one table
/// (250,000 rows) is decoded in pieces, every answer kept.
#[test]
fn more_distinct_answers_than_one_import_holds_are_decoded_in_pieces() {
    use waterline_datafusion::categories::{Decoder, DECODE_ROWS};
    let sample = |name: &str| format!("{}/sample/{name}", env!("CARGO_MANIFEST_DIR"));
    let head = std::fs::read(sample("district-1.csv")).unwrap();
    let mut survey = Survey::from_bytes(&head, &ReadOptions::default()).unwrap();
    survey
        .set_codebook(&std::fs::read_to_string(sample("codebook.csv")).unwrap())
        .unwrap();
    let ins = &survey.mapping().instrument;
    let item = ins
        .items
        .iter()
        .find(|i| i.text.en == "Hours of tutoring")
        .unwrap()
        .clone();
    let texts: Vec<String> = (0..260_000u32)
        .map(|k| format!("{}.{:03}", k / 1000, k % 1000))
        .collect();
    assert!(texts.len() > 2 * DECODE_ROWS);
    let values = Decoder::new(&survey)
        .values(&item, "Hours of tutoring", &texts)
        .unwrap();
    assert_eq!(values.len(), texts.len());
    assert_eq!(values[123_456], 123.456);
    assert_eq!(values[259_999], 259.999);
}
