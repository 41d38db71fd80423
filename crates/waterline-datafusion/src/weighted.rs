//! Survey weights as aggregate functions (#19, #22): the states are the core's mergeable
//! [`WeightedSums`], observed per row and merged across partitions, so the weighted report
//! does not depend on how the rows were split.
//!
//! - `wl_weights(weight)`: checks a declared weight column as the page does
//!   (`waterline::survey::weights`): a blank, non-numeric, negative or infinite weight is
//!   counted (never read as 1), and the valid weights are summed for the Kish summary of the
//!   whole data (n, Σw, n_eff = (Σw)²/Σw², design effect n⁺/n_eff). Result: the state
//!   ([`WeightCheck`]) as JSON.
//! - `wl_weighted_counts(value, weight, scale, top)`: per point item, the answers per point
//!   (unweighted, for counts and every small-cell rule) and the weighted sums the page's
//!   `report::weighted::item` needs: one of each point's indicator, one of the point values
//!   (weighted mean, `svyvar`'s SD, Kish n_eff of the respondents) and one of the top-box
//!   indicator (`top`: the top codes, e.g. `'4,5'`, or `''`). Result: the state
//!   ([`WeightedCounts`]) as JSON. A row whose weight is invalid is left out (the check
//!   above fails the report); a cell that is no point is not an answer, as in `wl_counts`.
//! - `wl_weighted_shift(before, now, weight, scale, top)`: per same-row pair, the weighted
//!   sums of the change in the top-box indicator (after − before: −1, 0 or 1) over the rows
//!   answering both, the page's `report::weighted::shift` (R `svymean(~I(after - before))`).
//!   Result: the [`WeightedSums`] as JSON.
//! - `wl_weighted_scale(item1, …, itemK, weight, scales)`: per multi-item scale, the core's
//!   [`WeightedScale`] of the complete respondents (every item a point; the scales argument as
//!   `wl_scale`'s, reversed items flipped), the page's `weighted_sections::scale`.
//!
//! Weights are parsed as the page parses them: `waterline::survey::labels::parse_number`
//! without a decimal comma.

use crate::scale::Scale;
use crate::state;
use crate::udaf::{cells, Cell};
use datafusion::arrow::array::{Array, ArrayRef, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{exec_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use serde::{Deserialize, Serialize};
use waterline::stats::summary::{Merge, WeightedScale, WeightedSums};

/// One weight cell as the page reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightCell {
    /// A finite number ≥ 0.
    Valid(f64),
    /// Null or blank.
    Missing,
    /// Text that is no number (or an infinite one, as `1e999`).
    NotNumber(String),
    /// A negative number.
    Negative(String),
}

/// The weight cells of a column (read as text, parsed as the page parses weights).
///
/// # Errors
/// DataFusion's, when the column cannot be read as text.
pub fn weight_cells(array: &ArrayRef) -> Result<Vec<WeightCell>> {
    let t = cast(array, &DataType::Utf8)?;
    let Some(s) = t.as_any().downcast_ref::<StringArray>() else {
        return exec_err!("waterline: a weight column could not be read as text");
    };
    Ok((0..s.len())
        .map(|i| {
            if s.is_null(i) || s.value(i).trim().is_empty() {
                return WeightCell::Missing;
            }
            let text = s.value(i);
            match waterline::survey::labels::parse_number(text, false) {
                Some(w) if w >= 0.0 => WeightCell::Valid(w),
                Some(_) => WeightCell::Negative(text.to_string()),
                None => WeightCell::NotNumber(text.to_string()),
            }
        })
        .collect())
}

/// The state of `wl_weights`: the valid weights' sums (each observed as the value 0, so that
/// only Σw, Σw², n and n⁺ matter) and the invalid cells.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightCheck {
    /// The valid weights.
    pub sums: WeightedSums,
    /// Blank weights.
    pub missing: u64,
    /// Weights that are no (finite) number.
    pub not_number: u64,
    /// Negative weights.
    pub negative: u64,
    /// One offending cell, the smallest by (kind: 0 missing, 1 not a number, 2 negative; text),
    /// so that the example does not depend on the partitions.
    pub example: Option<(u8, String)>,
}

impl WeightCheck {
    /// Observes one cell.
    pub fn observe(&mut self, c: &WeightCell) {
        let bad = match c {
            WeightCell::Valid(w) => {
                // A valid weight cannot fail (finite, ≥ 0).
                let _ = self.sums.observe(0.0, *w);
                return;
            }
            WeightCell::Missing => {
                self.missing += 1;
                (0, String::new())
            }
            WeightCell::NotNumber(t) => {
                self.not_number += 1;
                (1, t.clone())
            }
            WeightCell::Negative(t) => {
                self.negative += 1;
                (2, t.clone())
            }
        };
        self.keep(bad);
    }

    fn keep(&mut self, bad: (u8, String)) {
        if self.example.as_ref().is_none_or(|e| bad < *e) {
            self.example = Some(bad);
        }
    }

    /// Invalid cells.
    pub fn invalid(&self) -> u64 {
        self.missing + self.not_number + self.negative
    }
}

impl Merge for WeightCheck {
    fn merge(&mut self, o: &Self) -> waterline::error::Result<()> {
        self.sums.merge(&o.sums)?;
        self.missing += o.missing;
        self.not_number += o.not_number;
        self.negative += o.negative;
        if let Some(e) = &o.example {
            self.keep(e.clone());
        }
        Ok(())
    }
}

/// The state of `wl_weighted_counts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightedCounts {
    /// Answers per point, unweighted, in point order.
    pub counts: Vec<u64>,
    /// Per point: the weighted sums of its indicator (1 when the answer is that point, else 0)
    /// over the answers.
    pub points: Vec<WeightedSums>,
    /// The weighted sums of the answers' point values.
    pub values: WeightedSums,
    /// The weighted sums of the top-box indicator.
    pub top: WeightedSums,
}

impl WeightedCounts {
    /// An empty state for `k` points.
    pub fn new(k: usize) -> Self {
        WeightedCounts {
            counts: vec![0; k],
            points: vec![WeightedSums::new(); k],
            values: WeightedSums::new(),
            top: WeightedSums::new(),
        }
    }

    /// Observes one answer: point `p` of `scale`, weight `w` (finite, ≥ 0), `top` the
    /// top-box mask.
    pub fn observe(&mut self, scale: &Scale, top: &[bool], p: usize, w: f64) {
        let one = |b: bool| f64::from(u8::from(b));
        if let Some(c) = self.counts.get_mut(p) {
            *c += 1;
        }
        for (k, s) in self.points.iter_mut().enumerate() {
            let _ = s.observe(one(k == p), w);
        }
        let _ = self.values.observe(scale.values[p], w);
        let _ = self
            .top
            .observe(one(top.get(p).copied().unwrap_or(false)), w);
    }
}

impl Merge for WeightedCounts {
    fn merge(&mut self, o: &Self) -> waterline::error::Result<()> {
        if o.counts.len() != self.counts.len() || o.points.len() != self.points.len() {
            return Err(waterline::error::Error::new(
                waterline::error::Code::LengthMismatch,
                "cannot merge weighted counts of different scales",
            ));
        }
        for (a, b) in self.counts.iter_mut().zip(&o.counts) {
            *a += b;
        }
        for (a, b) in self.points.iter_mut().zip(&o.points) {
            a.merge(b)?;
        }
        self.values.merge(&o.values)?;
        self.top.merge(&o.top)
    }
}

/// Which weighted function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WKind {
    /// `wl_weights(weight)`.
    Weights,
    /// `wl_weighted_counts(value, weight, scale, top)`.
    Counts,
    /// `wl_weighted_shift(before, now, weight, scale, top)`.
    Shift,
    /// `wl_weighted_scale(item1, …, itemK, weight, scales)`.
    Scale,
}

/// One weighted aggregate function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WlWeighted {
    kind: WKind,
    signature: Signature,
}

impl WlWeighted {
    pub fn new(kind: WKind) -> Self {
        WlWeighted {
            kind,
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }
}

fn literal(args: &AccumulatorArgs, name: &str, i: usize) -> Result<String> {
    let e = args.exprs.get(i).and_then(|e| e.downcast_ref::<Literal>());
    match e.map(Literal::value) {
        Some(ScalarValue::Utf8(Some(s)))
        | Some(ScalarValue::LargeUtf8(Some(s)))
        | Some(ScalarValue::Utf8View(Some(s))) => Ok(s.clone()),
        _ => plan_err!("{name}: argument {} must be a text literal", i + 1),
    }
}

impl AggregateUDFImpl for WlWeighted {
    fn name(&self) -> &str {
        match self.kind {
            WKind::Weights => "wl_weights",
            WKind::Counts => "wl_weighted_counts",
            WKind::Shift => "wl_weighted_shift",
            WKind::Scale => "wl_weighted_scale",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let name = self.name();
        let n = args.exprs.len();
        match self.kind {
            WKind::Weights if n == 1 => Ok(Box::new(CheckAcc::default())),
            WKind::Weights => plan_err!("{name} takes 1 argument (the weight), got {n}"),
            WKind::Counts if n == 4 => {
                let (scale, top) = scale_and_top(&args, name, 2)?;
                Ok(Box::new(CountsAcc {
                    state: WeightedCounts::new(scale.len()),
                    scale,
                    top,
                }))
            }
            WKind::Counts => {
                plan_err!("{name} takes 4 arguments (value, weight, scale, top), got {n}")
            }
            WKind::Shift if n == 5 => {
                let (scale, top) = scale_and_top(&args, name, 3)?;
                Ok(Box::new(ShiftAcc {
                    state: WeightedSums::new(),
                    scale,
                    top,
                }))
            }
            WKind::Shift => {
                plan_err!("{name} takes 5 arguments (before, now, weight, scale, top), got {n}")
            }
            WKind::Scale if n >= 3 => {
                let scales = crate::scales::parse_scales(&literal(&args, name, n - 1)?, n - 2)?;
                Ok(Box::new(ScaleAcc {
                    state: WeightedScale::new(scales.len()),
                    scales,
                }))
            }
            WKind::Scale => {
                plan_err!("{name} takes the item columns, the weight and the scales, got {n}")
            }
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(state::fields(args.name))
    }
}

/// The scale (argument `at`) and the top-box mask (argument `at + 1`, codes or `''`).
fn scale_and_top(args: &AccumulatorArgs, name: &str, at: usize) -> Result<(Scale, Vec<bool>)> {
    let scale = Scale::parse(name, &literal(args, name, at)?)?;
    let spec = literal(args, name, at + 1)?;
    let mut top = vec![false; scale.len()];
    if !spec.trim().is_empty() {
        for c in Scale::parse(name, &spec)?.codes {
            match scale.codes.iter().position(|x| *x == c) {
                Some(i) => top[i] = true,
                None => return plan_err!("{name}: the top code {c} is not a point of the scale"),
            }
        }
    }
    Ok((scale, top))
}

fn binary<S: Serialize>(s: &S) -> Result<ScalarValue> {
    match serde_json::to_vec(s) {
        Ok(b) => Ok(ScalarValue::Binary(Some(b))),
        Err(e) => exec_err!("waterline: a summary could not be written: {e}"),
    }
}

fn merged(r: waterline::error::Result<()>) -> Result<()> {
    match r {
        Ok(()) => Ok(()),
        Err(e) => exec_err!("waterline: partial states differ: {}", e.message),
    }
}

#[derive(Debug, Default)]
struct CheckAcc {
    state: WeightCheck,
}

impl Accumulator for CheckAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(w) = values.first() else {
            return Ok(());
        };
        for c in weight_cells(w)? {
            self.state.observe(&c);
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        binary(&self.state)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.state)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<WeightCheck>(states)? {
            merged(self.state.merge(&s))?;
        }
        Ok(())
    }
}

#[derive(Debug)]
struct CountsAcc {
    scale: Scale,
    top: Vec<bool>,
    state: WeightedCounts,
}

impl Accumulator for CountsAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (Some(v), Some(w)) = (values.first(), values.get(1)) else {
            return exec_err!("wl_weighted_counts: a value and a weight column expected");
        };
        let (cs, ws) = (cells(&self.scale, v)?, weight_cells(w)?);
        for (c, w) in cs.into_iter().zip(ws) {
            if let (Cell::Point(p), WeightCell::Valid(w)) = (c, w) {
                self.state.observe(&self.scale, &self.top, p, w);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        binary(&self.state)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 96 * self.scale.len()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.state)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<WeightedCounts>(states)? {
            merged(self.state.merge(&s))?;
        }
        Ok(())
    }
}

#[derive(Debug)]
struct ShiftAcc {
    scale: Scale,
    top: Vec<bool>,
    state: WeightedSums,
}

impl Accumulator for ShiftAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (Some(b), Some(a), Some(w)) = (values.first(), values.get(1), values.get(2)) else {
            return exec_err!("wl_weighted_shift: before, now and weight columns expected");
        };
        let (cb, ca) = (cells(&self.scale, b)?, cells(&self.scale, a)?);
        let one = |p: usize| f64::from(u8::from(self.top.get(p).copied().unwrap_or(false)));
        for ((x, y), w) in cb.into_iter().zip(ca).zip(weight_cells(w)?) {
            if let (Cell::Point(x), Cell::Point(y), WeightCell::Valid(w)) = (x, y, w) {
                let _ = self.state.observe(one(y) - one(x), w);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        binary(&self.state)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.state)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<WeightedSums>(states)? {
            merged(self.state.merge(&s))?;
        }
        Ok(())
    }
}

#[derive(Debug)]
struct ScaleAcc {
    scales: Vec<Scale>,
    state: WeightedScale,
}

impl Accumulator for ScaleAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let k = self.scales.len();
        let (Some(w), Some(items)) = (values.get(k), values.get(..k)) else {
            return exec_err!("wl_weighted_scale: {k} item columns and a weight expected");
        };
        let mut cols = Vec::with_capacity(k);
        for (s, v) in self.scales.iter().zip(items) {
            cols.push(cells(s, v)?);
        }
        let mut row = Vec::with_capacity(k);
        for (r, w) in weight_cells(w)?.into_iter().enumerate() {
            let WeightCell::Valid(w) = w else { continue };
            row.clear();
            for (s, c) in self.scales.iter().zip(&cols) {
                match c.get(r) {
                    Some(Cell::Point(p)) => row.push(s.values[*p]),
                    _ => break,
                }
            }
            if row.len() == k {
                let _ = self.state.observe(&row, w);
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        binary(&self.state)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 96 * (self.scales.len() + 1)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.state)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<WeightedScale>(states)? {
            merged(self.state.merge(&s))?;
        }
        Ok(())
    }
}
