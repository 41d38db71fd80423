//! JSON text for model files: a strict reader with located errors and a writer whose numbers
//! round-trip exactly.
//!
//! The crate's only JSON crate, `serde_json`, is a dev-dependency, so the core carries this
//! small reader/writer (about 600 lines) rather than adding a runtime dependency. Both sides go
//! through serde, so the model types derive their JSON form once.

mod de;
mod ser;
mod value;

pub(crate) use de::from_value;
pub(crate) use ser::to_string;
pub(crate) use value::{parse, Number, Value};
