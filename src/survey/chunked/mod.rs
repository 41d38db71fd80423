//! Chunked import (#22, the engine half of the streaming import): the file's bytes arrive in
//! chunks of any size; each run of complete records is parsed with a fixed mapping, summarised
//! per item ([`PointCounts`]) and merged, so memory holds one chunk, the unfinished record and
//! the counts — never the file. [`ChunkedDescribe::finish`] gives the per-item descriptives of
//! the report, the same as [`crate::survey::report::report`]'s `items` on the whole file.
//!
//! What a worker calls: `new(mapping, readOptions)` once (the mapping detected on, or edited
//! from, the file's first chunk), `feed(chunk)` per chunk (progress: `bytes()`, `rows()`;
//! cancel: drop it), `finish(level)` at the end; for the whole report,
//! `ChunkedReport::new(mapping, readOptions, reportOptions)`, `feed`, `finish()`. Parts read
//! by several readers `merge` (the argument is the later part of the file).
//!
//! [`ChunkedDescribe`] covers point items (Likert, binary, change, category, codes) over all
//! rows; [`ChunkedReport`] (in `report.rs`, its memory per respondent stated there) gives the
//! whole [`crate::survey::Report`], equal to the in-memory one. Both split the bytes into
//! pieces with one `Reader`; the first piece waits for [`FIRST_RECORDS`] records after the
//! header (or the end of the file) so that the export's extra header rows (Qualtrics,
//! SurveyMonkey) head every later piece. A record
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
use crate::survey::table::{read_bytes, ReadOptions, Shape, Table};

mod report;
mod state;

pub use report::ChunkedReport;

/// Records after the header the first piece waits for (or the end of the file), so that the
/// export's shape — how many header rows every later piece needs — is known.
pub const FIRST_RECORDS: usize = 8;

/// Longest record (or run of `#` lines before the header) held while waiting for its end.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The per-item descriptives of a survey read in chunks.
#[derive(Debug, Clone)]
pub struct ChunkedDescribe {
    mapping: Mapping,
    reader: Reader,
    counts: Vec<Option<PointCounts>>,
    missing: Vec<ColumnMissing>,
    rows: u64,
}

/// Splits a file's bytes, arriving in chunks of any size, into pieces of whole records, each
/// read as a [`Table`] with the header of the first and the delimiter and encoding the first
/// piece was read with. Holds the header, the unfinished record and nothing else.
#[derive(Debug, Clone)]
pub(crate) struct Reader {
    options: ReadOptions,
    header: Option<Vec<u8>>,
    pending: Vec<u8>,
    bytes: u64,
}

/// Ends of records: positions of `\n` outside quoted fields, as the CSV reader sees them: a
/// quote opens a quoted field only at the start of a field (a quote inside an unquoted field
/// is text), `""` inside one is a quote. `delimiter`: the file's, once known; before, any of
/// `,` `;` tab starts a field.
/// Whether two readers' mappings list the same items in the same order (what [`ChunkedDescribe::merge`]
/// and [`ChunkedReport::merge`] require of the pieces they join).
pub(crate) fn same_items(a: &Mapping, b: &Mapping) -> bool {
    a.instrument
        .items
        .iter()
        .map(|i| &i.id)
        .eq(b.instrument.items.iter().map(|i| &i.id))
}

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

impl Reader {
    /// A reader with the import's options (the delimiter and encoding are fixed by the first
    /// piece).
    pub(crate) fn new(options: ReadOptions) -> Self {
        Reader {
            options,
            header: None,
            pending: Vec::new(),
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

    /// Bytes fed so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// True when bytes are held that [`Reader::finish`] would read.
    pub(crate) fn holds_records(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Counts bytes another reader was fed (merged readers report the bytes of both).
    pub(crate) fn add_bytes(&mut self, n: u64) {
        self.bytes += n;
    }

    /// The repeated-id policy the pieces are read with.
    pub(crate) fn duplicates(&self) -> crate::survey::DuplicatePolicy {
        self.options.duplicates.unwrap_or_default()
    }

    /// The table of the header alone (or of nothing), for a file without records.
    ///
    /// # Errors
    /// The import's errors (an empty file is `csv_empty`).
    pub(crate) fn header_only(&self) -> Result<Table> {
        read_bytes(self.header.as_deref().unwrap_or(&[]), &self.options)
    }

    /// Takes the next chunk; parses and summarises every record it completes.
    ///
    /// # Errors
    /// [`Code::TooLarge`] (`what`: `recordBytes`) when a record grows beyond
    /// [`MAX_RECORD_BYTES`]; the import's errors for a piece; [`Code::BadInput`] for UTF-16.
    pub(crate) fn feed(&mut self, chunk: &[u8]) -> Result<Option<Table>> {
        self.bytes += chunk.len() as u64;
        self.pending.extend_from_slice(chunk);
        let mut table = None;
        if let Some(end) = record_ends(&self.pending, self.delimiter()).last() {
            let piece: Vec<u8> = self.pending.drain(..=end).collect();
            table = self.piece(&piece, false)?;
        }
        if self.pending.len() > MAX_RECORD_BYTES {
            return Err(crate::stats::limits::too_large(
                "recordBytes",
                MAX_RECORD_BYTES as f64,
                self.pending.len() as f64,
            ));
        }
        Ok(table)
    }

    /// Parses one run of complete records (the first run also holds the header).
    fn piece(&mut self, piece: &[u8], last: bool) -> Result<Option<Table>> {
        if self.header.is_some() && piece.iter().all(u8::is_ascii_whitespace) {
            return Ok(None); // blank lines only: no respondents
        }
        let table = match &self.header {
            Some(h) => read_bytes(&[h.as_slice(), piece].concat(), &self.options)?,
            None => {
                // The header is the first record that is not a `#` note or blank (after a
                // byte-order mark, kept so that every piece decodes alike).
                let bom: &[u8] = if piece.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    &[0xEF, 0xBB, 0xBF]
                } else {
                    &[]
                };
                let ends: Vec<usize> = record_ends(piece, None).collect();
                let mut start = bom.len();
                let mut found = None;
                for (i, &end) in ends.iter().enumerate() {
                    let line = piece.get(start..=end).unwrap_or(&[]);
                    let text = line.strip_suffix(b"\n").unwrap_or(line);
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    if !(text.is_empty() || text.starts_with(b"#")) {
                        found = Some((start, i));
                        break;
                    }
                    start = end + 1;
                }
                // The first piece holds the header and FIRST_RECORDS records (or the whole
                // file): enough to tell the export's shape, whose extra header rows (Qualtrics,
                // SurveyMonkey) then head every later piece. Until then, wait (bounded by
                // MAX_RECORD_BYTES).
                let enough = found.is_some_and(|(_, i)| ends.len() - i > FIRST_RECORDS);
                let Some((start, i)) = found.filter(|_| enough || last) else {
                    self.pending.splice(0..0, piece.iter().copied());
                    return Ok(None);
                };
                let table = read_bytes(piece, &self.options)?;
                let rows = match table.shape {
                    Shape::OneHeader => 1,
                    Shape::SurveyMonkey => 2,
                    Shape::Qualtrics => 3,
                };
                let end = ends
                    .get(i + rows - 1)
                    .copied()
                    .unwrap_or(piece.len().saturating_sub(1));
                self.header = Some([bom, piece.get(start..=end).unwrap_or(&[])].concat());
                table
            }
        };
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
        Ok(Some(table))
    }

    /// Reads what is left (a last record without a line end).
    ///
    /// # Errors
    /// The import's errors for the last piece.
    pub(crate) fn finish(&mut self) -> Result<Option<Table>> {
        if self.pending.is_empty() {
            return Ok(None);
        }
        let mut last = std::mem::take(&mut self.pending);
        last.push(b'\n');
        self.piece(&last, true)
    }
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
            reader: Reader::new(options),
            counts,
            missing: Vec::new(),
            rows: 0,
        }
    }

    /// Bytes fed so far (for a progress bar).
    pub fn bytes(&self) -> u64 {
        self.reader.bytes
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
        if let Some(table) = self.reader.feed(chunk)? {
            let data = Dataset::build(&table, &self.mapping)?;
            self.add(&data)?;
        }
        Ok(())
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
    /// another worker, with the same mapping — to these. Call it after each has been given its
    /// whole input: what either still holds is read as its last record ([`Self::flush`]).
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] when the two were built with different items or points.
    pub fn merge(&mut self, other: &ChunkedDescribe) -> Result<()> {
        // A first piece is held until it tells the export's shape: read what each holds.
        self.flush()?;
        if other.reader.holds_records() {
            let mut other = other.clone();
            other.flush()?;
            return self.merge(&other);
        }
        if !same_items(&self.mapping, &other.mapping) || self.counts.len() != other.counts.len() {
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
        self.reader.bytes += other.reader.bytes;
        Ok(())
    }

    /// Reads what this reader still holds (the last record without a line end, or a first
    /// piece of fewer than [`FIRST_RECORDS`] records) as the end of its input.
    ///
    /// # Errors
    /// The import's errors for those records.
    pub fn flush(&mut self) -> Result<()> {
        if let Some(table) = self.reader.finish()? {
            let data = Dataset::build(&table, &self.mapping)?;
            self.add(&data)?;
        }
        Ok(())
    }

    /// Reads what is left (a last record without a line end) and gives the descriptives of
    /// every point item, over all rows, at confidence `level`.
    ///
    /// # Errors
    /// The import's errors for the last piece; [`Code::LevelOutOfRange`].
    pub fn finish(mut self, level: f64) -> Result<Vec<ItemResult>> {
        crate::error::level(level)?;
        self.flush()?;
        let placed = crate::survey::report::with_unplaced(&self.mapping.instrument, &self.missing);
        let ins = placed.as_ref().unwrap_or(&self.mapping.instrument);
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
