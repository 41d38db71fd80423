//! Multi-item scales: the scale score (mean of its items, reversed items flipped) for
//! respondents who answered every item, its distribution, and internal consistency.

use super::sentence::{lead, num, Sentence};
use super::{Exclusion, ReportOptions};
use crate::note::{Note, NoteCode, Param};
use crate::stats::limits::at_most;
use crate::stats::method::Method;
use crate::stats::reliability::MAX_WORK;
use crate::stats::summary::{ItemCovariance, Moments};
use crate::stats::{AlphaOptions, CronbachAlpha, Omega};
use crate::survey::dataset::Dataset;
use crate::survey::instrument::{Instrument, Lang, Text};
use serde::Serialize;

/// One scale's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyScaleResult"))]
#[serde(rename_all = "camelCase")]
pub struct ScaleResult {
    /// Scale id.
    pub scale: String,
    /// The construct's name.
    pub text: Text,
    /// Item ids, in order.
    pub items: Vec<String>,
    /// Respondents who answered every item (listwise).
    pub n_used: u64,
    /// Respondents missing at least one item.
    pub n_excluded: u64,
    /// Why, with counts.
    pub excluded: Vec<Exclusion>,
    /// Mean of the scale score (mean of the items, in item points).
    pub mean: Option<f64>,
    /// Standard deviation of the scale score (n − 1).
    pub sd: Option<f64>,
    /// Cronbach's alpha (raw, from covariances) with its Feldt interval and item statistics
    /// (`null` when it cannot be computed; the warnings say why).
    pub alpha: Option<CronbachAlpha>,
    /// McDonald's omega total from a one-factor minres fit (psych `omega(x, 1)`), beside
    /// alpha (`null` when it cannot be computed, e.g. under 3 items; withheld in a Heywood
    /// case: its warnings say why).
    pub omega: Option<Omega>,
    /// `"cronbach"`.
    pub method: Method,
    /// Reference.
    pub reference: &'static str,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
    /// One sentence in English and Spanish.
    pub sentence: Sentence,
    /// Whether the result is weighted (#19): then `mean` and
    /// `sd` are weighted, `weightedMean` and `weightedAlpha` are set, and `alpha` stays the
    /// unweighted Cronbach's alpha with its interval.
    pub weighted: bool,
    /// The weighted scale mean with its linearised SE (`null` when unweighted).
    pub weighted_mean: Option<crate::stats::weighted::WeightedMean>,
    /// R `survey::svycralpha`, the weighted Cronbach's alpha (no interval; `null` when
    /// unweighted or not computable).
    pub weighted_alpha: Option<f64>,
}

/// One item's values and, when reversed, its (lowest, highest) point values.
type Column<'a> = (&'a [f64], Option<(f64, f64)>);

/// The complete-case item matrix of a scale, row-major, with reversed items flipped
/// (value → min + max − value over the item's points).
pub fn matrix(
    ins: &Instrument,
    data: &Dataset,
    items: &[String],
    reversed: &[String],
) -> (Vec<f64>, u64, u64) {
    let (m, _, used, excluded) = matrix_rows(ins, data, items, reversed);
    (m, used, excluded)
}

/// [`matrix`] with the row number of each complete respondent (for the weights).
pub fn matrix_rows(
    ins: &Instrument,
    data: &Dataset,
    items: &[String],
    reversed: &[String],
) -> (Vec<f64>, Vec<u32>, u64, u64) {
    let cols: Vec<Column<'_>> = items
        .iter()
        .filter_map(|id| {
            let k = ins.items.iter().position(|i| &i.id == id)?;
            let item = ins.items.get(k)?;
            let flip = reversed.contains(id).then(|| {
                let lo = item
                    .points
                    .iter()
                    .map(|p| p.value)
                    .fold(f64::INFINITY, f64::min);
                let hi = item
                    .points
                    .iter()
                    .map(|p| p.value)
                    .fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            });
            Some((data.values.get(k).map(Vec::as_slice).unwrap_or(&[]), flip))
        })
        .collect();
    let mut out = Vec::new();
    let mut kept = Vec::new();
    let (mut used, mut excluded) = (0, 0);
    let k = cols.len();
    for row in 0..data.rows {
        let start = out.len();
        for (v, flip) in &cols {
            let x = v.get(row).copied().unwrap_or(f64::NAN);
            out.push(match flip {
                Some((lo, hi)) if lo.is_finite() && hi.is_finite() => lo + hi - x,
                _ => x,
            });
        }
        if out
            .get(start..)
            .is_some_and(|r| r.len() == k && r.iter().any(|v| v.is_nan()))
        {
            out.truncate(start);
            excluded += 1;
        } else {
            used += 1;
            kept.push(row as u32);
        }
    }
    (out, kept, used, excluded)
}

/// A note of Cronbach's alpha with its item positions (`items`, 0-based in the scale) turned
/// into the scale's item ids, which the page shows as statements.
fn with_item_ids(note: &Note, items: &[String]) -> Note {
    let mut note = note.clone();
    if matches!(
        note.code,
        NoteCode::ReliabilityConstantItems
            | NoteCode::ReliabilityOmegaHeywood
            | NoteCode::ReliabilityOmegaReversed
    ) {
        if let Some(Param::List(list)) = note.params.get_mut("items") {
            for p in list.iter_mut() {
                if let Param::Number(i) = p {
                    if let Some(id) = items.get(*i as usize) {
                        *p = Param::Text(id.clone());
                    }
                }
            }
        }
    }
    note
}

/// A scale's mergeable state: the item covariance of its complete rows (alpha), the moments
/// of their scale scores, and the complete and incomplete row counts. Rows are observed in
/// file order; one pass and a chunked read in file order give the same bits, merges of pieces
/// agree to ~1e-15 relative (the pairwise update of [`ItemCovariance`] and [`Moments`]).
#[derive(Debug, Clone)]
pub struct ScaleState {
    /// Items in the scale (≥ 1).
    k: usize,
    /// The covariance summary, or the error that stopped it (kept: alpha is then withheld).
    cov: crate::Result<ItemCovariance>,
    /// Scale scores of the complete rows.
    scores: Moments,
    /// Complete rows.
    used: u64,
    /// Rows missing at least one item.
    excluded: u64,
}

impl ScaleState {
    /// The empty state of a scale of `k` items.
    pub fn new(k: usize) -> Self {
        ScaleState {
            k: k.max(1),
            cov: ItemCovariance::new(k.max(1)),
            scores: Moments::new(),
            used: 0,
            excluded: 0,
        }
    }

    /// Adds the complete-case matrix of some rows ([`matrix`]'s result).
    pub fn observe(&mut self, m: &[f64], used: u64, excluded: u64) {
        let k = self.k;
        for row in m.chunks(k) {
            self.scores.observe(row.iter().sum::<f64>() / k as f64);
        }
        if let Ok(cov) = &mut self.cov {
            if let Err(e) = cov.observe_rows(m) {
                self.cov = Err(e);
            }
        }
        self.used += used;
        self.excluded += excluded;
    }

    /// Adds another piece's state of the same scale.
    ///
    /// # Errors
    /// A shape error for states of different scales.
    pub fn merge(&mut self, other: &ScaleState) -> crate::Result<()> {
        use crate::stats::summary::Merge;
        if self.k != other.k {
            return Err(crate::stats::summary::shape("items"));
        }
        self.scores.merge(&other.scores)?;
        match (&mut self.cov, &other.cov) {
            (Ok(a), Ok(b)) => a.merge(b)?,
            (Ok(_), Err(e)) => self.cov = Err(e.clone()),
            (Err(_), _) => {}
        }
        self.used += other.used;
        self.excluded += other.excluded;
        Ok(())
    }
}

impl ScaleState {
    /// The state's parts, for a serialized state (DataFusion's partial → final boundary, #22):
    /// items, the covariance summary (`None` when it stopped on an error), the scale scores'
    /// moments, complete rows and incomplete rows.
    pub fn parts(&self) -> (usize, Option<&ItemCovariance>, &Moments, u64, u64) {
        (
            self.k,
            self.cov.as_ref().ok(),
            &self.scores,
            self.used,
            self.excluded,
        )
    }

    /// A state from [`ScaleState::parts`]. A missing covariance summary is the error of an
    /// empty one of `k` items (too many items), the one error a state of finite answers within
    /// ±10¹⁰⁰ can carry; otherwise it is an internal error (alpha is then withheld).
    pub fn from_parts(
        k: usize,
        cov: Option<ItemCovariance>,
        scores: Moments,
        used: u64,
        excluded: u64,
    ) -> Self {
        let k = k.max(1);
        let cov = match cov {
            Some(c) => Ok(c),
            None => ItemCovariance::new(k).and_then(|_| {
                Err(crate::error::Error::new(
                    crate::error::Code::Internal,
                    "a scale state without its covariance summary",
                ))
            }),
        };
        ScaleState {
            k,
            cov,
            scores,
            used,
            excluded,
        }
    }
}

/// Cronbach's alpha from a scale's covariance summary, within the same limits as
/// [`crate::stats::cronbach_alpha`] (items, and the work of the covariance pass,
/// [`MAX_WORK`]).
fn alpha(
    cov: &crate::Result<ItemCovariance>,
    k: usize,
    level: f64,
) -> crate::Result<CronbachAlpha> {
    let cov = cov.as_ref().map_err(Clone::clone)?;
    let work = cov.n as f64 * (k * (k + 1) / 2) as f64;
    at_most("scaleWork", MAX_WORK, work)?;
    cov.cronbach_alpha(&AlphaOptions { level })
}

/// McDonald's omega from the scale's co-moments, under the same work limit as alpha.
fn omega(cov: &crate::Result<ItemCovariance>) -> crate::Result<Omega> {
    let cov = cov.as_ref().map_err(Clone::clone)?;
    let k = cov.items;
    at_most(
        "scaleWork",
        MAX_WORK,
        cov.n as f64 * (k * (k + 1) / 2) as f64,
    )?;
    cov.mcdonald_omega()
}

/// The scales whose items are all declared (the others are withheld by the report).
pub fn reported(ins: &Instrument) -> impl Iterator<Item = &crate::survey::instrument::Scale> {
    ins.scales.iter().filter(|s| {
        s.items
            .iter()
            .all(|i| ins.item(i).is_some_and(|i| i.declared()))
    })
}

/// Summarizes every scale.
pub fn scales(ins: &Instrument, data: &Dataset, options: &ReportOptions) -> Vec<ScaleResult> {
    reported(ins)
        .map(|s| {
            let (m, rows, used, excluded) = matrix_rows(ins, data, &s.items, &s.reversed);
            // The scale score (mean of the items) of every complete respondent, summarised by
            // the mergeable Moments; alpha and omega from the mergeable ItemCovariance.
            let mut st = ScaleState::new(s.items.len());
            st.observe(&m, used, excluded);
            let mut r = from_state(s, &st, options);
            super::weighted_sections::scale(data, &m, &rows, &mut r, options.level);
            r
        })
        .collect()
}

/// A scale's result from its complete state (after the last merge). Shared by [`scales`] and
/// the chunked report and the DataFusion CLI (#22).
pub fn from_state(
    s: &crate::survey::instrument::Scale,
    st: &ScaleState,
    options: &ReportOptions,
) -> ScaleResult {
    let (used, excluded) = (st.used, st.excluded);
    let (mean, sd) = (st.scores.mean(), st.scores.sd());
    let mut r = ScaleResult {
        scale: s.id.clone(),
        text: s.text.clone(),
        items: s.items.clone(),
        n_used: used,
        n_excluded: excluded,
        excluded: if excluded > 0 {
            vec![Exclusion {
                reason: "incomplete",
                count: excluded,
            }]
        } else {
            Vec::new()
        },
        mean,
        sd,
        alpha: None,
        omega: None,
        method: Method::Cronbach,
        reference: "Cronbach (1951), Psychometrika 16, 297–334; R psych::alpha(na.omit(x))",
        warnings: Vec::new(),
        sentence: Sentence::default(),
        weighted: false,
        weighted_mean: None,
        weighted_alpha: None,
    };
    match alpha(&st.cov, st.k, options.level) {
        Ok(a) => {
            r.warnings
                .extend(a.warnings.iter().map(|w| with_item_ids(w, &s.items)));
            r.alpha = Some(a);
        }
        Err(e) => r.warnings.push(super::not_computed(Method::Cronbach, &e)),
    }
    // Omega from the same co-moments; its notes other than the exclusions (already said by
    // alpha's) join the scale's, item positions turned into ids.
    match omega(&st.cov) {
        Ok(o) => {
            r.warnings.extend(
                o.warnings
                    .iter()
                    .filter(|w| w.code != NoteCode::ReliabilityRespondentsExcluded)
                    .map(|w| with_item_ids(w, &s.items)),
            );
            r.omega = Some(o);
        }
        Err(e) => r
            .warnings
            .push(super::not_computed(Method::McdonaldOmega, &e)),
    }
    r.sentence = sentence(&r, options.level);
    r
}

fn sentence(r: &ScaleResult, level: f64) -> Sentence {
    Sentence::build(|lang| {
        let en = lang == Lang::En;
        let k = r.items.len();
        let head = lead(&r.text, lang);
        let lvl = super::sentence::level_text(level, lang);
        let alpha = r.alpha.as_ref().map_or(String::new(), |a| {
            let (v, lo, hi) = (
                num(a.alpha, 2, lang),
                num(a.lower, 2, lang),
                num(a.upper, 2, lang),
            );
            if en {
                format!("Cronbach's α = {v} ({lvl} CI {lo} to {hi}), ")
            } else {
                format!("α de Cronbach = {v} (IC {lvl} {lo} a {hi}), ")
            }
        });
        let omega = r
            .omega
            .as_ref()
            .and_then(|o| o.omega_total)
            .map_or(String::new(), |w| {
                if en {
                    format!("McDonald's ω = {}, ", num(w, 2, lang))
                } else {
                    format!("ω de McDonald = {}, ", num(w, 2, lang))
                }
            });
        let mean = match (r.mean, r.sd) {
            (Some(m), Some(sd)) => {
                if en {
                    format!("scale mean {} (SD {}), ", num(m, 2, lang), num(sd, 2, lang))
                } else {
                    format!(
                        "media de la escala {} (DE {}), ",
                        num(m, 2, lang),
                        num(sd, 2, lang)
                    )
                }
            }
            _ => String::new(),
        };
        if en {
            format!(
                "{head}{k} items; {alpha}{omega}{mean}n = {} complete answers.",
                r.n_used
            )
        } else {
            format!(
                "{head}{k} ítems; {alpha}{omega}{mean}n = {} respuestas completas.",
                r.n_used
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_items_are_named_by_their_ids() {
        let items = vec!["q1".to_string(), "q2".to_string(), "q3".to_string()];
        let note =
            Note::warning(NoteCode::ReliabilityConstantItems).with("items", vec![0usize, 2usize]);
        let named = with_item_ids(&note, &items);
        assert_eq!(named.param("items"), Some(&vec!["q1", "q3"].into()));
        let other = Note::warning(NoteCode::ReliabilityNegativeAlpha);
        assert_eq!(with_item_ids(&other, &items), other);
    }
}
