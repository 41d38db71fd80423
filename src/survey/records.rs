//! Records of a CSV body, with the file line each starts on, and recovery from unclosed quotes.
//!
//! The `csv` crate reads an unclosed quoted field to the end of the input, which would swallow
//! every row after it; two unclosed quotes pair up and misalign every row between them. Such a
//! record always spans lines (or reaches the end of the input), so [`Records`] scans each such
//! record with [`open_quote`] (the same states as `csv-core`: a quote opens a field only at its
//! start; `""` inside quotes is a literal quote). When the scan finds a quote left open, the
//! record is cut after the line where that field opened — its field holds the rest of that
//! line — and the following text is read again as records of its own, from the next line. So
//! every unclosed quote is reported at the line where it opened, and no row after it is read
//! misaligned.

use crate::error::{Code, Error, Result};

/// Where a quoted field opened and was never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    /// 0-based byte offset of the opening quote in the body.
    pub byte: usize,
    /// 1-based line of the body where the field opened.
    pub line: u64,
    /// 0-based index of the field in its record.
    pub field: usize,
}

/// Finds a quoted field left open at the end of `text`, if any, or one that spans lines and
/// "closes" with a quote followed by more text (`"b⏎3,c⏎4,"d`): two unclosed quotes that
/// `csv` would pair up, misaligning every row between them. The first such field is returned.
///
/// Same states as `csv-core`, but a quoted field is skipped to its next quote and an unquoted
/// one to its next delimiter or line end, so a 60 MB export is scanned in a few milliseconds;
/// lines are counted only for the quote that is found.
pub fn open_quote(text: &[u8], delimiter: u8) -> Option<OpenQuote> {
    let found = |byte: usize, field: usize| OpenQuote {
        byte,
        line: 1 + text
            .get(..byte)
            .map_or(0, |t| t.iter().filter(|b| **b == b'\n').count()) as u64,
        field,
    };
    let n = text.len();
    let mut i = 0usize;
    let mut field = 0usize;
    while i < n {
        if text.get(i) == Some(&b'"') {
            let open = i;
            let mut j = i + 1;
            // Find the closing quote (a doubled quote is a literal one).
            let close = loop {
                let q = j + text
                    .get(j..)?
                    .iter()
                    .position(|c| *c == b'"')
                    .unwrap_or(n - j);
                if q >= n {
                    return Some(found(open, field));
                }
                if text.get(q + 1) == Some(&b'"') {
                    j = q + 2;
                    continue;
                }
                break q;
            };
            i = close + 1;
            match text.get(i) {
                None => return None,
                Some(&c) if c == delimiter || c == b'\n' || c == b'\r' => {}
                Some(_) => {
                    let spans = text.get(open..close).is_some_and(|t| t.contains(&b'\n'));
                    if spans {
                        return Some(found(open, field));
                    }
                }
            }
        }
        // The rest of the field, unquoted, up to its delimiter or line end.
        let rest = text.get(i..).unwrap_or(&[]);
        match rest
            .iter()
            .position(|c| *c == delimiter || *c == b'\n' || *c == b'\r')
        {
            None => return None,
            Some(p) => {
                field = if rest.get(p) == Some(&delimiter) {
                    field + 1
                } else {
                    0
                };
                i += p + 1;
            }
        }
    }
    None
}

/// The end of the line holding byte `at` (just past its `\n`, or the end of `text`).
fn end_of_line(text: &[u8], at: usize) -> usize {
    text.get(at..)
        .and_then(|r| r.iter().position(|b| *b == b'\n'))
        .map_or(text.len(), |p| at + p + 1)
}

/// Reads the records of a body, in order, recovering from unclosed quotes.
///
/// Only a record that spans lines (or reaches the end of the body) can hide an unclosed quote,
/// so only such records are scanned with [`open_quote`]; the check for a line break inside a
/// record is a `memchr`. When the scan finds one, the record is read again up to the end of
/// the line where the quote opened, and reading restarts on the next line.
pub struct Records<'a> {
    body: &'a [u8],
    delimiter: u8,
    /// Line offset added to body lines (lines of the preamble).
    skipped: u64,
    reader: Option<csv::Reader<&'a [u8]>>,
    /// Byte where the current part of the body starts, and its 1-based body line.
    start: usize,
    first_line: u64,
    /// Quotes left open, in body lines.
    opens: Vec<OpenQuote>,
    /// 0-based index of the part the last record came from (one more after each open quote).
    part: usize,
    /// The next record starts a new part.
    bump: bool,
}

impl<'a> Records<'a> {
    /// Records of `body`; `skipped` lines before it belong to the file but not to the body.
    pub fn new(body: &'a [u8], delimiter: u8, skipped: u64) -> Self {
        Records {
            body,
            delimiter,
            skipped,
            reader: None,
            start: 0,
            first_line: 1,
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

    /// 0-based index of the part of the body the last record came from: 0 before the first
    /// open quote, 1 after it, and so on.
    pub fn segment(&self) -> usize {
        self.part
    }

    fn reader_for(&self, from: usize, to: usize) -> csv::Reader<&'a [u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(self.body.get(from..to).unwrap_or(&[]))
    }

    /// Reads the next record into `record`; returns its 1-based file line, or `None` at the end.
    ///
    /// # Errors
    /// [`Code::CsvMalformed`] with the `line` when the reader fails.
    pub fn read(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>> {
        if self.bump {
            self.part += 1;
            self.bump = false;
        }
        let (start, first_line, len) = (self.start, self.first_line, self.body.len());
        let base = first_line - 1;
        let reader = match self.reader.as_mut() {
            Some(r) => r,
            None => {
                let r = self.reader_for(start, len);
                self.reader.insert(r)
            }
        };
        let malformed = |e: csv::Error| {
            let line = base + e.position().map_or(0, csv::Position::line);
            Error::new(
                Code::CsvMalformed,
                format!("the CSV could not be read near line {line}: {e}"),
            )
            .with("line", line)
        };
        if !reader.read_byte_record(record).map_err(malformed)? {
            return Ok(None);
        }
        let end = start + reader.position().byte() as usize;
        let Some(p) = record.position() else {
            return Ok(Some(0));
        };
        let at = start + p.byte() as usize;
        // After a CRLF the reader records a row's start before the LF, on the previous line.
        let lf = self.body.get(at) == Some(&b'\n');
        let line = base + p.line() + u64::from(lf);
        let raw = self.body.get(at..end).unwrap_or(&[]);
        let inner = raw.trim_ascii_end();
        let inner = inner.strip_prefix(b"\n").unwrap_or(inner);
        if end < len && !inner.contains(&b'\n') {
            return Ok(Some(line + self.skipped));
        }
        let Some(q) = open_quote(raw, self.delimiter) else {
            return Ok(Some(line + self.skipped));
        };
        // The quote opened q.line - 1 lines below the record's first byte.
        let open_line = line + q.line - 1 - u64::from(lf);
        let cut = end_of_line(self.body, at + q.byte);
        let mut again = self.reader_for(at, cut);
        if !again.read_byte_record(record).map_err(malformed)? {
            return Ok(None);
        }
        self.opens.push(OpenQuote {
            byte: at + q.byte,
            line: open_line,
            field: q.field,
        });
        self.start = cut;
        self.first_line = open_line + 1;
        self.reader = None;
        self.bump = true;
        Ok(Some(line + self.skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// The plain per-byte state machine of `csv-core`, as the oracle for [`open_quote`] (in the
    /// native proptests only: proptest does not run under wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    fn reference_open_quote(text: &[u8], delimiter: u8) -> Option<OpenQuote> {
        #[derive(Clone, Copy, PartialEq)]
        enum S {
            Start,
            Unquoted,
            Quoted,
            QuoteInQuoted,
        }
        let mut s = S::Start;
        let mut line = 1u64;
        let mut field = 0usize;
        let mut open = OpenQuote {
            byte: 0,
            line: 1,
            field: 0,
        };
        for (i, &b) in text.iter().enumerate() {
            let end = b == b'\n' || b == b'\r';
            s = match s {
                S::Quoted => {
                    if b == b'"' {
                        S::QuoteInQuoted
                    } else {
                        S::Quoted
                    }
                }
                S::Start if b == b'"' => {
                    open = OpenQuote {
                        byte: i,
                        line,
                        field,
                    };
                    S::Quoted
                }
                S::QuoteInQuoted if b == b'"' => S::Quoted,
                S::QuoteInQuoted if b != delimiter && !end && line > open.line => {
                    return Some(open)
                }
                _ if b == delimiter => {
                    field += 1;
                    S::Start
                }
                _ if end => {
                    field = 0;
                    S::Start
                }
                _ => S::Unquoted,
            };
            if b == b'\n' {
                line += 1;
            }
        }
        (s == S::Quoted).then_some(open)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn the_fast_scan_agrees_with_the_state_machine(
            text in prop::collection::vec(prop::sample::select(b"a,;\"\n\r ".to_vec()), 0..60)
        ) {
            prop_assert_eq!(open_quote(&text, b','), reference_open_quote(&text, b','));
            prop_assert_eq!(open_quote(&text, b';'), reference_open_quote(&text, b';'));
        }

        #[test]
        fn records_start_on_nondecreasing_lines_inside_the_text(
            text in prop::collection::vec(prop::sample::select(b"a,\"\n\r".to_vec()), 0..80)
        ) {
            let lines_in_text = 1 + text.iter().filter(|b| **b == b'\n').count() as u64;
            let mut r = Records::new(&text, b',', 0);
            let mut rec = csv::ByteRecord::new();
            let mut last = 0u64;
            let mut n = 0;
            while let Some(line) = r.read(&mut rec).unwrap() {
                prop_assert!(line >= last.max(1) && line <= lines_in_text, "{} after {}", line, last);
                last = line;
                n += 1;
            }
            // Without any quote, the records are exactly the csv reader's.
            if !text.contains(&b'"') {
                let mut plain = csv::ReaderBuilder::new().has_headers(false).flexible(true)
                    .from_reader(text.as_slice());
                prop_assert_eq!(n, plain.byte_records().count());
            }
            // Every open quote is on a line of the text, in order.
            let opens: Vec<u64> = r.open_quotes().iter().map(|q| q.line).collect();
            prop_assert!(opens.windows(2).all(|w| w[0] < w[1]) && opens.iter().all(|l| *l <= lines_in_text));
        }
    }

    #[test]
    fn quotes_inside_unquoted_fields_and_doubled_quotes_are_not_open() {
        assert_eq!(open_quote(b"a,5\" tall\nb,\"x \"\"y\"\"\"\n", b','), None);
        assert_eq!(open_quote(b"a,\"multi\nline\"\n", b','), None);
    }

    #[test]
    fn an_open_quote_is_found_where_it_opened() {
        let text = b"id,q,r\n1,\"ok\nstill ok\",x\n2,y,\"never closed\n3,z,w\n";
        let q = open_quote(text, b',').unwrap();
        assert_eq!((q.line, q.field), (4, 2));
        let mut r = Records::new(text, b',', 0);
        let mut rec = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Some(line) = r.read(&mut rec).unwrap() {
            lines.push((line, r.segment(), rec.len()));
        }
        assert_eq!(lines, vec![(1, 0, 3), (2, 0, 3), (4, 0, 3), (5, 1, 3)]);
        assert_eq!(r.open_quotes()[0].line, 4);
    }

    #[test]
    fn crlf_rows_with_an_open_quote_keep_their_lines() {
        let text = b"id,q\r\n1,a\r\n2,\"b\r\n3,c\r\n";
        let mut r = Records::new(text, b',', 1);
        let mut rec = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Some(line) = r.read(&mut rec).unwrap() {
            lines.push(line);
        }
        assert_eq!(lines, vec![2, 3, 4, 5]);
        assert_eq!(r.open_quotes()[0].line, 4);
    }

    #[test]
    fn a_quote_open_on_the_last_line_is_reported() {
        let mut r = Records::new(b"id,q\n1,\"a\n", b',', 0);
        let mut rec = csv::ByteRecord::new();
        while r.read(&mut rec).unwrap().is_some() {}
        assert_eq!(r.open_quotes().len(), 1);
    }

    #[test]
    fn records_after_an_open_quote_keep_their_lines() {
        let text = b"id,q\n1,a\n2,\"b\n3,c\n4,\"d\n5,e\n";
        let mut r = Records::new(text, b',', 2);
        let mut rec = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Some(line) = r.read(&mut rec).unwrap() {
            lines.push((line, rec.get(1).map(<[u8]>::to_vec)));
        }
        let want: Vec<(u64, Option<Vec<u8>>)> = vec![
            (3, Some(b"q".to_vec())),
            (4, Some(b"a".to_vec())),
            (5, Some(b"b\n".to_vec())),
            (6, Some(b"c".to_vec())),
            (7, Some(b"d\n".to_vec())),
            (8, Some(b"e".to_vec())),
        ];
        assert_eq!(lines, want);
        let open: Vec<u64> = r.open_quotes().iter().map(|q| q.line).collect();
        assert_eq!(open, vec![5, 7]);
    }
}
