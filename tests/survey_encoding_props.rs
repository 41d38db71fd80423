//! Property: re-encoding a file (UTF-8, UTF-8 with BOM, UTF-16LE/BE with BOM, Windows-1252)
//! never changes what the engine reads: the mapping, the import summary (except the encoding
//! it names) and the report are the same.
#![cfg(all(feature = "survey", not(target_arch = "wasm32")))]

use proptest::prelude::*;
use waterline::survey::encoding::encode;
use waterline::survey::{ReadOptions, Survey};

const TOWNS: &[&str] = &[
    "Thermal",
    "Mecca",
    "Oasis",
    "Coachella",
    "Indio",
    "Cañón",
    "Niland",
];
const YES_NO: &[&str] = &["Sí", "No", "sí", "NO", "Si", ""];
const AGREE: &[&str] = &[
    "Totalmente de acuerdo",
    "De acuerdo",
    "Ni de acuerdo ni en desacuerdo",
    "En desacuerdo",
    "Totalmente en desacuerdo",
    "Strongly agree",
    "",
];
/// Words of free-text comments: accents, "¿¡", "€" — all in Windows-1252.
const WORDS: &[&str] = &[
    "¡Gracias!",
    "más",
    "sesiones",
    "en",
    "español",
    "Señora",
    "Núñez",
    "¿cuándo?",
    "10€",
    "\"bien\"",
    "útil,",
    "año;",
];

#[derive(Debug, Clone)]
struct File {
    delimiter: &'static str,
    newline: &'static str,
    rows: Vec<(usize, usize, usize, usize, Vec<usize>, bool)>,
}

fn file() -> impl Strategy<Value = File> {
    let row = (
        0..30usize,
        0..TOWNS.len(),
        0..YES_NO.len(),
        0..AGREE.len(),
        prop::collection::vec(0..WORDS.len(), 0..5),
        any::<bool>(),
    );
    (
        prop::sample::select(vec![",", ";", "\t"]),
        prop::sample::select(vec!["\n", "\r\n"]),
        prop::collection::vec(row, 3..30),
    )
        .prop_map(|(delimiter, newline, rows)| File {
            delimiter,
            newline,
            rows,
        })
}

fn quote(field: &str, delimiter: &str) -> String {
    if field.contains(['"', '\n', '\r']) || field.contains(delimiter) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

impl File {
    fn text(&self) -> String {
        let d = self.delimiter;
        let header = [
            "Respondent ID",
            "¿Dónde vive?",
            "¿Participó en Lunadas?",
            "Me siento con confianza (antes)",
            "Me siento con confianza (ahora)",
            "Comentarios",
        ];
        let mut out = header.join(d) + self.newline;
        for (id, town, yes, agree, words, two_lines) in &self.rows {
            let comment: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
            let sep = if *two_lines { "\n" } else { " " };
            let fields = [
                id.to_string(),
                TOWNS[*town].to_string(),
                YES_NO[*yes].to_string(),
                AGREE[*agree].to_string(),
                AGREE[(*agree + *id) % AGREE.len()].to_string(),
                comment.join(sep),
            ];
            let row: Vec<String> = fields.iter().map(|f| quote(f, d)).collect();
            out += &row.join(d);
            out += self.newline;
        }
        out
    }
}

/// Everything the engine tells about a file except which encoding it read.
fn read(bytes: &[u8]) -> String {
    let s = Survey::from_bytes(bytes, &ReadOptions::default()).unwrap();
    let mut summary = serde_json::to_value(s.issues()).unwrap();
    summary.as_object_mut().unwrap().remove("encoding");
    let report = serde_json::to_value(s.report(&Default::default()).unwrap()).unwrap();
    let mapping = serde_json::to_value(s.mapping()).unwrap();
    serde_json::json!([summary, mapping, report]).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn re_encoding_never_changes_the_report(f in file()) {
        let text = f.text();
        let want = read(text.as_bytes());
        for (label, bom) in [
            ("utf-8", true),
            ("utf-16le", true),
            ("utf-16be", true),
            ("windows-1252", false),
        ] {
            let bytes = encode(&text, label, bom).unwrap();
            prop_assert_eq!(&read(&bytes), &want, "{} bom={}", label, bom);
        }
    }
}
