//! Property tests of the survey import and report: any text either imports or fails with an
//! error code — never a panic — and every share the report gives lies in [0, 1] inside its
//! interval.
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::survey::{ReadOptions, ReportOptions, Survey};

/// Cells that survey exports hold, including the awkward ones.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Agree".to_string()),
        Just("Strongly agree".to_string()),
        Just("Totalmente de acuerdo".to_string()),
        Just("En desacuerdo".to_string()),
        Just("Sí".to_string()),
        Just("No".to_string()),
        Just("Mejoró".to_string()),
        Just("N/A".to_string()),
        Just("No sé".to_string()),
        Just(String::new()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\"line\nbreak\"".to_string()),
        Just("\"".to_string()),
        "[0-9]{1,2}",
        "[a-zA-Z ;]{0,8}",
    ]
}

fn csv() -> impl Strategy<Value = String> {
    (1usize..6, 1usize..25).prop_flat_map(|(cols, rows)| {
        let header = prop::collection::vec("[A-Za-z ()/?]{1,12}", cols);
        let body = prop::collection::vec(prop::collection::vec(cell(), 0..cols + 2), rows);
        let sep = prop_oneof![Just(","), Just(";")];
        (header, body, sep).prop_map(|(h, b, sep)| {
            let mut s = h.join(sep);
            s.push('\n');
            for row in b {
                s.push_str(&row.join(sep));
                s.push('\n');
            }
            s
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_imports_or_fails_with_a_code(text in "\\PC{0,200}") {
        if let Ok(s) = Survey::from_csv(&text, &ReadOptions::default()) {
            prop_assert!(s.report(&ReportOptions::default()).is_ok());
        }
    }

    #[test]
    fn generated_exports_report_shares_inside_their_intervals(text in csv()) {
        let Ok(s) = Survey::from_csv(&text, &ReadOptions::default()) else { return Ok(()) };
        let r = s.report(&ReportOptions::default()).unwrap();
        for item in &r.items {
            for sh in &item.distribution {
                prop_assert!((0.0..=1.0).contains(&sh.share));
                prop_assert!(sh.lower <= sh.share + 1e-12 && sh.share <= sh.upper + 1e-12);
            }
            prop_assert!(!item.sentence.en.is_empty() || item.kind == waterline::survey::ItemType::Text);
        }
        // The detected mapping always re-applies.
        let mut s2 = s.clone();
        prop_assert!(s2.set_mapping(s.mapping().clone()).is_ok());
    }
}
