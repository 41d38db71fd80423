//! The statistics layer on arbitrary numbers (NaN, infinities, huge, tiny, ties): every function
//! returns a result or an error, never a panic, and results are finite where they claim to be.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::stats;

fuzz_target!(|data: &[u8]| {
    let values: Vec<f64> = data
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect();
    let half = values.len() / 2;
    let (a, b) = values.split_at(half);
    let b = &b[..half];
    let level = 0.95;
    let _ = stats::wilson(*a.first().unwrap_or(&0.0), *b.first().unwrap_or(&0.0), level);
    let _ = stats::proportion::wilson_many(a, b, level);
    let _ = stats::paired_t(a, b, &Default::default());
    let _ = stats::wilcoxon_signed_rank(a, b, &Default::default());
    let _ = stats::mcnemar_pairs(a, b, &Default::default());
    let _ = stats::mann_whitney(a, b, &Default::default());
    if a.len() >= 4 {
        let _ = stats::two_proportions(a[0], a[1], a[2], a[3], &Default::default());
        let _ = stats::chi_square(&[a[..2].to_vec(), a[2..4].to_vec()], &Default::default());
        let _ = stats::mcnemar(a[0], a[1], &Default::default());
    }
    let _ = stats::p_adjust(a, stats::AdjustMethod::Holm);
    let _ = stats::cronbach_alpha(a, 3, &Default::default());
});
