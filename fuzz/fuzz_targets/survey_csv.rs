//! Survey CSV import: any bytes, read as text, must give a survey or an error — never a panic —
//! and a survey must always produce a report or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::survey::{ReadOptions, ReportOptions, Survey};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(survey) = Survey::from_csv(&text, &ReadOptions::default()) {
        let _ = survey.issues();
        let _ = survey.report(&ReportOptions::default());
        // Re-applying the detected mapping must be accepted.
        let mut again = survey.clone();
        let _ = again.set_mapping(survey.mapping().clone());
    }
});
