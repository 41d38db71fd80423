//! Response labels: folding for case- and accent-insensitive matching, the missing-value tokens,
//! and the built-in English/Spanish label families (agreement, frequency, yes/no,
//! improved/same/worse).
//!
//! Matching works on [`fold`]ed text, so `"Sí"`, `"si"` and `"SI"` are the same label, and so are
//! `"Empeoró"` and `"empeoro"`. Folding runs once per *distinct* value of a column, never per
//! cell.

use super::instrument::{Point, Text};

/// Folds a label for matching: lowercase, accents and other diacritics removed (`á → a`,
/// `ñ → n`, `ü → u`, combining marks dropped), curly quotes made straight, runs of whitespace
/// collapsed to one space, and surrounding spaces and trailing `.`/`:` removed.
///
/// # Examples
/// ```
/// use waterline::survey::labels::fold;
/// assert_eq!(fold("  Totalmente  de ACUERDO. "), "totalmente de acuerdo");
/// assert_eq!(fold("Empeoró"), fold("empeoro"));
/// assert_eq!(fold("Sí"), "si");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ý' | 'ÿ' => 'y',
            '\u{2018}' | '\u{2019}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{300}'..='\u{36f}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    while out.ends_with(['.', ':']) {
        out.pop();
    }
    out
}

/// Why a cell counts as missing. All four are excluded from every statistic and reported as
/// counts per column, so a reader sees how many people declined or did not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// An empty cell (or only spaces).
    Blank,
    /// "N/A", "NA", "-", "No aplica", "Not applicable".
    NotApplicable,
    /// "Prefer not to say", "Prefiero no contestar", "Prefiero no decir"...
    Declined,
    /// "Don't know", "No sé", "Not sure"... Counted as missing rather than as a scale point:
    /// it says nothing about agreement, but it is reported separately because it is itself a
    /// finding ("12 parents did not know").
    DontKnow,
}

/// Classifies a folded label as a missing-value token, or `None` for a real answer.
///
/// # Examples
/// ```
/// use waterline::survey::labels::{fold, missing_kind, Missing};
/// assert_eq!(missing_kind(&fold("No sé")), Some(Missing::DontKnow));
/// assert_eq!(missing_kind(&fold("N/A")), Some(Missing::NotApplicable));
/// assert_eq!(missing_kind(&fold("No")), None);
/// ```
pub fn missing_kind(folded: &str) -> Option<Missing> {
    Some(match folded {
        "" => Missing::Blank,
        "n/a" | "na" | "n.a" | "-" | "--" | "no aplica" | "not applicable" | "does not apply"
        | "no corresponde" | "no procede" | "null" | "#n/a" => Missing::NotApplicable,
        "prefer not to say"
        | "prefer not to answer"
        | "i prefer not to answer"
        | "decline to answer"
        | "declined"
        | "refused"
        | "prefiero no contestar"
        | "prefiero no responder"
        | "prefiero no decir"
        | "no quiero contestar"
        | "no quiero responder" => Missing::Declined,
        "don't know" | "dont know" | "do not know" | "i don't know" | "i do not know"
        | "not sure" | "unsure" | "no se" | "no lo se" | "no estoy seguro" | "no estoy segura"
        | "no estoy seguro/a" => Missing::DontKnow,
        _ => return None,
    })
}

/// A built-in family of labels: its points in order, each `(en, es, aliases)`.
struct Family {
    points: &'static [(&'static str, &'static str, &'static [&'static str])],
}

/// Agreement, seven canonical positions; a detected scale keeps the ones a file uses (the four
/// anchors always).
const AGREE: Family = Family {
    points: &[
        (
            "Strongly disagree",
            "Totalmente en desacuerdo",
            &[
                "muy en desacuerdo",
                "completamente en desacuerdo",
                "fuertemente en desacuerdo",
            ],
        ),
        ("Disagree", "En desacuerdo", &["desacuerdo"]),
        (
            "Somewhat disagree",
            "Algo en desacuerdo",
            &[
                "slightly disagree",
                "un poco en desacuerdo",
                "mostly disagree",
            ],
        ),
        (
            "Neither agree nor disagree",
            "Ni de acuerdo ni en desacuerdo",
            &[
                "neutral",
                "neutro",
                "neither",
                "neither agree or disagree",
                "undecided",
                "indiferente",
                "ni de acuerdo ni desacuerdo",
                "ni acuerdo ni desacuerdo",
                "neutral / neutro",
            ],
        ),
        (
            "Somewhat agree",
            "Algo de acuerdo",
            &["slightly agree", "un poco de acuerdo", "mostly agree"],
        ),
        ("Agree", "De acuerdo", &["acuerdo"]),
        (
            "Strongly agree",
            "Totalmente de acuerdo",
            &[
                "muy de acuerdo",
                "completamente de acuerdo",
                "fuertemente de acuerdo",
            ],
        ),
    ],
};
/// Positions of [`AGREE`] kept in every detected agreement scale of the usual wording
/// (strongly disagree, disagree, …, agree, strongly agree).
const AGREE_ANCHORS: [usize; 4] = [0, 1, 5, 6];
/// The same for the "somewhat" wording (Qualtrics' default five points: strongly disagree,
/// somewhat disagree, neither, somewhat agree, strongly agree), which has no plain "agree".
const SOMEWHAT_ANCHORS: [usize; 4] = [0, 2, 4, 6];
/// The first position of [`AGREE`] on the agreeing side (somewhat agree, agree, strongly agree).
const AGREE_SIDE: usize = 4;

/// True when an agreement column's used positions (`used`, indexed like [`AGREE`]) are the
/// "somewhat" wording: a somewhat point is used and no plain disagree or agree. Such a column's
/// scale is the five (or four) points of that wording, not seven with two nobody chose.
pub fn somewhat_wording(used: &[bool]) -> bool {
    let at = |i: usize| used.get(i).copied().unwrap_or(false);
    (at(2) || at(4)) && !(at(1) || at(5))
}

/// The number of points of an agreement scale on the agreeing side, when every point's label
/// (English or Spanish) is one of the agreement family's: its top box is every point that
/// agrees (somewhat agree, agree, strongly agree), so that "x% agree" counts everyone who
/// agreed, whichever wording and length the scale has. `None` for any other scale.
pub fn agreeing_points(labels: &[&Text]) -> Option<usize> {
    let mut agreeing = 0;
    for l in labels {
        let p = FamilyKind::Agree
            .position(&fold(&l.en))
            .or_else(|| FamilyKind::Agree.position(&fold(&l.es)))?;
        agreeing += usize::from(p >= AGREE_SIDE);
    }
    (agreeing > 0 && agreeing < labels.len()).then_some(agreeing)
}

/// How often, five positions.
const FREQUENCY: Family = Family {
    points: &[
        ("Never", "Nunca", &[]),
        (
            "Rarely",
            "Casi nunca",
            &["rara vez", "pocas veces", "seldom"],
        ),
        (
            "Sometimes",
            "A veces",
            &["algunas veces", "occasionally", "de vez en cuando"],
        ),
        (
            "Often",
            "Casi siempre",
            &[
                "frequently",
                "usually",
                "most of the time",
                "frecuentemente",
                "a menudo",
                "muchas veces",
                "con frecuencia",
            ],
        ),
        ("Always", "Siempre", &[]),
    ],
};

/// Satisfaction, five positions (Spanish answers may be in the feminine).
const SATISFACTION: Family = Family {
    points: &[
        (
            "Very dissatisfied",
            "Muy insatisfecho",
            &[
                "muy insatisfecha",
                "extremely dissatisfied",
                "very unsatisfied",
                "nada satisfecho",
                "nada satisfecha",
            ],
        ),
        (
            "Dissatisfied",
            "Insatisfecho",
            &[
                "insatisfecha",
                "somewhat dissatisfied",
                "unsatisfied",
                "algo insatisfecho",
                "algo insatisfecha",
                "poco satisfecho",
                "poco satisfecha",
            ],
        ),
        (
            "Neither satisfied nor dissatisfied",
            "Ni satisfecho ni insatisfecho",
            &[
                "ni satisfecha ni insatisfecha",
                "neutral",
                "neutro",
                "neutra",
            ],
        ),
        (
            "Satisfied",
            "Satisfecho",
            &[
                "satisfecha",
                "somewhat satisfied",
                "algo satisfecho",
                "algo satisfecha",
            ],
        ),
        (
            "Very satisfied",
            "Muy satisfecho",
            &[
                "muy satisfecha",
                "extremely satisfied",
                "completamente satisfecho",
                "completamente satisfecha",
            ],
        ),
    ],
};

/// Yes/no (values 0 and 1).
const YES_NO: Family = Family {
    points: &[
        (
            "No",
            "No",
            &["false", "falso", "n", "unchecked", "not selected"],
        ),
        (
            "Yes",
            "Sí",
            &[
                "si",
                "true",
                "verdadero",
                "y",
                "checked",
                "selected",
                "x",
                "marcado",
                "seleccionado",
            ],
        ),
    ],
};

/// Improved/same/worse (values −1, 0, 1).
const CHANGE: Family = Family {
    points: &[
        (
            "Worse",
            "Empeoró",
            &[
                "got worse",
                "gotten worse",
                "has gotten worse",
                "worsened",
                "stayed worse",
                "ha empeorado",
                "esta peor",
                "empeoraron",
            ],
        ),
        (
            "Same",
            "Igual",
            &[
                "stayed the same",
                "the same",
                "no change",
                "has stayed the same",
                "sigue igual",
                "se quedo igual",
                "sin cambio",
                "sin cambios",
                "ha seguido igual",
                "se mantuvo igual",
                "siguio igual",
                "lo mismo",
            ],
        ),
        (
            "Improved",
            "Mejoró",
            &[
                "has improved",
                "got better",
                "ha mejorado",
                "esta mejor",
                "mejoraron",
            ],
        ),
    ],
};

/// How many adults (staff climate surveys, e.g. CHKS/CSCS 2014-15): "Nearly no adults" …
/// "Nearly all adults", five positions; a detected scale keeps the ones a file uses (the two
/// ends always).
const ADULTS: Family = Family {
    points: &[
        (
            "Nearly no adults",
            "Casi ningún adulto",
            &["almost no adults", "no adults", "ningun adulto"],
        ),
        ("Few adults", "Pocos adultos", &[]),
        ("Some adults", "Algunos adultos", &[]),
        (
            "Most adults",
            "La mayoría de los adultos",
            &["la mayoria de adultos"],
        ),
        (
            "Nearly all adults",
            "Casi todos los adultos",
            &["almost all adults", "all adults", "todos los adultos"],
        ),
    ],
};

/// The label families detection knows, in the order it tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyKind {
    /// Strongly disagree … strongly agree (4, 5, 6 or 7 points).
    Agree,
    /// Never … always (5 points).
    Frequency,
    /// Very dissatisfied … very satisfied (5 points).
    Satisfaction,
    /// No / yes.
    YesNo,
    /// Worse / same / improved.
    Change,
    /// Nearly no adults … nearly all adults (staff climate surveys).
    Adults,
}

impl FamilyKind {
    fn family(self) -> &'static Family {
        match self {
            FamilyKind::Agree => &AGREE,
            FamilyKind::Frequency => &FREQUENCY,
            FamilyKind::Satisfaction => &SATISFACTION,
            FamilyKind::YesNo => &YES_NO,
            FamilyKind::Change => &CHANGE,
            FamilyKind::Adults => &ADULTS,
        }
    }

    /// Every family, in detection order.
    pub const ALL: [FamilyKind; 6] = [
        FamilyKind::YesNo,
        FamilyKind::Change,
        FamilyKind::Agree,
        FamilyKind::Satisfaction,
        FamilyKind::Frequency,
        FamilyKind::Adults,
    ];

    /// The template name of this family in proposals and codebooks.
    pub fn template(self, points: usize) -> String {
        match self {
            FamilyKind::Agree => format!("agree{points}"),
            FamilyKind::Frequency => "frequency".into(),
            FamilyKind::Satisfaction => "satisfaction".into(),
            FamilyKind::YesNo => "yesNo".into(),
            FamilyKind::Change => "change".into(),
            FamilyKind::Adults => "adults".into(),
        }
    }

    /// The item type of this family's scale.
    pub fn item_type(self) -> super::instrument::ItemType {
        use super::instrument::ItemType;
        match self {
            FamilyKind::YesNo => ItemType::Binary,
            FamilyKind::Change => ItemType::Change,
            _ => ItemType::Likert,
        }
    }

    /// The canonical position (0-based) of a folded label in this family, if it is one of its
    /// labels or aliases.
    pub fn position(self, folded: &str) -> Option<usize> {
        self.family().points.iter().position(|(en, es, aliases)| {
            fold(en) == folded || fold(es) == folded || aliases.iter().any(|a| fold(a) == folded)
        })
    }

    /// The scale points of this family restricted to the canonical `positions` used (agreement
    /// always keeps the four anchors of its wording, see [`somewhat_wording`]; the other
    /// families keep all points). Values run 1..=k for
    /// agreement and frequency, 0/1 for yes/no and −1/0/1 for change.
    pub fn points(self, used: &[bool]) -> Vec<Point> {
        let fam = self.family();
        let keep = |i: usize| match self {
            FamilyKind::Agree => {
                let anchors = if somewhat_wording(used) {
                    &SOMEWHAT_ANCHORS
                } else {
                    &AGREE_ANCHORS
                };
                anchors.contains(&i) || used.get(i).copied().unwrap_or(false)
            }
            FamilyKind::Adults => i == 0 || i == 4 || used.get(i).copied().unwrap_or(false),
            _ => true,
        };
        let first_value = match self {
            FamilyKind::Agree
            | FamilyKind::Frequency
            | FamilyKind::Satisfaction
            | FamilyKind::Adults => 1.0,
            FamilyKind::YesNo => 0.0,
            FamilyKind::Change => -1.0,
        };
        fam.points
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .enumerate()
            .map(|(k, (_, (en, es, aliases)))| Point {
                value: first_value + k as f64,
                code: None,
                label: Text::new(*en, *es),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            })
            .collect()
    }

    /// The family's number of canonical positions.
    pub fn len(self) -> usize {
        self.family().points.len()
    }

    /// Always false (every family has points); present for clippy's `len_without_is_empty`.
    pub fn is_empty(self) -> bool {
        false
    }
}

/// Parses a number cell: `12`, `-3.5`, `1e3`; with `comma_decimal` (a `;`-delimited file, as
/// Excel writes in Spanish and other decimal-comma locales) the comma is the decimal mark and a
/// dot only a thousands separator: `3,5`, `1.500` (1500), `1.234,50`. There a dot anywhere
/// else (`1.5`) is refused rather than guessed: it would be 1.5 in one convention and 15 in
/// the other, and the import reports the cell (`not_a_number`). Rejects `inf`, `NaN` and
/// anything with other characters.
///
/// # Examples
/// ```
/// use waterline::survey::labels::parse_number;
/// assert_eq!(parse_number("3,5", true), Some(3.5));
/// assert_eq!(parse_number("1.500", true), Some(1500.0));
/// assert_eq!(parse_number("1.234,50", true), Some(1234.5));
/// assert_eq!(parse_number("1.5", true), None);
/// assert_eq!(parse_number("1.5", false), Some(1.5));
/// assert_eq!(parse_number("3,5", false), None);
/// assert_eq!(parse_number("NaN", false), None);
/// ```
pub fn parse_number(s: &str, comma_decimal: bool) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b',' | b'e' | b'E'))
    {
        return None;
    }
    let v = if comma_decimal {
        let (int, frac) = match s.split_once(',') {
            Some((int, frac)) if !frac.contains([',', '.']) => (int, Some(frac)),
            Some(_) => return None,
            None => (s, None),
        };
        let int = if int.contains('.') {
            without_thousands_dots(int)?
        } else {
            int.to_string()
        };
        match frac {
            Some(frac) => format!("{int}.{frac}"),
            None => int,
        }
        .parse::<f64>()
        .ok()?
    } else if s.contains(',') {
        return None;
    } else {
        s.parse::<f64>().ok()?
    };
    v.is_finite().then_some(v)
}

/// `1.234.567` → `1234567`: digits in groups of three after a first group of one to three,
/// with an optional sign; `None` for any other use of the dot.
fn without_thousands_dots(s: &str) -> Option<String> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut groups = digits.split('.');
    let first = groups.next()?;
    let ok = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| s.replace('.', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_labels_match_with_and_without_accents() {
        for (a, b) in [
            ("Sí", "SI"),
            ("Empeoró", "empeoro"),
            ("Mejoró", "MEJORO"),
            ("No sé", "no se"),
        ] {
            assert_eq!(fold(a), fold(b));
        }
        assert_eq!(FamilyKind::Agree.position(&fold("Muy de acuerdo")), Some(6));
        assert_eq!(
            FamilyKind::Agree.position(&fold("Totalmente de acuerdo")),
            Some(6)
        );
        assert_eq!(
            FamilyKind::Agree.position(&fold("NI DE ACUERDO NI EN DESACUERDO")),
            Some(3)
        );
        assert_eq!(
            FamilyKind::Change.position(&fold("Se quedó igual")),
            Some(1)
        );
        assert_eq!(FamilyKind::YesNo.position(&fold("Sí")), Some(1));
    }

    #[test]
    fn a_bare_word_that_is_not_the_scales_label_is_not_a_label() {
        // "Better" is not "Improved": a file that writes it is not read as the change scale.
        assert_eq!(FamilyKind::Change.position(&fold("Better")), None);
        assert_eq!(FamilyKind::Change.position(&fold("Mejor")), None);
        assert_eq!(FamilyKind::Change.position(&fold("MEJORÓ")), Some(2));
        assert_eq!(FamilyKind::Agree.position(&fold("5")), None);
    }

    #[test]
    fn decomposed_accents_fold_too() {
        // "é" as e + U+0301 (macOS file names, some exports).
        assert_eq!(fold("Empeoro\u{301}"), "empeoro");
    }

    #[test]
    fn agreement_scale_keeps_anchors_and_used_middle_points() {
        let four = FamilyKind::Agree.points(&[false; 7]);
        assert_eq!(four.len(), 4);
        assert_eq!(four[3].value, 4.0);
        let mut used = [false; 7];
        used[3] = true;
        let five = FamilyKind::Agree.points(&used);
        assert_eq!(five.len(), 5);
        assert_eq!(five[2].label.en, "Neither agree nor disagree");
        assert_eq!(FamilyKind::Change.points(&[])[0].value, -1.0);
    }

    #[test]
    fn no_is_an_answer_but_no_se_is_missing() {
        assert_eq!(missing_kind("no"), None);
        assert_eq!(missing_kind("no se"), Some(Missing::DontKnow));
        assert_eq!(
            missing_kind("prefiero no contestar"),
            Some(Missing::Declined)
        );
    }
}
