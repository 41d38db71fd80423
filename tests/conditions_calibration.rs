//! Reviewer calibration recovers planted reviewer offsets, matches a brute-force least-squares
//! solve, handles disconnected designs, and scales to 10,000 proposals × 20 reviewers.
#![cfg(feature = "conditions")]
#![allow(clippy::needless_range_loop)] // dense linear algebra reads best with indices

use waterline::conditions::prng::Xoshiro256StarStar;
use waterline::conditions::{calibrate, default_rubric, fit_additive, Round, EXAMPLE_ROUND_JSON};
use waterline::conditions::{Proposal, Reviewer, Score};
use waterline::note::{NoteCode, Param};

/// Normal-ish noise: the sum of four uniforms, centred, sd ≈ `sd`.
fn noise(rng: &mut Xoshiro256StarStar, sd: f64) -> f64 {
    let s: f64 = (0..4).map(|_| rng.next_f64()).sum::<f64>() - 2.0;
    s * sd / (4.0f64 / 12.0).sqrt()
}

/// Solves a dense linear system by Gauss–Jordan elimination (test-only reference).
fn gauss(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap();
        a.swap(c, p);
        b.swap(c, p);
        for r in 0..n {
            if r != c {
                let f = a[r][c] / a[c][c];
                for k in c..n {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
    }
    (0..n).map(|i| b[i] / a[i][i]).collect()
}

#[test]
fn recovers_planted_offsets_in_an_incomplete_design() {
    // 60 proposals, 8 reviewers, each proposal read by 3 reviewers chosen at random.
    let offsets = [-15.0, -5.0, 0.0, 0.0, 5.0, 10.0, -2.0, 7.0];
    let mean = offsets.iter().sum::<f64>() / 8.0;
    let mut rng = Xoshiro256StarStar::seed_from_u64(2024);
    let (mut p, mut r, mut y, mut quality) = (vec![], vec![], vec![], vec![]);
    for i in 0..60 {
        let q = 30.0 + 60.0 * rng.next_f64();
        quality.push(q);
        let mut readers: Vec<usize> = vec![];
        while readers.len() < 3 {
            let k = rng.below(8) as usize;
            if !readers.contains(&k) {
                readers.push(k);
            }
        }
        for k in readers {
            p.push(i);
            r.push(k);
            y.push(q + offsets[k] + noise(&mut rng, 2.0));
        }
    }
    let fit = fit_additive(60, 8, &p, &r, &y).unwrap();
    assert_eq!(fit.groups, 1);
    for (k, planted) in offsets.iter().enumerate() {
        let got = fit.reviewer_effects[k].unwrap();
        assert!(
            (got - (planted - mean)).abs() < 2.0,
            "reviewer {k}: planted {planted}, got {got}"
        );
    }
    let sum: f64 = fit.reviewer_effects.iter().flatten().sum();
    assert!(sum.abs() < 1e-9);
    // Calibrated scores are closer to the planted quality than raw means are.
    let err = |est: &dyn Fn(usize) -> f64| {
        (0..60)
            .map(|i| (est(i) - quality[i] - mean).powi(2))
            .sum::<f64>()
    };
    let raw = |i: usize| {
        let v: Vec<f64> = (0..y.len()).filter(|&j| p[j] == i).map(|j| y[j]).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let cal = |i: usize| fit.proposal_effects[i].unwrap();
    assert!(err(&cal) < err(&raw) / 4.0);
    let sd = fit.residual_sd.unwrap();
    assert!((1.0..3.0).contains(&sd), "residual sd {sd}");
}

#[test]
fn matches_a_brute_force_constrained_least_squares_solve() {
    // Six proposals, four reviewers, an irregular incomplete design.
    let obs = [
        (0, 0, 61.0),
        (0, 1, 70.0),
        (1, 1, 40.0),
        (1, 2, 52.0),
        (1, 3, 47.0),
        (2, 0, 80.0),
        (2, 3, 77.0),
        (3, 2, 66.0),
        (3, 3, 58.0),
        (4, 0, 35.0),
        (4, 2, 49.0),
        (5, 1, 90.0),
        (5, 2, 81.0),
        (5, 3, 88.0),
    ];
    let (np, nr) = (6, 4);
    let p: Vec<usize> = obs.iter().map(|o| o.0).collect();
    let r: Vec<usize> = obs.iter().map(|o| o.1).collect();
    let y: Vec<f64> = obs.iter().map(|o| o.2).collect();
    let fit = fit_additive(np, nr, &p, &r, &y).unwrap();
    // KKT system of min Σ (y − a_p − b_r)² s.t. Σ b_r = 0: unknowns a (6), b (4), λ.
    let n = np + nr + 1;
    let mut a = vec![vec![0.0; n]; n];
    let mut rhs = vec![0.0; n];
    for &(pi, ri, yi) in &obs {
        let (i, j) = (pi, np + ri);
        a[i][i] += 1.0;
        a[j][j] += 1.0;
        a[i][j] += 1.0;
        a[j][i] += 1.0;
        rhs[i] += yi;
        rhs[j] += yi;
    }
    for k in 0..nr {
        a[np + k][n - 1] = 1.0;
        a[n - 1][np + k] = 1.0;
    }
    let x = gauss(a, rhs);
    for i in 0..np {
        let got = fit.proposal_effects[i].unwrap();
        assert!((got - x[i]).abs() < 1e-9, "proposal {i}: {got} vs {}", x[i]);
    }
    for k in 0..nr {
        let got = fit.reviewer_effects[k].unwrap();
        assert!(
            (got - x[np + k]).abs() < 1e-9,
            "reviewer {k}: {got} vs {}",
            x[np + k]
        );
    }
}

#[test]
fn a_disconnected_design_is_centred_per_group_and_reported() {
    // Reviewers 0–1 read proposals 0–1; reviewers 2–3 read proposals 2–3: no bridge.
    let p = [0, 0, 1, 1, 2, 2, 3, 3];
    let r = [0, 1, 0, 1, 2, 3, 2, 3];
    let y = [50.0, 60.0, 40.0, 50.0, 70.0, 90.0, 60.0, 80.0];
    let fit = fit_additive(4, 4, &p, &r, &y).unwrap();
    assert_eq!(fit.groups, 2);
    assert!((fit.reviewer_effects[0].unwrap() + 5.0).abs() < 1e-12);
    assert!((fit.reviewer_effects[3].unwrap() - 10.0).abs() < 1e-12);
    assert_ne!(fit.reviewer_group[0], fit.reviewer_group[2]);

    let rubric = default_rubric();
    let round = Round {
        title: "two panels".into(),
        synthetic: true,
        note: None,
        proposals: (0..4)
            .map(|i| Proposal {
                id: format!("p{i}"),
                title: "t".into(),
                applicant: "a".into(),
                community: "Mecca".into(),
                amount_requested: 1000.0,
                minimum_amount: None,
                toc_model_id: None,
                attributes: Default::default(),
            })
            .collect(),
        reviewers: (0..4)
            .map(|k| Reviewer {
                id: format!("r{k}"),
                name: format!("R{k}"),
            })
            .collect(),
        conflicts: vec![],
        scores: p
            .iter()
            .zip(&r)
            .zip(&y)
            .map(|((pi, ri), yi)| Score {
                reviewer_id: format!("r{ri}"),
                proposal_id: format!("p{pi}"),
                condition_id: "policies".into(),
                value: yi / 25.0,
                comment: None,
            })
            .collect(),
        score_columns: None,
    };
    let c = calibrate(&rubric, &round).unwrap();
    assert_eq!(c.groups, 2);
    let w = c
        .warnings
        .iter()
        .find(|w| w.code == NoteCode::CalibrationDisconnected)
        .expect("a disconnected-design note");
    assert_eq!(w.param("groups"), Some(&Param::from(2usize)));
    match w.param("reviewerGroups") {
        Some(Param::List(groups)) => {
            assert_eq!(groups.first(), Some(&Param::from(vec!["r0", "r1"])));
        }
        other => panic!("reviewerGroups is {other:?}"),
    }
}

#[test]
fn ten_thousand_proposals_by_twenty_reviewers() {
    let (np, nr) = (10_000, 20);
    let mut rng = Xoshiro256StarStar::seed_from_u64(7);
    let offsets: Vec<f64> = (0..nr).map(|k| k as f64 - 9.5).collect();
    let (mut p, mut r, mut y) = (vec![], vec![], vec![]);
    for i in 0..np {
        let q = 100.0 * rng.next_f64();
        for (k, off) in offsets.iter().enumerate() {
            if rng.below(4) == 0 {
                continue; // a quarter of the cells missing
            }
            p.push(i);
            r.push(k);
            y.push(q + off + noise(&mut rng, 3.0));
        }
    }
    let t = std::time::Instant::now();
    let fit = fit_additive(np, nr, &p, &r, &y).unwrap();
    let elapsed = t.elapsed();
    for (k, off) in offsets.iter().enumerate() {
        assert!((fit.reviewer_effects[k].unwrap() - off).abs() < 0.2);
    }
    assert!(elapsed.as_secs_f64() < 5.0, "took {elapsed:?}");
}

#[test]
fn the_example_rounds_harsh_and_generous_reviewers_stand_out() {
    let round: Round = serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap();
    let c = calibrate(&default_rubric(), &round).unwrap();
    let offset = |id: &str| {
        c.reviewers
            .iter()
            .find(|r| r.reviewer_id == id)
            .unwrap()
            .offset
            .unwrap()
    };
    // r1 scores about one point lower on 0–4 (25 points on 0–100), r4 one point higher.
    assert!(offset("r1") < -15.0, "r1 {}", offset("r1"));
    assert!(offset("r4") > 15.0, "r4 {}", offset("r4"));
    for id in ["r2", "r3", "r5"] {
        assert!(offset(id).abs() < 8.0, "{id} {}", offset(id));
    }
    assert_eq!(c.groups, 1);
}
