//! A CSV text split once into one buffer of field bytes and the offsets of its fields and rows
//! (issue 17, T3): a file of 2,000,000 cells is read without a `String` per cell. Semantics are
//! those the series import has always had: RFC 4180 quotes (a quote opens only at the start of
//! a field, `""` inside is one quote), `,` or `;` as detected from the header line, `\r`
//! outside quotes dropped, lines that hold nothing but blanks skipped. And how a number cell
//! is read.

use crate::error::{Code, Error, Result};

/// The rows of a CSV text; row `r`'s fields are `row(r)`.
pub struct Table {
    /// Every field's bytes, one after the other (the input minus quotes and `\r`).
    buf: String,
    /// End of each field in `buf` (its start is the previous field's end).
    ends: Vec<u32>,
    /// Per row: its 1-based line number and the index of its first field in `ends`.
    rows: Vec<(u32, u32)>,
    /// The separator, `,` or `;`.
    pub sep: u8,
}

impl Table {
    /// Number of rows (the header included).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// 1-based line number where row `r` starts.
    pub fn line(&self, r: usize) -> usize {
        self.rows[r].0 as usize
    }

    fn span(&self, r: usize) -> (usize, usize) {
        let first = self.rows[r].1 as usize;
        let last = self
            .rows
            .get(r + 1)
            .map_or(self.ends.len(), |x| x.1 as usize);
        (first, last)
    }

    /// Number of fields of row `r`.
    pub fn width(&self, r: usize) -> usize {
        let (a, b) = self.span(r);
        b - a
    }

    /// The fields of row `r` (its span found once, each field from the previous one's end).
    pub fn row(&self, r: usize) -> impl Iterator<Item = &str> + '_ {
        let (a, b) = self.span(r);
        let mut start = if a == 0 { 0 } else { self.ends[a - 1] as usize };
        self.ends[a..b].iter().map(move |&end| {
            let field = self.buf.get(start..end as usize).unwrap_or("");
            start = end as usize;
            field
        })
    }
}

struct Splitter {
    t: Table,
    /// Start in `buf` of the field being read (empty while `buf.len() == field_start`).
    field_start: usize,
    /// Start in `ends` of the row being read.
    row_start: usize,
}

impl Splitter {
    fn end_field(&mut self) {
        self.t.ends.push(self.t.buf.len() as u32);
        self.field_start = self.t.buf.len();
    }

    /// Ends the row that started on `line`; a row of one blank field is dropped.
    fn end_row(&mut self, line: usize) {
        self.end_field();
        let n = self.t.ends.len() - self.row_start;
        let start = if self.row_start == 0 {
            0
        } else {
            self.t.ends[self.row_start - 1] as usize
        };
        if n == 1 && self.t.buf[start..].trim().is_empty() {
            self.t.ends.truncate(self.row_start);
            self.t.buf.truncate(start);
            self.field_start = start;
        } else {
            self.t.rows.push((line as u32, self.row_start as u32));
            self.row_start = self.t.ends.len();
        }
    }
}

/// Splits `text` (a leading byte-order mark is skipped).
///
/// # Errors
/// `unclosed_quote` (details: `row`, the line where the quoted field starts).
pub fn split(text: &str) -> Result<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let bytes = text.as_bytes();
    let mut s = Splitter {
        t: Table {
            buf: String::with_capacity(text.len()),
            ends: Vec::with_capacity(text.len() / 4),
            rows: Vec::new(),
            sep,
        },
        field_start: 0,
        row_start: 0,
    };
    let (mut line, mut start_line, mut quoted, mut i) = (1usize, 1usize, false, 0usize);
    // Runs of ordinary bytes are copied whole; only ASCII bytes are ever dropped, so every
    // field stays valid UTF-8.
    let special = |b: u8| b == b'"' || b == sep || b == b'\r' || b == b'\n';
    while i < bytes.len() {
        if quoted {
            let run = bytes[i..].iter().position(|&b| b == b'"');
            let end = run.map_or(bytes.len(), |k| i + k);
            let chunk = &text[i..end];
            line += chunk.bytes().filter(|&b| b == b'\n').count();
            s.t.buf.push_str(chunk);
            if end == bytes.len() {
                break;
            }
            if bytes.get(end + 1) == Some(&b'"') {
                s.t.buf.push('"');
                i = end + 2;
            } else {
                quoted = false;
                i = end + 1;
            }
            continue;
        }
        let b = bytes[i];
        if !special(b) {
            let run = bytes[i..].iter().position(|&b| special(b));
            let end = run.map_or(bytes.len(), |k| i + k);
            s.t.buf.push_str(&text[i..end]);
            i = end;
            continue;
        }
        match b {
            b'"' if s.t.buf.len() == s.field_start => quoted = true,
            b'"' => s.t.buf.push('"'),
            b'\r' => {}
            b'\n' => {
                s.end_row(start_line);
                line += 1;
                start_line = line;
            }
            _ => s.end_field(), // the separator
        }
        i += 1;
    }
    if quoted {
        return Err(Error::new(
            Code::UnclosedQuote,
            format!("a quoted field that starts on line {start_line} is never closed"),
        )
        .with("row", start_line as u64));
    }
    if s.t.buf.len() > s.field_start || s.t.ends.len() > s.row_start {
        s.end_field();
        s.t.rows.push((start_line as u32, s.row_start as u32));
    }
    Ok(s.t)
}

/// A number cell: `None` for empty or `*` (suppressed); a trailing `%` is allowed. In a `;`
/// file a comma is the decimal mark (`9,9`, `1.234,5`); in a `,` file it separates thousands.
pub fn number(cell: &str, decimal_comma: bool) -> std::result::Result<Option<f64>, ()> {
    if let Some(v) = simple_decimal(cell.as_bytes()) {
        return Ok(Some(v)); // the common cell, e.g. `13.5`: read in one pass
    }
    let t = cell.trim().trim_end_matches('%').trim();
    if !t.contains(',') {
        return plain_number(t); // the common cell: read in place, nothing allocated
    }
    let t = if decimal_comma {
        t.replace('.', "").replace(',', ".")
    } else {
        t.replace(',', "")
    };
    plain_number(&t)
}

fn plain_number(t: &str) -> std::result::Result<Option<f64>, ()> {
    if t.is_empty() || t == "*" {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

/// Exact powers of ten, 10⁰ … 10²².
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `digits` or `digits.digits`, optionally after `-`, with at most 15 digits in all: the value
/// as `str::parse` gives it (the digits are an exact integer below 2⁵³ and the power of ten is
/// exact, so one division is correctly rounded — Clinger's fast path). `None` for anything
/// else, which then takes the general path.
fn simple_decimal(b: &[u8]) -> Option<f64> {
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (mut m, mut digits, mut frac, mut dot) = (0u64, 0usize, 0usize, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                frac += usize::from(dot);
            }
            b'.' if !dot && digits > 0 => dot = true,
            _ => return None,
        }
        if digits > 15 {
            return None;
        }
    }
    if digits == 0 || (dot && frac == 0) {
        return None;
    }
    let v = m as f64 / POW10[frac];
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Table) -> Vec<(usize, Vec<&str>)> {
        (0..t.len())
            .map(|r| (t.line(r), t.row(r).collect()))
            .collect()
    }

    #[test]
    fn quotes_blank_lines_and_carriage_returns() {
        let t =
            split("\u{feff}a,b\r\n\n  \n\"x,\"\"y\"\"\",z\"q\n\"two\nlines\",ñ\nlast,").unwrap();
        assert_eq!(t.sep, b',');
        assert_eq!(
            all(&t),
            vec![
                (1, vec!["a", "b"]),
                (4, vec!["x,\"y\"", "z\"q"]),
                (5, vec!["two\nlines", "ñ"]),
                (7, vec!["last", ""]),
            ]
        );
    }

    #[test]
    fn semicolons_and_an_unclosed_quote() {
        let t = split("a;b;c,d\n1;2,5;x\n").unwrap();
        assert_eq!(t.sep, b';');
        assert_eq!(
            all(&t),
            vec![(1, vec!["a", "b", "c,d"]), (2, vec!["1", "2,5", "x"])]
        );
        let e = split("a,b\n\"open,1\n").err().unwrap();
        assert_eq!(e.code, Code::UnclosedQuote);
    }
}
