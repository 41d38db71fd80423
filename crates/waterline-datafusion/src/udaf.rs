//! The aggregate functions. Each is one [`Wl`] (an `AggregateUDFImpl`) whose accumulator holds
//! a mergeable summary: `update_batch` observes rows, `state` writes the summary, `merge_batch`
//! merges the summaries of other partitions (or other machines), `evaluate` finishes it with
//! the root crate's statistics. The scale comes as a literal argument (see [`crate::scale`]).

use crate::scale::Scale;
use crate::state;
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::scalar::ScalarStructBuilder;
use datafusion::common::{exec_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use std::sync::Arc;
use waterline::stats::summary::{Merge, Moments, PointCounts, Transitions};

/// Confidence level of every interval the functions return.
pub const LEVEL: f64 = 0.95;

/// Which statistic a function computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `wl_counts(value, scale)`: answers per point, a list in point order.
    Counts,
    /// `wl_share(value, scale, top)`: the share answering one of the `top` codes, with its
    /// Wilson interval.
    Share,
    /// `wl_mean(value [, scale])`: mean, sd and t interval of numbers (or of point values).
    Mean,
    /// `wl_paired_shift(before, now, scale)`: the K×K transition table → moved up / same /
    /// down, and McNemar's exact test (2 points) or the Wilcoxon signed-rank test; `summary`
    /// is the merged table (JSON), from which the CLI finishes the page's whole shift.
    PairedShift,
}

/// One waterline aggregate function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Wl {
    kind: Kind,
    signature: Signature,
}

impl Wl {
    pub fn new(kind: Kind) -> Self {
        Wl {
            kind,
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }
}

fn f(name: &str, t: DataType) -> FieldRef {
    Arc::new(Field::new(name, t, true))
}

/// The fields of a function's result.
pub fn result_fields(kind: Kind) -> Fields {
    use DataType::{Binary, Float64, UInt64, Utf8};
    let v: Vec<FieldRef> = match kind {
        Kind::Counts => Vec::new(),
        Kind::Share => vec![
            f("n", UInt64),
            f("count", UInt64),
            f("share", Float64),
            f("lower", Float64),
            f("upper", Float64),
        ],
        Kind::Mean => vec![
            f("n", UInt64),
            f("mean", Float64),
            f("sd", Float64),
            f("lower", Float64),
            f("upper", Float64),
        ],
        Kind::PairedShift => vec![
            f("n", UInt64),
            f("improved", UInt64),
            f("same", UInt64),
            f("worse", UInt64),
            f("mean_before", Float64),
            f("mean_after", Float64),
            f("method", Utf8),
            f("statistic", Float64),
            f("p_value", Float64),
            f("summary", Binary),
        ],
    };
    Fields::from(v)
}

impl AggregateUDFImpl for Wl {
    fn name(&self) -> &str {
        match self.kind {
            Kind::Counts => "wl_counts",
            Kind::Share => "wl_share",
            Kind::Mean => "wl_mean",
            Kind::PairedShift => "wl_paired_shift",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::Counts => DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))),
            k => DataType::Struct(result_fields(k)),
        })
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let name = self.name();
        let n = args.exprs.len();
        let literal = |i: usize| -> Result<String> {
            let e = args.exprs.get(i).and_then(|e| e.downcast_ref::<Literal>());
            match e.map(Literal::value) {
                Some(ScalarValue::Utf8(Some(s)))
                | Some(ScalarValue::LargeUtf8(Some(s)))
                | Some(ScalarValue::Utf8View(Some(s))) => Ok(s.clone()),
                _ => plan_err!(
                    "{name}: argument {} must be a text literal (the scale from the codebook)",
                    i + 1
                ),
            }
        };
        Ok(match self.kind {
            Kind::Counts | Kind::Share => {
                let want = if self.kind == Kind::Counts { 2 } else { 3 };
                if n != want {
                    return plan_err!("{name} takes {want} arguments, got {n}");
                }
                let scale = Scale::parse(name, &literal(1)?)?;
                let top = if self.kind == Kind::Share {
                    let spec = literal(2)?;
                    let top = Scale::parse(name, &spec)?;
                    let mut mask = vec![false; scale.len()];
                    for c in &top.codes {
                        match scale.codes.iter().position(|x| x == c) {
                            Some(i) => mask[i] = true,
                            None => {
                                return plan_err!(
                                    "{name}: the top code {c} is not a point of the scale"
                                )
                            }
                        }
                    }
                    Some(mask)
                } else {
                    None
                };
                Box::new(CountsAcc {
                    summary: PointCounts::new(scale.values.clone()),
                    scale,
                    top,
                })
            }
            Kind::Mean => {
                if !(1..=2).contains(&n) {
                    return plan_err!("{name} takes 1 or 2 arguments, got {n}");
                }
                let scale = if n == 2 {
                    Some(Scale::parse(name, &literal(1)?)?)
                } else {
                    None
                };
                Box::new(MeanAcc {
                    summary: Moments::new(),
                    scale,
                })
            }
            Kind::PairedShift => {
                if n != 3 {
                    return plan_err!("{name} takes 3 arguments (before, now, scale), got {n}");
                }
                let scale = Scale::parse(name, &literal(2)?)?;
                Box::new(PairedAcc {
                    summary: Transitions::new(scale.values.clone()),
                    scale,
                })
            }
        })
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(state::fields(args.name))
    }
}

/// One cell as a scale sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Null or empty.
    Missing,
    /// The point at this position.
    Point(usize),
    /// Any other answer (a non-answer code, a typo).
    Unknown,
}

fn is_text(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(_, _)
    )
}

/// The numbers of a column: `Err(())` for a cell that is text but no number, `Ok(None)` for
/// null or empty. Numeric columns are read as numbers, text columns parsed (trimmed).
fn numbers(array: &ArrayRef) -> Result<Vec<std::result::Result<Option<f64>, ()>>> {
    if is_text(array.data_type()) {
        let t = cast(array, &DataType::Utf8)?;
        let Some(s) = t.as_any().downcast_ref::<StringArray>() else {
            return exec_err!("waterline: a column could not be read as text");
        };
        Ok((0..s.len())
            .map(|i| {
                if s.is_null(i) || s.value(i).trim().is_empty() {
                    Ok(None)
                } else {
                    s.value(i).trim().parse::<f64>().map(Some).map_err(|_| ())
                }
            })
            .collect())
    } else {
        let t = cast(array, &DataType::Float64)?;
        let Some(f) = t.as_any().downcast_ref::<Float64Array>() else {
            return exec_err!("waterline: a column could not be read as numbers");
        };
        Ok((0..f.len())
            .map(|i| Ok((!f.is_null(i)).then(|| f.value(i))))
            .collect())
    }
}

/// The cells of a column on a scale.
pub fn cells(scale: &Scale, array: &ArrayRef) -> Result<Vec<Cell>> {
    Ok(numbers(array)?
        .into_iter()
        .map(|x| match x {
            Ok(None) => Cell::Missing,
            Ok(Some(x)) => scale
                .codes
                .iter()
                .position(|c| *c == x)
                .map_or(Cell::Unknown, Cell::Point),
            Err(()) => Cell::Unknown,
        })
        .collect())
}

#[derive(Debug)]
struct CountsAcc {
    scale: Scale,
    top: Option<Vec<bool>>,
    summary: PointCounts,
}

impl Accumulator for CountsAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(v) = values.first() else {
            return Ok(());
        };
        for c in cells(&self.scale, v)? {
            match c {
                Cell::Point(p) => self.summary.observe_point(p),
                Cell::Missing => self.summary.missing += 1,
                Cell::Unknown => self.summary.unknown += 1,
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let counts = &self.summary.counts;
        let Some(top) = &self.top else {
            let v: Vec<ScalarValue> = counts
                .iter()
                .map(|c| ScalarValue::UInt64(Some(*c)))
                .collect();
            return Ok(ScalarValue::List(ScalarValue::new_list_nullable(
                &v,
                &DataType::UInt64,
            )));
        };
        let n = self.summary.n();
        let top: Vec<f64> = self
            .scale
            .values
            .iter()
            .zip(top)
            .filter(|(_, t)| **t)
            .map(|(v, _)| *v)
            .collect();
        let x = self.summary.count_of(&top);
        let ci = self.summary.share_of(&top, LEVEL).ok();
        build(
            Kind::Share,
            vec![
                ScalarValue::UInt64(Some(n)),
                ScalarValue::UInt64(Some(x)),
                ScalarValue::Float64(ci.as_ref().map(|c| c.estimate)),
                ScalarValue::Float64(ci.as_ref().map(|c| c.lower)),
                ScalarValue::Float64(ci.as_ref().map(|c| c.upper)),
            ],
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 24 * self.scale.len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.summary)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<PointCounts>(states)? {
            merged(self.summary.merge(&s))?;
        }
        Ok(())
    }
}

fn build(kind: Kind, values: Vec<ScalarValue>) -> Result<ScalarValue> {
    let mut b = ScalarStructBuilder::new();
    for (field, value) in result_fields(kind).iter().zip(values) {
        b = b.with_scalar(Arc::clone(field), value);
    }
    b.build()
}

#[derive(Debug)]
struct MeanAcc {
    scale: Option<Scale>,
    summary: Moments,
}

impl Accumulator for MeanAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(v) = values.first() else {
            return Ok(());
        };
        match &self.scale {
            Some(scale) => {
                for c in cells(scale, v)? {
                    match c {
                        Cell::Point(p) => self.summary.observe(scale.values[p]),
                        Cell::Missing => self.summary.missing += 1,
                        Cell::Unknown => {}
                    }
                }
            }
            None => {
                for x in numbers(v)? {
                    match x {
                        Ok(Some(x)) => self.summary.observe(x),
                        Ok(None) => self.summary.missing += 1,
                        Err(()) => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let m = &self.summary;
        let (mean, sd) = (m.mean(), m.sd());
        let options = waterline::stats::means::TTestOptions {
            level: LEVEL,
            ..Default::default()
        };
        let t = m.one_sample_t(&options).ok();
        let (lower, upper) = (t.as_ref().map(|t| t.lower), t.as_ref().map(|t| t.upper));
        build(
            Kind::Mean,
            vec![
                ScalarValue::UInt64(Some(m.n)),
                ScalarValue::Float64(mean),
                ScalarValue::Float64(sd),
                ScalarValue::Float64(lower),
                ScalarValue::Float64(upper),
            ],
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.summary)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<Moments>(states)? {
            merged(self.summary.merge(&s))?;
        }
        Ok(())
    }
}

#[derive(Debug)]
struct PairedAcc {
    scale: Scale,
    summary: Transitions,
}

impl Accumulator for PairedAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (Some(b), Some(a)) = (values.first(), values.get(1)) else {
            return exec_err!("wl_paired_shift: two columns expected");
        };
        let (cb, ca) = (cells(&self.scale, b)?, cells(&self.scale, a)?);
        for (x, y) in cb.into_iter().zip(ca) {
            match (x, y) {
                (Cell::Point(x), Cell::Point(y)) => self.summary.observe_points(x, y),
                (Cell::Missing, _) => self.summary.before_missing += 1,
                (_, Cell::Missing) => self.summary.after_missing += 1,
                _ => self.summary.unknown += 1,
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let s = shift(&self.summary);
        build(
            Kind::PairedShift,
            vec![
                ScalarValue::UInt64(Some(s.n)),
                ScalarValue::UInt64(Some(s.improved)),
                ScalarValue::UInt64(Some(s.same)),
                ScalarValue::UInt64(Some(s.worse)),
                ScalarValue::Float64(s.mean_before),
                ScalarValue::Float64(s.mean_after),
                ScalarValue::Utf8(s.method.map(str::to_string)),
                ScalarValue::Float64(s.statistic),
                ScalarValue::Float64(s.p_value),
                ScalarValue::Binary(serde_json::to_vec(&self.summary).ok()),
            ],
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 16 * self.summary.cells.len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.summary)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<Transitions>(states)? {
            merged(self.summary.merge(&s))?;
        }
        Ok(())
    }
}

/// A finished paired shift.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub n: u64,
    pub improved: u64,
    pub same: u64,
    pub worse: u64,
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
    /// `mcnemar_exact` or `wilcoxon_signed_rank` (the root crate's method tags); `None` when
    /// the test could not be computed.
    pub method: Option<&'static str>,
    pub statistic: Option<f64>,
    pub p_value: Option<f64>,
}

/// Finishes a transition table with the core summary's own tests (McNemar's exact test on a
/// 0/1 scale, else the Wilcoxon signed-rank test with the report's default options).
pub fn shift(t: &Transitions) -> Shift {
    let m = t.moves();
    let means = t.means();
    let binary = t.values.len() == 2 && t.values.iter().all(|v| *v == 0.0 || *v == 1.0);
    let (method, statistic, p_value) = if binary {
        match t.mcnemar(LEVEL) {
            Ok(m) => (Some("mcnemar_exact"), Some(m.b as f64), Some(m.p_value)),
            Err(_) => (None, None, None),
        }
    } else {
        match t.wilcoxon(&waterline::stats::SignedRankOptions::default()) {
            Ok(w) => (
                Some("wilcoxon_signed_rank"),
                Some(w.statistic),
                Some(w.p_value),
            ),
            Err(_) => (None, None, None),
        }
    };
    Shift {
        n: t.n(),
        improved: m.up,
        same: m.same,
        worse: m.down,
        mean_before: means.map(|m| m.0),
        mean_after: means.map(|m| m.1),
        method,
        statistic,
        p_value,
    }
}

/// A merge error (summaries of different scales) as DataFusion's.
fn merged(r: waterline::error::Result<()>) -> Result<()> {
    match r {
        Ok(()) => Ok(()),
        Err(e) => exec_err!(
            "waterline: partial states of different scales: {}",
            e.message
        ),
    }
}
