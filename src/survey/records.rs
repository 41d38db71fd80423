//! Records of a CSV body, with the file line each starts on, and recovery from unclosed quotes.
//!
//! The `csv` crate reads an unclosed quoted field to the end of the input, which would swallow
//! every row after it. Before reading, [`segments`] scans the body once with the same state
//! machine as `csv-core` (a quote opens a field only at its start; `""` inside quotes is a
//! literal quote). When a quoted field is still open at the end, the body is cut after the line
//! where that field opened: the row with the open quote ends there (its field holds the rest of
//! that line), and the following text is read again as records of its own, from the next line.
//! The scan repeats on that rest, so every unclosed quote is found at the line where it opened.

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

/// A part of the body read as records on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the body.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// 1-based body line of the segment's first byte.
    pub first_line: u64,
    /// The quote left open at the segment's end, when the segment was cut there.
    pub open: Option<OpenQuote>,
}

/// Cuts `body` into segments at every unclosed quote (see the module documentation).
pub fn segments(body: &[u8], delimiter: u8) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut first_line = 1u64;
    loop {
        let rest = body.get(start..).unwrap_or(&[]);
        match open_quote(rest, delimiter) {
            None => {
                out.push(Segment {
                    start,
                    end: body.len(),
                    first_line,
                    open: None,
                });
                return out;
            }
            Some(q) => {
                let from = q.byte;
                let eol = rest
                    .get(from..)
                    .and_then(|r| r.iter().position(|b| *b == b'\n'))
                    .map_or(rest.len(), |p| from + p + 1);
                let open = OpenQuote {
                    byte: start + q.byte,
                    line: first_line + q.line - 1,
                    field: q.field,
                };
                out.push(Segment {
                    start,
                    end: start + eol,
                    first_line,
                    open: Some(open),
                });
                if start + eol >= body.len() {
                    return out;
                }
                first_line = open.line + 1;
                start += eol;
            }
        }
    }
}

/// Reads records from the segments of a body, in order.
pub struct Records<'a> {
    body: &'a [u8],
    delimiter: u8,
    segments: Vec<Segment>,
    next: usize,
    current: Option<(csv::Reader<&'a [u8]>, Segment)>,
    /// Line offset added to body lines (lines of the preamble).
    skipped: u64,
}

impl<'a> Records<'a> {
    /// Records of `body`; `skipped` lines before it belong to the file but not to the body.
    pub fn new(body: &'a [u8], delimiter: u8, skipped: u64) -> Self {
        Records {
            body,
            delimiter,
            segments: segments(body, delimiter),
            next: 0,
            current: None,
            skipped,
        }
    }

    /// The quotes left open, in file order (file lines include the preamble).
    pub fn open_quotes(&self) -> Vec<OpenQuote> {
        self.segments
            .iter()
            .filter_map(|s| s.open)
            .map(|q| OpenQuote {
                line: q.line + self.skipped,
                ..q
            })
            .collect()
    }

    /// 0-based index of the segment the last record came from.
    pub fn segment(&self) -> usize {
        self.next.saturating_sub(1)
    }

    /// Reads the next record into `record`; returns its 1-based file line, or `None` at the end.
    ///
    /// # Errors
    /// [`Code::CsvMalformed`] with the `line` when the reader fails.
    pub fn read(&mut self, record: &mut csv::ByteRecord) -> Result<Option<u64>> {
        loop {
            if self.current.is_none() {
                let Some(seg) = self.segments.get(self.next).copied() else {
                    return Ok(None);
                };
                self.next += 1;
                let slice = self.body.get(seg.start..seg.end).unwrap_or(&[]);
                let reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(self.delimiter)
                    .from_reader(slice);
                self.current = Some((reader, seg));
            }
            let Some((reader, seg)) = self.current.as_mut() else {
                return Ok(None);
            };
            let base = seg.first_line - 1 + self.skipped;
            match reader.read_byte_record(record) {
                Ok(true) => {
                    // After a CRLF the reader records a row's start before the LF, on the
                    // previous line.
                    let line = record.position().map_or(0, |p| {
                        let at = seg.start + p.byte() as usize;
                        let lf = self.body.get(at) == Some(&b'\n');
                        p.line() + u64::from(lf)
                    });
                    return Ok(Some(base + line));
                }
                Ok(false) => self.current = None,
                Err(e) => {
                    let line = base + e.position().map_or(0, csv::Position::line);
                    return Err(Error::new(
                        Code::CsvMalformed,
                        format!("the CSV could not be read near line {line}: {e}"),
                    )
                    .with("line", line));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// The plain state machine, as the oracle for [`open_quote`]. Finds a quoted field left open at the end of `text`, if any, or one that spans lines and
    /// "closes" with a quote followed by more text (`"b⏎3,c⏎4,"d`): two unclosed quotes that
    /// `csv` would pair up, misaligning every row between them. The first such field is returned.
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
        let segs = segments(text, b',');
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[1].first_line, 5);
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
