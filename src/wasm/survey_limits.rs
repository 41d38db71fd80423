//! The survey import's limits, for the page: above the in-memory ones (128 MiB, 250,000 rows)
//! a file is read in chunks ([`super::survey_stream`], #22), up to the streaming ones. In every
//! build with the Survey area: the page decides at a file's pick whether to stream it.

use super::encode;
use crate::survey::table::{MAX_BYTES, MAX_ROWS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Largest file read in chunks, in bytes (4 GiB). Memory does not grow with the file's bytes
/// (one chunk, the summaries, and each respondent id once); the bound is time: at the 20–55
/// MB/s measured in Chromium on 2 cores (README "Performance"), 4 GiB is a wait of 1.3 to 3.5
/// minutes, as long as a person watches a progress bar. A 2,000,000 × 60 export is 1.9 GB.
pub const MAX_STREAM_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Most respondents read in chunks (10,000,000): forty times the in-memory limit, several
/// cycles of a statewide survey pooled. The counts are 64-bit; the report keeps each
/// respondent id once (about 114 bytes each, measured), so the limit also bounds engine memory
/// to about 1.1 GiB, inside WebAssembly's 4 GiB.
pub const MAX_STREAM_ROWS: u64 = 10_000_000;

/// The limits the page needs: above the in-memory ones a file is read in chunks, up to the
/// streaming ones.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyStreamLimits"))]
#[serde(rename_all = "camelCase")]
pub struct StreamLimits {
    /// In-memory import: largest file, bytes (128 MiB).
    pub memory_bytes: u64,
    /// In-memory import: most data rows (250,000).
    pub memory_rows: u64,
    /// Streaming import: largest file, bytes (4 GiB).
    pub stream_bytes: u64,
    /// Streaming import: most data rows (10,000,000).
    pub stream_rows: u64,
}

/// The in-memory and streaming limits.
pub fn stream_limits() -> StreamLimits {
    StreamLimits {
        memory_bytes: MAX_BYTES as u64,
        memory_rows: MAX_ROWS as u64,
        stream_bytes: MAX_STREAM_BYTES,
        stream_rows: MAX_STREAM_ROWS,
    }
}

/// `too_large` past the streaming limits: `bytes` read (or the file's size), `rows` so far.
///
/// # Errors
/// [`crate::error::Code::TooLarge`] with `what` `streamBytes` or `streamRows`, `limit` and `requested`.
pub fn check_stream(bytes: u64, rows: u64) -> crate::Result<()> {
    crate::stats::limits::at_most("streamBytes", MAX_STREAM_BYTES as f64, bytes as f64)?;
    crate::stats::limits::at_most("streamRows", MAX_STREAM_ROWS as f64, rows as f64)
}

/// The in-memory and streaming limits, for the page (`StreamLimits`).
#[wasm_bindgen(js_name = surveyStreamLimits, unchecked_return_type = "SurveyStreamLimits")]
pub fn survey_stream_limits() -> Result<JsValue, JsValue> {
    encode(&stream_limits())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn limits_are_coded_errors() {
        assert!(check_stream(MAX_STREAM_BYTES, MAX_STREAM_ROWS).is_ok());
        let e = check_stream(MAX_STREAM_BYTES + 1, 0).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
        assert!(
            matches!(e.details.get("what"), Some(crate::error::Detail::Text(w)) if w == "streamBytes")
        );
        let e = check_stream(0, MAX_STREAM_ROWS + 1).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
        let l = stream_limits();
        assert_eq!(
            (l.memory_bytes, l.memory_rows),
            (128 * 1024 * 1024, 250_000)
        );
    }
}
