//! Properties of the scale statistics that must hold for every input: adjusted p-values never
//! fall below the raw ones and keep their order, alpha never exceeds 1, t tails are probabilities
//! that fall as |t| grows, and a planned sample size reaches its power.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::stats::power::{self, Alternative, PowerOptions};
use waterline::stats::{cronbach_alpha, p_adjust, student_t, AdjustMethod, AlphaOptions};

const METHODS: [AdjustMethod; 4] = [
    AdjustMethod::Holm,
    AdjustMethod::BenjaminiHochberg,
    AdjustMethod::Bonferroni,
    AdjustMethod::Hochberg,
];

/// p-values from many survey items: some exactly 0 or 1, some tiny, some missing (NaN).
fn p_values() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![
            8 => 0.0f64..=1.0,
            2 => (0.0f64..1.0).prop_map(|u| u.powi(8)),
            1 => Just(0.0),
            1 => Just(1.0),
            1 => Just(f64::NAN),
        ],
        0..60,
    )
}

/// Answers of `rows × items` on a 1–5 scale, some missing (NaN).
fn item_matrix() -> impl Strategy<Value = (Vec<f64>, usize)> {
    (2usize..7).prop_flat_map(|k| {
        prop::collection::vec(
            prop_oneof![12 => (1u8..=5).prop_map(f64::from), 1 => Just(f64::NAN)],
            (2 * k)..(60 * k),
        )
        .prop_map(move |mut v| {
            v.truncate(v.len() / k * k);
            (v, k)
        })
    })
}

proptest! {
    #[test]
    fn adjusted_p_values_are_at_least_raw_in_unit_range_and_keep_their_order(p in p_values()) {
        for method in METHODS {
            let r = p_adjust(&p, method).unwrap();
            prop_assert_eq!(r.adjusted.len(), p.len());
            prop_assert_eq!(r.n_used + r.n_missing, r.n);
            for (i, (raw, adj)) in p.iter().zip(&r.adjusted).enumerate() {
                match adj {
                    None => prop_assert!(raw.is_nan()),
                    Some(a) => {
                        prop_assert!((0.0..=1.0).contains(a));
                        prop_assert!(*a >= *raw, "{:?} item {}: {} < {}", method, i, a, raw);
                    }
                }
            }
            for (i, pi) in p.iter().enumerate() {
                for (j, pj) in p.iter().enumerate() {
                    if let (Some(ai), Some(aj)) = (r.adjusted[i], r.adjusted[j]) {
                        if pi <= pj {
                            prop_assert!(ai <= aj, "{:?}: p {} ≤ {} but adjusted {} > {}", method, pi, pj, ai, aj);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn methods_are_ordered_bh_hochberg_holm_bonferroni(p in p_values()) {
        let get = |m| p_adjust(&p, m).unwrap().adjusted;
        let (bh, hoch, holm, bonf) = (get(AdjustMethod::BenjaminiHochberg), get(AdjustMethod::Hochberg),
                                      get(AdjustMethod::Holm), get(AdjustMethod::Bonferroni));
        for i in 0..p.len() {
            if let (Some(a), Some(b), Some(c), Some(d)) = (bh[i], hoch[i], holm[i], bonf[i]) {
                prop_assert!(a <= b && b <= c && c <= d, "{} {} {} {}", a, b, c, d);
            }
        }
    }

    #[test]
    fn alpha_is_at_most_one_and_inside_its_interval((data, k) in item_matrix(), level in 0.5f64..0.999) {
        // Constant totals or too few complete rows are errors, never NaN.
        if let Ok(a) = cronbach_alpha(&data, k, &AlphaOptions { level }) {
            prop_assert!(a.alpha <= 1.0 + 1e-12 && a.alpha.is_finite());
            prop_assert!(a.lower <= a.alpha && a.alpha <= a.upper, "{} {} {}", a.lower, a.alpha, a.upper);
            prop_assert!(a.upper <= 1.0 + 1e-12);
            if let Some(s) = a.standardized_alpha {
                prop_assert!(s <= 1.0 + 1e-12);
            }
            prop_assert_eq!(a.n_used + a.n_excluded, a.n);
            for item in &a.items {
                for r in [item.r_total, item.r_drop].into_iter().flatten() {
                    prop_assert!((-1.0 - 1e-12..=1.0 + 1e-12).contains(&r));
                }
                if let Some(d) = item.alpha_if_deleted {
                    prop_assert!(d <= 1.0 + 1e-12);
                }
            }
        }
    }

    #[test]
    fn t_tails_are_probabilities_symmetric_and_falling(t in -60.0f64..60.0, dt in 0.0f64..5.0, df in 0.2f64..2000.0) {
        let p = student_t::two_sided_p(t, df).unwrap();
        prop_assert!((0.0..=1.0).contains(&p));
        prop_assert_eq!(p, student_t::two_sided_p(-t, df).unwrap());
        prop_assert!(student_t::two_sided_p(t.abs() + dt, df).unwrap() <= p);
        let (c, s) = (student_t::cdf(t, df).unwrap(), student_t::sf(t, df).unwrap());
        prop_assert!((c + s - 1.0).abs() < 1e-15);
    }

    #[test]
    fn t_quantile_inverts_the_cdf(p in 1e-12f64..(1.0 - 1e-12), df in 0.5f64..5000.0) {
        let q = student_t::quantile(p, df).unwrap();
        let back = student_t::cdf(q, df).unwrap();
        let tail = p.min(1.0 - p);
        prop_assert!((back - p).abs() <= 1e-11 * tail, "p {} df {} q {} cdf {}", p, df, q, back);
    }

    #[test]
    fn planned_sample_sizes_reach_their_power(
        p1 in 0.05f64..0.95, shift in 0.05f64..0.4, target in 0.5f64..0.99,
        delta in 0.1f64..2.0, one_sided in any::<bool>(), strict in any::<bool>(),
    ) {
        let o = PowerOptions {
            alpha: 0.05,
            alternative: if one_sided { Alternative::OneSided } else { Alternative::TwoSided },
            strict,
        };
        let p2 = (p1 + shift).min(0.99);
        let s = power::sample_size_two_proportions(p1, p2, target, &o).unwrap();
        prop_assert!(s.achieved_power >= target - 1e-12 && s.n as f64 >= s.n_exact);
        let t = power::sample_size_paired_means(delta, 1.0, target, &o).unwrap();
        prop_assert!(t.achieved_power >= target - 1e-9 && t.n >= 2);
        let more = power::power_paired_means(delta, 1.0, t.n as f64 + 5.0, &o).unwrap();
        prop_assert!(more.power >= t.achieved_power - 1e-12);
        let m = power::sample_size_paired_proportions(0.5 * shift, 1.5 * shift, target, &o).unwrap();
        prop_assert!(m.achieved_power >= target - 1e-12);
    }
}
