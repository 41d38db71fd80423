//! The character sets a survey export can be written in, and their decoders.
//!
//! Each decoder gives the text the WHATWG Encoding Standard gives (what browsers and
//! `encoding_rs`, Firefox's decoder, give): UTF-8 through the standard library (invalid
//! sequences become U+FFFD by maximal subparts, as WHATWG specifies); UTF-16 through
//! `char::decode_utf16` (an unpaired surrogate or a final odd byte becomes U+FFFD); the
//! single-byte sets through their WHATWG indexes for bytes 0x80–0xFF below.
//!
//! Why not `encoding_rs` at run time: any runtime use of it links every decoder of the
//! standard, the Chinese, Japanese and Korean tables included — about 130 KiB gzipped of the
//! shipped engine for sets a survey export never uses. `tests/survey_charset_oracle.rs` checks
//! every byte of every set here, and random byte strings, against `encoding_rs` itself (a
//! dev-dependency), so the tables below cannot drift from it.

use std::borrow::Cow;

/// A supported character set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8 (Google Forms, Qualtrics, SurveyMonkey; Excel's "CSV UTF-8").
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode text", tab-separated).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (Excel's plain "CSV" in Western European locales; also `latin1`).
    Windows1252,
    /// ISO-8859-15 (Latin-9).
    Iso8859_15,
    /// Mac OS Roman (old Excel for Mac's "CSV (Macintosh)").
    Macintosh,
}

impl Charset {
    /// Every supported set, in the order of [`ENCODINGS`](super::encoding::ENCODINGS).
    pub const ALL: [Charset; 6] = [
        Charset::Utf8,
        Charset::Utf16Le,
        Charset::Utf16Be,
        Charset::Windows1252,
        Charset::Iso8859_15,
        Charset::Macintosh,
    ];

    /// The canonical WHATWG name.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Utf16Le => "utf-16le",
            Charset::Utf16Be => "utf-16be",
            Charset::Windows1252 => "windows-1252",
            Charset::Iso8859_15 => "iso-8859-15",
            Charset::Macintosh => "macintosh",
        }
    }

    /// The set a label names: the WHATWG labels of the supported sets (ASCII case and
    /// surrounding white space ignored). `latin1` and `iso-8859-1` name Windows-1252, as in
    /// the standard and in every browser.
    pub fn for_label(label: &str) -> Option<Charset> {
        let l = label.trim().to_ascii_lowercase();
        let found = match l.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
            | "x-unicode20utf8" => Charset::Utf8,
            "utf-16le" | "utf-16" | "ucs-2" | "unicode" | "csunicode" | "iso-10646-ucs-2"
            | "unicodefeff" => Charset::Utf16Le,
            "utf-16be" | "unicodefffe" => Charset::Utf16Be,
            "windows-1252" | "cp1252" | "x-cp1252" | "latin1" | "l1" | "iso-8859-1"
            | "iso8859-1" | "iso88591" | "iso_8859-1" | "iso_8859-1:1987" | "iso-ir-100"
            | "ibm819" | "cp819" | "csisolatin1" | "us-ascii" | "ascii" | "ansi_x3.4-1968"
            | "iso-8859-1:1987" => Charset::Windows1252,
            "iso-8859-15" | "iso8859-15" | "iso885915" | "iso_8859-15" | "l9" | "csisolatin9" => {
                Charset::Iso8859_15
            }
            "macintosh" | "mac" | "csmacintosh" | "x-mac-roman" => Charset::Macintosh,
            _ => return None,
        };
        Some(found)
    }

    /// The set a byte-order mark names, with the mark's length.
    pub fn for_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some((Charset::Utf8, 3))
        } else if bytes.starts_with(b"\xFF\xFE") {
            Some((Charset::Utf16Le, 2))
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some((Charset::Utf16Be, 2))
        } else {
            None
        }
    }

    /// Decodes `bytes` (without a byte-order mark) to text; borrowed when valid UTF-8 needs no
    /// change.
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, str> {
        match self {
            Charset::Utf8 => String::from_utf8_lossy(bytes),
            Charset::Utf16Le => Cow::Owned(utf16(bytes, u16::from_le_bytes)),
            Charset::Utf16Be => Cow::Owned(utf16(bytes, u16::from_be_bytes)),
            Charset::Windows1252 | Charset::Iso8859_15 | Charset::Macintosh => {
                if bytes.is_ascii() {
                    // ASCII is the same in every single-byte set, and valid UTF-8.
                    Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
                } else {
                    Cow::Owned(bytes.iter().map(|&b| self.single_byte(b)).collect())
                }
            }
        }
    }

    /// The character of byte `b` in a single-byte set (ASCII below 0x80).
    pub(crate) fn single_byte(self, b: u8) -> char {
        if b < 0x80 {
            return char::from(b);
        }
        let code = match self {
            Charset::Windows1252 => match WINDOWS_1252_80_9F.get(usize::from(b - 0x80)) {
                Some(&c) => c,
                None => u16::from(b),
            },
            Charset::Iso8859_15 => ISO_8859_15_DIFF
                .iter()
                .find(|(byte, _)| *byte == b)
                .map_or(u16::from(b), |(_, c)| *c),
            Charset::Macintosh => MACINTOSH_80_FF
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or(0xFFFD),
            _ => u16::from(b),
        };
        char::from_u32(u32::from(code)).unwrap_or('\u{FFFD}')
    }
}

/// UTF-16 code units from byte pairs. As WHATWG specifies, a final odd byte is U+FFFD — one
/// U+FFFD in all when it follows an unpaired lead surrogate, which is already one.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units: Vec<u16> = pairs
        .map(|p| unit([p[0], p.get(1).copied().unwrap_or(0)]))
        .collect();
    let ends_in_lead = units.last().is_some_and(|u| (0xD800..0xDC00).contains(u));
    let mut out: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    if odd && !ends_in_lead {
        out.push('\u{FFFD}');
    }
    out
}

/// WHATWG index-windows-1252, bytes 0x80–0x9F (0xA0–0xFF are U+00A0–U+00FF).
const WINDOWS_1252_80_9F: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// WHATWG index-iso-8859-15: the eight bytes that differ from ISO-8859-1 (the rest of
/// 0x80–0xFF is U+0080–U+00FF).
const ISO_8859_15_DIFF: [(u8, u16); 8] = [
    (0xA4, 0x20AC),
    (0xA6, 0x0160),
    (0xA8, 0x0161),
    (0xB4, 0x017D),
    (0xB8, 0x017E),
    (0xBC, 0x0152),
    (0xBD, 0x0153),
    (0xBE, 0x0178),
];

/// WHATWG index-macintosh, bytes 0x80–0xFF.
const MACINTOSH_80_FF: [u16; 128] = [
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3,
    0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020, 0x00B0, 0x00A2, 0x00A3,
    0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA,
    0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D,
    0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE,
    0x00CF, 0x00CC, 0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_in_windows_1252() {
        assert_eq!(
            Charset::Windows1252.decode(b"\xBFD\xF3nde? S\xED \x80"),
            "¿Dónde? Sí €"
        );
    }

    #[test]
    fn utf16_odd_byte_and_lone_surrogate_are_replaced() {
        assert_eq!(Charset::Utf16Le.decode(b"a\x00\x00\xD8b"), "a\u{FFFD}");
        assert_eq!(Charset::Utf16Le.decode(b"a\x00b"), "a\u{FFFD}");
        assert_eq!(Charset::Utf16Be.decode(b"\x00S\x00\xED"), "Sí");
    }
}
