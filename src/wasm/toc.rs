//! Bindings of the theory-of-change domain ([`crate::toc`]).
//!
//! A model argument may be the model object or its JSON text. An object is read into a node
//! like every argument and handed to [`crate::toc::model_from_node`] (version check, migration,
//! then the serde derive of [`Model`]; errors name `model.goals[3].dependsOn[0].gaol`); text is
//! parsed by [`crate::toc::parse_model`] into the same kind of node (`serde_json`), so the
//! same paths come back without the argument's name. Nothing is written back to JSON text to be
//! parsed again. Free functions decode the model on every call;
//! [`LogicModel`] decodes once for repeated analyses.

use super::tree::Node;
use super::{core, decode, encode, read, to_js_error};
use crate::error::{Code, Error};
use crate::toc::{self, ExportOptions, Model, ProgressOptions, ScheduleOptions, WhatIfOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TOC: &'static str = r#"
/** English text with an optional Spanish translation. */
export interface TocText { en: string; es: string | null; }
/** Where a fact came from: read from the source text (with a quote) or assumed (with a note). */
export interface TocProvenance { origin: "read" | "assumed"; quote: string | null; note: string | null; }
/** A value with its provenance (null provenance: entered by the user). */
export interface TocFact<T> { value: T; provenance: TocProvenance | null; }
export type TocStatus = "not_started" | "in_progress" | "done" | "blocked";
export type TocTerm = "short" | "intermediate" | "long";
/** Calendar date "YYYY-MM-DD". */
export type TocDate = string;
export interface TocPhase { id: string; name: TocText; start: TocFact<TocDate> | null; end: TocFact<TocDate> | null; provenance: TocProvenance | null; }
export interface TocDependency { goal: string; provenance: TocProvenance | null; }
/** A scheduled goal: durationDays, or start and end (inclusive). start = no earlier than; end = deadline. */
export interface TocGoal {
  id: string; title: TocText; owner: string | null; phase: string | null;
  start: TocFact<TocDate> | null; end: TocFact<TocDate> | null; durationDays: TocFact<number> | null;
  dependsOn: TocDependency[]; status: TocStatus; provenance: TocProvenance | null;
}
export interface TocComponent { id: string; title: TocText; who: TocText | null; provenance: TocProvenance | null; }
export interface TocAmount { value: number; unit: string; }
export interface TocInput { id: string; title: TocText; amount: TocFact<TocAmount> | null; component: string | null; provenance: TocProvenance | null; }
export interface TocActivity { id: string; title: TocText; goal: string | null; component: string | null; status: TocStatus; provenance: TocProvenance | null; }
/** An output or an impact. */
export interface TocElement { id: string; title: TocText; component: string | null; provenance: TocProvenance | null; }
export interface TocConditionLink { condition: string; provenance: TocProvenance | null; }
export interface TocOutcome { id: string; title: TocText; term: TocTerm; component: string | null; conditions: TocConditionLink[]; provenance: TocProvenance | null; }
export interface TocLink { from: string; to: string; provenance: TocProvenance | null; }
export interface TocAssumption { id: string; kind: "assumption" | "external_factor"; text: TocText; about: string[]; provenance: TocProvenance | null; }
export interface TocMeasure { value: number; date: TocDate | null; provenance: TocProvenance | null; }
export interface TocActual { value: number; date: TocDate; provenance: TocProvenance | null; }
export interface TocIndicator {
  id: string; of: string; measure: TocText; unit: string | null; baseline: TocMeasure | null; target: TocMeasure | null;
  dataSource: string | null; surveyItem: string | null; actuals: TocActual[]; series?: TocSeriesPoint[]; derived?: TocDerivation | null; context?: boolean; provenance: TocProvenance | null;
}
export interface TocDerivation { op: "ratio" | "difference"; a: string; b: string; }
export interface TocSeriesCsvIssue { code: string; row: number; column: number | null; header: string | null; value: string | null; }
export interface TocImportedSeries { entity: string; group: string | null; points: TocSeriesPoint[]; }
export interface TocSeriesCsvImport { shape: "long" | "wide"; series: TocImportedSeries[]; nRows: number; issues: TocSeriesCsvIssue[]; }
export interface TocDerivedPoint { period: TocPeriod; value: number; from: "computed" | "stated"; stated: number | null; }
export interface TocChange {
  from: TocPeriod; fromValue: number; to: TocPeriod; toValue: number; difference: number;
  interval: [number, number] | null; fromInterval: [number, number] | null; toInterval: [number, number] | null;
  level: number; noInterval: "rates_only" | null;
}
/** A period: "2013-14" (school year, July–June), "2014", "2014-Q2" or "2014-05-31". */
export type TocPeriod = string;
export interface TocSeriesPoint {
  period: TocPeriod; value?: number | null; numerator?: number | null; denominator?: number | null;
  source?: string | null; provenance?: TocProvenance | null;
}
/** A logic model (schema version 1). Ids are unique across the whole model. */
export interface TocModel {
  schemaVersion: number; id: string; title: TocText; source: string | null;
  phases: TocPhase[]; goals: TocGoal[]; components: TocComponent[]; inputs: TocInput[];
  activities: TocActivity[]; outputs: TocElement[]; outcomes: TocOutcome[]; impacts: TocElement[];
  links: TocLink[]; assumptions: TocAssumption[]; indicators: TocIndicator[]; events?: TocEvent[];
}
/** An event of the campaign's timeline; `period` is null when the source gives no date. */
export interface TocEvent {
  id: string; title: TocText; kind: "activity" | "flashpoint" | "milestone"; period?: TocPeriod | null;
  component?: string | null; about?: string[]; provenance?: TocProvenance | null;
}
export type TocKind = "phase" | "goal" | "component" | "input" | "activity" | "output" | "outcome" | "impact" | "assumption" | "indicator";
export type TocRule =
  | "empty_id" | "duplicate_id" | "unknown_reference" | "wrong_reference_kind" | "invalid_link" | "duplicate_link"
  | "dependency_cycle" | "link_cycle" | "missing_duration" | "invalid_window" | "duration_mismatch"
  | "starts_before_prerequisite" | "outside_phase_window" | "outcome_unreached" | "activity_leads_nowhere"
  | "outcome_without_indicator" | "indicator_without_target" | "unknown_condition" | "misses_deadline" | "start_pushed";
export interface TocFinding { severity: "error" | "warning"; code: TocRule; message: string; ids: string[]; }
export interface TocValidation {
  method: "toc_rules_v1"; valid: boolean; errors: number; warnings: number;
  nElements: number; nLinks: number; nGoals: number; nDependencies: number; findings: TocFinding[];
}
export interface TocScheduleOptions { start?: TocDate | null; deadline?: TocDate | null; }
export type TocStartConstraint = "project_start" | "phase_start" | "stated_start" | "delay";
export interface TocGoalSchedule {
  id: string; phase: string | null; durationDays: number;
  earlyStart: TocDate; earlyFinish: TocDate; lateStart: TocDate; lateFinish: TocDate;
  slackDays: number; critical: boolean; startOffset: number;
  drivenBy: string[]; constrainedBy: TocStartConstraint | null; withinPhase: boolean | null;
  dateNote: TocDateNote | null;
}
export type TocDateField = "start" | "end" | "duration";
export interface TocDateNote {
  code: "end_is_deadline" | "dates_agree"; kept: TocDateField[]; statedEnd: TocDate; durationDays: number; impliedEnd: TocDate | null;
}
export interface TocCriticalChain { goals: string[]; bound: "project_finish" | "stated_end" | "phase_end" | "deadline"; }
export interface TocPhaseSchedule {
  id: string; start: TocDate | null; end: TocDate | null; nGoals: number;
  firstStart: TocDate | null; lastFinish: TocDate | null; conforms: boolean;
}
export interface TocSchedule {
  method: "cpm"; nGoals: number; nDependencies: number; projectStart: TocDate | null; projectFinish: TocDate | null;
  durationDays: number; feasible: boolean; order: string[]; criticalPath: string[]; criticalChains: TocCriticalChain[];
  goals: TocGoalSchedule[]; phases: TocPhaseSchedule[]; conflicts: TocFinding[];
}
export interface TocWhatIfOptions { goalId: string; delayDays: number; start?: TocDate | null; deadline?: TocDate | null; }
export interface TocMove { id: string; oldStart: TocDate; newStart: TocDate; oldFinish: TocDate; newFinish: TocDate; shiftDays: number; }
export interface TocWhatIf {
  method: "cpm_delay"; goalId: string; delayDays: number; moved: TocMove[];
  projectFinishBefore: TocDate | null; projectFinishAfter: TocDate | null; projectShiftDays: number;
  feasibleBefore: boolean; feasibleAfter: boolean; schedule: TocSchedule;
}
export interface TocProgressOptions { asOf: TocDate; start?: TocDate | null; deadline?: TocDate | null; }
export type TocTrack = "not_yet_due" | "on_track" | "no_data" | "behind";
export interface TocStatusCounts { notStarted: number; inProgress: number; done: number; blocked: number; }
export interface TocActivityProgress { id: string; goal: string | null; status: TocStatus; completion: number; }
export interface TocGoalProgress {
  id: string; phase: string | null; status: TocStatus; rolledStatus: TocStatus; activities: TocStatusCounts;
  completion: number; expected: number | null; track: TocTrack;
}
export interface TocIndicatorProgress {
  id: string; of: string; baseline: number | null; target: number | null; latest: number | null; latestDate: TocDate | null;
  latestPeriod: TocPeriod | null; nPoints: number; trendPerYear: number | null; distanceToTarget: number | null; targetDate: TocDate | null;
  share: number | null; expectedShare: number | null; achieved: boolean; track: TocTrack;
}
export interface TocOutcomeProgress { id: string; term: TocTerm; nIndicators: number; share: number | null; track: TocTrack; }
export interface TocGroupProgress {
  id: string; goals: TocStatusCounts; completion: number | null; expected: number | null; indicatorShare: number | null; track: TocTrack;
}
export interface TocProgress {
  method: "linear_expected_progress"; asOf: TocDate; activities: TocActivityProgress[]; goals: TocGoalProgress[];
  indicators: TocIndicatorProgress[]; outcomes: TocOutcomeProgress[]; phases: TocGroupProgress[];
  program: TocGroupProgress; warnings: string[];
}
export type TocColumnKey = "inputs" | "activities" | "outputs" | "short_term" | "intermediate" | "long_term" | "impact";
export interface TocLayoutColumn { key: TocColumnKey; x: number; width: number; }
export interface TocLayoutNode { id: string; kind: TocKind; column: TocColumnKey; order: number; x: number; y: number; width: number; height: number; }
export interface TocPoint { x: number; y: number; }
export interface TocLayoutEdge { from: string; to: string; route: "forward" | "backward" | "flat"; points: TocPoint[]; }
export interface TocLayout {
  method: "layered_barycenter"; width: number; height: number; columns: TocLayoutColumn[];
  nodes: TocLayoutNode[]; edges: TocLayoutEdge[]; crossings: number; initialCrossings: number;
  sweeps: number; nDummies: number; nSkippedLinks: number;
}
export type TocExportFormat = "json" | "mermaid" | "dot" | "indicatorsCsv";
export interface TocExportOptions { format: TocExportFormat; lang?: "en" | "es"; }
export interface TocExport { format: TocExportFormat; mimeType: string; extension: string; text: string; }
"#;

/// Decodes a model argument: JSON text, or an object (read like every argument, see
/// [`super::read`], then decoded from the node with the core's version check and migration).
fn model_arg(value: &JsValue) -> Result<Model, JsValue> {
    const NAME: &str = "model";
    if let Some(text) = value.as_string() {
        return core(toc::parse_model(&text));
    }
    let node = read::read(NAME, value).map_err(to_js_error)?;
    if !matches!(node, Node::Object(_)) {
        return Err(to_js_error(
            Error::new(
                Code::BadInput,
                "model: expected a model object or its JSON text",
            )
            .with("argument", NAME),
        ));
    }
    toc::model_from_node(node).map_err(|e| to_js_error(in_argument(NAME, e)))
}

/// A core decoding error about an argument: `details.argument`, and the argument's name in
/// front of `details.path` (`goals[0]` becomes `model.goals[0]`).
fn in_argument(name: &str, mut error: Error) -> Error {
    use crate::error::Detail;
    if let Some(Detail::Text(path)) = error.details.get("path") {
        let path = match path.chars().next() {
            None => name.to_string(),
            Some('[') => format!("{name}{path}"),
            Some(_) => format!("{name}.{path}"),
        };
        error = error.with("path", path);
    }
    error.with("argument", name)
}

/// Imports indicator series from a long (DataQuest-shaped) or wide CSV. Rows that cannot be
/// read are listed in `issues` with row and column; throws `csv_empty`, `too_large`,
/// `unclosed_quote` or `unknown_column` (details: `missing`).
#[wasm_bindgen(js_name = importSeriesCsv, unchecked_return_type = "TocSeriesCsvImport")]
pub fn import_series_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("csvText", csv_text)?;
    encode(&core(toc::import_series_csv(&text))?)
}

/// The built-in PASS model (seed 004).
#[wasm_bindgen(js_name = examplePassModel, unchecked_return_type = "TocModel")]
pub fn example_pass_model() -> Result<JsValue, JsValue> {
    encode(&core(toc::example_pass_model())?)
}

/// The built-in Alianza parent leadership model (seed 000, Figure 3b).
#[wasm_bindgen(js_name = exampleAlianzaModel, unchecked_return_type = "TocModel")]
pub fn example_alianza_model() -> Result<JsValue, JsValue> {
    encode(&core(toc::example_alianza_model())?)
}

/// Reads a model file (JSON text), migrating older schema versions. Throws `bad_input` (with
/// line and column, or the path) or `unsupported_version`.
#[wasm_bindgen(js_name = parseModel, unchecked_return_type = "TocModel")]
pub fn parse_model(
    #[wasm_bindgen(unchecked_param_type = "string")] json_text: JsValue,
) -> Result<JsValue, JsValue> {
    let text: String = decode("jsonText", json_text)?;
    encode(&core(toc::parse_model(&text))?)
}

/// Checks a model against every rule; never throws for problems in the model (they are
/// findings), only `bad_input` for what cannot be decoded.
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "TocValidation")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    encode(&toc::validate(&model_arg(&model)?))
}

/// Critical-path schedule. Throws `dependency_cycle`, `unknown_id`, `duplicate_id`,
/// `missing_duration`, `missing_date`, `invalid_window`, `invalid_date` or `bad_input`.
#[wasm_bindgen(js_name = scheduleModel, unchecked_return_type = "TocSchedule")]
pub fn schedule_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TocScheduleOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: Option<ScheduleOptions> = decode("options", options)?;
    encode(&core(toc::schedule(&m, &options.unwrap_or_default()))?)
}

/// Delays one goal and lists everything that moves. Throws as `scheduleModel`, plus
/// `unknown_id` and `parameter_out_of_range` (delay outside 0–36525 days).
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "TocWhatIf")]
pub fn what_if(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocWhatIfOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: WhatIfOptions = decode("options", options)?;
    encode(&core(toc::what_if(&m, &options))?)
}

/// Progress as of a date: status roll-ups, indicator shares, on-track judgements.
#[wasm_bindgen(js_name = progress, unchecked_return_type = "TocProgress")]
pub fn progress(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocProgressOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: ProgressOptions = decode("options", options)?;
    encode(&toc::progress(&m, &options))
}

/// Coordinates of the logic-model diagram (boxes and edge polylines).
#[wasm_bindgen(js_name = layoutModel, unchecked_return_type = "TocLayout")]
pub fn layout_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    encode(&toc::layout(&model_arg(&model)?))
}

/// The model as JSON, Mermaid, DOT or indicators CSV text.
#[wasm_bindgen(js_name = exportModel, unchecked_return_type = "TocExport")]
pub fn export_model(
    #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TocExportOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let m = model_arg(&model)?;
    let options: ExportOptions = decode("options", options)?;
    encode(&core(toc::export(&m, &options))?)
}

/// A decoded model kept in the engine for repeated analyses (decode once, analyse many).
#[wasm_bindgen]
pub struct LogicModel {
    model: Model,
}

impl LogicModel {
    fn indicator(&self, id: JsValue) -> Result<&toc::Indicator, JsValue> {
        let id: String = decode("indicatorId", id)?;
        self.model
            .indicators
            .iter()
            .find(|i| i.id == id)
            .ok_or_else(|| {
                to_js_error(
                    Error::new(Code::UnknownId, format!("no indicator has the id \"{id}\""))
                        .with("id", id.as_str()),
                )
            })
    }
}

#[wasm_bindgen]
impl LogicModel {
    /// Decodes a model object or JSON text; throws `bad_input` or `unsupported_version`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TocModel | string")] model: JsValue,
    ) -> Result<LogicModel, JsValue> {
        Ok(LogicModel {
            model: model_arg(&model)?,
        })
    }

    /// The series of a derived indicator (ratio or difference of two others), computed by
    /// period where both have a value, else the value its own series states; `null` when the
    /// indicator is not derived. Throws `unknown_id` for an indicator that does not exist.
    #[wasm_bindgen(js_name = derivedSeries, unchecked_return_type = "TocDerivedPoint[] | null")]
    pub fn derived_series(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let i = self.indicator(indicator_id)?;
        encode(&toc::derived_series(&self.model, i))
    }

    /// The change of an indicator's series between two periods: Newcombe's interval when both
    /// have counts, else `noInterval: "rates_only"`. Throws `unknown_id` (indicator or period),
    /// `invalid_date` (a period that cannot be read), `level_out_of_range` or a count error.
    #[wasm_bindgen(js_name = seriesChange, unchecked_return_type = "TocChange")]
    pub fn series_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] indicator_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TocPeriod")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TocPeriod")] to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] level: JsValue,
    ) -> Result<JsValue, JsValue> {
        let i = self.indicator(indicator_id)?;
        let from: String = decode("from", from)?;
        let to: String = decode("to", to)?;
        let level: Option<f64> = decode("level", level)?;
        let (from, to) = (
            core(toc::Period::parse(&from))?,
            core(toc::Period::parse(&to))?,
        );
        encode(&core(toc::change(
            &toc::series_of(i),
            from,
            to,
            level.unwrap_or(0.95),
        ))?)
    }

    /// The default "as of" date: the end of the latest period with a value, or else the plan's
    /// first day — the model's own window, not today's date. `null` for a model without dates.
    #[wasm_bindgen(js_name = defaultAsOf, unchecked_return_type = "TocDate | null")]
    pub fn default_as_of(&self) -> Result<JsValue, JsValue> {
        encode(&toc::default_as_of(&self.model))
    }

    /// The model as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "TocModel")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        encode(&self.model)
    }

    /// As `validateModel`.
    #[wasm_bindgen(unchecked_return_type = "TocValidation")]
    pub fn validate(&self) -> Result<JsValue, JsValue> {
        encode(&toc::validate(&self.model))
    }

    /// As `scheduleModel`.
    #[wasm_bindgen(unchecked_return_type = "TocSchedule")]
    pub fn schedule(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TocScheduleOptions | null")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: Option<ScheduleOptions> = decode("options", options)?;
        encode(&core(toc::schedule(
            &self.model,
            &options.unwrap_or_default(),
        ))?)
    }

    /// As `whatIf`.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "TocWhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocWhatIfOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: WhatIfOptions = decode("options", options)?;
        encode(&core(toc::what_if(&self.model, &options))?)
    }

    /// As `progress`.
    #[wasm_bindgen(unchecked_return_type = "TocProgress")]
    pub fn progress(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocProgressOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: ProgressOptions = decode("options", options)?;
        encode(&toc::progress(&self.model, &options))
    }

    /// As `layoutModel`.
    #[wasm_bindgen(unchecked_return_type = "TocLayout")]
    pub fn layout(&self) -> Result<JsValue, JsValue> {
        encode(&toc::layout(&self.model))
    }

    /// As `exportModel`.
    #[wasm_bindgen(js_name = export, unchecked_return_type = "TocExport")]
    pub fn export(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TocExportOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: ExportOptions = decode("options", options)?;
        encode(&core(toc::export(&self.model, &options))?)
    }
}
