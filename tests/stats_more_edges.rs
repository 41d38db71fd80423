//! Edge cases of the #19 statistics (x = 0, x = n, n = 1, empty cells, zero variance): each a
//! coded error or a documented value.

use waterline::error::Code;
use waterline::stats::adjust::{p_adjust, AdjustMethod};
use waterline::stats::effect_size::cohens_d;
use waterline::stats::fisher::fisher_exact;
use waterline::stats::means::{one_sample_t, two_sample_t, TTestOptions};
use waterline::stats::one_proportion::{
    binom_test, proportion_interval, BinomTestOptions, IntervalMethod, IntervalOptions,
    TestAlternative,
};
use waterline::stats::paired_binary::paired_proportions;
use waterline::stats::two_by_two::compare_proportions;
use waterline::stats::LevelOptions;

const METHODS: [IntervalMethod; 5] = [
    IntervalMethod::Wilson,
    IntervalMethod::WilsonCc,
    IntervalMethod::ClopperPearson,
    IntervalMethod::AgrestiCoull,
    IntervalMethod::Jeffreys,
];

#[test]
fn every_interval_stays_in_the_unit_range_at_the_ends() {
    for method in METHODS {
        let o = IntervalOptions {
            method,
            level: 0.95,
        };
        for (x, n) in [
            (0.0, 1.0),
            (1.0, 1.0),
            (0.0, 50.0),
            (50.0, 50.0),
            (1.0, 2.0),
        ] {
            let ci = proportion_interval(x, n, &o).unwrap();
            assert!(
                0.0 <= ci.lower && ci.lower <= ci.estimate,
                "{method:?} {x}/{n}"
            );
            assert!(
                ci.estimate <= ci.upper && ci.upper <= 1.0,
                "{method:?} {x}/{n}"
            );
        }
        assert_eq!(
            proportion_interval(3.0, 2.0, &o).unwrap_err().code,
            Code::CountExceedsTotal
        );
        assert_eq!(
            proportion_interval(1.0, 0.0, &o).unwrap_err().code,
            Code::EmptySample
        );
        assert_eq!(
            proportion_interval(0.5, 2.0, &o).unwrap_err().code,
            Code::InvalidCount
        );
    }
    // Documented: x = 0 gives lower 0 (Clopper–Pearson, Wilson, Wilson cc), x = n upper 1.
    for method in [
        IntervalMethod::Wilson,
        IntervalMethod::WilsonCc,
        IntervalMethod::ClopperPearson,
    ] {
        let o = IntervalOptions { method, level: 0.9 };
        assert_eq!(proportion_interval(0.0, 7.0, &o).unwrap().lower, 0.0);
        assert_eq!(proportion_interval(7.0, 7.0, &o).unwrap().upper, 1.0);
    }
}

#[test]
fn binomial_test_at_the_ends() {
    // x = 0 against p0 = 0.2, less: P(X ≤ 0) = 0.8¹⁰.
    let o = BinomTestOptions {
        p0: 0.2,
        alternative: TestAlternative::Less,
        level: 0.95,
    };
    let t = binom_test(0.0, 10.0, &o).unwrap();
    assert!((t.p_value - 0.8f64.powi(10)).abs() < 1e-14);
    assert_eq!((t.lower, t.upper < 1.0), (0.0, true));
    // n = 1, p0 = ½: both outcomes equally likely, p = 1.
    let t = binom_test(1.0, 1.0, &BinomTestOptions::default()).unwrap();
    assert!((t.p_value - 1.0).abs() < 1e-15);
    // p0 = 0 with a success: impossible under the null.
    let zero = BinomTestOptions {
        p0: 0.0,
        ..Default::default()
    };
    assert_eq!(binom_test(1.0, 5.0, &zero).unwrap().p_value, 0.0);
}

#[test]
fn two_proportions_with_one_person_per_group() {
    let r = compare_proportions(1.0, 1.0, 0.0, 1.0, &LevelOptions::default()).unwrap();
    assert_eq!(r.wald.estimate, 1.0);
    assert!(r.risk_ratio.is_none() && r.odds_ratio.is_none());
    let e = compare_proportions(1.0, 0.0, 0.0, 1.0, &LevelOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::EmptySample);
}

#[test]
fn fisher_with_an_empty_cell_and_one_count() {
    let t = fisher_exact(&[vec![1.0, 0.0], vec![0.0, 1.0]], 0.95).unwrap();
    assert!((t.p_value - 1.0).abs() < 1e-15);
    assert_eq!(t.upper, None); // first cell at its most: unbounded
    let e = fisher_exact(&[vec![1.0, 2.0], vec![3.0]], 0.95).unwrap_err();
    assert_eq!(e.code, Code::RaggedRow);
}

#[test]
fn paired_with_one_pair() {
    let r = paired_proportions(0.0, 0.0, 1.0, 0.0, &LevelOptions::default()).unwrap();
    assert_eq!(r.wald.estimate, 1.0);
    assert_eq!(r.wald_corrected.upper, 1.0);
    assert!((r.p_mid - 0.5).abs() < 1e-15); // 2 (P(X ≤ 0) − ½ P(X = 0)), X ~ Bin(1, ½)
}

#[test]
fn t_tests_and_effect_sizes_refuse_constant_data() {
    let o = TTestOptions::default();
    assert_eq!(
        one_sample_t(&[4.0, 4.0, 4.0], &o).unwrap_err().code,
        Code::NoVariation
    );
    assert_eq!(
        two_sample_t(&[f64::NAN, 1.0], &[2.0, 3.0], &o)
            .unwrap_err()
            .code,
        Code::SampleTooSmall
    );
    assert_eq!(
        cohens_d(&[3.0, 3.0], &[3.0, 3.0], &LevelOptions::default())
            .unwrap_err()
            .code,
        Code::NoVariation
    );
    assert_eq!(
        one_sample_t(&[1.0, 2.0], &TTestOptions { level: 1.0, ..o })
            .unwrap_err()
            .code,
        Code::LevelOutOfRange
    );
}

#[test]
fn hommel_of_two_is_hochberg_and_too_many_is_refused() {
    let p = [0.03, 0.2];
    let h = p_adjust(&p, AdjustMethod::Hommel).unwrap().adjusted;
    let c = p_adjust(&p, AdjustMethod::Hochberg).unwrap().adjusted;
    assert_eq!(h, c);
    let many = vec![0.5; 20_001];
    let e = p_adjust(&many, AdjustMethod::Hommel).unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    let by = p_adjust(&[0.01, f64::NAN], AdjustMethod::BenjaminiYekutieli).unwrap();
    assert_eq!(by.adjusted, vec![Some(0.01), None]);
}
