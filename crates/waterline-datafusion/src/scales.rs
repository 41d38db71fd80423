//! Multi-item scales: `wl_scale(item1, …, itemk, scales)`, whose accumulator holds the core's
//! [`ScaleState`] (the item covariance of the complete rows, the moments of their scale scores,
//! complete and incomplete row counts) and is finished by the page's own
//! [`scales::from_state`]: the scale mean and sd, Cronbach's alpha with its Feldt interval and
//! McDonald's omega, with the page's notes.
//!
//! `scales` is one scale literal ([`crate::scale`]) for every item, or one per item separated
//! by `;`. A reversed item is written with its points' values flipped (`'1=5,2=4,3=3,4=2,5=1'`):
//! the CLI writes them from the instrument as the page flips them (lowest + highest − value).
//! A row is complete when every item's cell is a point; any other cell (empty, a non-answer
//! code, a typo) makes it incomplete, as the page's listwise rule does.

use crate::scale::Scale;
use crate::state;
use datafusion::arrow::array::{Array, ArrayRef, BinaryArray, StructArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::scalar::ScalarStructBuilder;
use datafusion::common::{exec_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use waterline::stats::limits::MAX_MAGNITUDE;
use waterline::stats::summary::{ItemCovariance, Moments};
use waterline::survey::instrument::{self, Instrument, Item};
use waterline::survey::report::scales::{self, ScaleResult, ScaleState};
use waterline::survey::report::ReportOptions;

/// The `wl_scale` aggregate function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WlScale {
    signature: Signature,
}

impl Default for WlScale {
    fn default() -> Self {
        WlScale {
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }
}

/// A scale state as it crosses the partial → final boundary (the core state's parts).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScaleSummary {
    pub items: usize,
    /// `null` when the covariance pass stopped (too many items): alpha is then withheld.
    pub covariance: Option<ItemCovariance>,
    pub scores: Moments,
    pub used: u64,
    pub excluded: u64,
}

impl ScaleSummary {
    fn of(st: &ScaleState) -> Self {
        let (items, cov, scores, used, excluded) = st.parts();
        ScaleSummary {
            items,
            covariance: cov.cloned(),
            scores: scores.clone(),
            used,
            excluded,
        }
    }

    /// The core state again.
    pub fn state(self) -> ScaleState {
        ScaleState::from_parts(
            self.items,
            self.covariance,
            self.scores,
            self.used,
            self.excluded,
        )
    }
}

fn f(name: &str, t: DataType) -> FieldRef {
    Arc::new(Field::new(name, t, true))
}

/// The fields of `wl_scale`'s result: the numbers, and `summary`, the merged state (JSON) from
/// which the CLI finishes the page's whole scale result.
pub fn result_fields() -> Fields {
    use DataType::{Binary, Float64, UInt64};
    Fields::from(vec![
        f("n", UInt64),
        f("excluded", UInt64),
        f("mean", Float64),
        f("sd", Float64),
        f("alpha", Float64),
        f("alpha_lower", Float64),
        f("alpha_upper", Float64),
        f("omega", Float64),
        f("summary", Binary),
    ])
}

/// Reads the scales argument for `k` items.
///
/// # Errors
/// A plan error for a malformed scale, a count of scales other than 1 or `k`, or a point value
/// beyond ±10¹⁰⁰ (the core's magnitude bound).
pub fn parse_scales(spec: &str, k: usize) -> Result<Vec<Scale>> {
    let parts: Vec<&str> = spec.split(';').collect();
    let scales = parts
        .iter()
        .map(|p| Scale::parse("wl_scale", p))
        .collect::<Result<Vec<_>>>()?;
    let scales = match scales.len() {
        1 => vec![scales[0].clone(); k],
        n if n == k => scales,
        n => return plan_err!("wl_scale: {n} scales for {k} items; give one, or one per item"),
    };
    if scales
        .iter()
        .flat_map(|s| &s.values)
        .any(|v| v.abs() > MAX_MAGNITUDE)
    {
        return plan_err!("wl_scale: a point value lies beyond ±1e100");
    }
    Ok(scales)
}

impl AggregateUDFImpl for WlScale {
    fn name(&self) -> &str {
        "wl_scale"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(result_fields()))
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let n = args.exprs.len();
        if n < 2 {
            return plan_err!(
                "wl_scale takes the item columns and then the scales, got {n} arguments"
            );
        }
        let e = args
            .exprs
            .get(n - 1)
            .and_then(|e| e.downcast_ref::<Literal>());
        let spec = match e.map(Literal::value) {
            Some(ScalarValue::Utf8(Some(s)))
            | Some(ScalarValue::LargeUtf8(Some(s)))
            | Some(ScalarValue::Utf8View(Some(s))) => s.clone(),
            _ => {
                return plan_err!(
                "wl_scale: the last argument must be a text literal (the scales from the codebook)"
            )
            }
        };
        let scales = parse_scales(&spec, n - 1)?;
        Ok(Box::new(ScaleAcc {
            state: ScaleState::new(scales.len()),
            scales,
        }))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(state::fields(args.name))
    }
}

#[derive(Debug)]
struct ScaleAcc {
    scales: Vec<Scale>,
    state: ScaleState,
}

impl Accumulator for ScaleAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let k = self.scales.len();
        let mut cols = Vec::with_capacity(k);
        for (s, v) in self.scales.iter().zip(values) {
            cols.push(crate::udaf::cells(s, v)?);
        }
        if cols.len() != k {
            return exec_err!("wl_scale: {k} item columns expected");
        }
        let rows = cols.first().map_or(0, Vec::len);
        // The complete-case matrix of the batch, row-major, in row order: what the page's
        // `scales::matrix` gives for the same rows.
        let mut m = Vec::with_capacity(rows * k);
        let (mut used, mut excluded) = (0, 0);
        for row in 0..rows {
            let start = m.len();
            for (s, c) in self.scales.iter().zip(&cols) {
                match c.get(row) {
                    Some(crate::udaf::Cell::Point(p)) => m.push(s.values[*p]),
                    _ => break,
                }
            }
            if m.len() - start == k {
                used += 1;
            } else {
                m.truncate(start);
                excluded += 1;
            }
        }
        self.state.observe(&m, used, excluded);
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let k = self.scales.len();
        let ad_hoc = instrument::Scale {
            id: "scale".into(),
            text: Default::default(),
            items: (1..=k).map(|i| format!("item{i}")).collect(),
            reversed: Vec::new(),
        };
        let r = scales::from_state(&ad_hoc, &self.state, &ReportOptions::default());
        let summary = serde_json::to_vec(&ScaleSummary::of(&self.state)).ok();
        let alpha = r.alpha.as_ref();
        let values = vec![
            ScalarValue::UInt64(Some(r.n_used)),
            ScalarValue::UInt64(Some(r.n_excluded)),
            ScalarValue::Float64(r.mean),
            ScalarValue::Float64(r.sd),
            ScalarValue::Float64(alpha.map(|a| a.alpha)),
            ScalarValue::Float64(alpha.map(|a| a.lower)),
            ScalarValue::Float64(alpha.map(|a| a.upper)),
            ScalarValue::Float64(r.omega.as_ref().and_then(|o| o.omega_total)),
            ScalarValue::Binary(summary),
        ];
        let mut b = ScalarStructBuilder::new();
        for (field, value) in result_fields().iter().zip(values) {
            b = b.with_scalar(Arc::clone(field), value);
        }
        b.build()
    }

    fn size(&self) -> usize {
        let k = self.scales.len();
        std::mem::size_of_val(self) + 8 * (k * (k + 3) / 2) + 24 * 8 * k
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&ScaleSummary::of(&self.state))
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<ScaleSummary>(states)? {
            if let Err(e) = self.state.merge(&s.state()) {
                return exec_err!(
                    "waterline: partial states of different scales: {}",
                    e.message
                );
            }
        }
        Ok(())
    }
}

/// What one of the instrument's scales is computed from.
#[derive(Debug, Clone)]
pub struct PlannedScale {
    pub scale: instrument::Scale,
    /// The items' columns in the files, in the scale's item order.
    pub columns: Vec<String>,
    /// The scales argument (reversed items' values flipped).
    pub literal: String,
}

/// A planned item's scale literal, its values flipped when the scale reverses it (lowest +
/// highest − value over the item's points, the page's `scales::matrix`).
pub(crate) fn item_literal(item: &Item, scale: &Scale, reversed: bool) -> String {
    if !reversed {
        return scale.literal();
    }
    let values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let flipped = Scale {
        codes: scale.codes.clone(),
        values: scale.values.iter().map(|x| lo + hi - x).collect(),
    };
    flipped.literal()
}

/// The instrument's reported scales (the page's rule, [`scales::reported`]) whose items are all
/// planned on a declared scale; the others go to `skipped` as `scale_items` (numeric items in a
/// scale are not read here yet).
pub fn plan_scales(
    ins: &Instrument,
    plan: &crate::report::Plan,
    skipped: &mut Vec<(String, &'static str)>,
) -> Vec<PlannedScale> {
    let mut out = Vec::new();
    'scales: for s in scales::reported(ins) {
        let mut columns = Vec::new();
        let mut literals = Vec::new();
        for id in &s.items {
            let Some(p) = plan.items.iter().find(|i| &i.item.id == id) else {
                skipped.push((s.id.clone(), "scale_items"));
                continue 'scales;
            };
            let Some(scale) = &p.scale else {
                skipped.push((s.id.clone(), "scale_items"));
                continue 'scales;
            };
            columns.push(p.column.clone());
            literals.push(item_literal(&p.item, scale, s.reversed.contains(id)));
        }
        out.push(PlannedScale {
            scale: s.clone(),
            columns,
            literal: literals.join(";"),
        });
    }
    out
}

/// The page's scale result from a `wl_scale` result column at `row` (its merged state, finished
/// by [`scales::from_state`] with the report's options).
pub fn result_at(
    p: &PlannedScale,
    col: &dyn Array,
    row: usize,
    options: &ReportOptions,
) -> Option<ScaleResult> {
    let s = col.as_any().downcast_ref::<StructArray>()?;
    let b = s.column_by_name("summary")?;
    let b = b.as_any().downcast_ref::<BinaryArray>()?;
    if b.is_null(row) {
        return None;
    }
    let summary: ScaleSummary = serde_json::from_slice(b.value(row)).ok()?;
    Some(scales::from_state(&p.scale, &summary.state(), options))
}

/// One scale in the CLI's report: the page's result, its text and sentence in the report's
/// language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleOut {
    pub scale: String,
    pub text: String,
    pub items: Vec<String>,
    pub reversed: Vec<String>,
    pub n_used: u64,
    pub n_excluded: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub alpha: Option<f64>,
    pub alpha_lower: Option<f64>,
    pub alpha_upper: Option<f64>,
    pub omega: Option<f64>,
    /// The page's notes (codes with typed parameters).
    pub warnings: Vec<waterline::note::Note>,
    pub sentence: String,
    /// Under `--weight`: the weighted scale mean with its linearised SE and Kish n_eff (`mean`
    /// and `sd` are then the weighted ones; [`crate::weighted_report`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_mean: Option<waterline::stats::weighted::WeightedMean>,
    /// Under `--weight`: `svycralpha`'s weighted alpha (`alpha` stays the unweighted one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_alpha: Option<f64>,
}

/// A scale result as the CLI prints it.
pub fn out(p: &PlannedScale, r: &ScaleResult, lang: waterline::text::Lang) -> ScaleOut {
    let a = r.alpha.as_ref();
    ScaleOut {
        scale: r.scale.clone(),
        text: r.text.get(lang).to_string(),
        items: r.items.clone(),
        reversed: p.scale.reversed.clone(),
        n_used: r.n_used,
        n_excluded: r.n_excluded,
        mean: r.mean,
        sd: r.sd,
        alpha: a.map(|a| a.alpha),
        alpha_lower: a.map(|a| a.lower),
        alpha_upper: a.map(|a| a.upper),
        omega: r.omega.as_ref().and_then(|o| o.omega_total),
        warnings: r.warnings.clone(),
        sentence: if lang == waterline::text::Lang::Es {
            r.sentence.es.clone()
        } else {
            r.sentence.en.clone()
        },
        weighted_mean: r.weighted_mean.clone(),
        weighted_alpha: r.weighted_alpha,
    }
}

/// Declares multi-item scales in a survey's mapping, as the page's mapping editor does: `json`
/// is a list of the instrument's scales (`[{"id": "belonging", "text": {"en": "…", "es": "…"},
/// "items": ["q1", "q2", "q3"], "reversed": ["q3"]}]`, the shape of `instrument.scales` in the
/// page's project file); an item may be named by its id or by its column's header. The mapping
/// is then validated by the core (`Survey::set_mapping`).
///
/// # Errors
/// A JSON or shape error with its path, an unknown item, and the core's validation errors, as
/// text.
pub fn declare(survey: &mut waterline::survey::Survey, json: &str) -> Result<(), String> {
    let node: waterline::tree::Node =
        serde_json::from_str(json).map_err(|e| format!("--scales: {e}"))?;
    let mut list: Vec<instrument::Scale> =
        waterline::tree::from_node(node).map_err(|e| format!("--scales: {e}"))?;
    let mut m = survey.mapping().clone();
    let id_of = |name: &str| -> Result<String, String> {
        let ins = &m.instrument;
        if ins.item(name).is_some() {
            return Ok(name.to_string());
        }
        let key = survey
            .table()
            .columns
            .iter()
            .find(|c| c.header == name || c.key == name)
            .map(|c| c.key.as_str());
        ins.items
            .iter()
            .find(|i| key.is_some() && i.column.as_deref() == key)
            .map(|i| i.id.clone())
            .ok_or(format!("--scales: no item or column \"{name}\""))
    };
    for s in &mut list {
        for id in s.items.iter_mut().chain(s.reversed.iter_mut()) {
            *id = id_of(id)?;
        }
    }
    m.instrument.scales.extend(list);
    survey
        .set_mapping(m)
        .map_err(|e| format!("--scales: {}", e.message))
}
