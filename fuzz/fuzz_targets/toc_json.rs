//! Logic-model files (a project file's theory-of-change part): any text must parse to a model or
//! an error, and every analysis of a parsed model returns a result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::toc;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(model) = toc::parse_model(&text) {
        let _ = toc::validate(&model);
        let _ = toc::schedule(&model, &Default::default());
        let _ = toc::layout(&model);
        if let Some(goal) = model.goals.first() {
            let _ = toc::what_if(
                &model,
                &toc::WhatIfOptions { goal_id: goal.id.clone(), delay_days: 30, start: None, deadline: None },
            );
        }
        for format in [toc::ExportFormat::Json, toc::ExportFormat::Mermaid, toc::ExportFormat::Dot] {
            let _ = toc::export(&model, &toc::ExportOptions { format, lang: Default::default() });
        }
        // Lossless round trip.
        if let Ok(json) = toc::to_json(&model) {
            assert_eq!(toc::parse_model(&json).ok().as_ref(), Some(&model));
        }
    }
});
