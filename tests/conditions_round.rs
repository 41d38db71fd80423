//! Rubrics and rounds as data: JSON round trips, validation messages that name the ids, and CSV
//! import that names the row and column of every bad cell.

use waterline::conditions::{
    default_rubric, parse_reviews_csv, validate_round, Provenance, Round, Rubric, Score,
    EXAMPLE_ROUND_JSON,
};
use waterline::Code;

fn example() -> Round {
    serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap()
}

#[test]
fn the_default_rubric_round_trips_through_json() {
    let rubric = default_rubric();
    let json = serde_json::to_string(&rubric).unwrap();
    let back: Rubric = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rubric);
    // Provenance is visible in the data: FSG's six, one condition read from Alianza's source,
    // one inferred.
    let count = |p| {
        rubric
            .conditions
            .iter()
            .filter(|c| c.provenance == p)
            .count()
    };
    assert_eq!(count(Provenance::Fsg), 6);
    assert_eq!(count(Provenance::AlianzaSource), 1);
    assert_eq!(count(Provenance::AlianzaInferred), 1);
    assert!(json.contains(r#""provenance":"alianza-inferred""#));
    // Every anchor is bilingual.
    for c in &rubric.conditions {
        assert_eq!(c.scale.len(), 5);
        assert!(c
            .scale
            .iter()
            .all(|p| !p.description.en.is_empty() && !p.description.es.is_empty()));
    }
}

#[test]
fn unknown_fields_are_refused() {
    let bad =
        r#"{"version":1,"name":{"en":"x","es":"x"},"levels":[],"conditions":[],"colour":"red"}"#;
    assert!(serde_json::from_str::<Rubric>(bad).is_err());
}

#[test]
fn the_example_round_is_valid_and_labelled_synthetic() {
    let round = example();
    assert!(round.synthetic);
    assert_eq!((round.proposals.len(), round.reviewers.len()), (12, 5));
    let v = validate_round(&default_rubric(), &round).unwrap();
    assert!(v.valid, "{:?}", v.errors);
    // The conflicted reviewer never scores the proposal.
    assert!(!round
        .scores
        .iter()
        .any(|s| s.reviewer_id == "r3" && s.proposal_id == "p07"));
    // One incomplete review is reported as a warning, not an error.
    assert!(v
        .warnings
        .iter()
        .any(|w| w.contains("r5") && w.contains("p03")));
}

#[test]
fn validation_lists_every_problem_with_its_ids() {
    let mut round = example();
    let score = |r: &str, p: &str, c: &str, value: f64| Score {
        reviewer_id: r.into(),
        proposal_id: p.into(),
        condition_id: c.into(),
        value,
        comment: None,
    };
    round.scores.push(score("r9", "p01", "policies", 2.0));
    round.scores.push(score("r1", "p99", "policies", 2.0));
    round.scores.push(score("r1", "p01", "water", 2.0));
    round.scores.push(score("r2", "p01", "policies", 7.0));
    round.scores.push(score("r2", "p02", "practices", f64::NAN));
    round.scores.push(score("r3", "p07", "policies", 3.0));
    let dup = round.scores[0].clone();
    round.scores.push(dup);
    round.proposals[3].minimum_amount = Some(400_000.0);
    round.proposals[4].amount_requested = 1500.5;
    let dup = round.reviewers[0].clone();
    round.reviewers.push(dup);
    let v = validate_round(&default_rubric(), &round).unwrap();
    assert!(!v.valid);
    let find = |code: Code, needle: &str| {
        v.errors
            .iter()
            .find(|e| e.code == code && e.message.contains(needle))
            .unwrap_or_else(|| panic!("no {code:?} error naming {needle}: {:#?}", v.errors))
    };
    find(Code::UnknownId, "\"r9\"");
    find(Code::UnknownId, "\"p99\"");
    find(Code::UnknownId, "\"water\"");
    let off = find(Code::ScoreOutOfRange, "\"r2\"");
    assert!(off.message.contains("p01") && off.message.contains("0–4"));
    find(Code::NotFinite, "\"p02\"");
    let coi = find(Code::ConflictOfInterest, "\"r3\"");
    assert!(coi.message.contains("p07"));
    find(Code::DuplicateId, "given twice");
    find(Code::DuplicateId, "reviewer id \"r1\"");
    find(Code::InvalidAmount, "\"p04\"");
    find(Code::InvalidAmount, "\"p05\"");
    assert_eq!(v.errors.len(), 10);
}

#[test]
fn csv_import_reads_reviews_and_names_bad_cells() {
    let rubric = default_rubric();
    let csv = "\
reviewerId,proposalId,policies,practices,Resource flows,Relaciones y conexiones,power-dynamics,mental-models,comment,mental-models comment,notes
r1,p01,3,4,3,2,3,3,\"Strong parent base, clear LCAP asks\",Narrative work is real,x
r2,p01,4,four,3,,3,2,,,
r3,,1,1,1,1,1,1,,,
r4,p02,\"2,5\",3,5,3,3,3,,,
";
    let r = parse_reviews_csv(&rubric, csv).unwrap();
    assert_eq!(r.rows, 4);
    assert!(r.warnings.iter().any(|w| w.contains("notes")));
    // Row 2: six scores; comments attached.
    let row2: Vec<&Score> = r.scores.iter().filter(|s| s.reviewer_id == "r1").collect();
    assert_eq!(row2.len(), 6);
    let mm = row2
        .iter()
        .find(|s| s.condition_id == "mental-models")
        .unwrap();
    assert_eq!(mm.comment.as_deref(), Some("Narrative work is real"));
    let pol = row2.iter().find(|s| s.condition_id == "policies").unwrap();
    assert_eq!(
        pol.comment.as_deref(),
        Some("Strong parent base, clear LCAP asks")
    );
    // Columns matched by English and Spanish names.
    assert!(row2.iter().any(|s| s.condition_id == "resource-flows"));
    assert!(row2.iter().any(|s| s.condition_id == "relationships"));
    // Row 3: "four" is not a number; the empty cell is simply not scored.
    let e = r
        .errors
        .iter()
        .find(|e| e.code == Code::BadInput && e.message.contains("four"))
        .unwrap();
    assert_eq!(e.details["row"], 3usize.into());
    assert_eq!(e.details["column"], "practices".into());
    assert_eq!(r.scores.iter().filter(|s| s.reviewer_id == "r2").count(), 4);
    // Row 4: no proposal id.
    assert!(r
        .errors
        .iter()
        .any(|e| e.message.contains("row 4") && e.message.contains("proposalId")));
    // Row 5: a decimal comma is read; 5 is off the 0–4 scale.
    assert!(r
        .scores
        .iter()
        .any(|s| s.reviewer_id == "r4" && s.condition_id == "policies" && s.value == 2.5));
    let off = r
        .errors
        .iter()
        .find(|e| e.code == Code::ScoreOutOfRange)
        .unwrap();
    assert_eq!(off.details["row"], 5usize.into());
    assert_eq!(off.details["column"], "Resource flows".into());
}

#[test]
fn csv_without_the_id_columns_is_refused() {
    let rubric = default_rubric();
    let e = parse_reviews_csv(&rubric, "who,policies\nr1,3\n").unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    let e = parse_reviews_csv(&rubric, "reviewerId,proposalId,colour\nr1,p1,red\n").unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    assert_eq!(
        parse_reviews_csv(&rubric, "").unwrap_err().code,
        Code::CsvEmpty
    );
}
