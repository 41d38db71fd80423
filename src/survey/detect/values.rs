//! What a column's values look like: the label family most cells use, numeric codes, numbers,
//! multi-select lists, categories or free text. Each rule is a named function so that the
//! guess has a test and a reason.

use super::super::headers::{mentions, GROUP_WORDS, QUANTITY_WORDS};
use super::super::labels::{fold, missing_kind, parse_number, FamilyKind};
use super::super::table::Table;

/// Share of answered cells a label family must match to be chosen.
pub const FAMILY_SHARE: f64 = 0.8;
/// Share of answered cells that must be numbers for a numeric (or numeric-code) column; the
/// rest are reported as `not_a_number`.
pub const NUMERIC_SHARE: f64 = 0.9;
/// Most distinct values of a category column.
pub const MAX_CATEGORIES: usize = 30;
/// Most distinct codes of a codes column.
pub const MAX_CODES: usize = 12;
/// Codes that survey tools use for non-answers: they may sit outside a 0–10 scale.
pub const SENTINEL_CODES: [f64; 12] = [
    -99.0, -98.0, -97.0, -9.0, -8.0, -1.0, 77.0, 88.0, 97.0, 98.0, 99.0, 999.0,
];
/// Most distinct values folded for label detection (more means an id or free text).
const MAX_LABEL_VALUES: usize = 5_000;

/// What a column's values look like.
#[derive(Debug, Clone, PartialEq)]
pub enum Guess {
    /// A built-in label family: which canonical positions are used, matched and answered
    /// cells.
    Family(FamilyKind, Vec<bool>, u64, u64),
    /// Whole-number codes without labels: each distinct code with its count, ascending.
    Codes(Vec<(f64, u64)>),
    /// Numbers (a quantity, an age, a decimal).
    Numeric,
    /// Several choices in one cell: the separator and the choices, most frequent first.
    Multi(String, Vec<String>),
    /// Recurring values without order: the levels, most frequent first.
    Category(Vec<String>),
    /// Free text.
    Text,
}

/// The answered distinct values of a column: (raw, folded, count).
pub fn answered(table: &Table, c: usize) -> Vec<(&str, String, u64)> {
    let Some(dict) = table.dicts.get(c) else {
        return Vec::new();
    };
    if dict.values.len() > MAX_LABEL_VALUES {
        return Vec::new();
    }
    dict.values
        .iter()
        .zip(&dict.counts)
        .skip(1)
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| (v.as_str(), fold(v), *n))
        .filter(|(_, f, _)| missing_kind(f).is_none())
        .collect()
}

/// Guesses what column `c` holds.
pub fn guess(table: &Table, c: usize, header: &str) -> Guess {
    let Some(dict) = table.dicts.get(c) else {
        return Guess::Text;
    };
    let values = answered(table, c);
    if values.is_empty() {
        return if dict.values.len() > MAX_LABEL_VALUES {
            Guess::Text
        } else {
            Guess::Category(Vec::new())
        };
    }
    let counted: Vec<(&str, String, u64)> = values.clone();
    if let Some(g) = numbers(&counted, table.delimiter == ';', header) {
        return g;
    }
    if let Some(g) = family(&counted) {
        return g;
    }
    if let Some(g) = multi(&counted) {
        return g;
    }
    category(&counted, header)
}

/// Rule "numbers": at least [`NUMERIC_SHARE`] of the answered cells are numbers. Whole
/// numbers in 0–10 (plus the usual non-answer codes such as 9x or −99), at most
/// [`MAX_CODES`] distinct, under a header that is not a quantity, are *codes*: their meaning
/// is unknown until a codebook or the user declares it. Anything else is numeric.
pub fn numbers(values: &[(&str, String, u64)], comma: bool, header: &str) -> Option<Guess> {
    let total: u64 = values.iter().map(|v| v.2).sum();
    let parsed: Vec<(f64, u64)> = values
        .iter()
        .filter_map(|(v, _, n)| parse_number(v, comma).map(|x| (x, *n)))
        .collect();
    let numeric: u64 = parsed.iter().map(|p| p.1).sum();
    if total == 0 || (numeric as f64) < NUMERIC_SHARE * total as f64 {
        return None;
    }
    let whole = parsed.iter().all(|(v, _)| v.fract() == 0.0);
    let coded = parsed
        .iter()
        .all(|(v, _)| (0.0..=10.0).contains(v) || SENTINEL_CODES.contains(v));
    // A quantity ("how many children") keeps its numbers; but an "Age" column of 1–10 holds
    // the codes of age bands, not ages of respondents.
    let folded = fold(header);
    let small = parsed.iter().all(|(v, _)| *v <= 10.0);
    let quantity = mentions(&folded, QUANTITY_WORDS)
        && !(small && mentions(&folded, &["age", "edad", "age group", "grupo de edad"]));
    if whole && coded && parsed.len() <= MAX_CODES && !quantity {
        let mut codes: Vec<(f64, u64)> = Vec::new();
        for (v, n) in parsed {
            match codes.iter_mut().find(|c| c.0 == v) {
                Some(c) => c.1 += n,
                None => codes.push((v, n)),
            }
        }
        crate::sort::sort_by(&mut codes, |a, b| a.0.total_cmp(&b.0));
        return Some(Guess::Codes(codes));
    }
    Some(Guess::Numeric)
}

/// Rule "labels": the first family (yes/no, change, agreement, satisfaction, frequency,
/// adults) whose labels match at least [`FAMILY_SHARE`] of the answered cells.
pub fn family(values: &[(&str, String, u64)]) -> Option<Guess> {
    let total: u64 = values.iter().map(|v| v.2).sum();
    for family in FamilyKind::ALL {
        let mut used = vec![false; family.len()];
        let mut matched = 0;
        for (_, f, n) in values {
            if let Some(p) = family.position(f) {
                matched += n;
                if let Some(u) = used.get_mut(p) {
                    *u = true;
                }
            }
        }
        if matched > 0 && matched as f64 >= FAMILY_SHARE * total as f64 {
            return Some(Guess::Family(family, used, matched, total));
        }
    }
    None
}

/// Rule "multi-select": cells list recurring choices separated by `;` (else `,`), and the
/// column looks like a list of choices rather than single answers that hold the separator
/// ([`lists_choices`]).
pub fn multi(values: &[(&str, String, u64)]) -> Option<Guess> {
    for sep in [";", ","] {
        if !values.iter().any(|(v, _, _)| v.contains(sep)) || !lists_choices(values, sep) {
            continue;
        }
        let mut tokens: Vec<(String, usize)> = Vec::new();
        for (v, _, _) in values {
            for t in v.split(sep).map(str::trim).filter(|t| !t.is_empty()) {
                match tokens.iter_mut().find(|(x, _)| fold(x) == fold(t)) {
                    Some((_, k)) => *k += 1,
                    None => tokens.push((t.to_string(), 1)),
                }
            }
        }
        if tokens.len() <= 40 && tokens.iter().any(|(_, k)| *k >= 2) {
            crate::sort::sort_by_key(&mut tokens, |t| std::cmp::Reverse(t.1));
            return Some(Guess::Multi(
                sep.to_string(),
                tokens.into_iter().map(|t| t.0).collect(),
            ));
        }
    }
    None
}

/// True when a column's cells read as lists of choices joined by `sep`: some respondent chose
/// one choice alone that others listed with more (a checkbox question always has such cells
/// when it has enough answers), no cell is a number with a thousands comma ("1,200" is a
/// thousand two hundred), and no part after the separator starts in lower case ("No, but I plan to" is one
/// answer). Without that evidence a comma in "Thermal, CA" or "No, but…" would split single
/// answers into made-up choices, so the column stays categories or text.
fn lists_choices(values: &[(&str, String, u64)], sep: &str) -> bool {
    let parts = |v: &str| -> Vec<String> {
        v.split(sep)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(fold)
            .collect()
    };
    let listed: Vec<(&str, Vec<String>)> = values
        .iter()
        .map(|(v, _, _)| (*v, parts(v)))
        .filter(|(_, p)| p.len() > 1)
        .collect();
    let alone_and_listed = values.iter().any(|(v, _, _)| {
        let p = parts(v);
        p.len() == 1 && listed.iter().any(|(_, l)| l.contains(&p[0]))
    });
    // "1,200": a number with a thousands comma (digits, then groups of exactly three). Lists of
    // numeric codes ("1,2,3", a numeric export's multi-select) stay lists.
    let thousands = |l: &[String]| {
        l.len() > 1
            && l.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit()))
            && l.first().is_some_and(|t| (1..=3).contains(&t.len()))
            && l.iter().skip(1).all(|t| t.len() == 3)
    };
    let numbers = sep == "," && listed.iter().any(|(_, l)| thousands(l));
    let continued = listed.iter().any(|(v, _)| {
        v.split(sep).skip(1).any(|t| {
            t.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
    });
    alone_and_listed && !numbers && !continued
}

/// Rule "category": at most [`MAX_CATEGORIES`] values that recur (or a group header such as
/// community or gender); else free text.
pub fn category(values: &[(&str, String, u64)], header: &str) -> Guess {
    let total: u64 = values.iter().map(|v| v.2).sum();
    let repeated = total >= 2 * values.len() as u64;
    if values.len() <= MAX_CATEGORIES && (repeated || mentions(&fold(header), GROUP_WORDS)) {
        let mut levels: Vec<(&str, u64)> = values.iter().map(|(v, _, n)| (*v, *n)).collect();
        crate::sort::sort_by_key(&mut levels, |l| std::cmp::Reverse(l.1));
        return Guess::Category(levels.into_iter().map(|l| l.0.to_string()).collect());
    }
    Guess::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(cells: &[(&str, u64)]) -> Vec<(&'static str, String, u64)> {
        cells
            .iter()
            .map(|(v, n)| {
                let s: &'static str = Box::leak(v.to_string().into_boxed_str());
                (s, fold(v), *n)
            })
            .collect()
    }

    #[test]
    fn small_whole_numbers_are_codes_not_a_scale() {
        let v = vals(&[("1", 40), ("2", 10), ("3", 3)]);
        assert_eq!(
            numbers(&v, false, "Has the district improved?"),
            Some(Guess::Codes(vec![(1.0, 40), (2.0, 10), (3.0, 3)]))
        );
        // Yes/No coded 1/2 is codes too, never a number whose mean can "fall".
        let v = vals(&[("1", 70), ("2", 43)]);
        assert!(matches!(
            numbers(&v, false, "Did you attend?"),
            Some(Guess::Codes(_))
        ));
        // Non-answer codes do not make a 1–5 item numeric.
        let v = vals(&[("5", 4), ("1", 2), ("9", 3), ("-99", 1)]);
        assert!(matches!(
            numbers(&v, false, "I know resources"),
            Some(Guess::Codes(_))
        ));
    }

    #[test]
    fn quantities_ages_and_decimals_stay_numeric() {
        let v = vals(&[("1", 4), ("2", 3), ("3", 1)]);
        assert_eq!(
            numbers(&v, false, "How many children?"),
            Some(Guess::Numeric)
        );
        let v = vals(&[("34", 1), ("41", 1), ("29", 1)]);
        assert_eq!(numbers(&v, false, "Q4"), Some(Guess::Numeric));
        let v = vals(&[("0.5", 1), ("2", 1), ("3", 1)]);
        assert_eq!(numbers(&v, false, "Q5"), Some(Guess::Numeric));
        // Age bands coded 1–4 are codes, not ages.
        let v = vals(&[("1", 16), ("2", 50), ("3", 37), ("4", 10)]);
        assert!(matches!(numbers(&v, false, "Age"), Some(Guess::Codes(_))));
    }

    #[test]
    fn a_family_needs_most_cells() {
        let v = vals(&[("Agree", 8), ("Disagree", 2)]);
        assert!(matches!(
            family(&v),
            Some(Guess::Family(FamilyKind::Agree, _, 10, 10))
        ));
        let v = vals(&[("Agree", 5), ("Nearly all adults", 5)]);
        assert_eq!(family(&v), None);
    }
}
