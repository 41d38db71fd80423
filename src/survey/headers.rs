//! Reading survey headers: the words that mark a column's role, bilingual "English / Español"
//! texts, identifiers made from question text, and then-test markers ("(before)", "(ahora)").

use super::instrument::Text;
use super::labels::fold;
use std::collections::HashSet;

pub(crate) const ID_HEADERS: &[&str] = &[
    "respondent id",
    "respondentid",
    "responseid",
    "response id",
    "id",
    "respondent",
    "respondent_id",
    "id de respuesta",
    "id del participante",
    "participant id",
    "participant",
    "folio",
    "record id",
    "codigo",
    "id de encuestado",
    "encuestado",
];
pub(crate) const TIME_HEADERS: &[&str] = &[
    "timestamp",
    "marca temporal",
    "marca de tiempo",
    "start date",
    "end date",
    "startdate",
    "enddate",
    "recordeddate",
    "recorded date",
    "date",
    "fecha",
    "submitted at",
    "submission date",
    "fecha de envio",
    "start time",
    "completion time",
    "hora de inicio",
    "hora de finalizacion",
];
pub(crate) const IGNORED_HEADERS: &[&str] = &[
    "collector id",
    "collectorid",
    "ip address",
    "ipaddress",
    "email address",
    "email",
    "e-mail",
    "correo",
    "correo electronico",
    "first name",
    "last name",
    "firstname",
    "lastname",
    "custom data",
    "custom data 1",
    "status",
    "response type",
    "tipo de respuesta",
    "progress",
    "duration (in seconds)",
    "finished",
    "distributionchannel",
    "userlanguage",
    "locationlatitude",
    "locationlongitude",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "name",
    "nombre",
];
pub(crate) const WAVE_WORDS: &[&str] = &[
    "wave",
    "ola",
    "year",
    "ano",
    "round",
    "ronda",
    "administration",
    "period",
    "periodo",
    "time",
    "momento",
    "school year",
    "ciclo escolar",
    "survey year",
];
pub(crate) const GROUP_WORDS: &[&str] = &[
    "community",
    "comunidad",
    "live",
    "lives",
    "vive",
    "viven",
    "residence",
    "residencia",
    "city",
    "ciudad",
    "town",
    "pueblo",
    "gender",
    "genero",
    "sexo",
    "sex",
    "age",
    "edad",
    "school",
    "escuela",
    "grade",
    "grado",
    "language",
    "idioma",
    "role",
    "rol",
    "zip",
    "district",
    "distrito",
    "neighborhood",
    "colonia",
    "barrio",
];
pub(crate) const QUANTITY_WORDS: &[&str] = &[
    "how many", "cuantos", "cuantas", "age", "edad", "number", "numero", "years", "anos", "hours",
    "horas", "minutes", "minutos", "count", "amount", "cantidad",
];
pub(crate) const BEFORE_WORDS: &[&str] = &[
    "before",
    "antes",
    "pre",
    "prior",
    "previously",
    "anteriormente",
    "retrospective",
];
pub(crate) const NOW_WORDS: &[&str] = &[
    "now",
    "ahora",
    "after",
    "despues",
    "post",
    "currently",
    "actualmente",
    "today",
    "hoy",
];

/// True when `header`'s words (folded) include any of `words` (multi-word entries match as
/// phrases).
pub(crate) fn mentions(folded: &str, words: &[&str]) -> bool {
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let joined = tokens.join(" ");
    words.iter().any(|w| {
        if w.contains(' ') {
            format!(" {joined} ").contains(&format!(" {w} "))
        } else {
            tokens.contains(w)
        }
    })
}

/// Splits "English / Español" headers; otherwise guesses the language of one text.
pub fn bilingual(text: &str) -> Text {
    for sep in [" / ", " | "] {
        let parts: Vec<&str> = text.split(sep).collect();
        if parts.len() == 2 {
            return Text::new(parts[0].trim(), parts[1].trim());
        }
    }
    let f = format!(" {} ", fold(text));
    let spanish = text.contains(['¿', '¡', 'ñ', 'á', 'é', 'í', 'ó', 'ú'])
        || [
            " el ", " la ", " los ", " las ", " que ", " usted ", " sus ", " del ", " con ",
            " para ", " de ",
        ]
        .iter()
        .any(|w| f.contains(w));
    if spanish {
        Text::new("", text)
    } else {
        Text::new(text, "")
    }
}

/// A short identifier from a text: folded words joined by `_`, at most 32 characters.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + word.len() >= 32 {
            break;
        }
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out.push_str("item");
    }
    out
}

/// Folded words of a text (ASCII letters and digits).
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Identifiers for several texts at once: each text's [`slug`], except that texts whose slugs
/// collide drop the words they share at the start ("In the past year, did you take part in
/// Zumbas?" / "... Lunadas?" → `zumbas`, `lunadas`).
pub(crate) fn distinct_slugs(texts: &[String]) -> Vec<String> {
    let bases: Vec<String> = texts.iter().map(|t| slug(t)).collect();
    let all: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
    bases
        .iter()
        .enumerate()
        .map(|(i, base)| {
            let same: Vec<usize> = (0..bases.len())
                .filter(|&j| bases.get(j) == Some(base))
                .collect();
            if same.len() < 2 {
                return base.clone();
            }
            let mine = all.get(i).cloned().unwrap_or_default();
            let shared = (0..mine.len())
                .take_while(|&k| {
                    same.iter()
                        .all(|&j| all.get(j).and_then(|w| w.get(k)) == mine.get(k))
                })
                .count();
            let rest = mine.get(shared..).unwrap_or(&[]).join(" ");
            if rest.is_empty() {
                base.clone()
            } else {
                slug(&rest)
            }
        })
        .collect()
}

pub(crate) fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut k = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}_{k}");
        k += 1;
    }
    id
}

/// Splits a header into segments at brackets and " - ", ": ", " / ", " | " separators.
pub(crate) fn segments(header: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = header.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let sep_len = match bytes.get(i..) {
            Some([b'(' | b')' | b'[' | b']', ..]) => 1,
            Some([b' ', b'-' | b'/' | b'|', b' ', ..]) => 3,
            Some([b':', b' ', ..]) => 2,
            _ => 0,
        };
        if sep_len > 0 {
            if let Some(s) = header.get(start..i) {
                out.push(s);
            }
            start = i + sep_len;
            i += sep_len;
        } else {
            i += 1;
        }
    }
    if let Some(s) = header.get(start..) {
        out.push(s);
    }
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// For a then-test header: (stem for matching, readable stem, true when "before").
pub(crate) fn then_test_marker(header: &str) -> Option<(String, String, bool)> {
    let segs = segments(header);
    if segs.len() < 2 {
        return None;
    }
    let mut side = None;
    let mut kept = Vec::new();
    for s in &segs {
        let f = fold(s);
        let before = mentions(&f, BEFORE_WORDS);
        let now = mentions(&f, NOW_WORDS);
        match (before, now) {
            (true, false) if side != Some(false) => side = Some(true),
            (false, true) if side != Some(true) => side = Some(false),
            (false, false) => kept.push(*s),
            _ => return None,
        }
    }
    let side = side?;
    if kept.is_empty() {
        return None;
    }
    Some((fold(&kept.join(" ")), kept.join(" / "), side))
}

pub(crate) fn wave_order(values: &[(&str, String, u64)]) -> Vec<String> {
    let rank = |f: &str| -> u8 {
        if mentions(
            f,
            &[
                "pre", "pretest", "baseline", "before", "antes", "inicial", "inicio", "first",
                "primera",
            ],
        ) {
            0
        } else if mentions(
            f,
            &[
                "post",
                "posttest",
                "after",
                "despues",
                "final",
                "follow",
                "seguimiento",
                "last",
                "segunda",
                "second",
            ],
        ) {
            2
        } else {
            1
        }
    };
    let mut v: Vec<(&str, &String)> = values.iter().map(|(r, f, _)| (*r, f)).collect();
    crate::sort::sort_by(&mut v, |a, b| rank(a.1).cmp(&rank(b.1)).then(a.0.cmp(b.0)));
    v.into_iter().map(|(r, _)| r.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_test_markers_in_english_and_spanish() {
        let (s1, _, b1) = then_test_marker("Attended district meetings (before joining)").unwrap();
        let (s2, _, b2) = then_test_marker("Attended district meetings (now)").unwrap();
        assert_eq!(s1, s2);
        assert!(b1 && !b2);
        let (s3, _, b3) = then_test_marker("Asiste a juntas del distrito [antes]").unwrap();
        let (s4, _, b4) = then_test_marker("Asiste a juntas del distrito - ahora").unwrap();
        assert_eq!(s3, s4);
        assert!(b3 && !b4);
        assert!(then_test_marker("How long before the meeting did you arrive?").is_none());
    }

    #[test]
    fn bilingual_headers_split() {
        let t = bilingual("I know resources / Conozco recursos");
        assert_eq!(
            (t.en.as_str(), t.es.as_str()),
            ("I know resources", "Conozco recursos")
        );
        assert_eq!(bilingual("¿Dónde vive?").es, "¿Dónde vive?");
        assert_eq!(
            slug("I feel confident talking with my child's teachers"),
            "i_feel_confident_talking_with_my"
        );
    }
}
