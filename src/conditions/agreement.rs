//! Who agrees: intraclass correlations and Krippendorff's alpha per condition and overall, and
//! the proposals whose reviewers disagree enough to need discussion.
//!
//! A review design is usually incomplete (each proposal read by 3 of 5 reviewers), so the ICC —
//! which needs every reviewer to score every proposal — is computed on the complete rows only and
//! is often unavailable; the ICC from the REML variance components of the crossed model
//! ([`crate::stats::icc_reml`], R's `psych::ICC(lmer = TRUE)`) uses every score; Krippendorff's alpha uses every proposal with two or more reviews and is
//! the measure to read first. Conflicts of interest are missing cells like any other.
//!
//! Notes ([`ConditionAgreement::notes`]):
//!
//! | code | severity | params |
//! |---|---|---|
//! | `agreement_resamples_reduced` | info | `condition`, `requested`, `used`: the alpha bootstrap was cut to at most 4 million score draws; under 200 resamples, none (`used` 0, no interval) |
//! | `agreement_not_computed` | withheld | `statistic` (`icc`, `icc_model`, `alpha`), `metric` (alpha: `interval`, `ordinal`), `condition`, `error` (the statistic's error code) and that error's details (`nUsed`, `n`, `raters`, `units`, `nPairable`) |

use super::calibration::calibrate_design;
use super::round::{design, Design};
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::{
    icc, icc_reml, krippendorff_alpha, krippendorff_alpha_interval, AlphaMetric, IccReml,
    IccResult, KrippendorffAlpha, KrippendorffOptions,
};
use serde::{Deserialize, Serialize};

/// Most proposal × reviewer cells [`agreement`] accepts (a 32 MB matrix per pass).
pub const MAX_AGREEMENT_CELLS: usize = 2_000_000;

/// Options of [`agreement`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AgreementOptions {
    /// Confidence level of the ICC intervals; default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// A proposal needs discussion on a condition when its reviewers' scores span at least this
    /// fraction of the scale's range (max − min); default 0.5, i.e. 2 points on a 0–4 scale.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub spread_threshold: f64,
    /// A proposal needs discussion overall when its reviewers' weighted scores (0–100) span at
    /// least this many points; default 25.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub overall_spread_threshold: f64,
    /// Measure spreads after removing each reviewer's offset (see [`super::calibrate`]), so a
    /// harsh and a generous reviewer do not look like a disagreement; default true.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub calibrated_spread: bool,
    /// Bootstrap resamples of the headline alpha's interval (proposals resampled), 0 to
    /// 100,000; default 1000.
    #[cfg_attr(test, ts(as = "Option<u32>", optional))]
    pub alpha_resamples: u32,
    /// Seed of that bootstrap, so the interval is reproducible; default 1.
    #[cfg_attr(test, ts(as = "Option<u32>", optional))]
    pub alpha_seed: u32,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        AgreementOptions {
            level: 0.95,
            spread_threshold: 0.5,
            overall_spread_threshold: 25.0,
            calibrated_spread: true,
            alpha_resamples: 1000,
            alpha_seed: 1,
        }
    }
}

/// Agreement on one condition (or on the weighted overall score).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConditionAgreement {
    /// The condition's id, or `"overall"` for the reviewers' weighted 0–100 scores.
    pub condition_id: String,
    /// Shrout–Fleiss ICCs on the proposals every reviewer scored; `null` when fewer than two
    /// such proposals exist (see `notes`).
    pub icc: Option<IccResult>,
    /// The ICC of the whole, incomplete design from the REML variance components of the crossed
    /// proposal × reviewer model (R's `psych::ICC(x, lmer = TRUE)`): every score counts, so it
    /// exists where `icc` has too few complete rows; `null` when it cannot be fitted (see
    /// `notes`, statistic `icc_model`).
    pub icc_model: Option<IccReml>,
    /// The headline: Krippendorff's alpha at `alphaMetric`, with a bootstrap interval over
    /// proposals (`bootstrap`); the same estimate as `alphaOrdinal` or `alphaInterval`.
    pub alpha: Option<KrippendorffAlpha>,
    /// The level the rubric's scale implies: `"ordinal"` for a condition (a scale of labelled,
    /// ordered points whose distances are not known to be equal), `"interval"` for the overall
    /// weighted 0–100 score (an average of rescaled scores, which is interval by construction).
    pub alpha_metric: AlphaMetric,
    /// `alpha` read against Krippendorff's (2004) thresholds; `null` without an alpha.
    pub reliability: Option<Reliability>,
    /// Krippendorff's alpha, interval metric, over every proposal with two or more reviews.
    pub alpha_interval: Option<KrippendorffAlpha>,
    /// Krippendorff's alpha, ordinal metric.
    pub alpha_ordinal: Option<KrippendorffAlpha>,
    /// Why a measure is missing.
    pub notes: Vec<Note>,
}

/// Krippendorff's (2004, p. 241) reading of alpha: rely on data with α ≥ .800, draw tentative
/// conclusions from .667 ≤ α < .800, and do not rely on data below .667.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    /// α ≥ 0.800.
    Reliable,
    /// 0.667 ≤ α < 0.800.
    Tentative,
    /// α < 0.667.
    DoNotRely,
}

impl Reliability {
    /// The band of an alpha.
    pub fn of(alpha: f64) -> Reliability {
        if alpha >= 0.8 {
            Reliability::Reliable
        } else if alpha >= 0.667 {
            Reliability::Tentative
        } else {
            Reliability::DoNotRely
        }
    }
}

/// A proposal whose reviewers disagree enough to need discussion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DiscussionFlag {
    /// The proposal's id.
    pub proposal_id: String,
    /// The condition's id, or `"overall"`.
    pub condition_id: String,
    /// Highest minus lowest score (condition scale, or 0–100 points for `"overall"`), after
    /// removing reviewer offsets when `calibratedSpread` is on.
    pub spread: f64,
    /// Highest minus lowest score as given.
    pub raw_spread: f64,
    /// The threshold it reached, in the same units.
    pub threshold: f64,
    /// The reviewer with the lowest score.
    pub low_reviewer_id: String,
    /// The reviewer with the highest score.
    pub high_reviewer_id: String,
}

/// Agreement of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoundAgreement {
    /// `Method::IccCompleteRowsKrippendorff`.
    pub method: Method,
    /// Per condition, in rubric order.
    pub conditions: Vec<ConditionAgreement>,
    /// On the reviewers' weighted 0–100 scores.
    pub overall: ConditionAgreement,
    /// Proposals needing discussion, by proposal then condition.
    pub flags: Vec<DiscussionFlag>,
    /// The spread threshold used on condition scales (fraction of the range).
    pub spread_threshold: f64,
    /// The spread threshold used on overall scores (points).
    pub overall_spread_threshold: f64,
    /// Whether spreads were measured after removing reviewer offsets.
    pub calibrated_spread: bool,
}

/// Score draws the bootstrap of one alpha may make (resamples × scores): 1000 resamples up to
/// 4,000 scores (a round of about 1,300 proposals read three times each).
const ALPHA_DRAWS: usize = 4_000_000;

/// Fewer resamples than this give no interval at all: a percentile interval from a handful of
/// resamples would be a guess.
const ALPHA_MIN_RESAMPLES: usize = 200;

/// Bytes of proposals × reviewers matrices that agreement fills in one pass over the reviews.
const MATRIX_BUDGET: usize = 64 << 20;

fn measure(
    condition_id: &str,
    m: &[Option<f64>],
    (n_p, n_r): (usize, usize),
    options: &AgreementOptions,
    alpha_metric: AlphaMetric,
) -> ConditionAgreement {
    let level = options.level;
    let mut notes = Vec::new();
    let withheld = |statistic: &str, e: &crate::Error| {
        Note::withheld(NoteCode::AgreementNotComputed)
            .with_error(e)
            .with("statistic", statistic)
            .with("condition", condition_id)
    };
    let icc = icc(m, n_p, n_r, level)
        .map_err(|e| notes.push(withheld("icc", &e)))
        .ok();
    let icc_model = icc_reml(m, n_p, n_r)
        .map_err(|e| notes.push(withheld("icc_model", &e)))
        .ok();
    let mut alpha = |metric| {
        krippendorff_alpha(m, n_p, n_r, metric)
            .map_err(|e| notes.push(withheld("alpha", &e).with("metric", metric_term(metric))))
            .ok()
    };
    let alpha_interval = alpha(AlphaMetric::Interval);
    let alpha_ordinal = alpha(AlphaMetric::Ordinal);
    // At most ALPHA_DRAWS score draws per measure; below ALPHA_MIN_RESAMPLES, no interval.
    let scores = m.iter().filter(|x| x.is_some()).count();
    let affordable = ALPHA_DRAWS / scores.max(1);
    let mut resamples = (options.alpha_resamples as usize).min(affordable);
    if resamples < ALPHA_MIN_RESAMPLES.min(options.alpha_resamples as usize) {
        resamples = 0;
    }
    if resamples < options.alpha_resamples as usize {
        notes.push(
            Note::info(NoteCode::AgreementResamplesReduced)
                .with("condition", condition_id)
                .with("requested", options.alpha_resamples as usize)
                .with("used", resamples),
        );
    }
    let boot = KrippendorffOptions {
        metric: alpha_metric,
        level,
        resamples: resamples as u32,
        seed: options.alpha_seed,
    };
    // Errors were noted above with the estimate; here only the interval is added.
    let same = match alpha_metric {
        AlphaMetric::Ordinal => &alpha_ordinal,
        _ => &alpha_interval,
    };
    let alpha = if resamples == 0 {
        same.clone()
    } else {
        krippendorff_alpha_interval(m, n_p, n_r, &boot).ok()
    };
    ConditionAgreement {
        condition_id: condition_id.into(),
        icc,
        icc_model,
        reliability: alpha.as_ref().map(|a| Reliability::of(a.alpha)),
        alpha,
        alpha_metric,
        alpha_interval,
        alpha_ordinal,
        notes,
    }
}

/// The metric as the snake_case term the page translates (`term.interval`, `term.ordinal`).
fn metric_term(metric: AlphaMetric) -> &'static str {
    metric.as_str()
}

fn check(options: &AgreementOptions) -> Result<()> {
    crate::error::level(options.level)?;
    if options.alpha_resamples as usize > crate::stats::agreement::MAX_RESAMPLES {
        return Err(
            Error::new(Code::TooLarge, "alphaResamples is at most 100,000")
                .with("limit", crate::stats::agreement::MAX_RESAMPLES)
                .with("actual", options.alpha_resamples as usize),
        );
    }
    if !(options.spread_threshold.is_finite()
        && options.spread_threshold > 0.0
        && options.spread_threshold <= 1.0)
    {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "spreadThreshold is a fraction of the scale in (0, 1], got {}",
                options.spread_threshold
            ),
        )
        .with("spreadThreshold", options.spread_threshold));
    }
    let o = options.overall_spread_threshold;
    if !(o.is_finite() && o > 0.0 && o <= 100.0) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!("overallSpreadThreshold is in points on 0–100, in (0, 100], got {o}"),
        )
        .with("overallSpreadThreshold", o));
    }
    Ok(())
}

/// Flags the widest spread in `cells` (reviewer index, value, value less the reviewer's offset)
/// when it reaches `threshold`.
fn spread_flag(
    d: &Design,
    p: usize,
    condition_id: &str,
    cells: &[(usize, f64, f64)],
    threshold: f64,
) -> Option<DiscussionFlag> {
    let low = cells.iter().min_by(|a, b| a.2.total_cmp(&b.2))?;
    let high = cells.iter().max_by(|a, b| a.2.total_cmp(&b.2))?;
    let spread = high.2 - low.2;
    let raw_low = cells.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    let raw_high = cells.iter().map(|c| c.1).fold(f64::NEG_INFINITY, f64::max);
    let id = |r: usize| {
        d.round
            .reviewers
            .get(r)
            .map_or(String::new(), |x| x.id.clone())
    };
    (spread >= threshold - 1e-9).then(|| DiscussionFlag {
        proposal_id: d
            .round
            .proposals
            .get(p)
            .map_or(String::new(), |x| x.id.clone()),
        condition_id: condition_id.into(),
        spread,
        raw_spread: raw_high - raw_low,
        threshold,
        low_reviewer_id: id(low.0),
        high_reviewer_id: id(high.0),
    })
}

/// `offsets`: each reviewer's offset in points on 0–100 (from the calibration).
pub(crate) fn agreement_design(
    d: &Design,
    options: &AgreementOptions,
    offsets: &[Option<f64>],
) -> Result<RoundAgreement> {
    check(options)?;
    let n_p = d.round.proposals.len();
    let n_r = d.round.reviewers.len();
    let cells = n_p
        .checked_mul(n_r)
        .filter(|&c| c <= MAX_AGREEMENT_CELLS)
        .ok_or_else(|| {
            Error::new(
                Code::TooLarge,
                "agreement handles at most 2 million proposal × reviewer cells",
            )
            .with("what", "agreementCells")
            .with("limit", MAX_AGREEMENT_CELLS)
            .with("requested", n_p as f64 * n_r as f64)
        })?;
    // The proposals × reviewers matrix of each condition, filled in as few passes over the
    // reviews as [`MATRIX_BUDGET`] allows (all at once for 10,000 × 20; at the 2-million-cell
    // cap a matrix is 32 MB, and a rubric may have many conditions).
    let n_c = d.rubric.conditions.len();
    let per_pass =
        (MATRIX_BUDGET / (cells.max(1) * std::mem::size_of::<Option<f64>>())).clamp(1, n_c.max(1));
    let mut matrices = vec![vec![None; cells]; per_pass];
    let mut conditions = Vec::with_capacity(n_c);
    for first in (0..n_c).step_by(per_pass) {
        for v in &d.reviews {
            let raw = d.raw(v).get(first..).unwrap_or_default();
            for (m, x) in matrices.iter_mut().zip(raw) {
                if let Some(slot) = m.get_mut(v.p * n_r + v.r) {
                    *slot = *x;
                }
            }
        }
        let ids = d.rubric.conditions.get(first..).unwrap_or_default();
        for (m, condition) in matrices.iter().zip(ids) {
            conditions.push(measure(
                &condition.id,
                m,
                (n_p, n_r),
                options,
                AlphaMetric::Ordinal,
            ));
        }
    }
    // The first matrix serves "overall": every review's cell is overwritten below, and the
    // other cells were never set.
    let mut m = matrices
        .into_iter()
        .next()
        .unwrap_or_else(|| vec![None; cells]);
    for v in &d.reviews {
        if let Some(slot) = m.get_mut(v.p * n_r + v.r) {
            *slot = v.overall;
        }
    }
    let overall = measure("overall", &m, (n_p, n_r), options, AlphaMetric::Interval);
    let offset = |r: usize| {
        if options.calibrated_spread {
            offsets.get(r).copied().flatten().unwrap_or(0.0)
        } else {
            0.0
        }
    };
    let mut flags = Vec::new();
    let mut cells: Vec<(usize, f64, f64)> = Vec::new();
    let mut rows: Vec<(usize, &[Option<f64>])> = Vec::new();
    for (p, range) in d.by_proposal.iter().enumerate() {
        let reviews = d.reviews.get(range.clone()).unwrap_or(&[]);
        rows.clear();
        rows.extend(reviews.iter().map(|v| (v.r, d.raw(v))));
        for (c, condition) in d.rubric.conditions.iter().enumerate() {
            let width = condition.max() - condition.min();
            cells.clear();
            cells.extend(rows.iter().filter_map(|&(r, raw)| {
                raw.get(c)
                    .copied()
                    .flatten()
                    .map(|x| (r, x, x - offset(r) * width / 100.0))
            }));
            flags.extend(spread_flag(
                d,
                p,
                &condition.id,
                &cells,
                options.spread_threshold * width,
            ));
        }
        cells.clear();
        cells.extend(
            reviews
                .iter()
                .filter_map(|v| v.overall.map(|x| (v.r, x, x - offset(v.r)))),
        );
        flags.extend(spread_flag(
            d,
            p,
            "overall",
            &cells,
            options.overall_spread_threshold,
        ));
    }
    Ok(RoundAgreement {
        method: Method::IccCompleteRowsKrippendorff,
        conditions,
        overall,
        flags,
        spread_threshold: options.spread_threshold,
        overall_spread_threshold: options.overall_spread_threshold,
        calibrated_spread: options.calibrated_spread,
    })
}

/// Agreement among a round's reviewers, per condition and on the weighted overall score, and
/// the proposals needing discussion.
///
/// For each condition the proposals × reviewers matrix of scores (missing where a reviewer did
/// not read a proposal or has a conflict of interest) goes to [`crate::stats::icc`] (complete
/// rows only) and [`crate::stats::krippendorff_alpha`] (interval and ordinal). "Overall" uses
/// each reviewer's weighted 0–100 score of the proposal.
///
/// A proposal is flagged for discussion on a condition when max − min of its reviewers' scores
/// reaches `spreadThreshold × (scale max − scale min)` (default half the range: 2 points on
/// 0–4), and overall when its reviewers' weighted scores span `overallSpreadThreshold` points
/// (default 25 on 0–100). With `calibratedSpread` (default) each score first loses its
/// reviewer's offset (the calibration's `b_r`, rescaled to the condition's scale), so that a
/// harsh and a generous reviewer reading the same proposal are not taken for a disagreement.
///
/// # Errors
/// Every error of [`super::validate_round`]; [`Code::LevelOutOfRange`] /
/// [`Code::ParameterOutOfRange`] for bad options; [`Code::TooLarge`] above 2 million proposal ×
/// reviewer cells. A measure that cannot be computed (too few
/// complete rows, no variation) is `null` with a note, not an error.
pub fn agreement(
    rubric: &Rubric,
    round: &Round,
    options: &AgreementOptions,
) -> Result<RoundAgreement> {
    let d = design(rubric, round)?;
    let offsets: Vec<Option<f64>> = calibrate_design(&d)?
        .reviewers
        .into_iter()
        .map(|r| r.offset)
        .collect();
    agreement_design(&d, options, &offsets)
}
