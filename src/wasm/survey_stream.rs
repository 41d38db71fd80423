//! Bindings of the streaming import (#22, the tab half): a [`SurveyStream`] over one core type,
//! [`ChunkedReport`], fed the file's bytes chunk by chunk by the worker (`www/worker.js`, op
//! `surveyStream`), so that memory holds one chunk and the report's summaries, never the file.
//!
//! The mapping is the one the page has after reading the file's first chunk with the
//! in-memory import (detected, or edited and applied there). `finish()` gives the same
//! `SurveyReport` as `Survey.report` on the whole file (`tests/survey_chunked_report.rs`).
//!
//! Limits (`MAX_STREAM_BYTES`, `MAX_STREAM_ROWS`, in [`super::survey_limits`]) are coded
//! `too_large` errors (`what`: `streamBytes`, `streamRows`); the in-memory limits stay those of
//! [`crate::survey::table`].
//!
//! Only a file above the in-memory limits is streamed, so the Survey area's own build leaves
//! this module out (feature `deferred`, issue 21): the worker takes it from the whole engine,
//! waiting for it if need be (`www/engine.js` `provide`).

use super::survey_limits::check_stream;
use super::{core, decode, encode, number, to_js_error};
use crate::error::{Code, Error};
use crate::survey::chunked::ChunkedReport;
use crate::survey::report::ReportOptions;
use crate::survey::{Mapping, ReadOptions};
use wasm_bindgen::prelude::*;

/// A survey file read in chunks: construct with the mapping, `feed` each chunk, `finish`.
#[wasm_bindgen]
pub struct SurveyStream {
    inner: Option<ChunkedReport>,
}

fn finished() -> JsValue {
    to_js_error(Error::new(
        Code::BadInput,
        "the stream is finished: create another to read again",
    ))
}

impl SurveyStream {
    /// An empty stream, for the freed-object guard installed at start-up (`guard.rs`).
    pub(crate) fn placeholder() -> SurveyStream {
        SurveyStream { inner: None }
    }
}

#[wasm_bindgen]
impl SurveyStream {
    /// A reader applying `mapping` (as `Survey.mapping()` gives it, `columns` ignored) with
    /// `readOptions` to every chunk; `options` are the report's. Throws `bad_input` (also for
    /// a weighted mapping, `what: weights`: the weights' summary needs the whole file),
    /// `level_out_of_range`, `parameter_out_of_range`, `unknown_id` or `too_large` (`groupBy`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SurveyMapping")] mapping: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReadOptions | undefined | null")]
        read_options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReportOptions | undefined | null")]
        options: JsValue,
    ) -> Result<SurveyStream, JsValue> {
        let mapping: Mapping = decode("mapping", mapping)?;
        let read_options: Option<ReadOptions> = decode("readOptions", read_options)?;
        let options: Option<ReportOptions> = decode("options", options)?;
        let inner = core(ChunkedReport::new(
            mapping,
            read_options.unwrap_or_default(),
            options.unwrap_or_default(),
        ))?;
        Ok(SurveyStream { inner: Some(inner) })
    }

    /// Reads the next chunk (a `Uint8Array` of any size; the worker uses 8 MiB). Throws
    /// `too_large` (`streamBytes`, `streamRows`, `recordBytes`), the import's errors for a
    /// piece, or `bad_input`.
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        let Some(array) = chunk.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(to_js_error(
                Error::new(Code::BadInput, "chunk must be a Uint8Array").with("argument", "chunk"),
            ));
        };
        let inner = self.inner.as_mut().ok_or_else(finished)?;
        core(check_stream(
            inner.bytes() + u64::from(array.length()),
            inner.rows(),
        ))?;
        core(inner.feed(&array.to_vec()))?;
        core(check_stream(inner.bytes(), inner.rows()))
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |c| c.bytes() as f64)
    }

    /// Respondents read so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |c| c.rows() as f64)
    }

    /// Reads the last record and gives the report (`SurveyReport`). Throws the import's
    /// errors, `too_large` (`streamRows`), `duplicate_respondent` (an id repeated in two
    /// pieces under a policy that drops rows), or `bad_input` when called twice.
    #[wasm_bindgen(unchecked_return_type = "SurveyReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let mut inner = self.inner.take().ok_or_else(finished)?;
        // A line end completes a last record written without one (as `finish` itself does),
        // so that `rows()` counts it before `finish` consumes the reader.
        core(inner.feed(b"\n"))?;
        core(check_stream(0, inner.rows()))?;
        encode(&core(inner.finish())?)
    }
}

/// Refuses a file larger than `MAX_STREAM_BYTES` (4 GiB) before any of it is read. Throws
/// `too_large` (`what`: `streamBytes`) or `bad_input`.
#[wasm_bindgen(js_name = checkSurveyStreamSize)]
pub fn check_survey_stream_size(
    #[wasm_bindgen(unchecked_param_type = "number")] bytes: JsValue,
) -> Result<(), JsValue> {
    let bytes = number("bytes", &bytes)?;
    core(check_stream(bytes.max(0.0) as u64, 0))
}

/// The engine's linear memory in bytes (the wasm `memory.buffer.byteLength`; 0 off wasm), so
/// that the worker can report the streaming import's peak (wasm memory never shrinks).
#[wasm_bindgen(js_name = engineMemoryBytes)]
pub fn engine_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Survey;

    /// The streamed report equals the in-memory one on the built-in example, read in chunks
    /// of 1, 7 and 4,096 bytes, with the line end `finish` adds (as the binding feeds it).
    #[test]
    fn streamed_report_is_the_in_memory_report() {
        let csv = crate::survey::example::PARENTS_CSV;
        let survey = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
        let options = ReportOptions::default();
        let full = serde_json::to_string(&survey.report(&options).unwrap()).unwrap();
        for size in [1, 7, 4096] {
            let mut c = ChunkedReport::new(
                survey.mapping().clone(),
                ReadOptions::default(),
                options.clone(),
            )
            .unwrap();
            for chunk in csv.as_bytes().chunks(size) {
                c.feed(chunk).unwrap();
            }
            c.feed(b"\n").unwrap();
            let r = serde_json::to_string(&c.finish().unwrap()).unwrap();
            assert_eq!(r, full, "chunks of {size} bytes");
        }
    }
}
