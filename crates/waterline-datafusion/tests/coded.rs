//! Files of one survey exported two ways: the first with codes in the cells (`4`), the second
//! with labels ("Agree") — a district that ticked the other export option. The first file's
//! head makes the plan read the items by code; the check over every file ([`coded`]) finds the
//! labels and reads those columns as the page reads a label-written export, so the CLI counts
//! every answer of both files, as the page does on the same rows in one file. Before, the
//! second file's answers were not counted and n was printed smaller than the page's.
//!
//! [`coded`]: waterline_datafusion::coded

mod common;

use common::page;
use std::fmt::Write as _;
use waterline_datafusion::report::{report_with, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
I feel safe at school,9,No answer,Sin respuesta,yes
";
const HEADER: &str = "District,I feel safe at school";
const LABELS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// Row `k`'s district and answer (1–5, 9 = no answer, 0 = blank), deterministic.
fn answer(k: usize) -> (&'static str, usize) {
    let district = ["Fresno", "Kern"][k % 2];
    let x = (k * 7 + k / 3) % 13;
    (district, [1, 2, 3, 4, 5, 4, 4, 5, 3, 2, 9, 0, 4][x])
}

/// Rows `range` written with codes (`labels == false`) or with the codebook's labels.
fn csv(range: std::ops::Range<usize>, labels: bool) -> String {
    let mut s = format!("{HEADER}\n");
    for k in range {
        let (d, x) = answer(k);
        let cell = match x {
            0 => String::new(),
            9 if labels => "No answer".into(),
            x if labels => LABELS[x - 1].into(),
            x => x.to_string(),
        };
        let _ = writeln!(s, "{d},{cell}");
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_written_with_labels_after_one_written_with_codes_is_counted() {
    let dir = std::env::temp_dir().join(format!("wl-coded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (codes, labels) = (csv(0..300, false), csv(300..600, true));
    let files: Vec<String> = [("codes.csv", &codes), ("labels.csv", &labels)]
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    // The page reads the same rows as one file (its importer takes codes and labels alike).
    let both = format!("{codes}{}", labels.split_once('\n').unwrap().1);
    let r = page(&both, CODEBOOK);
    let want = r
        .items
        .iter()
        .find(|i| i.item == "i_feel_safe_at_school")
        .unwrap();
    assert!(want.n_used > 400, "both files' answers: {}", want.n_used);
    for partitions in [1, 3] {
        let o = Options {
            partitions,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        let got = (mine.groups[0].items.iter())
            .find(|i| i.item == want.item)
            .unwrap();
        assert_eq!(got.n_used, want.n_used, "partitions {partitions}");
        let a: Vec<u64> = got.distribution.iter().map(|s| s.count).collect();
        let b: Vec<u64> = want.distribution.iter().map(|s| s.count).collect();
        assert_eq!(a, b);
        assert_eq!(got.sentence.as_deref(), Some(want.sentence.en.as_str()));
    }
    // Codes in every file: the item stays read by code (no extra work beyond the check).
    let only_codes = dir.join("only-codes.csv");
    std::fs::write(&only_codes, csv(0..600, false)).unwrap();
    let r = page(&csv(0..600, false), CODEBOOK);
    let want = r
        .items
        .iter()
        .find(|i| i.item == "i_feel_safe_at_school")
        .unwrap();
    let files = [only_codes.to_string_lossy().into_owned()];
    let mine = report_with(CODEBOOK, &files, &Options::default())
        .await
        .unwrap();
    let got = (mine.groups[0].items.iter())
        .find(|i| i.item == want.item)
        .unwrap();
    assert_eq!((got.n_used, got.mean), (want.n_used, want.mean));
    std::fs::remove_dir_all(&dir).ok();
}
