//! Rubrics and rounds as data: JSON round trips, validation messages that name the ids, and CSV
//! import that names the row and column of every bad cell.
#![cfg(feature = "conditions")]

use waterline::conditions::{
    analyze_round, default_rubric, fund_within_budget, parse_reviews_csv, validate_round,
    AnalysisOptions, FundingOptions, Provenance, Round, Rubric, Score, ScoreColumns,
    EXAMPLE_ROUND_JSON,
};
use waterline::note::{NoteCode, Param, Severity};
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
    assert!(json.contains(r#""provenance":"alianza_inferred""#));
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
        .any(|w| w.code == NoteCode::RoundReviewIncomplete
            && w.param("reviewer") == Some(&Param::from("r5"))
            && w.param("proposal") == Some(&Param::from("p03"))));
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
fn scores_in_columns_give_the_same_analysis_as_score_objects() {
    let objects = example();
    let mut columns = example();
    let scores = std::mem::take(&mut columns.scores);
    columns.score_columns = Some(ScoreColumns::from_scores(&scores));
    let rubric = default_rubric();
    let options = AnalysisOptions::default();
    let a = analyze_round(&rubric, &objects, &options).unwrap();
    let b = analyze_round(&rubric, &columns, &options).unwrap();
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(&b).unwrap()
    );
    let v = validate_round(&rubric, &columns).unwrap();
    assert!(v.valid, "{:#?}", v.errors);
    assert_eq!(v.scores, scores.len());
    // Half the scores as objects, half in columns: still the same round.
    let mut mixed = example();
    let rest = mixed.scores.split_off(scores.len() / 2);
    mixed.score_columns = Some(ScoreColumns::from_scores(&rest));
    let c = analyze_round(&rubric, &mixed, &options).unwrap();
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::to_value(&c).unwrap()
    );
    // And the columns read from JSON, as a project file or the page would give them.
    let json = serde_json::to_string(&columns).unwrap();
    assert!(json.contains(r#""scoreColumns":{"reviewerIds":["#));
    assert_eq!(serde_json::from_str::<Round>(&json).unwrap(), columns);
}

#[test]
fn bad_score_columns_name_the_entry_or_the_id() {
    let rubric = default_rubric();
    let mut round = example();
    round.scores.clear();
    round.score_columns = Some(ScoreColumns {
        reviewer_ids: vec!["r1".into(), "r9".into()],
        proposal_ids: vec!["p01".into(), "p02".into()],
        condition_ids: vec!["policies".into(), "water".into()],
        reviewer: vec![0, 0, 1, 0, 0, 5, 0],
        proposal: vec![0, 0, 0, 1, 1, 0, 1],
        condition: vec![0, 0, 0, 0, 1, 0, 0],
        value: vec![2.0, 3.0, 2.0, f64::NAN, 1.0, 1.0, 9.0],
    });
    let v = validate_round(&rubric, &round).unwrap();
    let find = |code: Code, needle: &str| {
        v.errors
            .iter()
            .find(|e| e.code == code && e.message.contains(needle))
            .unwrap_or_else(|| panic!("no {code:?} error naming {needle}: {:#?}", v.errors))
    };
    // Unknown ids are named once, with their place in the id list.
    find(
        Code::UnknownId,
        "scoreColumns.reviewerIds[1] names reviewer \"r9\"",
    );
    find(
        Code::UnknownId,
        "scoreColumns.conditionIds[1] names condition \"water\"",
    );
    // Entries are counted from 0, like the arrays they come from.
    find(
        Code::DuplicateId,
        "scoreColumns entry 1 (reviewer \"r1\", proposal \"p01\"",
    );
    find(Code::NotFinite, "scoreColumns entry 3");
    let outside = find(
        Code::BadInput,
        "entry 5: reviewer index 5 is outside reviewerIds",
    );
    assert_eq!(outside.details["column"], "reviewer".into());
    find(Code::ScoreOutOfRange, "scoreColumns entry 6");
    assert_eq!(v.errors.len(), 6, "{:#?}", v.errors);

    // Columns of different lengths are refused as a whole.
    let columns = round.score_columns.as_mut().unwrap();
    columns.value.pop();
    let v = validate_round(&rubric, &round).unwrap();
    assert!(v
        .errors
        .iter()
        .any(|e| e.code == Code::LengthMismatch && e.message.contains("got 7, 7, 7 and 6")));
    assert_eq!(v.scores, 0);
}

#[test]
fn a_score_in_both_forms_is_a_duplicate_and_conflicts_apply_to_columns() {
    let rubric = default_rubric();
    let mut round = example();
    // The example has reviewer r3 in conflict with p07; r1 scored p01 on policies as an object.
    let given = round
        .scores
        .iter()
        .find(|s| s.reviewer_id == "r1" && s.condition_id == "policies")
        .cloned()
        .unwrap();
    let conflict = round.conflicts[0].clone();
    round.score_columns = Some(ScoreColumns {
        reviewer_ids: vec![given.reviewer_id.clone(), conflict.reviewer_id.clone()],
        proposal_ids: vec![given.proposal_id.clone(), conflict.proposal_id.clone()],
        condition_ids: vec!["policies".into()],
        reviewer: vec![0, 1, 1],
        proposal: vec![0, 1, 1],
        condition: vec![0, 0, 0],
        value: vec![2.0, 3.0, 3.0],
    });
    let v = validate_round(&rubric, &round).unwrap();
    let codes: Vec<(&str, f64)> = v
        .errors
        .iter()
        .map(|e| {
            let index = match e.details["index"] {
                waterline::Detail::Number(i) => i,
                _ => f64::NAN,
            };
            (e.code.as_str(), index)
        })
        .collect();
    // Entry 0 repeats an object score; entries 1 and 2 come from the conflicted reviewer (each
    // is named: the check is made once per review, its verdict applies to every score).
    assert_eq!(
        codes,
        [
            ("duplicate_id", 0.0),
            ("conflict_of_interest", 1.0),
            ("conflict_of_interest", 2.0)
        ]
    );
    assert!(v.errors[0].message.contains("is given twice"));
    assert_eq!(v.errors[1].details["source"], "scoreColumns".into());
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
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == NoteCode::ReviewsCsvColumnsIgnored
            && w.param("columns") == Some(&Param::from(vec!["notes"]))));
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

#[test]
fn a_proposal_without_scores_is_a_note_with_its_id_in_validation_and_funding() {
    let mut round = example();
    let mut extra = round.proposals[0].clone();
    extra.id = "p99".into();
    round.proposals.push(extra);
    let v = validate_round(&default_rubric(), &round).unwrap();
    assert!(v.valid);
    let note = v
        .warnings
        .iter()
        .find(|w| w.code == NoteCode::RoundNoScores)
        .expect("a note on p99");
    assert_eq!(note.severity, Severity::Warning);
    assert_eq!(note.param("proposal"), Some(&Param::from("p99")));
    let options: FundingOptions = serde_json::from_str(r#"{"budget": 800000}"#).unwrap();
    let f = fund_within_budget(&default_rubric(), &round, &options).unwrap();
    assert!(f.warnings.iter().any(|w| w.code == NoteCode::BudgetUnscored
        && w.param("proposals") == Some(&Param::from(vec!["p99"]))));
    // Notes cross the boundary as {code, severity, params}: no sentence.
    let json = serde_json::to_value(note).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"code": "round_no_scores", "severity": "warning", "params": {"proposal": "p99"}})
    );
}
