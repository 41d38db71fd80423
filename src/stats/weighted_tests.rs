use super::*;

const W: [f64; 6] = [1.0, 2.0, 0.5, 1.5, 3.0, 2.0];

#[test]
fn equal_weights_reproduce_the_unweighted_numbers_exactly() {
    let y = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
    let w = [2.5; 8];
    let m = weighted_share(&y, &w, 0.95, ShareInterval::WilsonKish).unwrap();
    let u = crate::stats::wilson(5.0, 8.0, 0.95).unwrap();
    assert_eq!(m.estimate, 0.625);
    assert!((m.lower - u.lower).abs() < 1e-15 && (m.upper - u.upper).abs() < 1e-15);
    assert!((m.n_eff - 8.0).abs() < 1e-12);
    assert!((m.deff_kish - 1.0).abs() < 1e-12);
    assert!((m.deff.unwrap() - 1.0).abs() < 1e-12);
    // svymean's SE with equal weights is the sample SD over √n.
    let sd = (5.0 * 3.0 / 8.0 / 8.0 * 8.0 / 7.0_f64).sqrt();
    assert!((m.se - sd / 8.0_f64.sqrt()).abs() < 1e-15);
}

#[test]
fn zero_weights_count_in_n_but_not_in_n_eff() {
    let y = [1.0, 2.0, 3.0, 4.0];
    let m = weighted_mean(&y, &[1.0, 1.0, 1.0, 0.0], 0.95).unwrap();
    assert_eq!(m.n, 4);
    assert!((m.estimate - 2.0).abs() < 1e-15);
    assert!((m.n_eff - 3.0).abs() < 1e-12);
    assert!((m.deff_kish - 1.0).abs() < 1e-12);
}

#[test]
fn one_respondent_has_no_variance_and_no_deff() {
    let m = weighted_mean(&[4.0], &[2.0], 0.95).unwrap();
    assert_eq!((m.estimate, m.se, m.lower, m.upper), (4.0, 0.0, 4.0, 4.0));
    assert_eq!(m.deff, None);
    let s = weighted_share(&[1.0], &[2.0], 0.95, ShareInterval::KornGraubard).unwrap();
    assert_eq!(s.upper, 1.0);
    assert!(s.lower > 0.0 && s.lower < 0.1);
}

#[test]
fn bad_weights_are_coded_errors() {
    let y = [1.0; 6];
    let code = |w: &[f64]| weighted_mean(&y[..w.len()], w, 0.95).unwrap_err().code;
    assert_eq!(code(&[1.0, -1.0]), Code::InvalidWeight);
    assert_eq!(code(&[1.0, f64::NAN]), Code::InvalidWeight);
    assert_eq!(code(&[0.0, 0.0]), Code::InvalidWeight);
    assert_eq!(code(&[]), Code::EmptySample);
    assert_eq!(
        weighted_mean(&y, &W[..3], 0.95).unwrap_err().code,
        Code::LengthMismatch
    );
    assert_eq!(
        weighted_share(&[0.5], &[1.0], 0.95, ShareInterval::WilsonKish)
            .unwrap_err()
            .code,
        Code::ValueOutOfRange
    );
    assert_eq!(
        weighted_mean(&[1.0], &[1.0], 1.0).unwrap_err().code,
        Code::LevelOutOfRange
    );
}

#[test]
fn beta_quantile_inverts_the_cdf() {
    for (q, a, b) in [(0.025, 3.5, 10.2), (0.975, 0.4, 30.0), (0.5, 1.0, 1.0)] {
        let x = beta_quantile(q, a, b).unwrap();
        assert!((beta_cdf(x, a, b) - q).abs() < 1e-12, "{q} {a} {b}");
    }
}
