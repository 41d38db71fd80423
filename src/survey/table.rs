//! Reading a survey export into a column-wise table of distinct values.
//!
//! The file's bytes are decoded first ([`super::encoding`]: byte-order mark, valid UTF-8, or
//! Windows-1252). Then one pass over the text's bytes with [`super::fast`] (RFC 4180 as the
//! `csv` crate reads it: quoted fields, embedded line breaks, CRLF; fields found by
//! [`super::scan`]'s SIMD masks, borrowed from the text), which recovers from unclosed quotes at
//! the line where they opened; [`super::records`] over the `csv` crate is its test oracle.
//! Before it: leading `#` lines are kept as notes (`# key: value` lines also as metadata), and
//! the delimiter is detected (`,`, `;` as Spanish-locale spreadsheets write, or tab). The header shape is detected from the first
//! three records ([`super::header_rows`]): one header row (Google Forms and most tools),
//! SurveyMonkey's two (question, then sub-answer or "Response") or Qualtrics' three (ids,
//! question text, ImportId JSON), and what the extra rows say is kept per column.
//!
//! Each column is stored *dictionary-encoded*: its distinct values (trimmed) once, with counts
//! and the first row of each, and one `u32` per row. Reading allocates only for a new distinct
//! value, so 100,000 respondents × 40 items is one linear pass; detection and re-applying an
//! edited mapping then work on the distinct values, not on the cells.

pub use super::dict::Dict;
use super::duplicates::DuplicatePolicy;
use super::encoding::{decode, replacement_issues, EncodingInfo};
use super::fast::{Cells, FastRecords, RowSource};
use super::header_rows::{build_columns, detect_shape};
use super::issues::Issue;
use super::labels::fold;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// Largest file accepted, in bytes (128 MiB).
pub const MAX_BYTES: usize = 128 * 1024 * 1024;
/// Most data rows accepted (respondents).
pub const MAX_ROWS: usize = 250_000;
/// Most columns accepted.
pub const MAX_COLUMNS: usize = 2_000;

/// How the header of an export is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyShape"))]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One header row (Google Forms, Microsoft Forms, a spreadsheet).
    OneHeader,
    /// SurveyMonkey: question row, then a sub-answer row ("Response", choice or matrix row).
    SurveyMonkey,
    /// Qualtrics: ids, question text, then `{"ImportId":...}`.
    Qualtrics,
}

impl Shape {
    fn header_rows(self) -> usize {
        match self {
            Shape::OneHeader => 1,
            Shape::SurveyMonkey => 2,
            Shape::Qualtrics => 3,
        }
    }
}

/// Options for reading; everything is detected when left out.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyReadOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadOptions {
    /// The field delimiter: `","`, `";"` or `"\t"`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub delimiter: Option<String>,
    /// The header shape.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub shape: Option<Shape>,
    /// The character encoding, e.g. `"windows-1252"` (see
    /// [`ENCODINGS`](super::encoding::ENCODINGS)); detected when left out. Ignored by the text
    /// constructor.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub encoding: Option<String>,
    /// Which rows of a repeated respondent id are analysed; default
    /// [`DuplicatePolicy::KeepLast`].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub duplicates: Option<DuplicatePolicy>,
}

/// What a column's extra header rows say it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyHeaderKind"))]
#[serde(rename_all = "snake_case")]
pub enum HeaderKind {
    /// Nothing beyond the header text (one header row).
    #[default]
    Plain,
    /// A single answer: SurveyMonkey "Response", a Qualtrics question without sub-part.
    Response,
    /// A text box: SurveyMonkey "Open-Ended Response".
    OpenEnded,
    /// One choice of a multi-select or one row of a matrix (its text in `sub`).
    Choice,
    /// Qualtrics "… - Selected Choice": the choices picked, in one column.
    SelectedChoice,
    /// Text typed into "Other (please specify)": Qualtrics `_TEXT`, SurveyMonkey's
    /// "Other (please specify)".
    TextEntry,
    /// An export's own column (dates, ids, status), not a question.
    Metadata,
}

/// One column of the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyColumn"))]
#[serde(rename_all = "camelCase")]
pub struct Column {
    /// Unique key used by the mapping: the Qualtrics id, else the header text (with " (2)"...
    /// added to repeated headers).
    pub key: String,
    /// Header text as a person reads it ("question - sub-answer" for SurveyMonkey matrices).
    pub header: String,
    /// The question part of the header.
    pub question: String,
    /// The sub-question or choice text: SurveyMonkey's second header row when it names a
    /// choice or matrix row, a Qualtrics matrix row, a Google Forms grid row ("" otherwise).
    pub sub: String,
    /// What the extra header rows say the column is.
    pub kind: HeaderKind,
    /// Qualtrics: the import id from the third header row (`"QID4_1"`, `"startDate"`).
    pub import_id: Option<String>,
    /// Qualtrics: the question the column belongs to (`"QID4"`).
    pub question_id: Option<String>,
    /// Qualtrics: the choice or matrix row within the question (`"1"`).
    pub choice_id: Option<String>,
    /// Text typed into an "Other (please specify)" box: an answer to its question.
    pub text_entry: bool,
}

/// A survey export read into memory, column-wise.
#[derive(Debug, Clone)]
pub struct Table {
    /// The detected (or given) header shape.
    pub shape: Shape,
    /// The delimiter used.
    pub delimiter: char,
    /// Text of the leading `#` lines, without the `#`.
    pub notes: Vec<String>,
    /// `# key: value` lines among the notes, keys folded (e.g. `("wave sizes", "assumed")`).
    pub metadata: Vec<(String, String)>,
    /// The columns, in file order.
    pub columns: Vec<Column>,
    /// Distinct values per column.
    pub dicts: Vec<Dict>,
    /// Per column, per row: the index of the cell's value in the column's [`Dict`].
    pub cells: Vec<Vec<u32>>,
    /// Per row: the 1-based file line where the row starts.
    pub lines: Vec<u64>,
    /// Rows whose fields were all empty; skipped.
    pub blank_rows: u64,
    /// Ragged rows, unclosed quotes and replacement characters.
    pub issues: Vec<Issue>,
    /// The encoding the file was read with.
    pub encoding: EncodingInfo,
    /// The duplicate-id policy to apply.
    pub duplicates: DuplicatePolicy,
}

impl Table {
    /// The number of data rows (respondents).
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// The index of the column with key `key`.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The 1-based file line of row `row`.
    pub fn line(&self, row: u32) -> u64 {
        self.lines.get(row as usize).copied().unwrap_or(0)
    }

    /// The table with only the rows where `keep` is true (rows past `keep`'s end are kept),
    /// their lines unchanged and each column's counts recomputed.
    pub fn keep_rows(&self, keep: &[bool]) -> Table {
        let rows: Vec<usize> = (0..self.rows())
            .filter(|&r| keep.get(r).copied().unwrap_or(true))
            .collect();
        let mut dicts = Vec::with_capacity(self.dicts.len());
        let mut cells = Vec::with_capacity(self.cells.len());
        for (dict, column) in self.dicts.iter().zip(&self.cells) {
            let mut d = dict.clone();
            d.counts.iter_mut().for_each(|c| *c = 0);
            d.first_row.iter_mut().for_each(|f| *f = u32::MAX);
            let kept: Vec<u32> = rows
                .iter()
                .enumerate()
                .map(|(new, &r)| {
                    let e = column.get(r).copied().unwrap_or(0);
                    if let Some(c) = d.counts.get_mut(e as usize) {
                        *c += 1;
                    }
                    if let Some(f) = d.first_row.get_mut(e as usize) {
                        *f = (*f).min(new as u32);
                    }
                    e
                })
                .collect();
            dicts.push(d);
            cells.push(kept);
        }
        Table {
            shape: self.shape,
            delimiter: self.delimiter,
            notes: self.notes.clone(),
            metadata: self.metadata.clone(),
            columns: self.columns.clone(),
            dicts,
            cells,
            lines: rows.iter().map(|&r| self.line(r as u32)).collect(),
            blank_rows: self.blank_rows,
            issues: self.issues.clone(),
            encoding: self.encoding.clone(),
            duplicates: self.duplicates,
        }
    }
}

/// Picks `,`, `;` or tab: the candidate that splits the first lines into the same, largest
/// number of fields (quotes respected).
fn detect_delimiter(text: &str) -> u8 {
    let candidates = [b',', b';', b'\t'];
    let mut per_line: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in text.as_bytes().iter().take(256 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                per_line.push(counts);
                counts = [0; 3];
                if per_line.len() >= 20 {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(k) = candidates.iter().position(|c| *c == b) {
                    counts[k] += 1;
                }
            }
            _ => {}
        }
    }
    if per_line.len() < 20 && counts.iter().any(|c| *c > 0) {
        per_line.push(counts);
    }
    let Some(first) = per_line.first().copied() else {
        return b',';
    };
    let mut best = (0usize, 0usize, b',');
    for (k, d) in candidates.iter().enumerate() {
        if first[k] == 0 {
            continue;
        }
        let agree = per_line.iter().filter(|l| l[k] == first[k]).count();
        if (agree, first[k]) > (best.0, best.1) {
            best = (agree, first[k], *d);
        }
    }
    best.2
}

fn delimiter_from(option: &str) -> Result<u8> {
    match option {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "\t" | "tab" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err(Error::new(
            Code::BadInput,
            format!("the delimiter must be \",\", \";\", \"|\" or a tab, got {option:?}"),
        )
        .with("delimiter", option)),
    }
}

/// Excel's delimiter line, `sep=;` (or `sep=,`, `sep=<tab>`, `sep=|`), which Excel writes first
/// and reads as "the fields are separated by this" rather than as a row: the delimiter it
/// names, `None` for any other line.
fn sep_directive(line: &str) -> Option<u8> {
    let value = line.trim_end_matches(['\r', '\n']);
    let value = value
        .strip_prefix("sep=")
        .or_else(|| value.strip_prefix("SEP="))?;
    match value.as_bytes() {
        [d @ (b',' | b';' | b'\t' | b'|')] => Some(*d),
        _ => None,
    }
}

/// Strips the byte-order mark, an Excel `sep=` line and the leading `#` / blank lines; returns
/// the rest, the notes, the number of lines removed and the delimiter a `sep=` line named.
fn split_preamble(text: &str) -> (&str, Vec<String>, u64, Option<u8>) {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut notes = Vec::new();
    let mut skipped = 0;
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let sep = sep_directive(rest.get(..first_end).unwrap_or(""));
    if sep.is_some() {
        rest = rest.get(first_end..).unwrap_or("");
        skipped += 1;
    }
    loop {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest.get(..line_end).unwrap_or("");
        let trimmed = line.trim();
        if line.is_empty() || !(trimmed.is_empty() || trimmed.starts_with('#')) {
            break;
        }
        if let Some(note) = trimmed.strip_prefix('#') {
            notes.push(note.trim().to_string());
        }
        skipped += 1;
        rest = rest.get(line_end..).unwrap_or("");
    }
    (rest, notes, skipped, sep)
}

fn too_large_bytes(len: usize) -> Error {
    Error::new(
        Code::TooLarge,
        format!("the file has {len} bytes; at most {MAX_BYTES} (128 MiB) are accepted"),
    )
    .with("bytes", len)
    .with("limit", MAX_BYTES)
}

/// Reads a survey export from the file's bytes, detecting (or, with
/// [`ReadOptions::encoding`], applying) its character encoding.
///
/// # Errors
/// Those of [`read`], and [`Code::BadInput`] for an unknown `encoding` option.
pub fn read_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large_bytes(bytes.len()));
    }
    let (text, encoding) = decode(bytes, options.encoding.as_deref())?;
    read_decoded(&text, options, encoding)
}

/// Reads a survey export from text that was decoded before it reached the engine.
///
/// # Errors
/// [`Code::TooLarge`] past [`MAX_BYTES`], [`MAX_ROWS`] (details `rows`: the file's data rows,
/// `limit`) or [`MAX_COLUMNS`]; [`Code::CsvEmpty`] without a header or without data rows;
/// [`Code::CsvMalformed`] when the reader fails; [`Code::BadInput`] for an unknown delimiter
/// option. Ragged rows, unclosed quotes and U+FFFD in cells are not errors: they are returned
/// in [`Table::issues`].
pub fn read(text: &str, options: &ReadOptions) -> Result<Table> {
    read_decoded(text, options, EncodingInfo::text())
}

fn read_decoded(text: &str, options: &ReadOptions, encoding: EncodingInfo) -> Result<Table> {
    if text.len() > MAX_BYTES {
        return Err(too_large_bytes(text.len()));
    }
    read_with(text, options, encoding, FastRecords::new)
}

/// [`read_decoded`] with the `csv` crate's reader ([`Records`]): the oracle of the tests.
#[cfg(test)]
pub(crate) fn read_with_csv_crate(text: &str, options: &ReadOptions) -> Result<Table> {
    read_with(
        text,
        options,
        EncodingInfo::text(),
        |body, delimiter, skipped| super::fast::CsvRows {
            records: super::records::Records::new(body, delimiter, skipped),
            record: csv::ByteRecord::new(),
        },
    )
}

/// The `#` notes, the delimiter (given or detected), then the rows of the reader `records`
/// builds over the body (its bytes, the delimiter, the lines skipped before it).
fn read_with<'a, R: RowSource>(
    text: &'a str,
    options: &ReadOptions,
    encoding: EncodingInfo,
    records: impl FnOnce(&'a [u8], u8, u64) -> R,
) -> Result<Table> {
    let (body, notes, skipped, sep) = split_preamble(text);
    let metadata = notes
        .iter()
        .filter_map(|n| n.split_once(':'))
        .map(|(k, v)| (fold(k), v.trim().to_string()))
        .collect();
    let delimiter = match &options.delimiter {
        Some(d) => delimiter_from(d)?,
        None => sep.unwrap_or_else(|| detect_delimiter(body)),
    };
    let mut records = records(body.as_bytes(), delimiter, skipped);
    rows_into_table(
        &mut records,
        options,
        notes,
        metadata,
        delimiter,
        encoding,
        body.len(),
    )
}

/// Reads the header rows and then every row of `records` into the table.
fn rows_into_table(
    records: &mut impl RowSource,
    options: &ReadOptions,
    notes: Vec<String>,
    metadata: Vec<(String, String)>,
    delimiter: u8,
    encoding: EncodingInfo,
    body_len: usize,
) -> Result<Table> {
    let mut head = Vec::new();
    while head.len() < 3 {
        match records.next_row()? {
            Some(line) => head.push((records.record(), line, records.segment())),
            None => break,
        }
    }
    let head_records: Vec<csv::ByteRecord> = head.iter().map(|h| h.0.clone()).collect();
    let shape = options.shape.unwrap_or_else(|| detect_shape(&head_records));
    let nheader = shape.header_rows();
    let ncols = head.first().map_or(0, |h| h.0.len());
    if head.len() < nheader || ncols == 0 {
        return Err(Error::new(Code::CsvEmpty, "the file has no header row")
            .with("shape", format!("{shape:?}")));
    }
    if ncols > MAX_COLUMNS {
        return Err(Error::new(
            Code::TooLarge,
            format!("the file has {ncols} columns; at most {MAX_COLUMNS} are accepted"),
        )
        .with("columns", ncols)
        .with("limit", MAX_COLUMNS));
    }
    let columns = build_columns(shape, &head_records, ncols);
    // Reserve for the rows the file probably holds (its size over the first row's size).
    let first_len = head
        .get(nheader)
        .map_or(0, |r| r.0.as_slice().len() + r.0.len());
    let expected = (body_len / first_len.max(1)).min(MAX_ROWS);
    let mut table = Table {
        shape,
        delimiter: char::from(delimiter),
        notes,
        metadata,
        columns,
        dicts: (0..ncols).map(|_| Dict::new()).collect(),
        cells: vec![Vec::with_capacity(expected); ncols],
        lines: Vec::with_capacity(expected),
        blank_rows: 0,
        issues: Vec::new(),
        encoding,
        duplicates: options.duplicates.unwrap_or_default(),
    };
    let mut rows = RowSink {
        ragged: Vec::new(),
        per_segment: Vec::new(),
        ncols,
    };
    for (rec, line, seg) in head.iter().skip(nheader) {
        rows.push(&mut table, rec, *line, *seg)?;
    }
    while let Some(line) = records.next_row()? {
        let seg = records.segment();
        if let Err(e) = rows.push(&mut table, &*records, line, seg) {
            return Err(count_rows(e, records));
        }
    }
    table.issues.extend(rows.ragged.into_iter().map(|(_, i)| i));
    if table.rows() == 0 {
        return Err(Error::new(
            Code::CsvEmpty,
            "the file has a header but no data rows",
        ));
    }
    for (k, q) in records.open_quotes().into_iter().enumerate() {
        let after: u64 = rows.per_segment.iter().skip(k + 1).sum();
        let mut issue = Issue::new(
            Code::UnclosedQuote,
            format!("a quoted field that starts on line {} is never closed; it was read to the end of that line, and the {after} rows after it were read again from the next line — add the missing '\"'", q.line),
            q.line,
        );
        issue.column = table.columns.get(q.field).map(|c| c.header.clone());
        issue.rows_affected = Some(after);
        issue.treatment = "recovered";
        table.issues.push(issue);
    }
    let header_line = head.first().map_or(1, |h| h.1);
    table.issues.extend(replacement_issues(&table, header_line));
    Ok(table)
}

/// Past [`MAX_ROWS`]: counts the rest of the rows so the error names the file's row count.
fn count_rows(e: Error, records: &mut impl RowSource) -> Error {
    if e.code != Code::TooLarge {
        return e;
    }
    let mut rows = MAX_ROWS + 1;
    while let Ok(Some(_)) = records.next_row() {
        if !records.blank() {
            rows += 1;
        }
    }
    Error::new(
        Code::TooLarge,
        format!("the file has {rows} data rows; at most {MAX_ROWS} are accepted"),
    )
    .with("rows", rows)
    .with("limit", MAX_ROWS)
}

/// Stores rows into the table and collects ragged rows.
struct RowSink {
    ragged: Vec<(usize, Issue)>,
    /// Data rows per segment of the body (see [`super::records`]).
    per_segment: Vec<u64>,
    ncols: usize,
}

impl RowSink {
    fn push(&mut self, table: &mut Table, rec: &impl Cells, line: u64, seg: usize) -> Result<()> {
        if rec.blank() {
            table.blank_rows += 1;
            return Ok(());
        }
        let row = table.lines.len();
        if row >= MAX_ROWS {
            return Err(Error::new(Code::TooLarge, "too many rows"));
        }
        if self.per_segment.len() <= seg {
            self.per_segment.resize(seg + 1, 0);
        }
        if let Some(n) = self.per_segment.get_mut(seg) {
            *n += 1;
        }
        table.lines.push(line);
        for (c, (dict, cells)) in table
            .dicts
            .iter_mut()
            .zip(table.cells.iter_mut())
            .enumerate()
        {
            cells.push(dict.intern(rec.field(c), row as u32));
        }
        let ncols = self.ncols;
        let nfields = rec.fields();
        if nfields != ncols {
            match self.ragged.iter_mut().find(|(n, _)| *n == nfields) {
                Some((_, issue)) => issue.add(line),
                None => {
                    let mut issue = Issue::new(
                        Code::RaggedRow,
                        format!(
                            "rows with {nfields} fields where the header has {ncols}: missing fields are read as blank, extra fields are ignored; check the quoting of these rows",
                        ),
                        line,
                    );
                    issue.value = Some(nfields.to_string());
                    issue.treatment = "kept";
                    self.ragged.push((nfields, issue));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
