//! Repeated respondent ids: the user's policy (keep_first, keep_last, keep_all, drop_all) decides
//! which rows every analysis sees; every copy is reported at its line, and identical
//! resubmissions are told apart from conflicting copies. Every expected value is counted by
//! hand from the rows written here.
#![cfg(feature = "survey")]

use waterline::survey::{DuplicatePolicy, ReadOptions, Survey};
use waterline::Code;

/// Lines 2–7. Id 2 is resubmitted unchanged (lines 3 and 4, only the timestamp differs);
/// id 3 answers differently the second time (lines 5 and 7).
const THEN_TEST: &str = "Respondent ID,Timestamp,Confident with teachers (before joining),Confident with teachers (now),Attended\n\
1,2020-01-01,Disagree,Agree,Yes\n\
2,2020-01-01,Agree,Strongly agree,No\n\
2,2020-01-02,Agree,Strongly agree,No\n\
3,2020-01-01,Disagree,Disagree,Yes\n\
4,2020-01-01,Strongly disagree,Agree,Yes\n\
3,2020-01-03,Agree,Agree,No\n";

fn load(csv: &str, policy: Option<DuplicatePolicy>) -> Survey {
    let options = ReadOptions {
        duplicates: policy,
        ..Default::default()
    };
    Survey::from_csv(csv, &options).unwrap()
}

/// (rows analysed, "Attended" = Yes, "Attended" answered, then-test pairs used).
fn seen(s: &Survey) -> (usize, usize, u64, u64) {
    let r = s.report(&Default::default()).unwrap();
    let attended = r
        .items
        .iter()
        .find(|i| i.text.en == "Attended")
        .expect("Attended");
    let yes = s
        .mapping()
        .instrument
        .items
        .iter()
        .position(|i| i.text.en == "Attended")
        .map(|k| s.data().values[k].iter().filter(|v| **v == 1.0).count())
        .unwrap();
    assert_eq!(r.shifts.len(), 1, "one then-test pair");
    (
        s.issues().rows_analysed,
        yes,
        attended.n_used,
        r.shifts[0].n_used,
    )
}

#[test]
fn each_policy_applies_to_shares_and_then_test_pairs_alike() {
    // keep_all: all six rows; Yes on lines 2, 5, 6.
    assert_eq!(
        seen(&load(THEN_TEST, Some(DuplicatePolicy::KeepAll))),
        (6, 3, 6, 6)
    );
    // keep_first: lines 2, 3, 5, 6; Yes on 2, 5, 6.
    assert_eq!(
        seen(&load(THEN_TEST, Some(DuplicatePolicy::KeepFirst))),
        (4, 3, 4, 4)
    );
    // keep_last (the default): lines 2, 4, 6, 7; Yes on 2, 6.
    assert_eq!(seen(&load(THEN_TEST, None)), (4, 2, 4, 4));
    assert_eq!(
        seen(&load(THEN_TEST, Some(DuplicatePolicy::KeepLast))),
        (4, 2, 4, 4)
    );
    // drop_all: lines 2 and 6.
    assert_eq!(
        seen(&load(THEN_TEST, Some(DuplicatePolicy::DropAll))),
        (2, 2, 2, 2)
    );
}

#[test]
fn every_copy_is_reported_and_resubmissions_are_told_apart() {
    let s = load(THEN_TEST, Some(DuplicatePolicy::KeepFirst));
    let info = s.issues();
    let dups: Vec<_> = info
        .issues
        .iter()
        .filter(|i| {
            matches!(
                i.code,
                Code::DuplicateRespondent | Code::DuplicateResubmission
            )
        })
        .collect();
    assert_eq!(dups.len(), 2, "{dups:?}");
    let two = dups
        .iter()
        .find(|i| i.value.as_deref() == Some("2"))
        .unwrap();
    assert_eq!(two.code, Code::DuplicateResubmission);
    assert_eq!((two.line, two.lines.clone(), two.count), (3, vec![3, 4], 2));
    let three = dups
        .iter()
        .find(|i| i.value.as_deref() == Some("3"))
        .unwrap();
    assert_eq!(three.code, Code::DuplicateRespondent);
    assert_eq!(
        (three.line, three.lines.clone(), three.count),
        (5, vec![5, 7], 2)
    );
    assert_eq!(three.column.as_deref(), Some("Respondent ID"));
    assert!(dups.iter().all(|i| i.treatment == "first_kept"));
    assert_eq!(info.duplicates, DuplicatePolicy::KeepFirst);
}

#[test]
fn the_policy_can_be_changed_after_loading() {
    let mut s = load(THEN_TEST, None);
    assert_eq!(seen(&s).0, 4);
    s.set_duplicates(DuplicatePolicy::DropAll).unwrap();
    assert_eq!(seen(&s), (2, 2, 2, 2));
    let info = s.issues();
    assert_eq!(info.rows, 6);
    assert!(info
        .issues
        .iter()
        .filter(|i| i.code == Code::DuplicateRespondent)
        .all(|i| i.treatment == "all_dropped"));
}

/// Two waves matched by id; id 2 has two post rows (lines 5 and 6) that disagree.
const PANEL: &str = "id,Wave,Attended district meetings\n\
1,Pre,No\n\
1,Post,Yes\n\
2,Pre,No\n\
2,Post,No\n\
2,Post,Yes\n\
3,Pre,Yes\n\
3,Post,Yes\n\
4,Pre,No\n\
4,Post,Yes\n";

/// (pre/post pairs used, pairs improved).
fn panel(policy: DuplicatePolicy) -> (u64, u64) {
    let s = load(PANEL, Some(policy));
    let r = s.report(&Default::default()).unwrap();
    let shift = r
        .shifts
        .iter()
        .find(|p| p.design == waterline::survey::Design::PrePost)
        .expect("a pre/post pair");
    (shift.n_used, shift.improved.as_ref().map_or(0, |s| s.count))
}

#[test]
fn pre_post_matching_follows_the_same_policy() {
    // keep_first: id 2's post is line 5 (No): improved are ids 1 and 4.
    assert_eq!(panel(DuplicatePolicy::KeepFirst), (4, 2));
    // keep_last: id 2's post is line 6 (Yes): ids 1, 2 and 4 improved.
    assert_eq!(panel(DuplicatePolicy::KeepLast), (4, 3));
    // drop_all: id 2 has no post row left; three pairs.
    assert_eq!(panel(DuplicatePolicy::DropAll), (3, 2));
    let s = load(PANEL, Some(DuplicatePolicy::KeepLast));
    let dup = s
        .issues()
        .issues
        .into_iter()
        .find(|i| i.code == Code::DuplicateRespondent)
        .expect("reported");
    // Same id in two waves is not a duplicate; two rows in one wave are.
    assert_eq!(
        (dup.value.as_deref(), dup.lines.clone()),
        (Some("2"), vec![5, 6])
    );
}

#[test]
fn the_policy_option_uses_the_snake_case_spelling() {
    for (text, want) in [
        ("\"keep_first\"", DuplicatePolicy::KeepFirst),
        ("\"keep_last\"", DuplicatePolicy::KeepLast),
        ("\"keep_all\"", DuplicatePolicy::KeepAll),
        ("\"drop_all\"", DuplicatePolicy::DropAll),
    ] {
        let p: DuplicatePolicy = serde_json::from_str(text).unwrap();
        assert_eq!(p, want);
        assert_eq!(serde_json::to_string(&p).unwrap(), text);
    }
    assert!(serde_json::from_str::<DuplicatePolicy>("\"keepFirst\"").is_err());
}
