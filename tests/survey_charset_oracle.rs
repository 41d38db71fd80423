//! The decoders of `src/survey/charset.rs` against `encoding_rs` (Firefox's implementation of
//! the WHATWG Encoding Standard): every byte of every single-byte set, every label we accept,
//! and random byte strings in every set decode to the same text.
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::survey::charset::Charset;

fn oracle(c: Charset) -> &'static encoding_rs::Encoding {
    encoding_rs::Encoding::for_label(c.name().as_bytes()).expect("a WHATWG name")
}

fn decoded_by_oracle(c: Charset, bytes: &[u8]) -> String {
    oracle(c).decode_without_bom_handling(bytes).0.into_owned()
}

#[test]
fn every_byte_of_every_single_byte_set_is_the_standards() {
    for c in [
        Charset::Windows1252,
        Charset::Iso8859_15,
        Charset::Macintosh,
    ] {
        for b in 0..=255u8 {
            assert_eq!(
                c.decode(&[b]),
                decoded_by_oracle(c, &[b]),
                "{} byte {b:#04x}",
                c.name()
            );
        }
    }
}

#[test]
fn every_label_names_the_set_the_standard_names() {
    let labels = [
        "utf-8",
        "utf8",
        "UTF-8 ",
        "unicode-1-1-utf-8",
        "utf-16le",
        "utf-16",
        "ucs-2",
        "unicode",
        "utf-16be",
        "windows-1252",
        "cp1252",
        "latin1",
        "ISO-8859-1",
        "iso_8859-1",
        "ascii",
        "us-ascii",
        "l1",
        "iso-8859-15",
        "l9",
        "macintosh",
        "mac",
        "x-mac-roman",
    ];
    for l in labels {
        let ours = Charset::for_label(l).unwrap_or_else(|| panic!("{l} not accepted"));
        let theirs = encoding_rs::Encoding::for_label(l.trim().as_bytes()).unwrap();
        assert_eq!(oracle(ours), theirs, "label {l}");
    }
    assert_eq!(Charset::for_label("shift_jis"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn random_bytes_decode_as_the_standard_says(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        for c in Charset::ALL {
            prop_assert_eq!(c.decode(&bytes).into_owned(), decoded_by_oracle(c, &bytes), "{}", c.name());
        }
    }

    #[test]
    fn utf16_with_surrogates_decodes_as_the_standard_says(units in proptest::collection::vec(
        prop_oneof![any::<u16>(), 0xD800u16..0xE000], 0..24), odd in any::<Option<u8>>()) {
        for c in [Charset::Utf16Le, Charset::Utf16Be] {
            let mut bytes: Vec<u8> = units.iter().flat_map(|u| if c == Charset::Utf16Le { u.to_le_bytes() } else { u.to_be_bytes() }).collect();
            bytes.extend(odd);
            prop_assert_eq!(c.decode(&bytes).into_owned(), decoded_by_oracle(c, &bytes), "{}", c.name());
        }
    }
}
