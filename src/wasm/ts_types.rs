//! The TypeScript declarations of every input and result that crosses the boundary, rendered
//! from the Rust types by `ts-rs` into ONE committed file, `src/wasm/generated.d.ts`, which
//! the bindings include as a `typescript_custom_section` (so `pkg/waterline.d.ts` carries it).
//!
//! Why ts-rs rather than tsify: ts-rs only runs here, in `cargo test` (the derives are
//! `#[cfg_attr(test, derive(ts_rs::TS))]` and ts-rs is a dev-dependency), so the shipped wasm
//! carries no trace of it; tsify would generate conversion glue into the wasm itself.
//!
//! The test fails when the committed file differs from what the types say; regenerate with
//! `WATERLINE_BLESS=1 cargo test --lib wasm::ts_types`.
//!
//! Every type an export takes or returns derives `ts_rs::TS` under `cfg(test)`, and so must the
//! types of its fields: a new boundary type without the derive line is a compile error of
//! `cargo test`, and a changed field makes the committed file stale (regenerate, review the
//! diff, commit it).
//!
//! Conventions of the rendering:
//! - every integer is a JavaScript `number` (the bindings serialize with
//!   `Serializer::json_compatible()`, which never makes a `BigInt`), so ts-rs's `bigint` for
//!   `u64` is written `number`;
//! - `Option<T>` is `T | null` (json_compatible writes `null`); an input field that may be left
//!   out carries `#[ts(optional = nullable)]` and reads `field?: T | null`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{TypeVisitor, TS};

use crate::conditions as c;
use crate::stats;
use crate::survey;
use crate::toc;

/// The committed file, relative to the crate root.
const PATH: &str = "src/wasm/generated.d.ts";

/// Collects the declaration of every derived type reachable from the roots.
#[derive(Default)]
struct Collect {
    seen: HashSet<TypeId>,
    /// ident → (declaration, Rust type name), sorted by ident.
    decls: BTreeMap<String, (String, &'static str)>,
    clashes: Vec<String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let mut decl = String::new();
            if let Some(docs) = T::DOCS {
                decl.push_str(docs);
            }
            decl.push_str("export ");
            decl.push_str(&T::decl());
            let decl = tidy(&decl.replace("bigint", "number"));
            let rust = std::any::type_name::<T>();
            match self.decls.get(&T::ident()) {
                Some((other, other_rust)) if *other != decl => self.clashes.push(format!(
                    "{} is both {other_rust} and {rust}: add #[ts(rename = \"…\")] to one",
                    T::ident()
                )),
                Some(_) => {}
                None => {
                    self.decls.insert(T::ident(), (decl, rust));
                }
            }
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// One field per line, closing braces on their own line, two spaces per level: ts-rs writes
/// `{ \n a: T, \n b: U, };`, which wasm-bindgen would indent further at every declaration.
fn tidy(decl: &str) -> String {
    let decl = decl.replace(", }", ",\n}");
    let mut depth = 0usize;
    let mut out = String::new();
    for line in decl.lines().map(str::trim) {
        let comment = line.starts_with("/**") || line.starts_with('*');
        if !comment && line.starts_with('}') {
            depth = depth.saturating_sub(1);
        }
        out.push_str(&"  ".repeat(depth));
        if line.starts_with('*') {
            out.push(' ');
        }
        out.push_str(line);
        out.push('\n');
        if !comment && line.ends_with('{') {
            depth += 1;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Every type an export takes or returns (their fields' types follow by themselves).
fn roots(v: &mut Collect) {
    // Errors and notes.
    v.visit::<crate::Error>();
    v.visit::<crate::Note>();
    // Statistics.
    v.visit::<stats::LevelOptions>();
    v.visit::<stats::ProportionInterval>();
    v.visit::<stats::AlphaOptions>();
    v.visit::<stats::CronbachAlpha>();
    v.visit::<stats::Omega>();
    v.visit::<stats::AdjustOptions>();
    v.visit::<stats::AdjustedPValues>();
    v.visit::<stats::PowerOptions>();
    v.visit::<stats::SampleSize>();
    v.visit::<stats::Power>();
    v.visit::<stats::McNemarOptions>();
    v.visit::<stats::McNemar>();
    v.visit::<stats::SignedRankOptions>();
    v.visit::<stats::SignedRankTest>();
    v.visit::<stats::PairedT>();
    v.visit::<stats::TwoProportionsOptions>();
    v.visit::<stats::TwoProportions>();
    v.visit::<stats::MannWhitneyOptions>();
    v.visit::<stats::MannWhitney>();
    v.visit::<stats::ChiSquareOptions>();
    v.visit::<stats::ChiSquareTest>();
    v.visit::<stats::GoodnessOfFit>();
    // Statistics of #19 (props).
    v.visit::<stats::one_proportion::IntervalOptions>();
    v.visit::<stats::one_proportion::OneProportion>();
    v.visit::<stats::one_proportion::BinomTestOptions>();
    v.visit::<stats::one_proportion::BinomTest>();
    v.visit::<stats::two_by_two::ProportionComparison>();
    v.visit::<stats::fisher::FisherExact>();
    v.visit::<stats::paired_binary::PairedProportions>();
    v.visit::<stats::means::TTestOptions>();
    v.visit::<stats::means::TTest>();
    v.visit::<stats::effect_size::IndependentEffects>();
    v.visit::<stats::effect_size::PairedEffects>();
    v.visit::<super::stats_dist::DistOptions>();
    v.visit::<stats::IccResult>();
    v.visit::<stats::IccReml>();
    v.visit::<stats::KrippendorffOptions>();
    v.visit::<stats::KrippendorffAlpha>();
    v.visit::<stats::KappaOptions>();
    v.visit::<stats::CohensKappa>();
    v.visit::<stats::FleissKappa>();
    v.visit::<stats::CorrelationOptions>();
    v.visit::<stats::Correlation>();
    v.visit::<stats::KruskalWallis>();
    v.visit::<super::stats_weighted::WeightedOptions>();
    v.visit::<crate::stats::weighted::WeightedMean>();
    // Surveys.
    v.visit::<survey::ReadOptions>();
    v.visit::<survey::DuplicatePolicy>();
    v.visit::<survey::Mapping>();
    v.visit::<survey::ImportSummary>();
    v.visit::<survey::ReportOptions>();
    v.visit::<survey::Report>();
    v.visit::<survey::report::SensitivityRow>();
    v.visit::<super::survey_limits::StreamLimits>();
    v.visit::<survey::weights::RakeOptions>();
    v.visit::<survey::weights::RakeResult>();
    // Review rounds.
    v.visit::<c::Rubric>();
    v.visit::<c::RubricEdit>();
    v.visit::<c::Round>();
    v.visit::<c::RoundValidation>();
    v.visit::<c::AnalysisOptions>();
    v.visit::<c::RoundAnalysis>();
    v.visit::<c::BootstrapOptions>();
    v.visit::<c::BootstrapRanks>();
    v.visit::<c::FundingOptions>();
    v.visit::<c::FundingResult>();
    v.visit::<c::decision::DecisionOptions>();
    v.visit::<c::decision::Decision>();
    v.visit::<c::ReviewsCsv>();
    v.visit::<c::ProposalsCsv>();
    v.visit::<c::ReviewersCsv>();
    v.visit::<c::AssignmentOptions>();
    v.visit::<c::Assignment>();
    // Logic models.
    v.visit::<toc::Model>();
    v.visit::<toc::Validation>();
    v.visit::<toc::ScheduleOptions>();
    v.visit::<toc::Schedule>();
    v.visit::<toc::WhatIfOptions>();
    v.visit::<toc::WhatIf>();
    v.visit::<toc::ProgressOptions>();
    v.visit::<toc::Progress>();
    v.visit::<toc::Layout>();
    v.visit::<toc::ExportOptions>();
    v.visit::<toc::Export>();
    v.visit::<toc::SeriesCsvImport>();
    v.visit::<toc::EventsCsvImport>();
    v.visit::<toc::DerivedPoint>();
    v.visit::<toc::Change>();
    v.visit::<toc::Edit>();
    v.visit::<toc::EditResult>();
    v.visit::<toc::ChartData>();
    // Projects (#18).
    v.visit::<crate::project::Project>();
    v.visit::<crate::project::EvidenceMap>();
    v.visit::<crate::project::ProposalEvidence>();
    // Method cards (issue 18).
    v.visit::<crate::method_info::MethodInfo>();
}

/// The whole file: a header, then every declaration sorted by name.
fn render() -> String {
    let mut v = Collect::default();
    roots(&mut v);
    assert!(v.clashes.is_empty(), "{}", v.clashes.join("\n"));
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs (src/wasm/ts_types.rs); do not edit.\n\
         // Regenerate: WATERLINE_BLESS=1 cargo test --lib wasm::ts_types\n\n",
    );
    for (decl, _) in v.decls.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn generated_declarations_are_committed() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
    let fresh = render();
    if std::env::var_os("WATERLINE_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write the generated declarations");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{PATH} is out of date with the Rust types; regenerate it with\n  \
         WATERLINE_BLESS=1 cargo test --lib wasm::ts_types\nand commit it"
    );
}

/// The type names the bindings give wasm-bindgen (`unchecked_return_type`,
/// `unchecked_param_type`) in `src/wasm/*.rs`, e.g. `TocModel` of `"TocModel | string"`.
fn names_used_by_bindings() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm");
    let mut used = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/wasm") {
        let path = entry.expect("entry").path();
        if path.extension() != Some(std::ffi::OsStr::new("rs")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read a binding file");
        for part in text.split("_type = \"").skip(1) {
            let ty = part.split('"').next().unwrap_or_default();
            for word in ty.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    used.push((word.to_string(), path.display().to_string()));
                }
            }
        }
    }
    used
}

/// The text of every binding file (their hand-written `typescript_custom_section`s).
fn hand_written_declarations() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm");
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).expect("src/wasm") {
        let path = entry.expect("entry").path();
        if path.extension() == Some(std::ffi::OsStr::new("rs")) {
            all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    all
}

#[test]
fn every_type_the_bindings_name_is_declared() {
    let generated = render();
    let builtin = [
        "Float64Array",
        "Uint8Array",
        "Uint32Array",
        "Array",
        "Record",
    ];
    let used = names_used_by_bindings();
    assert!(used.len() > 40, "only {} names found", used.len());
    // What cannot be derived is written by hand in a binding file (e.g. typed-array columns).
    let hand_written = hand_written_declarations();
    let missing: Vec<String> = used
        .into_iter()
        .filter(|(name, _)| !builtin.contains(&name.as_str()))
        .filter(|(name, _)| !generated.contains(&format!("export type {name} ")))
        .filter(|(name, _)| !generated.contains(&format!("export type {name}<")))
        .filter(|(name, _)| !hand_written.contains(&format!("export interface {name} ")))
        .map(|(name, file)| format!("{name} (named in {file})"))
        .collect();
    assert!(missing.is_empty(), "not declared: {}", missing.join(", "));
}
