//! Reading a survey export into a column-wise table of distinct values.
//!
//! One pass over the file with the `csv` crate (RFC 4180: quoted fields, embedded line breaks,
//! CRLF). Before it: a UTF-8 byte-order mark is dropped, leading `#` lines are kept as notes
//! (`# key: value` lines also as metadata), and the delimiter is detected (`,`, `;` as
//! Spanish-locale spreadsheets write, or tab). The header shape is detected from the first
//! three records: one header row (Google Forms and most tools), SurveyMonkey's two (question,
//! then sub-answer or "Response") or Qualtrics' three (ids, question text, ImportId JSON).
//!
//! Each column is stored *dictionary-encoded*: its distinct values (trimmed) once, with counts
//! and the first row of each, and one `u32` per row. Reading allocates only for a new distinct
//! value, so 100,000 respondents × 40 items is one linear pass; detection and re-applying an
//! edited mapping then work on the distinct values, not on the cells.

use super::issues::Issue;
use super::labels::fold;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Largest file accepted, in bytes of UTF-8 text (128 MiB).
pub const MAX_BYTES: usize = 128 * 1024 * 1024;
/// Most data rows accepted (respondents).
pub const MAX_ROWS: usize = 250_000;
/// Most columns accepted.
pub const MAX_COLUMNS: usize = 2_000;

/// How the header of an export is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadOptions {
    /// The field delimiter: `","`, `";"` or `"\t"`.
    #[serde(default)]
    pub delimiter: Option<String>,
    /// The header shape.
    #[serde(default)]
    pub shape: Option<Shape>,
}

/// One column of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    /// Unique key used by the mapping: the Qualtrics id, else the header text (with " (2)"...
    /// added to repeated headers).
    pub key: String,
    /// Header text as a person reads it ("question - sub-answer" for SurveyMonkey matrices).
    pub header: String,
    /// The question part of the header.
    pub question: String,
    /// SurveyMonkey's second header row, when it names a choice or matrix row ("" otherwise).
    pub sub: String,
}

/// Dictionaries up to this many distinct values are searched linearly, larger ones hashed.
const SMALL_DICT: usize = 12;

/// FNV-1a: a fast hash for the short byte strings of survey cells (no DoS concern: the data is
/// the user's own file, in their own browser).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The distinct values of one column.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    /// Distinct trimmed values; index 0 is always the empty value.
    pub values: Vec<String>,
    /// Rows holding each value.
    pub counts: Vec<u64>,
    /// Index of the first row holding each value (`u32::MAX` for an unused empty value).
    pub first_row: Vec<u32>,
    keys: Vec<u32>,
    index: HashMap<Box<[u8]>, u32, BuildHasherDefault<Fnv>>,
}

/// Length, first and last byte of a value, packed: distinguishes the labels of a scale.
#[inline]
fn short_key(field: &[u8]) -> u32 {
    let first = field.first().copied().unwrap_or(0) as u32;
    let last = field.last().copied().unwrap_or(0) as u32;
    ((field.len() as u32 & 0xffff) << 16) | (first << 8) | last
}

impl Dict {
    fn new() -> Self {
        Dict {
            values: vec![String::new()],
            counts: vec![0],
            first_row: vec![u32::MAX],
            keys: vec![0],
            index: HashMap::default(),
        }
    }

    fn intern(&mut self, field: &[u8], row: u32) -> u32 {
        let field = field.trim_ascii();
        let i = if field.is_empty() {
            if let Some(f) = self.first_row.first_mut() {
                *f = (*f).min(row);
            }
            0
        } else if self.values.len() <= SMALL_DICT {
            // Few distinct values (a Likert column): a short key (length, first and last
            // byte) picks the candidate, one comparison confirms it; no hashing.
            let key = short_key(field);
            let hit = self.keys.iter().enumerate().skip(1).find(|(k, kk)| {
                **kk == key && self.values.get(*k).is_some_and(|v| v.as_bytes() == field)
            });
            match hit {
                Some((k, _)) => k as u32,
                None => self.insert(field, row),
            }
        } else {
            match self.index.get(field) {
                Some(&i) => i,
                None => self.insert(field, row),
            }
        };
        if let Some(c) = self.counts.get_mut(i as usize) {
            *c += 1;
        }
        i
    }

    fn insert(&mut self, field: &[u8], row: u32) -> u32 {
        let i = self.values.len() as u32;
        self.values
            .push(String::from_utf8_lossy(field).into_owned());
        self.keys.push(short_key(field));
        self.counts.push(0);
        self.first_row.push(row);
        if self.values.len() > SMALL_DICT {
            if self.index.is_empty() {
                for (k, v) in self.values.iter().enumerate().skip(1) {
                    self.index.insert(v.as_bytes().into(), k as u32);
                }
            } else {
                self.index.insert(field.into(), i);
            }
        }
        i
    }

    /// The number of distinct non-empty values.
    pub fn distinct(&self) -> usize {
        self.values.len() - 1
    }
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
    /// Ragged rows and unclosed quotes.
    pub issues: Vec<Issue>,
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

fn text_of(record: &csv::ByteRecord, i: usize) -> String {
    String::from_utf8_lossy(record.get(i).unwrap_or(b"").trim_ascii()).into_owned()
}

fn detect_shape(head: &[csv::ByteRecord]) -> Shape {
    if let Some(third) = head.get(2) {
        let filled: Vec<&[u8]> = third
            .iter()
            .map(<[u8]>::trim_ascii)
            .filter(|f| !f.is_empty())
            .collect();
        let import = filled
            .iter()
            .filter(|f| f.starts_with(b"{\"ImportId\"") || f.starts_with(b"{'ImportId'"))
            .count();
        if import > 0 && import * 2 >= filled.len() {
            return Shape::Qualtrics;
        }
    }
    if let Some(second) = head.get(1) {
        let marks = [
            "response",
            "open-ended response",
            "respuesta",
            "respuesta abierta",
        ];
        if (0..second.len()).any(|i| marks.contains(&fold(&text_of(second, i)).as_str())) {
            return Shape::SurveyMonkey;
        }
    }
    Shape::OneHeader
}

fn build_columns(shape: Shape, head: &[csv::ByteRecord], ncols: usize) -> Vec<Column> {
    let row = |r: usize, i: usize| head.get(r).map(|rec| text_of(rec, i)).unwrap_or_default();
    let mut columns = Vec::with_capacity(ncols);
    let mut carried = String::new();
    for i in 0..ncols {
        let (key, header, question, sub) = match shape {
            Shape::OneHeader => {
                // Google Forms grids: "Question [Row]".
                let h = row(0, i);
                let (q, sub) = match h.strip_suffix(']').and_then(|s| s.rsplit_once(" [")) {
                    Some((q, sub)) => (q.trim().to_string(), sub.trim().to_string()),
                    None => (h.clone(), String::new()),
                };
                (h.clone(), h, q, sub)
            }
            Shape::Qualtrics => {
                // Matrix rows: id "Q5_1", text "Question - Row".
                let text = row(1, i);
                let id = row(0, i);
                let matrix = id
                    .rsplit_once('_')
                    .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                let (q, sub) = match text.rsplit_once(" - ") {
                    Some((q, sub)) if matrix => (q.trim().to_string(), sub.trim().to_string()),
                    _ => (text.clone(), String::new()),
                };
                let key = if id.is_empty() { text.clone() } else { id };
                (key, text, q, sub)
            }
            Shape::SurveyMonkey => {
                let q = row(0, i);
                if !q.is_empty() {
                    carried = q;
                }
                let sub = row(1, i);
                let plain = matches!(
                    fold(&sub).as_str(),
                    "" | "response" | "open-ended response" | "respuesta" | "respuesta abierta"
                );
                let header = if plain {
                    carried.clone()
                } else if carried.is_empty() {
                    sub.clone()
                } else {
                    format!("{carried} - {sub}")
                };
                let sub = if plain { String::new() } else { sub };
                (header.clone(), header, carried.clone(), sub)
            }
        };
        let header = if header.is_empty() {
            format!("column {}", i + 1)
        } else {
            header
        };
        let mut key = if key.is_empty() { header.clone() } else { key };
        if columns.iter().any(|c: &Column| c.key == key) {
            let base = key.clone();
            let mut k = 2;
            while columns.iter().any(|c: &Column| c.key == key) {
                key = format!("{base} ({k})");
                k += 1;
            }
        }
        columns.push(Column {
            key,
            header,
            question,
            sub,
        });
    }
    columns
}

/// Strips the byte-order mark and the leading `#` / blank lines; returns the rest, the notes and
/// the number of lines removed.
fn split_preamble(text: &str) -> (&str, Vec<String>, u64) {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut notes = Vec::new();
    let mut skipped = 0;
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
    (rest, notes, skipped)
}

fn csv_error(e: &csv::Error, skipped: u64) -> Error {
    let line = e.position().map_or(0, |p| p.line() + skipped);
    Error::new(
        Code::CsvMalformed,
        format!("the CSV could not be read near line {line}: {e}"),
    )
    .with("line", line)
}

/// Reads a survey export.
///
/// # Errors
/// [`Code::TooLarge`] past [`MAX_BYTES`], [`MAX_ROWS`] or [`MAX_COLUMNS`];
/// [`Code::CsvEmpty`] without a header or without data rows; [`Code::CsvMalformed`] when the
/// reader fails; [`Code::BadInput`] for an unknown delimiter option. Ragged rows and an
/// unclosed quote are not errors: they are returned in [`Table::issues`].
pub fn read(text: &str, options: &ReadOptions) -> Result<Table> {
    if text.len() > MAX_BYTES {
        return Err(Error::new(
            Code::TooLarge,
            format!(
                "the file has {} bytes; at most {MAX_BYTES} (128 MiB) are accepted",
                text.len()
            ),
        )
        .with("bytes", text.len())
        .with("limit", MAX_BYTES));
    }
    let (body, notes, skipped) = split_preamble(text);
    let metadata = notes
        .iter()
        .filter_map(|n| n.split_once(':'))
        .map(|(k, v)| (fold(k), v.trim().to_string()))
        .collect();
    let delimiter = match &options.delimiter {
        Some(d) => delimiter_from(d)?,
        None => detect_delimiter(body),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut head = Vec::new();
    while head.len() < 3
        && reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&e, skipped))?
    {
        head.push(record.clone());
    }
    let shape = options.shape.unwrap_or_else(|| detect_shape(&head));
    let nheader = shape.header_rows();
    let ncols = head.first().map_or(0, csv::ByteRecord::len);
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
    let columns = build_columns(shape, &head, ncols);
    // Reserve for the rows the file probably holds (its size over the first row's size).
    let first_len = head
        .get(nheader)
        .map_or(0, |r| r.as_slice().len() + r.len());
    let expected = (body.len() / first_len.max(1)).min(MAX_ROWS);
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
    };
    let mut ragged: Vec<(usize, Issue)> = Vec::new();
    let mut last_start = 0usize;
    let mut push = |table: &mut Table, rec: &csv::ByteRecord| -> Result<()> {
        // After a CRLF the reader records a row's start before the LF, on the previous line.
        let line = rec.position().map_or(0, |p| {
            let lf = body.as_bytes().get(p.byte() as usize) == Some(&b'\n');
            p.line() + u64::from(lf)
        }) + skipped;
        if rec.as_slice().trim_ascii().is_empty() {
            table.blank_rows += 1;
            return Ok(());
        }
        let row = table.lines.len();
        if row >= MAX_ROWS {
            return Err(Error::new(
                Code::TooLarge,
                format!("the file has more than {MAX_ROWS} data rows, the most accepted"),
            )
            .with("rows", row + 1)
            .with("limit", MAX_ROWS)
            .with("line", line));
        }
        table.lines.push(line);
        for (c, (dict, cells)) in table
            .dicts
            .iter_mut()
            .zip(table.cells.iter_mut())
            .enumerate()
        {
            cells.push(dict.intern(rec.get(c).unwrap_or(b""), row as u32));
        }
        last_start = rec.position().map_or(0, |p| p.byte() as usize);
        if rec.len() != ncols {
            match ragged.iter_mut().find(|(n, _)| *n == rec.len()) {
                Some((_, issue)) => issue.add(line),
                None => {
                    let mut issue = Issue::new(
                        Code::RaggedRow,
                        format!(
                            "rows with {} fields where the header has {ncols}: missing fields are read as blank, extra fields are ignored; check the quoting of these rows",
                            rec.len()
                        ),
                        line,
                    );
                    issue.value = Some(rec.len().to_string());
                    issue.treatment = "kept";
                    ragged.push((rec.len(), issue));
                }
            }
        }
        Ok(())
    };
    for rec in head.iter().skip(nheader) {
        push(&mut table, rec)?;
    }
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(&e, skipped))?
    {
        push(&mut table, &record)?;
    }
    table.issues.extend(ragged.into_iter().map(|(_, i)| i));
    if table.rows() == 0 {
        return Err(Error::new(
            Code::CsvEmpty,
            "the file has a header but no data rows",
        ));
    }
    let quotes = body.bytes().filter(|b| *b == b'"').count();
    // An odd number of quotes and a last row spanning lines: a quote was never closed.
    let last_multiline = body
        .get(last_start..)
        .is_some_and(|rest| rest.trim_end().contains('\n'));
    if quotes % 2 == 1 && last_multiline {
        let line = table.lines.last().copied().unwrap_or(0);
        table.issues.push(Issue::new(
            Code::UnclosedQuote,
            format!("a quoted field that starts on line {line} is never closed, so the rest of the file was read into it; add the missing '\"'"),
            line,
        ));
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_files_are_detected_even_with_commas_in_questions() {
        let text = "Comunidad;Me siento segura, con confianza;Edad\nThermal;De acuerdo;35-44\nMecca;Totalmente de acuerdo;45-54\n";
        assert_eq!(detect_delimiter(text), b';');
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn notes_and_bom_are_stripped_and_lines_still_count() {
        let text = "\u{feff}# synthetic: true\n# wave sizes: assumed\nid,q1\n1,Agree\n2,\"Strongly\nagree\"\n3,Agree\n";
        let t = read(text, &ReadOptions::default()).unwrap();
        assert_eq!(t.notes, vec!["synthetic: true", "wave sizes: assumed"]);
        assert_eq!(
            t.metadata[1],
            ("wave sizes".to_string(), "assumed".to_string())
        );
        assert_eq!(t.columns[0].key, "id");
        assert_eq!(t.lines, vec![4, 5, 7]);
        assert_eq!(t.dicts[1].distinct(), 2);
    }

    #[test]
    fn repeated_headers_get_unique_keys() {
        let t = read("Q,Q,Q\n1,2,3\n", &ReadOptions::default()).unwrap();
        let keys: Vec<_> = t.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["Q", "Q (2)", "Q (3)"]);
    }

    #[test]
    fn empty_files_are_errors() {
        assert_eq!(
            read("", &ReadOptions::default()).unwrap_err().code,
            Code::CsvEmpty
        );
        assert_eq!(
            read("a,b\n", &ReadOptions::default()).unwrap_err().code,
            Code::CsvEmpty
        );
    }
}
