//! Events CSV import (issue 17, the campaign's timeline): any text gives events or a coded
//! error, never a panic; issues are positioned inside the file; the events read, appended to
//! the Alianza model, keep every id unique and name only elements of the right kind (the
//! model validates without a new finding), and the model still charts and writes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::toc;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(mut model) = toc::example_alianza_model() else { return };
    let Ok(import) = toc::import_events_csv(&model, &text) else { return };
    for issue in &import.issues {
        assert!(issue.row >= 1 && issue.column.is_none_or(|c| c >= 1), "an issue outside the file");
    }
    assert!(import.n_skipped + import.events.len() == import.n_rows, "a row neither read nor skipped");
    let before = toc::validate(&model).findings.len();
    model.events.extend(import.events);
    let after = toc::validate(&model);
    assert_eq!(after.findings.len(), before, "imported events made findings: {:?}", after.findings);
    let _ = toc::chart_data(&model, 0.95);
    let _ = toc::to_json(&model);
});
