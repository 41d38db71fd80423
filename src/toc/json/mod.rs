//! JSON text for model files: a strict reader with located errors and a writer whose numbers
//! round-trip exactly.
//!
//! The crate's only JSON crate, `serde_json`, is a dev-dependency, so the core carries this
//! small reader/writer rather than adding a runtime dependency. Both sides go through serde, so
//! the model types derive their JSON form once. Files of the current schema are read by the
//! streaming deserializer ([`from_str`]); the value tree ([`parse`], [`from_value`]) serves the
//! schema-version probe and migrations, which rewrite older files as trees.

mod de;
mod ser;
mod stream;
mod value;

pub(crate) use de::from_value;
pub(crate) use ser::to_string;
pub(crate) use stream::from_str;
pub(crate) use value::{parse, Number, Value};
