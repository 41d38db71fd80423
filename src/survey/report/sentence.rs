//! Plain-language sentences in English and Spanish, and the number formats they use.
//!
//! Percentages are rounded half away from zero to whole percent ("89%"); intervals read
//! "89% (95% CI 82–94%)" in English and "89% (IC 95% 82–94%)" in Spanish; Spanish decimals
//! use a comma ("p = 0,012").

use crate::survey::instrument::{Lang, Text};
use serde::Serialize;

/// One sentence in both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveySentence"))]
pub struct Sentence {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
}

impl Sentence {
    /// Builds both languages with one closure.
    pub fn build(f: impl Fn(Lang) -> String) -> Self {
        Sentence {
            en: f(Lang::En),
            es: f(Lang::Es),
        }
    }
}

/// A share as a whole percent: 0.894 → "89%".
pub fn pct(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

/// A share as whole percent without the sign: 0.894 → "89".
pub fn pct_bare(share: f64) -> String {
    format!("{}", (share * 100.0).round())
}

/// A number with `digits` decimals, with a decimal comma in Spanish.
pub fn num(v: f64, digits: usize, lang: Lang) -> String {
    let s = format!("{v:.digits$}");
    let s = if s.starts_with('-') && s.trim_start_matches(['-', '0', '.', ',']).is_empty() {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    match lang {
        Lang::En => s,
        Lang::Es => s.replace('.', ","),
    }
}

/// The interval label: "95% CI 82–94%" / "IC 95% 82–94%".
pub fn ci(level: f64, lower: f64, upper: f64, lang: Lang) -> String {
    let lvl = level_text(level, lang);
    match lang {
        Lang::En => format!("{lvl} CI {}–{}", pct_bare(lower), pct(upper)),
        Lang::Es => format!("IC {lvl} {}–{}", pct_bare(lower), pct(upper)),
    }
}

/// "95%" (or "99.5%" / "99,5%").
pub fn level_text(level: f64, lang: Lang) -> String {
    let l = level * 100.0;
    if (l - l.round()).abs() < 1e-9 {
        format!("{}%", l.round())
    } else {
        format!("{}%", num(l, 1, lang))
    }
}

/// A share with its interval: "89% (95% CI 82–94%)".
pub fn share_ci(share: f64, lower: f64, upper: f64, level: f64, lang: Lang) -> String {
    format!("{} ({})", pct(share), ci(level, lower, upper, lang))
}

/// "p < 0.001" / "p = 0.012" (Spanish with a comma).
pub fn p_text(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", num(0.001, 3, lang))
    } else {
        format!("p = {}", num(p, 3, lang))
    }
}

/// The p-value phrase with the adjusted value when there is one: "p = 0.004 (Holm-adjusted
/// p = 0.012)" / "p = 0,004 (p ajustado por Holm = 0,012)".
pub fn p_with_adjusted(p: f64, adjusted: Option<f64>, method: &str, lang: Lang) -> String {
    let base = p_text(p, lang);
    match (adjusted, lang) {
        (Some(a), Lang::En) => format!("{base} ({method}-adjusted {})", p_text(a, lang)),
        (Some(a), Lang::Es) => format!("{base} ({} ajustado por {method})", p_text(a, lang)),
        (None, _) => base,
    }
}

/// "n = 113" / "n = 113" with a noun: "113 pairs" / "113 pares".
pub fn n_text(n: u64, what: (&str, &str), lang: Lang) -> String {
    match lang {
        Lang::En => format!("n = {n} {}", what.0),
        Lang::Es => format!("n = {n} {}", what.1),
    }
    .trim_end()
    .to_string()
}

/// The item's text in `lang`, quoted when not empty, with a colon: "“I know resources”: ".
pub fn lead(text: &Text, lang: Lang) -> String {
    let t = text.get(lang);
    if t.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::En => format!("“{t}”: "),
            Lang::Es => format!("«{t}»: "),
        }
    }
}

/// The item's text quoted, with a note in brackets, and a colon: "“District meetings”
/// (then-test): ".
pub fn lead_with(text: &Text, note: &str, lang: Lang) -> String {
    let t = text.get(lang);
    match (t.is_empty(), note.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("({note}): "),
        (false, true) => format!("{}: ", quote(t, lang)),
        (false, false) => format!("{} ({note}): ", quote(t, lang)),
    }
}

/// Quotes a label: “Often” / «Casi siempre».
pub fn quote(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("“{label}”"),
        Lang::Es => format!("«{label}»"),
    }
}

/// Joins phrases: "a, b or c" / "a, b o c".
pub fn or_list(parts: &[String], lang: Lang) -> String {
    let word = match lang {
        Lang::En => " or ",
        Lang::Es => " o ",
    };
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{word}{last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_sentence_in_both_languages() {
        assert_eq!(
            share_ci(101.0 / 113.0, 0.8235, 0.9382, 0.95, Lang::En),
            "89% (95% CI 82–94%)"
        );
        assert_eq!(
            share_ci(101.0 / 113.0, 0.8235, 0.9382, 0.95, Lang::Es),
            "89% (IC 95% 82–94%)"
        );
        assert_eq!(p_text(0.0123, Lang::Es), "p = 0,012");
        assert_eq!(p_text(0.00001, Lang::En), "p < 0.001");
        assert_eq!(num(-0.0001, 2, Lang::En), "0.00");
        assert_eq!(level_text(0.995, Lang::Es), "99,5%");
    }
}
