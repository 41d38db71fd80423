//! The example chain (the Alianza model fed by the synthetic parent survey and the seed's
//! series; the restorative-justice proposal linked to it), link validation with paths, and the
//! grading edge cases.

use super::*;
use crate::conditions::round::Round;
use crate::note::NoteCode;
use crate::survey::report::ReportOptions;
use crate::survey::{ReadOptions, Survey};
use crate::toc::{example_alianza_model, Direction, IndicatorSource, SourceKind, SurveyStatistic};

fn parents() -> SurveyFigures {
    let s = Survey::from_csv(crate::survey::example::PARENTS_CSV, &ReadOptions::default()).unwrap();
    SurveyFigures::from(&s.report(&ReportOptions::default()).unwrap())
}

fn example() -> Project {
    Project {
        models: vec![example_alianza_model().unwrap()],
        surveys: vec![ProjectSurvey {
            id: "parents".into(),
            report: parents(),
        }],
        rubric: None,
    }
}

fn find<'a>(map: &'a EvidenceMap, id: &str) -> &'a Evidence {
    map.conditions
        .iter()
        .flat_map(|c| &c.outcomes)
        .flat_map(|o| &o.indicators)
        .find(|e| e.indicator == id)
        .unwrap()
}

#[test]
fn grade_edges() {
    use Direction::{Decrease, Increase};
    assert_eq!(grade(60.0, 70.0, 60.0, Increase), Grade::Clears); // touching the floor
    assert_eq!(grade(50.0, 70.0, 60.0, Increase), Grade::Straddles);
    assert_eq!(grade(50.0, 59.9, 60.0, Increase), Grade::FallsShort);
    assert_eq!(grade(50.0, 60.0, 60.0, Increase), Grade::Straddles);
    assert_eq!(grade(2.0, 6.0, 6.0, Decrease), Grade::Clears); // touching the ceiling
    assert_eq!(grade(5.0, 7.0, 6.0, Decrease), Grade::Straddles);
    assert_eq!(grade(6.1, 7.0, 6.0, Decrease), Grade::FallsShort);
    assert_eq!(grade(6.0, 6.0, 6.0, Decrease), Grade::Clears); // an exact value on target
}

#[test]
fn the_report_read_back_from_json_gives_the_same_figures() {
    let s = Survey::from_csv(crate::survey::example::PARENTS_CSV, &ReadOptions::default()).unwrap();
    let report = s.report(&ReportOptions::default()).unwrap();
    let json = serde_json::to_string(&report).unwrap();
    let back: SurveyFigures = serde_json::from_str(&json).unwrap();
    let direct = SurveyFigures::from(&report);
    assert_eq!(back.items, direct.items);
    assert_eq!(back.shifts.len(), direct.shifts.len());
    for (a, b) in back.shifts.iter().zip(&direct.shifts) {
        assert_eq!((&a.pair, &a.top_change), (&b.pair, &b.top_change));
        assert_eq!(
            a.improved.as_ref().map(|x| x.estimate),
            b.improved.as_ref().map(|x| x.estimate)
        );
    }
}

#[test]
fn the_example_chain_grades_survey_and_series_evidence() {
    let p = example();
    let map = evidence_map(&p);
    let f = &p.surveys[0].report;
    // Every rubric condition, in rubric order.
    let ids: Vec<&str> = map
        .conditions
        .iter()
        .map(|c| c.condition.as_str())
        .collect();
    assert_eq!(ids, crate::toc::CONDITION_IDS);
    // A shift's share improved is the survey report's own share and Wilson interval, in %.
    let lcap = find(&map, "ind_lcap_meetings");
    let shift = f
        .shifts
        .iter()
        .find(|s| s.pair == "shift_lcap_meetings")
        .unwrap();
    let imp = shift.improved.as_ref().unwrap();
    assert_eq!(lcap.estimate, Some(imp.estimate * 100.0));
    assert_eq!(
        (lcap.lower, lcap.upper),
        (Some(imp.lower * 100.0), Some(imp.upper * 100.0))
    );
    assert_eq!(lcap.n, Some(imp.n.unwrap()));
    assert_eq!(lcap.target, Some(65.0));
    let expected = grade(
        imp.lower * 100.0,
        imp.upper * 100.0,
        65.0,
        Direction::Increase,
    );
    assert_eq!(lcap.grade, expected);
    assert!(lcap.synthetic && map.synthetic);
    // Every survey-fed indicator of the example is graded from the report's interval.
    for e in map
        .conditions
        .iter()
        .flat_map(|c| &c.outcomes)
        .flat_map(|o| &o.indicators)
    {
        if e.source == Some(SourceKind::SurveyItem) {
            let want = grade(
                e.lower.unwrap(),
                e.upper.unwrap(),
                e.target.unwrap(),
                Direction::Increase,
            );
            assert_eq!(e.grade, want, "{}", e.indicator);
            assert_eq!(e.level, Some(0.95));
        }
    }
    // A series: its latest period, exact (the interval is the point).
    let staff = find(&map, "ind_staff_beliefs");
    assert_eq!(staff.source, Some(SourceKind::Series));
    assert!(staff.period.is_some() && staff.lower == staff.estimate && staff.method.is_none());
    // The conditions the issue names are evidenced; the multi-select items are gaps.
    for c in [
        "leadership-development",
        "relationships",
        "power-dynamics",
        "mental-models",
    ] {
        assert!(
            map.conditions
                .iter()
                .any(|x| x.condition == c && x.evidenced),
            "{c}"
        );
    }
    // The indicator the example adds without data is a gap; the seed's published figures
    // typed into older indicators are read as exact values.
    let gap = ItemRef {
        model: "alianza".into(),
        id: "ind_shared_power".into(),
    };
    assert_eq!(
        (map.gaps.outcomes.len(), map.gaps.indicators.clone()),
        (0, vec![gap])
    );
    let leader = find(&map, "ind_leader");
    assert_eq!(
        (leader.source, leader.estimate, leader.lower),
        (None, Some(53.0), Some(53.0))
    );
    assert_eq!(leader.grade, Grade::FallsShort); // 53 against a floor of 60
                                                 // The free-text survey item of an untyped indicator is named, with the path to fix it.
    let untyped = map
        .notes
        .iter()
        .find(|n| n.code == NoteCode::LinkSourceUntyped)
        .unwrap();
    assert_eq!(
        untyped.params["path"],
        "models[0].indicators[5].source".into()
    );
}

#[test]
fn broken_links_are_positioned_notes() {
    let mut p = example();
    let m = &mut p.models[0];
    m.outcomes[0].conditions[0].condition = "gone".into();
    let src = |item: &str, statistic| IndicatorSource {
        kind: SourceKind::SurveyItem,
        survey: Some("parents".into()),
        item: Some(item.into()),
        statistic: Some(statistic),
        direction: Some(Direction::Increase),
    };
    m.indicators[0].source = Some(src("nope", SurveyStatistic::ShareAgreeing));
    m.indicators[1].source = Some(src("zumbas", SurveyStatistic::PairedShift));
    m.indicators[2].source = Some(IndicatorSource {
        survey: Some("staff".into()),
        ..src("lunadas", SurveyStatistic::Mean)
    });
    m.indicators[3].source = Some(IndicatorSource {
        statistic: None,
        ..src("lunadas", SurveyStatistic::Mean)
    });
    let map = evidence_map(&p);
    let at = |code: NoteCode| {
        let n = map
            .notes
            .iter()
            .find(|n| n.code == code)
            .unwrap_or_else(|| panic!("{code:?}"));
        match &n.params["path"] {
            crate::note::Param::Text(t) => t.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        at(NoteCode::LinkConditionNotInRubric),
        "models[0].outcomes[0].conditions[0].condition"
    );
    assert_eq!(
        at(NoteCode::LinkItemUnknown),
        "models[0].indicators[0].source.item"
    );
    assert_eq!(
        at(NoteCode::LinkStatisticNotPossible),
        "models[0].indicators[1].source.statistic"
    );
    assert_eq!(
        at(NoteCode::LinkSurveyUnknown),
        "models[0].indicators[2].source.survey"
    );
    assert_eq!(
        at(NoteCode::LinkSourceIncomplete),
        "models[0].indicators[3].source.statistic"
    );
}

#[test]
fn grades_are_withheld_without_a_target_or_a_direction() {
    let mut p = example();
    let m = &mut p.models[0];
    let i = m
        .indicators
        .iter_mut()
        .find(|i| i.id == "ind_listens")
        .unwrap();
    i.actuals.clear();
    i.source.as_mut().unwrap().direction = None;
    i.baseline = None; // no baseline either: which side is good?
    let j = m
        .indicators
        .iter_mut()
        .find(|i| i.id == "ind_respect")
        .unwrap();
    j.target = None;
    let map = evidence_map(&p);
    assert_eq!(find(&map, "ind_listens").grade, Grade::Ungraded);
    assert_eq!(find(&map, "ind_respect").grade, Grade::Ungraded);
    assert!(find(&map, "ind_listens").estimate.is_some());
    let codes: Vec<NoteCode> = map.notes.iter().map(|n| n.code).collect();
    assert!(codes.contains(&NoteCode::EvidenceDirectionUnknown));
    assert!(codes.contains(&NoteCode::EvidenceNoTarget));
}

#[test]
fn the_restorative_justice_proposal_meets_its_models_evidence() {
    let p = example();
    let round: Round = serde_json::from_str(crate::conditions::EXAMPLE_ROUND_JSON).unwrap();
    let r = proposal_evidence(&p, &round, "p01").unwrap();
    assert_eq!(r.model.as_deref(), Some("alianza"));
    assert_eq!(r.conditions.len(), 8);
    let power = r
        .conditions
        .iter()
        .find(|c| c.condition == "power-dynamics")
        .unwrap();
    assert_eq!(power.verdict, Verdict::Evidenced);
    assert!(power.reviewers > 0 && power.mean.is_some());
    // Another proposal has no model: every condition unclaimed, and a note says why.
    let other = proposal_evidence(&p, &round, "p02").unwrap();
    assert!(other
        .conditions
        .iter()
        .all(|c| c.verdict == Verdict::NotClaimed));
    assert_eq!(other.notes[0].code, NoteCode::LinkProposalNoModel);
    // A model id the project lacks.
    let mut bad = round.clone();
    bad.proposals[0].toc_model_id = Some("pass".into());
    let r = proposal_evidence(&p, &bad, "p01").unwrap();
    assert_eq!(r.notes[0].code, NoteCode::LinkModelUnknown);
    assert_eq!(
        r.notes[0].params["path"],
        "round.proposals[0].tocModelId".into()
    );
    let e = proposal_evidence(&p, &round, "p99").unwrap_err();
    assert_eq!(e.code, crate::Code::UnknownId);
}

#[test]
fn an_outcome_without_indicator_and_a_condition_without_outcome_are_gaps() {
    let mut p = example();
    let m = &mut p.models[0];
    m.indicators
        .retain(|i| i.of != "oc_voice" && i.of != "oc_shared_power");
    for o in &mut m.outcomes {
        o.conditions.retain(|c| c.condition != "policies");
    }
    let map = evidence_map(&p);
    assert!(map.gaps.outcomes.iter().any(|r| r.id == "oc_voice"));
    assert!(map.gaps.conditions.contains(&"policies".to_string()));
    let power = map
        .conditions
        .iter()
        .find(|c| c.condition == "power-dynamics")
        .unwrap();
    assert!(!power.evidenced);
    let r = proposal_evidence(
        &p,
        &serde_json::from_str(crate::conditions::EXAMPLE_ROUND_JSON).unwrap(),
        "p01",
    )
    .unwrap();
    let power = r
        .conditions
        .iter()
        .find(|c| c.condition == "power-dynamics")
        .unwrap();
    assert_eq!(power.verdict, Verdict::ClaimedNoIndicator);
}
