//! Property tests of declared scales: writing the labels in the cells or writing codes plus a
//! codebook is the same survey, so it gives the same report; and the order of the columns
//! never changes any result.
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeMap;
use waterline::survey::report::{ItemResult, Report};
use waterline::survey::{ReadOptions, ReportOptions, Survey};

const AGREE: [(&str, &str); 5] = [
    ("Strongly disagree", "Totalmente en desacuerdo"),
    ("Disagree", "En desacuerdo"),
    (
        "Neither agree nor disagree",
        "Ni de acuerdo ni en desacuerdo",
    ),
    ("Agree", "De acuerdo"),
    ("Strongly agree", "Totalmente de acuerdo"),
];
/// Yes is code 1 and No code 2, as Qualtrics numbers them by default.
const YES_NO: [(&str, &str, u8); 2] = [("Yes", "Sí", 1), ("No", "No", 2)];

/// One survey: per column, whether it is yes/no, and per row the answer's index (None = blank).
#[derive(Debug, Clone)]
struct Data {
    yes_no: Vec<bool>,
    rows: Vec<Vec<Option<usize>>>,
}

fn data() -> impl Strategy<Value = Data> {
    (1usize..5).prop_flat_map(|cols| {
        let kinds = prop::collection::vec(any::<bool>(), cols);
        let rows = prop::collection::vec(
            prop::collection::vec(prop::option::weighted(0.9, 0usize..5), cols),
            3..40,
        );
        (kinds, rows).prop_map(|(yes_no, rows)| Data { yes_no, rows })
    })
}

fn header(c: usize, yes_no: bool) -> String {
    if yes_no {
        format!("Did you take part in event {c}?")
    } else {
        format!("Statement {c}: I feel confident")
    }
}

/// Every label of every column appears once first, so both files show the whole scale.
fn answers(d: &Data) -> Vec<Vec<Option<usize>>> {
    let cols = d.yes_no.len();
    let mut rows: Vec<Vec<Option<usize>>> = (0..5).map(|k| vec![Some(k); cols]).collect();
    rows.extend(d.rows.iter().cloned());
    rows
}

fn cell(yes_no: bool, a: Option<usize>, coded: bool) -> String {
    match (a, yes_no, coded) {
        (None, _, _) => String::new(),
        (Some(k), true, false) => YES_NO[k % 2].0.to_string(),
        (Some(k), true, true) => YES_NO[k % 2].2.to_string(),
        (Some(k), false, false) => AGREE[k].0.to_string(),
        (Some(k), false, true) => (k + 1).to_string(),
    }
}

fn file(d: &Data, order: &[usize], coded: bool) -> String {
    let mut s = String::from("id");
    for &c in order {
        s += &format!(",{}", header(c, d.yes_no[c]));
    }
    s.push('\n');
    for (r, row) in answers(d).iter().enumerate() {
        s += &format!("R{r}");
        for &c in order {
            s += &format!(",{}", cell(d.yes_no[c], row[c], coded));
        }
        s.push('\n');
    }
    s
}

fn codebook(d: &Data) -> String {
    let mut s = String::from("column,code,label,label_es,missing\n");
    for (c, &yn) in d.yes_no.iter().enumerate() {
        let h = header(c, yn);
        if yn {
            for (en, es, code) in YES_NO {
                s += &format!("{h},{code},{en},{es},\n");
            }
        } else {
            for (k, (en, es)) in AGREE.iter().enumerate() {
                s += &format!("{h},{},{en},{es},\n", k + 1);
            }
        }
    }
    s
}

fn report(csv: &str, book: Option<&str>) -> Report {
    let mut s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    if let Some(b) = book {
        s.set_codebook(b).unwrap();
    }
    s.report(&ReportOptions::default()).unwrap()
}

fn by_id(r: &Report) -> BTreeMap<String, ItemResult> {
    r.items
        .iter()
        .map(|i| (i.item.clone(), i.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn labels_in_the_cells_or_codes_with_a_codebook_give_the_same_report(d in data()) {
        let order: Vec<usize> = (0..d.yes_no.len()).collect();
        let labelled = report(&file(&d, &order, false), None);
        let coded = report(&file(&d, &order, true), Some(&codebook(&d)));
        prop_assert_eq!(labelled, coded);
    }

    #[test]
    fn reordering_columns_never_changes_the_report(d in data(), seed in any::<u64>()) {
        let order: Vec<usize> = (0..d.yes_no.len()).collect();
        let mut shuffled = order.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let a = report(&file(&d, &order, true), Some(&codebook(&d)));
        let b = report(&file(&d, &shuffled, true), Some(&codebook(&d)));
        prop_assert_eq!(by_id(&a), by_id(&b));
        let a = report(&file(&d, &order, false), None);
        let b = report(&file(&d, &shuffled, false), None);
        prop_assert_eq!(by_id(&a), by_id(&b));
    }
}
