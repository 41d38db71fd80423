//! Bytes in: which character encoding a survey export is written in, and its text.
//!
//! Exports reach the engine as the file's bytes. The encoding is chosen in this order:
//! 1. the one the user picked ([`ReadOptions::encoding`](super::ReadOptions)), if any;
//! 2. a byte-order mark: UTF-8 (`EF BB BF`, Excel's "CSV UTF-8"), UTF-16LE (`FF FE`, Excel's
//!    "Unicode text") or UTF-16BE (`FE FF`);
//! 3. UTF-16 without a mark, when zero bytes fill every other position of the first kilobyte;
//! 4. UTF-8, when the bytes are valid UTF-8 (Google Forms, Qualtrics, SurveyMonkey);
//! 5. UTF-8 too when the file is UTF-8 but for a few stray bytes: more of its non-ASCII
//!    characters are valid UTF-8 sequences than there are invalid bytes (Windows-1252 text of
//!    Spanish or English almost never forms a valid UTF-8 sequence). The stray bytes become
//!    U+FFFD and their cells are reported, instead of every "í" of the file turning into "Ã­";
//! 6. otherwise Windows-1252, which Excel's plain "CSV" writes in Western European locales.
//!
//! Decoding gives what the WHATWG Encoding Standard gives (see [`Charset`]; checked against
//! `encoding_rs`, Firefox's decoder, byte for byte); its Windows-1252 decoder is what browsers
//! (and the standard) use for `iso-8859-1` / `latin1` too. Bytes that are not valid in the chosen encoding become U+FFFD; the table reader then
//! reports every cell holding one (`replacement_character`), so no label ever carries U+FFFD
//! silently.

use super::charset::Charset;
use super::issues::Issue;
use super::table::Table;
use crate::error::{Code, Error, Result};
use serde::Serialize;
use std::borrow::Cow;

/// The encodings a user may pick, by their canonical (WHATWG) names. Labels such as `latin1`,
/// `iso-8859-1`, `cp1252`, `utf8` or `mac` are accepted for them.
pub const ENCODINGS: &[&str] = &[
    "utf-8",
    "utf-16le",
    "utf-16be",
    "windows-1252",
    "iso-8859-15",
    "macintosh",
];

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyEncodingSource"))]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark at the start of the file.
    Bom,
    /// No mark, but zero bytes at every other position: UTF-16 text without a mark (UTF-8 and
    /// Windows-1252 text never holds zero bytes).
    ZeroBytes,
    /// No mark, and every byte sequence is valid UTF-8.
    ValidUtf8,
    /// UTF-8 but for a few stray bytes (more valid multi-byte UTF-8 characters than invalid
    /// bytes): read as UTF-8, the stray bytes shown as U+FFFD and reported per cell.
    MostlyUtf8,
    /// Not valid UTF-8, so read as Windows-1252 (what Excel's plain "CSV" writes).
    Fallback,
    /// Picked by the user (`encoding` read option).
    User,
    /// The caller passed text already decoded (the `from_csv` constructor).
    Text,
}

/// The encoding a file was read with, for the import summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyEncodingInfo"))]
#[serde(rename_all = "camelCase")]
pub struct EncodingInfo {
    /// Canonical name: `"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1252"`, ...
    pub name: &'static str,
    /// How it was chosen.
    pub source: EncodingSource,
    /// With [`EncodingSource::Fallback`] or [`EncodingSource::MostlyUtf8`]: the 1-based line of
    /// the first byte that is not valid UTF-8 (so the user can see why).
    pub invalid_utf8_line: Option<u64>,
}

impl EncodingInfo {
    /// The info for text that was decoded before it reached the engine.
    pub fn text() -> Self {
        EncodingInfo {
            name: "utf-8",
            source: EncodingSource::Text,
            invalid_utf8_line: None,
        }
    }
}

/// Resolves a user's encoding label to one of [`ENCODINGS`].
///
/// # Errors
/// [`Code::BadInput`] with details `encoding` (the label given) and `accepted` (the list) for
/// an unknown label or one outside [`ENCODINGS`].
pub fn encoding_for(label: &str) -> Result<Charset> {
    Charset::for_label(label).ok_or_else(|| {
        Error::new(
            Code::BadInput,
            format!(
                "the encoding must be one of {}, got {label:?}",
                ENCODINGS.join(", ")
            ),
        )
        .with("encoding", label)
        .with(
            "accepted",
            crate::error::Detail::List(
                ENCODINGS
                    .iter()
                    .map(|n| crate::error::Detail::Text((*n).to_string()))
                    .collect(),
            ),
        )
    })
}

/// The encoding named by a byte-order mark, with the mark's length.
fn sniff_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
    Charset::for_bom(bytes)
}

/// UTF-16 without a byte-order mark: in the first kilobyte at least a quarter of the bytes
/// are zero, nine in ten of them on one side (odd offsets: little-endian ASCII; even:
/// big-endian).
fn sniff_utf16(bytes: &[u8]) -> Option<Charset> {
    let sample = bytes.get(..bytes.len().min(1024) & !1)?;
    if sample.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair.first() == Some(&0));
        odd += usize::from(pair.get(1) == Some(&0));
    }
    if (even + odd) * 4 < sample.len() {
        return None;
    }
    if odd * 10 >= (even + odd) * 9 {
        Some(Charset::Utf16Le)
    } else if even * 10 >= (even + odd) * 9 {
        Some(Charset::Utf16Be)
    } else {
        None
    }
}

/// 1-based line of byte offset `at`.
fn line_at(bytes: &[u8], at: usize) -> u64 {
    1 + bytes
        .get(..at)
        .unwrap_or(bytes)
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
}

/// Decodes a file's bytes: the text (borrowed when the file is UTF-8 without a mark) and how
/// it was decoded. A byte-order mark is removed from the text.
///
/// # Errors
/// Those of [`encoding_for`] for an unknown `forced` label.
///
/// # Examples
/// ```
/// use waterline::survey::encoding::{decode, EncodingSource};
/// // "Sí" in Windows-1252: 0xED is not valid UTF-8.
/// let (text, info) = decode(b"q\nS\xed\n", None).unwrap();
/// assert_eq!(text, "q\nSí\n");
/// assert_eq!((info.name, info.source), ("windows-1252", EncodingSource::Fallback));
/// assert_eq!(info.invalid_utf8_line, Some(2));
/// ```
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&str>) -> Result<(Cow<'a, str>, EncodingInfo)> {
    if let Some(label) = forced {
        let enc = encoding_for(label)?;
        // A mark of the picked encoding is not content; any other bytes are.
        let body = match sniff_bom(bytes) {
            Some((e, n)) if e == enc => bytes.get(n..).unwrap_or(&[]),
            _ => bytes,
        };
        let text = enc.decode(body);
        let info = EncodingInfo {
            name: enc.name(),
            source: EncodingSource::User,
            invalid_utf8_line: None,
        };
        return Ok((text, info));
    }
    if let Some((enc, n)) = sniff_bom(bytes) {
        let text = enc.decode(bytes.get(n..).unwrap_or(&[]));
        let info = EncodingInfo {
            name: enc.name(),
            source: EncodingSource::Bom,
            invalid_utf8_line: None,
        };
        return Ok((text, info));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let text = enc.decode(bytes);
        let info = EncodingInfo {
            name: enc.name(),
            source: EncodingSource::ZeroBytes,
            invalid_utf8_line: None,
        };
        return Ok((text, info));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((
            Cow::Borrowed(text),
            EncodingInfo {
                name: Charset::Utf8.name(),
                source: EncodingSource::ValidUtf8,
                invalid_utf8_line: None,
            },
        )),
        Err(e) => {
            let line = Some(line_at(bytes, e.valid_up_to()));
            let (enc, source) = if mostly_utf8(bytes) {
                (Charset::Utf8, EncodingSource::MostlyUtf8)
            } else {
                (Charset::Windows1252, EncodingSource::Fallback)
            };
            Ok((
                enc.decode(bytes),
                EncodingInfo {
                    name: enc.name(),
                    source,
                    invalid_utf8_line: line,
                },
            ))
        }
    }
}

/// True when more of the file's non-ASCII characters are valid multi-byte UTF-8 sequences than
/// there are invalid sequences: a UTF-8 file with a few stray bytes (a pasted Windows-1252
/// cell), not a Windows-1252 file, whose accented letters are lone bytes that UTF-8 rejects.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > invalid
}

/// Encodes `text` in one of the supported encodings, with a byte-order mark when `bom` is true
/// (UTF-8 and UTF-16 only). For tests and fixtures: characters the encoding cannot represent
/// are an error, never silently replaced.
///
/// # Errors
/// [`Code::BadInput`] for an unknown encoding or a character it cannot represent.
pub fn encode(text: &str, label: &str, bom: bool) -> Result<Vec<u8>> {
    let enc = encoding_for(label)?;
    let mut out = Vec::with_capacity(text.len() * 2 + 3);
    match enc {
        Charset::Utf16Le | Charset::Utf16Be => {
            let le = enc == Charset::Utf16Le;
            if bom {
                out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
        }
        Charset::Utf8 => {
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
        }
        _ => {
            for ch in text.chars() {
                let byte = (0..=255u8).find(|&b| enc.single_byte(b) == ch);
                let byte = byte.ok_or_else(|| {
                    Error::new(
                        Code::BadInput,
                        format!("the text has characters {} cannot represent", enc.name()),
                    )
                    .with("encoding", enc.name())
                })?;
                out.push(byte);
            }
        }
    }
    Ok(out)
}

/// One `replacement_character` issue per column whose cells hold U+FFFD (bytes that are not
/// valid in the encoding used), with the rows, their lines and the first such value.
pub(crate) fn replacement_issues(table: &Table, header_line: u64) -> Vec<Issue> {
    let mut out = Vec::new();
    for (c, dict) in table.dicts.iter().enumerate() {
        let bad: Vec<bool> = dict.values.iter().map(|v| v.contains('\u{FFFD}')).collect();
        let Some(first) = bad.iter().position(|b| *b) else {
            continue;
        };
        let Some(cells) = table.cells.get(c) else {
            continue;
        };
        let mut issue: Option<Issue> = None;
        for (row, &e) in cells.iter().enumerate() {
            if bad.get(e as usize) == Some(&true) {
                let line = table.line(row as u32);
                match issue.as_mut() {
                    Some(i) => i.add(line),
                    None => {
                        issue = Some(Issue::new(Code::ReplacementCharacter, String::new(), line))
                    }
                }
            }
        }
        if let Some(mut i) = issue {
            let header = table
                .columns
                .get(c)
                .map(|c| c.header.clone())
                .unwrap_or_default();
            i.message = format!("{} cells of column \"{header}\" hold bytes that are not valid {}, shown as U+FFFD; pick the file's encoding", i.count, table.encoding.name);
            i.column = Some(header);
            i.value = dict.values.get(first).cloned();
            i.treatment = "kept";
            out.push(i);
        }
    }
    let headers = table
        .columns
        .iter()
        .filter(|c| c.header.contains('\u{FFFD}'));
    for col in headers {
        let mut i = Issue::new(
            Code::ReplacementCharacter,
            format!(
                "the header \"{}\" holds bytes that are not valid {}; pick the file's encoding",
                col.header, table.encoding.name
            ),
            header_line,
        );
        i.column = Some(col.header.clone());
        i.value = Some(col.header.clone());
        i.treatment = "kept";
        out.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_pick_the_encoding_and_are_removed() {
        let (t, i) = decode(b"\xEF\xBB\xBFa,b\n", None).unwrap();
        assert_eq!(
            (t.as_ref(), i.name, i.source),
            ("a,b\n", "utf-8", EncodingSource::Bom)
        );
        let le = encode("¿Dónde?\tSí\n", "utf-16le", true).unwrap();
        let (t, i) = decode(&le, None).unwrap();
        assert_eq!((t.as_ref(), i.name), ("¿Dónde?\tSí\n", "utf-16le"));
        let be = encode("¿Dónde?\tSí\n", "utf-16be", true).unwrap();
        let (t, i) = decode(&be, None).unwrap();
        assert_eq!((t.as_ref(), i.name), ("¿Dónde?\tSí\n", "utf-16be"));
    }

    #[test]
    fn utf16_without_a_mark_is_told_by_its_zero_bytes() {
        let text = "Marca temporal\t¿Dónde vive?\n2020/01/10\tMecca\n";
        for label in ["utf-16le", "utf-16be"] {
            let bytes = encode(text, label, false).unwrap();
            let (t, i) = decode(&bytes, None).unwrap();
            assert_eq!(
                (t.as_ref(), i.name, i.source),
                (text, label, EncodingSource::ZeroBytes)
            );
        }
        // A lone zero byte in UTF-8 text is not UTF-16.
        let (_, i) = decode(b"a,b\n1,\x002\n", None).unwrap();
        assert_eq!(i.source, EncodingSource::ValidUtf8);
    }

    #[test]
    fn a_utf8_file_with_one_stray_byte_stays_utf8() {
        // Spanish answers in UTF-8, and one cell pasted from a Windows-1252 file ("é" = 0xE9).
        let mut bytes = "¿Participó?\nSí\nSí\nNo\nMejoró\nCaf".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xe9\n");
        let (t, i) = decode(&bytes, None).unwrap();
        assert_eq!((i.name, i.source), ("utf-8", EncodingSource::MostlyUtf8));
        assert_eq!(i.invalid_utf8_line, Some(6));
        assert!(t.starts_with("¿Participó?\nSí\n"));
        assert!(t.ends_with("Caf\u{FFFD}\n"));
        // Windows-1252 text, whose accented letters UTF-8 rejects, is still read as such.
        let (t, i) = decode(b"\xbfParticip\xf3?\nS\xed\n", None).unwrap();
        assert_eq!(
            (t.as_ref(), i.source),
            ("¿Participó?\nSí\n", EncodingSource::Fallback)
        );
    }

    #[test]
    fn labels_resolve_to_the_supported_list() {
        assert_eq!(encoding_for("latin1").unwrap().name(), "windows-1252");
        assert_eq!(encoding_for(" ISO-8859-1 ").unwrap().name(), "windows-1252");
        assert_eq!(encoding_for("UTF8").unwrap().name(), "utf-8");
        assert_eq!(encoding_for("mac").unwrap().name(), "macintosh");
        let e = encoding_for("shift_jis").unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        assert!(encoding_for("klingon").is_err());
    }

    #[test]
    fn forced_encoding_wins_over_detection() {
        // Valid UTF-8 "Ã­" read as the user says: Windows-1252.
        let (t, i) = decode("Sí".as_bytes(), Some("windows-1252")).unwrap();
        assert_eq!((t.as_ref(), i.source), ("SÃ\u{AD}", EncodingSource::User));
        // Forced UTF-8 on Windows-1252 bytes: replacement characters, reported later.
        let (t, _) = decode(b"S\xed", Some("utf-8")).unwrap();
        assert_eq!(t, "S\u{FFFD}");
    }

    #[test]
    fn encode_refuses_what_it_cannot_represent() {
        assert!(encode("€ ok", "windows-1252", false).is_ok());
        assert!(encode("日本", "windows-1252", false).is_err());
    }
}
