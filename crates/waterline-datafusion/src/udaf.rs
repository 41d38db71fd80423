//! The aggregate functions. Each is one [`Wl`] (an `AggregateUDFImpl`) whose accumulator holds
//! a mergeable summary: `update_batch` observes rows, `state` writes the summary, `merge_batch`
//! merges the summaries of other partitions (or other machines), `evaluate` finishes it with
//! the root crate's statistics. The scale comes as a literal argument (see [`crate::scale`]).

use crate::interim::{Moments, PointCounts, Transitions};
use crate::scale::Scale;
use crate::state;
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{exec_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use datafusion::common::scalar::ScalarStructBuilder;
use std::sync::Arc;

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
    /// down, and McNemar's exact test (2 points) or the Wilcoxon signed-rank test.
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
    use DataType::{Float64, UInt64, Utf8};
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
                _ => plan_err!("{name}: argument {} must be a text literal (the scale from the codebook)", i + 1),
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
                            None => return plan_err!("{name}: the top code {c} is not a point of the scale"),
                        }
                    }
                    Some(mask)
                } else {
                    None
                };
                Box::new(CountsAcc {
                    summary: PointCounts::new(scale.len()),
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
                    summary: Moments::default(),
                    scale,
                })
            }
            Kind::PairedShift => {
                if n != 3 {
                    return plan_err!("{name} takes 3 arguments (before, now, scale), got {n}");
                }
                let scale = Scale::parse(name, &literal(2)?)?;
                Box::new(PairedAcc {
                    summary: Transitions::new(scale.len()),
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
            if let Cell::Point(p) = c {
                self.summary.observe(p);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let counts = &self.summary.counts;
        let Some(top) = &self.top else {
            let v: Vec<ScalarValue> = counts.iter().map(|c| ScalarValue::UInt64(Some(*c))).collect();
            return Ok(ScalarValue::List(ScalarValue::new_list_nullable(&v, &DataType::UInt64)));
        };
        let n: u64 = counts.iter().sum();
        let x: u64 = counts.iter().zip(top).filter(|(_, t)| **t).map(|(c, _)| c).sum();
        let ci = waterline::stats::wilson(x as f64, n as f64, LEVEL).ok();
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
        std::mem::size_of_val(self) + 16 * self.scale.len() + 8 * self.summary.counts.len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.summary)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<PointCounts>(states)? {
            if s.counts.len() != self.summary.counts.len() {
                return exec_err!("waterline: a partial state of another scale");
            }
            self.summary.merge(&s);
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
                    if let Cell::Point(p) = c {
                        self.summary.observe(scale.values[p]);
                    }
                }
            }
            None => {
                for x in numbers(v)?.into_iter().flatten().flatten() {
                    if x.is_finite() {
                        self.summary.observe(x);
                    }
                }
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let m = &self.summary;
        let (mean, sd) = match m.n {
            0 => (None, None),
            1 => (Some(m.mean), None),
            n => (Some(m.mean), Some((m.m2 / (n - 1) as f64).sqrt())),
        };
        let half = sd.and_then(|sd| {
            let df = (m.n - 1) as f64;
            let q = waterline::stats::student_t::quantile((1.0 + LEVEL) / 2.0, df).ok()?;
            Some(q * sd / (m.n as f64).sqrt())
        });
        build(
            Kind::Mean,
            vec![
                ScalarValue::UInt64(Some(m.n)),
                ScalarValue::Float64(mean),
                ScalarValue::Float64(sd),
                ScalarValue::Float64(mean.zip(half).map(|(m, h)| m - h)),
                ScalarValue::Float64(mean.zip(half).map(|(m, h)| m + h)),
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
            self.summary.merge(&s);
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
            if let (Cell::Point(x), Cell::Point(y)) = (x, y) {
                self.summary.observe(x, y);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let s = shift(&self.scale, &self.summary);
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
            ],
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 8 * self.summary.counts.len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.summary)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<Transitions>(states)? {
            if s.k != self.summary.k {
                return exec_err!("waterline: a partial state of another scale");
            }
            self.summary.merge(&s);
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

/// Finishes a transition table with the root crate's tests: the table is laid out as the
/// (before, after) pairs it counts, in table order — the tests depend only on those pairs.
pub fn shift(scale: &Scale, t: &Transitions) -> Shift {
    let k = t.k;
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let (mut up, mut same, mut down) = (0, 0, 0);
    for i in 0..k {
        for j in 0..k {
            let c = t.counts[i * k + j];
            let (vi, vj) = (scale.values[i], scale.values[j]);
            match vj.total_cmp(&vi) {
                std::cmp::Ordering::Greater => up += c,
                std::cmp::Ordering::Equal => same += c,
                std::cmp::Ordering::Less => down += c,
            }
            for _ in 0..c {
                before.push(vi);
                after.push(vj);
            }
        }
    }
    let n = before.len() as u64;
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let (method, statistic, p_value) = if k == 2 {
        let lo = waterline::stats::LevelOptions { level: LEVEL };
        match waterline::stats::mcnemar_pairs(&before, &after, &lo) {
            Ok(m) => (Some("mcnemar_exact"), Some(m.b as f64), Some(m.p_value)),
            Err(_) => (None, None, None),
        }
    } else {
        let o = waterline::stats::SignedRankOptions::default();
        match waterline::stats::wilcoxon_signed_rank(&before, &after, &o) {
            Ok(w) => (Some("wilcoxon_signed_rank"), Some(w.statistic), Some(w.p_value)),
            Err(_) => (None, None, None),
        }
    };
    Shift {
        n,
        improved: up,
        same,
        worse: down,
        mean_before: mean(&before),
        mean_after: mean(&after),
        method,
        statistic,
        p_value,
    }
}
