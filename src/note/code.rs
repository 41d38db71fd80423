//! Every note code the engine emits, one list for all areas.
//!
//! Each area adds its codes in its own section (keep them sorted within the section). The
//! macro derives the enum, its snake_case spelling and `NoteCode::ALL`.

use serde::{Deserialize, Serialize};

macro_rules! note_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A stable note code (snake_case at the boundary).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        pub enum NoteCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl NoteCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [NoteCode] = &[$(NoteCode::$variant,)*];

            /// The code as it crosses the boundary, e.g. `"synthetic_data"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(NoteCode::$variant => $name,)*
                }
            }
        }
    };
}

note_codes! {
    // ---- stats (src/stats/) ----

    /// Placeholder so the list is never empty; remove once the section has a real code.
    StatsPlaceholder = "stats_placeholder",

    // ---- survey (src/survey/) ----



    // ---- conditions (src/conditions/) ----



    // ---- toc (src/toc/) ----



    // ---- end ----
}
