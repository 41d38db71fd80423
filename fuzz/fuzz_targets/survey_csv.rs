//! Survey CSV import: any bytes (decoded by the engine, as the page hands them over) must give a
//! survey or an error — never a panic — and a survey must always produce a report or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::survey::{ReadOptions, ReportOptions, Survey};

fuzz_target!(|data: &[u8]| {
    if let Ok(survey) = Survey::from_bytes(data, &ReadOptions::default()) {
        let _ = survey.issues();
        let _ = survey.report(&ReportOptions::default());
        // Re-applying the detected mapping must be accepted.
        let mut again = survey.clone();
        let _ = again.set_mapping(survey.mapping().clone());
    }
});
