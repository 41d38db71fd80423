//! `wl_texts(col)`: the rows of each distinct cell text of a column, as a mergeable count (the
//! state is the map text → rows, merged by adding). The CLI reads category, numeric and
//! multi-select items through it — every item's distinct texts in the one aggregation of a
//! group (and wave) — and decodes each distinct text once with the page's importer
//! ([`crate::categories::Decoder`]). Memory: one entry per distinct text per group, not per row.
//! Null cells are not counted; the result is the map as JSON (`{"text": rows, …}`, Binary).
//!
//! `wl_texts(a, b, …)` counts the distinct combinations of texts of two or more columns in the
//! same row, written `a` + [`SEP`] + `b` … (a null cell as empty text; every row counts, so that
//! rows missing either answer are counted as the page counts them): the state of a same-row pair
//! of numeric items, and of a multi-select item with one column per choice
//! ([`crate::choice_columns`]).

use crate::state;
use datafusion::arrow::array::{Array, ArrayRef, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{exec_err, plan_err, Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use std::collections::HashMap;

/// Between the two texts of a pair (the ASCII unit separator, which survey cells do not hold).
pub const SEP: char = '\u{1f}';

/// The `wl_texts` aggregate function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WlTexts {
    signature: Signature,
}

impl Default for WlTexts {
    fn default() -> Self {
        WlTexts {
            signature: Signature::variadic_any(Volatility::Immutable),
        }
    }
}

impl AggregateUDFImpl for WlTexts {
    fn name(&self) -> &str {
        "wl_texts"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if args.exprs.is_empty() {
            return plan_err!("wl_texts takes one column or more");
        }
        Ok(Box::new(TextsAcc::default()))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(state::fields(args.name))
    }
}

#[derive(Debug, Default)]
struct TextsAcc {
    counts: HashMap<String, u64>,
}

impl Accumulator for TextsAcc {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let mut cols = Vec::with_capacity(values.len());
        for v in values {
            cols.push(cast(v, &DataType::Utf8)?);
        }
        let texts: Vec<&StringArray> = cols
            .iter()
            .filter_map(|c| c.as_any().downcast_ref::<StringArray>())
            .collect();
        if texts.len() != values.len() {
            return exec_err!("wl_texts: a column could not be read as text");
        }
        let rows = texts.first().map_or(0, |t| t.len());
        let mut key = String::new();
        for i in 0..rows {
            let k: &str = match texts.as_slice() {
                [a] => match cell(a, i) {
                    Some(a) => a,
                    None => continue,
                },
                _ => {
                    key.clear();
                    for (j, t) in texts.iter().enumerate() {
                        if j > 0 {
                            key.push(SEP);
                        }
                        key.push_str(cell(t, i).unwrap_or(""));
                    }
                    &key
                }
            };
            match self.counts.get_mut(k) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(k.to_string(), 1);
                }
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(serde_json::to_vec(&self.counts).ok()))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.counts.keys().map(|k| k.capacity() + 48).sum::<usize>()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        state::encode(&self.counts)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for s in state::decode::<HashMap<String, u64>>(states)? {
            for (k, n) in s {
                *self.counts.entry(k).or_insert(0) += n;
            }
        }
        Ok(())
    }
}

/// A cell's text, `None` for null.
fn cell(t: &StringArray, i: usize) -> Option<&str> {
    (!t.is_null(i)).then(|| t.value(i))
}

/// A `wl_texts` result: text → rows (empty for null).
pub fn read(a: &dyn Array, row: usize) -> HashMap<String, u64> {
    a.as_any()
        .downcast_ref::<datafusion::arrow::array::BinaryArray>()
        .filter(|b| !b.is_null(row))
        .and_then(|b| serde_json::from_slice(b.value(row)).ok())
        .unwrap_or_default()
}
