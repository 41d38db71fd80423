//! The records of a CSV body read straight from its bytes: fields are slices of the body (a
//! quoted field with a doubled quote, or text after its closing quote, is unescaped into one
//! scratch buffer per record), found by walking the structural bytes of [`super::scan`].
//!
//! It gives the same records, lines, parts and open quotes as [`super::records::Records`] over
//! the `csv` crate, which stays as its oracle in the tests: the same `csv-core` states (a quote
//! opens a field only at its start; `""` inside quotes is a literal quote; text after a closing
//! quote is part of the field; `\r`, `\n` and `\r\n` end a record; empty lines are skipped; a
//! record's line is where the previous record's terminator ended, one more when that is the
//! `\n` of a CRLF) and the same recovery from unclosed quotes (a record that spans lines or
//! reaches the end is checked with [`open_quote`]; a quote left open cuts the record after the
//! line where it opened, and reading restarts on the next line).

use super::records::{open_quote, OpenQuote};
use super::scan::Scanner;

/// Marks a field range that lies in the scratch buffer rather than in the body.
const SCRATCH: u32 = 1 << 31;

/// Reads the records of a body, in order, recovering from unclosed quotes.
pub struct FastRecords<'a> {
    body: &'a [u8],
    delimiter: u8,
    /// Line offset added to body lines (lines of the preamble).
    skipped: u64,
    scan: Scanner<'a>,
    /// Next byte to read, and the end of the text being read (the body's end, or a cut).
    pos: usize,
    limit: usize,
    /// Line breaks in `body[..pos]`.
    newlines: u64,
    /// Field ranges of the last record (`SCRATCH` set: in `scratch`).
    fields: Vec<(u32, u32)>,
    scratch: Vec<u8>,
    opens: Vec<OpenQuote>,
    part: usize,
    bump: bool,
}

impl<'a> FastRecords<'a> {
    /// Records of `body` (at most 2 GiB); `skipped` lines before it belong to the file but not
    /// to the body.
    pub fn new(body: &'a [u8], delimiter: u8, skipped: u64) -> Self {
        let body = body
            .get(..body.len().min(SCRATCH as usize - 1))
            .unwrap_or(&[]);
        FastRecords {
            body,
            delimiter,
            skipped,
            scan: Scanner::new(body, delimiter),
            pos: 0,
            limit: body.len(),
            newlines: 0,
            fields: Vec::with_capacity(64),
            scratch: Vec::new(),
            opens: Vec::new(),
            part: 0,
            bump: false,
        }
    }

    /// The quotes left open so far, in file order (file lines include the preamble).
    pub fn open_quotes(&self) -> Vec<OpenQuote> {
        self.opens
            .iter()
            .map(|q| OpenQuote {
                line: q.line + self.skipped,
                ..*q
            })
            .collect()
    }

    /// 0-based index of the part of the body the last record came from (see
    /// [`super::records::Records::segment`]).
    pub fn segment(&self) -> usize {
        self.part
    }

    /// The number of fields of the last record.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the last record has no field (never after a record was read).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i` of the last record.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let &(s, e) = self.fields.get(i)?;
        if s & SCRATCH != 0 {
            self.scratch
                .get((s & !SCRATCH) as usize..(e & !SCRATCH) as usize)
        } else {
            self.body.get(s as usize..e as usize)
        }
    }

    /// Whether every field of the last record is ASCII white space (the `csv` crate's
    /// `as_slice().trim_ascii().is_empty()`).
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| {
            self.get(i)
                .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
        })
    }

    /// The last record as a `csv::ByteRecord` (for the header rows).
    pub fn to_byte_record(&self) -> csv::ByteRecord {
        let mut r = csv::ByteRecord::with_capacity(0, self.len());
        for i in 0..self.len() {
            r.push_field(self.get(i).unwrap_or(&[]));
        }
        r
    }

    /// Reads the next record; returns its 1-based file line, or `None` at the end.
    pub fn read(&mut self) -> Option<u64> {
        if self.bump {
            self.part += 1;
            self.bump = false;
        }
        let (at, lines_at) = (self.pos, self.newlines);
        let end = self.parse()?;
        let lf = self.body.get(at) == Some(&b'\n');
        let line = 1 + lines_at + u64::from(lf);
        let len = self.body.len();
        // Most records hold no line break but their own terminator: nothing to check.
        let breaks = self.newlines - lines_at;
        let ends_in_lf = end > 0 && self.body.get(end - 1) == Some(&b'\n');
        if end < len && (breaks == 0 || (breaks == 1 && (lf || ends_in_lf))) {
            return Some(line + self.skipped);
        }
        let raw = self.body.get(at..end).unwrap_or(&[]);
        let inner = raw.trim_ascii_end();
        let inner = inner.strip_prefix(b"\n").unwrap_or(inner);
        if end < len && !inner.contains(&b'\n') {
            return Some(line + self.skipped);
        }
        let Some(q) = open_quote(raw, self.delimiter) else {
            return Some(line + self.skipped);
        };
        let open_line = line + q.line - 1 - u64::from(lf);
        let cut = raw
            .get(q.byte..)
            .and_then(|r| r.iter().position(|b| *b == b'\n'))
            .map_or(len, |p| at + q.byte + p + 1);
        // Read the record again, as if the text ended at the cut.
        self.pos = at;
        self.newlines = lines_at;
        self.limit = cut;
        let again = self.parse();
        self.limit = len;
        again?;
        self.opens.push(OpenQuote {
            byte: at + q.byte,
            line: open_line,
            field: q.field,
        });
        self.pos = cut;
        self.newlines = open_line;
        self.bump = true;
        Some(line + self.skipped)
    }

    fn push_body(&mut self, s: usize, e: usize) {
        self.fields.push((s as u32, e as u32));
    }

    /// Reads one record from `pos`, as `csv-core` does up to `limit`; returns the end of what
    /// it consumed (just past the terminator), or `None` when only line ends were left.
    fn parse(&mut self) -> Option<usize> {
        self.fields.clear();
        self.scratch.clear();
        let (body, limit, delimiter) = (self.body, self.limit, self.delimiter);
        let mut i = self.pos;
        // Line ends before a record are skipped.
        while let Some(&c) = body.get(i).filter(|_| i < limit) {
            match c {
                b'\n' => self.newlines += 1,
                b'\r' => {}
                _ => break,
            }
            i += 1;
        }
        if i >= limit {
            self.pos = i;
            return None;
        }
        // Each pass reads one field starting at `i`; `stop` is the byte that ended it.
        let end = loop {
            let stop = match body.get(i).filter(|_| i < limit) {
                None => {
                    self.push_body(i, i);
                    break limit;
                }
                Some(b'"') => self.quoted(i + 1),
                Some(_) => {
                    let r = self.unquoted(i);
                    self.push_body(i, r);
                    r
                }
            };
            match body.get(stop).filter(|_| stop < limit) {
                None => break limit,
                Some(&c) if c == delimiter => i = stop + 1,
                Some(&c) => {
                    if c == b'\n' {
                        self.newlines += 1;
                    }
                    break stop + 1;
                }
            }
        };
        self.pos = end;
        Some(end)
    }

    /// The end of an unquoted field starting at `from`: its delimiter, line end or `limit`
    /// (a quote inside it is text).
    #[inline]
    fn unquoted(&mut self, from: usize) -> usize {
        let mut j = from;
        loop {
            let r = self.scan.next(j).min(self.limit);
            if r < self.limit && self.body.get(r) == Some(&b'"') {
                j = r + 1;
                continue;
            }
            return r;
        }
    }

    /// Reads a quoted field whose text starts at `start` (after the opening quote), with what
    /// follows its closing quote up to the delimiter or line end; pushes it and returns where
    /// it stopped.
    fn quoted(&mut self, start: usize) -> usize {
        let (body, limit) = (self.body, self.limit);
        let mut j = start;
        let mut doubled = false;
        let close = loop {
            let q = self.scan.next(j).min(limit);
            match body.get(q).filter(|_| q < limit) {
                None => break None,
                Some(b'"') => {
                    if q + 1 < limit && body.get(q + 1) == Some(&b'"') {
                        doubled = true;
                        j = q + 2;
                    } else {
                        break Some(q);
                    }
                }
                Some(&c) => {
                    if c == b'\n' {
                        self.newlines += 1;
                    }
                    j = q + 1;
                }
            }
        };
        let content_end = close.unwrap_or(limit);
        let after = close.map_or(limit, |q| q + 1);
        let c = body.get(after).filter(|_| after < limit).copied();
        let plain_end = !c.is_some_and(|c| c != self.delimiter && c != b'\n' && c != b'\r');
        if !doubled && plain_end {
            self.push_body(start, content_end);
            return after;
        }
        let s = self.scratch.len();
        let mut k = start;
        while k < content_end {
            let b = body.get(k).copied().unwrap_or(0);
            self.scratch.push(b);
            k += if b == b'"' { 2 } else { 1 };
        }
        let stop = if plain_end {
            after
        } else {
            let r = self.unquoted(after);
            self.scratch
                .extend_from_slice(body.get(after..r).unwrap_or(&[]));
            r
        };
        let e = self.scratch.len();
        self.fields.push((s as u32 | SCRATCH, e as u32 | SCRATCH));
        stop
    }
}

/// What [`super::table`] reads rows from: [`FastRecords`], or (as its oracle in the tests)
/// [`super::records::Records`] over the `csv` crate.
pub(crate) trait RowSource: Cells {
    /// Reads the next record; its 1-based file line, or `None` at the end.
    fn next_row(&mut self) -> crate::error::Result<Option<u64>>;
    /// See [`FastRecords::segment`].
    fn segment(&self) -> usize;
    /// See [`FastRecords::open_quotes`].
    fn open_quotes(&self) -> Vec<OpenQuote>;
    /// The last record, copied.
    fn record(&self) -> csv::ByteRecord;
}

/// The fields of one record.
pub(crate) trait Cells {
    /// The number of fields.
    fn fields(&self) -> usize;
    /// Field `i` (empty past the end).
    fn field(&self, i: usize) -> &[u8];
    /// Whether every field is ASCII white space.
    fn blank(&self) -> bool;
}

impl Cells for csv::ByteRecord {
    fn fields(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &[u8] {
        self.get(i).unwrap_or(&[])
    }
    fn blank(&self) -> bool {
        self.as_slice().trim_ascii().is_empty()
    }
}

impl RowSource for FastRecords<'_> {
    fn next_row(&mut self) -> crate::error::Result<Option<u64>> {
        Ok(self.read())
    }
    fn segment(&self) -> usize {
        FastRecords::segment(self)
    }
    fn open_quotes(&self) -> Vec<OpenQuote> {
        FastRecords::open_quotes(self)
    }
    fn record(&self) -> csv::ByteRecord {
        self.to_byte_record()
    }
}

impl Cells for FastRecords<'_> {
    fn fields(&self) -> usize {
        self.len()
    }
    #[inline]
    fn field(&self, i: usize) -> &[u8] {
        self.get(i).unwrap_or(&[])
    }
    fn blank(&self) -> bool {
        self.is_blank()
    }
}

/// [`super::records::Records`] with the record it last read.
#[cfg(test)]
pub(crate) struct CsvRows<'a> {
    pub records: super::records::Records<'a>,
    pub record: csv::ByteRecord,
}

#[cfg(test)]
impl Cells for CsvRows<'_> {
    fn fields(&self) -> usize {
        self.record.fields()
    }
    fn field(&self, i: usize) -> &[u8] {
        self.record.field(i)
    }
    fn blank(&self) -> bool {
        self.record.blank()
    }
}

#[cfg(test)]
impl RowSource for CsvRows<'_> {
    fn next_row(&mut self) -> crate::error::Result<Option<u64>> {
        self.records.read(&mut self.record)
    }
    fn segment(&self) -> usize {
        self.records.segment()
    }
    fn open_quotes(&self) -> Vec<OpenQuote> {
        self.records.open_quotes()
    }
    fn record(&self) -> csv::ByteRecord {
        self.record.clone()
    }
}
