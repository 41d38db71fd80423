//! Chunked import (#22, the engine half of the streaming import): the file's bytes arrive in
//! chunks of any size; each run of complete records is parsed with a fixed mapping, summarised
//! per item ([`PointCounts`]) and merged, so memory holds one chunk, the unfinished record and
//! the counts — never the file. [`ChunkedDescribe::finish`] gives the per-item descriptives of
//! the report, the same as [`crate::survey::report::report`]'s `items` on the whole file.
//!
//! What a worker calls: `new(mapping, readOptions)` once (the mapping detected on, or edited
//! from, the file's first chunk), `feed(chunk)` per chunk (progress: `bytes()`, `rows()`;
//! cancel: drop it), `finish(level)` at the end.
//!
//! Scope and limits: point items (Likert, binary, change, category, codes) over all rows;
//! numeric and multi-select items, per-wave breakdowns, shifts, wave comparisons, subgroups
//! and scales still need the whole file (their summaries exist in [`crate::stats::summary`];
//! wiring them here is the next step). Repeated ids are handled within a piece only. A record
//! may not exceed [`MAX_RECORD_BYTES`] (an unclosed quote otherwise holds the rest of the
//! file); each piece obeys the import's limits (128 MiB, 250,000 rows), so chunks must be
//! smaller than that; the file as a whole has no row or size limit (counts are 64-bit).
//! UTF-16 files are refused (a newline byte is not a line end there).

use crate::error::{Code, Error, Result};
use crate::stats::summary::{Merge, PointCounts};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::ItemType;
use crate::survey::issues::ColumnMissing;
use crate::survey::mapping::Mapping;
use crate::survey::report::describe::{empty, finish as finish_item, missing_reasons, point_item};
use crate::survey::report::ItemResult;
use crate::survey::table::{read_bytes, ReadOptions};

/// Longest record (or run of `#` lines before the header) held while waiting for its end.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The per-item descriptives of a survey read in chunks.
#[derive(Debug, Clone)]
pub struct ChunkedDescribe {
    mapping: Mapping,
    options: ReadOptions,
    header: Option<Vec<u8>>,
    pending: Vec<u8>,
    counts: Vec<Option<PointCounts>>,
    missing: Vec<ColumnMissing>,
    rows: u64,
    bytes: u64,
}

/// Ends of records: positions of `\n` outside quoted fields, as the CSV reader sees them: a
/// quote opens a quoted field only at the start of a field (a quote inside an unquoted field
/// is text), `""` inside one is a quote. `delimiter`: the file's, once known; before, any of
/// `,` `;` tab starts a field.
fn record_ends(bytes: &[u8], delimiter: Option<u8>) -> impl Iterator<Item = usize> + '_ {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let is_delim = move |b: u8| match delimiter {
        Some(d) => b == d,
        None => matches!(b, b',' | b';' | b'\t'),
    };
    let mut state = S::Start;
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let (next, end) = match (state, b) {
            (S::Quoted, b'"') => (S::QuoteInQuoted, false),
            (S::Quoted, _) => (S::Quoted, false),
            (S::QuoteInQuoted, b'"') => (S::Quoted, false),
            (S::Start, b'"') => (S::Quoted, false),
            (_, b'\n') => (S::Start, true),
            (_, b) if is_delim(b) => (S::Start, false),
            _ => (S::Unquoted, false),
        };
        state = next;
        end.then_some(i)
    })
}

impl ChunkedDescribe {
    /// A reader that applies `mapping` to every piece of the file.
    pub fn new(mapping: Mapping, options: ReadOptions) -> Self {
        let items = &mapping.instrument.items;
        let counts = items
            .iter()
            .map(|i| {
                (!matches!(
                    i.kind,
                    ItemType::Numeric | ItemType::MultiSelect | ItemType::Text
                ))
                .then(|| PointCounts::new(i.points.iter().map(|p| p.value).collect()))
            })
            .collect();
        ChunkedDescribe {
            mapping,
            options,
            header: None,
            pending: Vec::new(),
            counts,
            missing: Vec::new(),
            rows: 0,
            bytes: 0,
        }
    }

    /// The delimiter byte, once the first piece has been read.
    fn delimiter(&self) -> Option<u8> {
        let d = self.options.delimiter.as_deref()?;
        match d.as_bytes() {
            [b] => Some(*b),
            _ => None,
        }
    }

    /// Bytes fed so far (for a progress bar).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Respondents analysed so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Takes the next chunk; parses and summarises every record it completes.
    ///
    /// # Errors
    /// [`Code::TooLarge`] (`what`: `recordBytes`) when a record grows beyond
    /// [`MAX_RECORD_BYTES`]; the import's errors for a piece; [`Code::BadInput`] for UTF-16.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<()> {
        self.bytes += chunk.len() as u64;
        self.pending.extend_from_slice(chunk);
        if let Some(end) = record_ends(&self.pending, self.delimiter()).last() {
            let piece: Vec<u8> = self.pending.drain(..=end).collect();
            self.piece(&piece)?;
        }
        if self.pending.len() > MAX_RECORD_BYTES {
            return Err(crate::stats::limits::too_large(
                "recordBytes",
                MAX_RECORD_BYTES as f64,
                self.pending.len() as f64,
            ));
        }
        Ok(())
    }

    /// Parses one run of complete records (the first run also holds the header).
    fn piece(&mut self, piece: &[u8]) -> Result<()> {
        if self.header.is_some() && piece.iter().all(u8::is_ascii_whitespace) {
            return Ok(()); // blank lines only: no respondents
        }
        let bytes = match &self.header {
            Some(h) => [h.as_slice(), piece].concat(),
            None => {
                // The header is the first record that is not a `#` note or blank (after a
                // byte-order mark, kept so that every piece decodes alike).
                let bom: &[u8] = if piece.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    &[0xEF, 0xBB, 0xBF]
                } else {
                    &[]
                };
                let mut start = bom.len();
                let mut header = None;
                for end in record_ends(piece, None) {
                    let line = piece.get(start..=end).unwrap_or(&[]);
                    let text = line.strip_suffix(b"\n").unwrap_or(line);
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    if !(text.is_empty() || text.starts_with(b"#")) {
                        header = Some([bom, line].concat());
                        break;
                    }
                    start = end + 1;
                }
                let Some(h) = header else {
                    // Only notes so far: wait for the header (bounded by MAX_RECORD_BYTES).
                    self.pending.splice(0..0, piece.iter().copied());
                    return Ok(());
                };
                let rest = piece.get(start..).unwrap_or(&[]);
                let body_empty = rest
                    .get(h.len().saturating_sub(bom.len())..)
                    .map_or(true, |b| b.iter().all(u8::is_ascii_whitespace));
                self.header = Some(h);
                if body_empty {
                    return Ok(()); // the header alone: its first records come later
                }
                piece.to_vec()
            }
        };
        let table = read_bytes(&bytes, &self.options)?;
        if table.encoding.name.starts_with("utf-16") {
            return Err(Error::new(
                Code::BadInput,
                "a UTF-16 file cannot be read in chunks: save it as UTF-8",
            ));
        }
        // Later pieces are read as the first was.
        self.options.delimiter = Some(table.delimiter.to_string());
        self.options.encoding = Some(table.encoding.name.to_string());
        self.options.shape = Some(table.shape);
        let data = Dataset::build(&table, &self.mapping)?;
        self.add(&data)
    }

    /// Summarises a parsed piece and merges it in.
    fn add(&mut self, data: &Dataset) -> Result<()> {
        self.rows += data.rows as u64;
        for (k, slot) in self.counts.iter_mut().enumerate() {
            let Some(total) = slot else { continue };
            let mut part = PointCounts::new(total.values.clone());
            for v in data.values.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if !v.is_nan() {
                    part.observe(*v);
                }
            }
            total.merge(&part)?;
        }
        self.add_missing(&data.missing);
        Ok(())
    }

    /// Adds a piece's missing-answer counts.
    fn add_missing(&mut self, missing: &[ColumnMissing]) {
        for m in missing {
            match self.missing.iter_mut().find(|x| x.item == m.item) {
                Some(x) => {
                    x.blank += m.blank;
                    x.not_applicable += m.not_applicable;
                    x.declined += m.declined;
                    x.dont_know += m.dont_know;
                    x.invalid += m.invalid;
                    x.total += m.total;
                }
                None => self.missing.push(m.clone()),
            }
        }
    }

    /// The merged counts so far, per point item id (what a distributed aggregate would carry).
    pub fn counts(&self) -> impl Iterator<Item = (&str, &PointCounts)> {
        self.mapping
            .instrument
            .items
            .iter()
            .zip(&self.counts)
            .filter_map(|(i, c)| Some((i.id.as_str(), c.as_ref()?)))
    }

    /// Adds the respondents of `other` — another file, or another part of one file read by
    /// another worker, with the same mapping — to these. Records either holds unfinished are
    /// not merged: call it after each has been given its whole input.
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] when the two were built with different items or points.
    pub fn merge(&mut self, other: &ChunkedDescribe) -> Result<()> {
        let ids = |c: &ChunkedDescribe| -> Vec<String> {
            c.mapping
                .instrument
                .items
                .iter()
                .map(|i| i.id.clone())
                .collect()
        };
        if ids(self) != ids(other) || self.counts.len() != other.counts.len() {
            return Err(crate::stats::summary::shape("items"));
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            match (a, b) {
                (Some(a), Some(b)) => a.merge(b)?,
                (None, None) => {}
                _ => return Err(crate::stats::summary::shape("items")),
            }
        }
        self.add_missing(&other.missing);
        self.rows += other.rows;
        self.bytes += other.bytes;
        Ok(())
    }

    /// Reads what is left (a last record without a line end) and gives the descriptives of
    /// every point item, over all rows, at confidence `level`.
    ///
    /// # Errors
    /// The import's errors for the last piece; [`Code::LevelOutOfRange`].
    pub fn finish(mut self, level: f64) -> Result<Vec<ItemResult>> {
        crate::error::level(level)?;
        if !self.pending.is_empty() {
            let mut last = std::mem::take(&mut self.pending);
            last.push(b'\n');
            self.piece(&last)?;
        }
        let ins = &self.mapping.instrument;
        let mut out = Vec::new();
        for (item, counts) in ins.items.iter().zip(&self.counts) {
            let Some(counts) = counts else { continue };
            let mut r = empty(item);
            point_item(item, counts, level, &mut r);
            finish_item(item, &mut r, self.rows, level);
            if let Some(m) = self.missing.iter().find(|m| m.item == item.id) {
                r.excluded = missing_reasons(m);
            }
            out.push(r);
        }
        Ok(out)
    }
}
