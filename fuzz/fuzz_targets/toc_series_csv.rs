//! Series CSV import (issue 17, DataQuest long and wide shapes): any text gives series or a
//! coded error, never a panic; issues are positioned inside the file; every imported series,
//! put into a model, charts (Wilson per point), derives and changes without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::toc;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(import) = toc::import_series_csv(&text) else { return };
    for issue in &import.issues {
        assert!(issue.row >= 1 && issue.column.is_none_or(|c| c >= 1), "an issue outside the file");
    }
    let Ok(mut model) = toc::example_alianza_model() else { return };
    for (slot, series) in import.series.iter().take(3).enumerate() {
        if let Some(i) = model.indicators.get_mut(slot) {
            i.series = series.points.clone();
            i.actuals.clear();
        }
    }
    let _ = toc::chart_data(&model, 0.95);
    for i in model.indicators.iter().take(3) {
        let points = toc::series_of(i);
        if let (Some(a), Some(b)) = (points.first(), points.last()) {
            let _ = toc::change(&points, a.period, b.period, 0.95);
        }
        let _ = toc::derived_series(&model, i);
    }
    let _ = toc::progress(&model, &toc::ProgressOptions { as_of: toc::Date::parse("2020-06-30").unwrap(), start: None, deadline: None });
});
