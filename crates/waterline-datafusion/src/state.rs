//! How a summary crosses DataFusion's partial → final boundary: its serde form (JSON) in one
//! Binary column. A Ballista shuffle, or any engine that moves Arrow record batches between
//! machines, carries it unchanged, and a reader can decode a state with any JSON tool.

use datafusion::arrow::array::{Array, ArrayRef, BinaryArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{exec_err, Result, ScalarValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;

/// The one state field of every waterline aggregate.
pub fn fields(name: &str) -> Vec<FieldRef> {
    vec![Arc::new(Field::new(
        format!("{name}[summary]"),
        DataType::Binary,
        true,
    ))]
}

/// A summary as its state value.
pub fn encode<S: Serialize>(summary: &S) -> Result<Vec<ScalarValue>> {
    match serde_json::to_vec(summary) {
        Ok(bytes) => Ok(vec![ScalarValue::Binary(Some(bytes))]),
        Err(e) => exec_err!("waterline: a summary could not be written: {e}"),
    }
}

/// Every summary in a batch of states, in row order (null rows skipped).
pub fn decode<S: DeserializeOwned>(states: &[ArrayRef]) -> Result<Vec<S>> {
    let Some(column) = states.first() else {
        return exec_err!("waterline: a state batch without its summary column");
    };
    let Some(binary) = column.as_any().downcast_ref::<BinaryArray>() else {
        return exec_err!(
            "waterline: a summary column of type {}, not Binary",
            column.data_type()
        );
    };
    let mut out = Vec::with_capacity(binary.len());
    for i in 0..binary.len() {
        if binary.is_null(i) {
            continue;
        }
        match serde_json::from_slice(binary.value(i)) {
            Ok(s) => out.push(s),
            Err(e) => return exec_err!("waterline: a summary could not be read: {e}"),
        }
    }
    Ok(out)
}
