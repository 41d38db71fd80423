//! Scale proposals: for a column of codes, the templates its codes fit (agreement 4/5/7
//! points, frequency, satisfaction, improved/same/worse, yes/no) and the codes that look like
//! non-answers, each with a confidence and reasons the page can show. Nothing here is applied:
//! the user confirms a proposal, or a codebook declares the scale.

use super::super::declared::{NonAnswer, NonAnswerReason, Proposal, Reason};
use super::super::headers::mentions;
use super::super::instrument::{ItemType, Point, Text};
use super::super::labels::{fold, FamilyKind};
use super::values::SENTINEL_CODES;

/// Header words that name a scale, per family.
const HEADER_WORDS: [(FamilyKind, &[&str]); 5] = [
    (
        FamilyKind::Agree,
        &["agree", "disagree", "acuerdo", "desacuerdo"],
    ),
    (
        FamilyKind::Change,
        &[
            "improved",
            "gotten worse",
            "got worse",
            "mejorado",
            "empeorado",
        ],
    ),
    (
        FamilyKind::Frequency,
        &["how often", "frequency", "con que frecuencia", "frecuencia"],
    ),
    (
        FamilyKind::Satisfaction,
        &["satisfied", "satisfaction", "satisfecho", "satisfaccion"],
    ),
    (
        FamilyKind::YesNo,
        &[
            "did you",
            "do you",
            "have you",
            "participo",
            "asistio",
            "yes or no",
        ],
    ),
];

/// The proposal that the file's own labels give (confidence = share of cells they match).
pub fn from_labels(kind: FamilyKind, points: &[Point], matched: u64, total: u64) -> Proposal {
    Proposal {
        template: kind.template(points.len()),
        kind: kind.item_type(),
        confidence: if total == 0 {
            0.0
        } else {
            matched as f64 / total as f64
        },
        reasons: vec![Reason::new("labels_recognised")
            .with("template", kind.template(points.len()))
            .with("matched", matched)
            .with("answered", total)],
        points: points.to_vec(),
        non_answers: Vec::new(),
    }
}

/// Splits codes into the scale's core and the codes that look like non-answers, with the
/// reason for each: the tools' sentinel codes (−99, 99, 98…), 9 beside a scale that ends by
/// 7, and 0 below a scale that starts at 1 (not applicable).
pub fn split_non_answers(codes: &[f64]) -> (Vec<f64>, Vec<NonAnswer>) {
    let mut core: Vec<f64> = codes
        .iter()
        .copied()
        .filter(|c| !SENTINEL_CODES.contains(c))
        .collect();
    let mut out: Vec<NonAnswer> = codes
        .iter()
        .filter(|c| SENTINEL_CODES.contains(c))
        .map(|c| sentinel_non_answer(*c))
        .collect();
    let top = core
        .iter()
        .copied()
        .filter(|c| *c != 9.0)
        .fold(f64::MIN, f64::max);
    if core.contains(&9.0) && top <= 7.0 && core.len() >= 3 {
        core.retain(|c| *c != 9.0);
        out.push(non_answer(9.0, NonAnswerReason::DontKnow));
    }
    if core.first() == Some(&0.0) && core.get(1) == Some(&1.0) && core.len() >= 4 {
        core.remove(0);
        out.push(non_answer(0.0, NonAnswerReason::NotApplicable));
    }
    (core, out)
}

/// A survey tool's missing-value code as a non-answer: negative codes (−99) are "skipped",
/// the others (99, 999) "don't know".
fn sentinel_non_answer(code: f64) -> NonAnswer {
    let reason = if code < 0.0 {
        NonAnswerReason::Skipped
    } else {
        NonAnswerReason::DontKnow
    };
    non_answer(code, reason)
}

/// The reason `code_looks_like_non_answer` a proposal gives for one of its non-answers.
fn non_answer_reason(na: &NonAnswer) -> Reason {
    Reason::new("code_looks_like_non_answer")
        .with("code", na.code.as_str())
        .with("reason", na.reason.name())
}

fn non_answer(code: f64, reason: NonAnswerReason) -> NonAnswer {
    NonAnswer {
        code: code.to_string(),
        reason,
        label: Text::default(),
    }
}

/// The usual missing-value codes a numeric column holds far outside its other values: a
/// negative code (−99, −9, −1…) when every other value is at least 0, a positive one (77, 88,
/// 97–99, 999) when it is more than twice the largest other value. −99 among ages or 999
/// among hours is almost surely "skipped"; but the engine does not decide that (see
/// [`for_numeric`]).
pub fn suspected_missing_codes(values: &[f64]) -> Vec<f64> {
    let others = |c: f64| values.iter().copied().filter(move |v| *v != c);
    SENTINEL_CODES
        .iter()
        .copied()
        .filter(|c| values.contains(c))
        .filter(|&c| {
            let rest: Vec<f64> = others(c).filter(|v| !SENTINEL_CODES.contains(v)).collect();
            if rest.is_empty() {
                return false;
            }
            if c < 0.0 {
                rest.iter().all(|v| *v >= 0.0)
            } else {
                c > 2.0 * rest.iter().copied().fold(f64::MIN, f64::max)
            }
        })
        .collect()
}

/// For a numeric column holding suspected missing-value codes: the proposal to declare them
/// non-answers. Until the user applies it (or confirms the column as it is), the item is not
/// declared and its mean is withheld (`missing_code_suspected`): averaging −99 as an age, or
/// dropping it unasked, would each be a guess.
pub fn for_numeric(suspected: &[f64]) -> Option<Proposal> {
    if suspected.is_empty() {
        return None;
    }
    let non_answers: Vec<NonAnswer> = suspected.iter().map(|c| sentinel_non_answer(*c)).collect();
    let reasons = non_answers.iter().map(non_answer_reason).collect();
    Some(Proposal {
        template: "numeric".into(),
        kind: ItemType::Numeric,
        confidence: 0.5,
        reasons,
        points: Vec::new(),
        non_answers,
    })
}

/// The family's points for `k` codes, lowest value first, or `None` when it has no scale of
/// that length.
fn family_points(kind: FamilyKind, k: usize) -> Option<Vec<Point>> {
    let used: Vec<bool> = match (kind, k) {
        (FamilyKind::Agree, 4) => vec![false; 7],
        (FamilyKind::Agree, 5) => vec![false, false, false, true, false, false, false],
        (FamilyKind::Agree, 7) => vec![true; 7],
        (FamilyKind::Frequency | FamilyKind::Satisfaction, 5) => Vec::new(),
        (FamilyKind::Change, 3) | (FamilyKind::YesNo, 2) => Vec::new(),
        _ => return None,
    };
    let points = kind.points(&used);
    (points.len() == k).then_some(points)
}

/// Proposals for a column of codes under `header`, most confident first; the last one is
/// always "numeric" (keep the codes as numbers).
pub fn for_codes(header: &str, codes: &[f64]) -> Vec<Proposal> {
    let (core, non_answers) = split_non_answers(codes);
    let folded = fold(header);
    let mut out = Vec::new();
    for kind in [
        FamilyKind::YesNo,
        FamilyKind::Change,
        FamilyKind::Agree,
        FamilyKind::Frequency,
        FamilyKind::Satisfaction,
    ] {
        let Some(mut points) = family_points(kind, core.len()) else {
            continue;
        };
        let named = HEADER_WORDS
            .iter()
            .any(|(f, words)| *f == kind && mentions(&folded, words));
        // Direction: surveys list improved / yes first, so code 1 is the positive end of
        // change and yes/no scales (Qualtrics' default recodes); agreement, frequency and
        // satisfaction codes rise with the answer. Either is an assumption, and said so.
        let descending = matches!(kind, FamilyKind::Change | FamilyKind::YesNo)
            && !(kind == FamilyKind::YesNo && core == [0.0, 1.0]);
        let mut codes = core.clone();
        if descending {
            codes.reverse();
        }
        for (p, c) in points.iter_mut().zip(&codes) {
            p.code = Some(*c);
        }
        let mut reasons = vec![Reason::new("codes_fit_template")
            .with("template", kind.template(core.len()))
            .with("codes", core.clone())];
        reasons.push(Reason::new("direction_assumed").with(
            "positiveCode",
            if descending {
                core[0]
            } else {
                core[core.len() - 1]
            },
        ));
        if named {
            reasons.push(
                Reason::new("header_names_scale").with("template", kind.template(core.len())),
            );
        }
        reasons.extend(non_answers.iter().map(non_answer_reason));
        out.push(Proposal {
            template: kind.template(core.len()),
            kind: kind.item_type(),
            confidence: if named { 0.6 } else { 0.3 },
            reasons,
            points,
            non_answers: non_answers.clone(),
        });
    }
    crate::sort::sort_by(&mut out, |a, b| b.confidence.total_cmp(&a.confidence));
    out.push(Proposal {
        template: "numeric".into(),
        kind: ItemType::Numeric,
        confidence: 0.1,
        reasons: vec![Reason::new("codes_are_numbers").with("codes", codes.to_vec())],
        points: Vec::new(),
        non_answers: Vec::new(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_and_zero_beside_a_five_point_scale_are_proposed_as_non_answers() {
        let (core, na) = split_non_answers(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 9.0]);
        assert_eq!(core, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        let reasons: Vec<_> = na.iter().map(|n| (n.code.as_str(), n.reason)).collect();
        assert_eq!(
            reasons,
            vec![
                ("9", NonAnswerReason::DontKnow),
                ("0", NonAnswerReason::NotApplicable)
            ]
        );
    }

    #[test]
    fn district_codes_propose_improved_first_when_the_header_says_so() {
        let p = for_codes(
            "Since joining, has the district improved, stayed the same or gotten worse?",
            &[1.0, 2.0, 3.0],
        );
        assert_eq!(p[0].template, "change");
        assert_eq!(p[0].kind, ItemType::Change);
        // Code 1 is "Improved" (value 1), code 3 "Worse" (value −1).
        let improved = p[0].points.iter().find(|x| x.value == 1.0).unwrap();
        assert_eq!(improved.code, Some(1.0));
        assert!(p[0].reasons.iter().any(|r| r.code == "header_names_scale"));
        assert_eq!(p.last().unwrap().template, "numeric");
    }

    #[test]
    fn yes_no_coded_one_two_is_proposed_with_yes_as_one() {
        let p = for_codes("Did you take part in Zumbas?", &[1.0, 2.0]);
        assert_eq!(p[0].template, "yesNo");
        let yes = p[0].points.iter().find(|x| x.value == 1.0).unwrap();
        assert_eq!(yes.code, Some(1.0));
        assert!(p[0].confidence < 1.0);
    }
}
