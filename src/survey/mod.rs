//! The evaluator's survey outcome statistics: instruments, CSV import and confidence shifts.
//!
//! Built on [`crate::stats`]; knows nothing of JavaScript.
