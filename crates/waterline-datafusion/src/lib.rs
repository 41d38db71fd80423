//! waterline's survey statistics as Apache DataFusion aggregate functions.
pub use datafusion;
