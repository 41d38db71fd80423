//! An item's plain-language sentence in English and Spanish, from its figures: the share in the
//! top box with its interval, the categories' shares, a numeric item's median, or why the
//! figure is withheld (the item's first notice).

use super::*;
use crate::survey::report::sentence;

/// The item's sentence from its figures (public for engines that re-estimate an item from
/// merged summaries, e.g. under weights, #22).
pub fn sentence(item: &Item, r: &ItemResult, level: f64) -> Sentence {
    Sentence::build(|lang| {
        let head = lead_with(&item.text, r.wave.as_deref().unwrap_or(""), lang);
        let n = format!("(n = {})", r.n_used);
        if let Some(first) = r.notices.first() {
            let parts: Vec<String> = r
                .distribution
                .iter()
                .map(|s| format!("{} {}", s.label.get(lang), sentence::pct(s.share)))
                .collect();
            let why = notice::sentence(first, &Text::default(), lang);
            return format!(
                "{head}{} ({}) {n}.",
                why.trim_end_matches('.'),
                parts.join("; ")
            );
        }
        if r.n_used == 0 {
            return format!(
                "{head}{}",
                if lang == Lang::En {
                    "no answers."
                } else {
                    "sin respuestas."
                }
            );
        }
        match item.kind {
            ItemType::Likert | ItemType::Binary | ItemType::Change => match &r.top_box {
                Some(t) => format!(
                    "{head}{} {} {n}.",
                    share_ci(
                        t.interval.estimate,
                        t.interval.lower,
                        t.interval.upper,
                        level,
                        lang
                    ),
                    top_phrase(item, lang)
                ),
                None => format!("{head}{n}."),
            },
            ItemType::Category | ItemType::MultiSelect | ItemType::Codes => {
                let mut shown: Vec<&Share> = r.distribution.iter().collect();
                if item.kind == ItemType::Category {
                    crate::sort::sort_by_key(&mut shown, |s| std::cmp::Reverse(s.count));
                }
                let parts: Vec<String> = shown
                    .iter()
                    .take(5)
                    .map(|s| {
                        format!(
                            "{} {}",
                            s.label.get(lang),
                            share_ci(s.share, s.lower, s.upper, level, lang)
                        )
                    })
                    .collect();
                format!("{head}{} {n}.", parts.join("; "))
            }
            ItemType::Numeric => {
                let m = r.mean.map_or(String::new(), |m| num(m, 2, lang));
                let ci = match (r.mean_lower, r.mean_upper) {
                    (Some(lo), Some(hi)) => match lang {
                        Lang::En => {
                            format!(" (95% CI {} to {})", num(lo, 2, lang), num(hi, 2, lang))
                                .replace("95%", &sentence::level_text(level, lang))
                        }
                        Lang::Es => format!(
                            " (IC {} {} a {})",
                            sentence::level_text(level, lang),
                            num(lo, 2, lang),
                            num(hi, 2, lang)
                        ),
                    },
                    _ => String::new(),
                };
                let med = r.median.map_or(String::new(), |v| num(v, 2, lang));
                match (lang, r.mean.is_some(), r.median.is_some()) {
                    (Lang::En, true, true) => format!("{head}mean {m}{ci}, median {med} {n}."),
                    (Lang::Es, true, true) => format!("{head}media {m}{ci}, mediana {med} {n}."),
                    (Lang::En, true, false) => format!("{head}mean {m}{ci} {n}."),
                    (Lang::Es, true, false) => format!("{head}media {m}{ci} {n}."),
                    (Lang::En, false, _) => format!("{head}median {med} {n}."),
                    (Lang::Es, false, _) => format!("{head}mediana {med} {n}."),
                }
            }
            ItemType::Text => String::new(),
        }
    })
}
