//! Item covariance of a multi-item scale: Cronbach's alpha with Feldt's interval and the item
//! statistics.

use super::Merge;
use crate::error::{Code, Error, Result};
use crate::stats::limits::{at_most, MAX_MAGNITUDE};
use crate::stats::reliability::{alpha_from_comoments, MAX_ITEMS};
use crate::stats::{AlphaOptions, CronbachAlpha};
use serde::{Deserialize, Serialize};

/// Means and co-moments of k items over the respondents who answered every item (listwise,
/// as [`crate::stats::cronbach_alpha`]).
///
/// State: `items` (k), `n` (complete respondents), `incomplete` (respondents with a missing
/// answer), `means` (k item means), `comoments` (Σ(xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) for i ≤ j, the upper
/// triangle packed row by row: (0,0), (0,1), …, (0,k−1), (1,1), …, k(k + 1)/2 numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemCovariance {
    /// Number of items.
    pub items: usize,
    /// Respondents who answered every item.
    pub n: u64,
    /// Respondents with at least one missing answer.
    pub incomplete: u64,
    /// Item means over the complete respondents.
    pub means: Vec<f64>,
    /// Packed upper triangle of co-moments.
    pub comoments: Vec<f64>,
}

impl ItemCovariance {
    /// An empty summary of `items` items.
    ///
    /// # Errors
    /// [`Code::TooLarge`] beyond [`MAX_ITEMS`] items.
    pub fn new(items: usize) -> Result<Self> {
        at_most("scaleItems", MAX_ITEMS as f64, items as f64)?;
        Ok(ItemCovariance {
            items,
            n: 0,
            incomplete: 0,
            means: vec![0.0; items],
            comoments: vec![0.0; items * (items + 1) / 2],
        })
    }

    /// Adds one respondent's answers, one per item (NaN: missing; the respondent then counts
    /// in `incomplete` only).
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] for a row of another length, [`Code::NotFinite`] for an
    /// infinite answer, [`Code::ValueOutOfRange`] for one beyond ±10¹⁰⁰ (as
    /// [`crate::stats::cronbach_alpha`]); the summary is unchanged.
    pub fn observe(&mut self, row: &[f64]) -> Result<()> {
        let k = self.items;
        if row.len() != k {
            return Err(Error::new(
                Code::LengthMismatch,
                format!("a row of {} answers for {k} items", row.len()),
            )
            .with("values", row.len())
            .with("items", k));
        }
        if let Some(j) = row.iter().position(|v| v.is_infinite()) {
            return Err(Error::new(Code::NotFinite, "an answer is not a number").with("column", j));
        }
        if row.iter().any(|v| v.is_nan()) {
            self.incomplete += 1;
            return Ok(());
        }
        if let Some(j) = row.iter().position(|v| v.abs() > MAX_MAGNITUDE) {
            return Err(Error::new(
                Code::ValueOutOfRange,
                "an answer lies beyond ±1e100: its square could overflow",
            )
            .with("column", j));
        }
        self.n += 1;
        let nf = self.n as f64;
        let f = (nf - 1.0) / nf;
        // Co-moments first, from the old means (dᵢ = xᵢ − x̄ᵢ), then the means. The deviations
        // go to a buffer (on the stack up to 64 items) so that each row of the triangle is one
        // loop over two slices, without the closure and the three bounds-checked lookups per
        // term it had: this pass is k(k + 1)/2 multiply-adds per respondent, the report's
        // largest (#21). Same operations in the same order, so the same bits. The report
        // walks the triangle for two rows at once ([`ItemCovariance::observe_rows`]); a
        // `simd128` twin of the row loop was measured and gained nothing in V8.
        let (mut stack, mut heap) = ([0.0; 64], Vec::new());
        let d = deviations(&mut stack, &mut heap, k);
        for ((d, x), m) in d.iter_mut().zip(row).zip(&self.means) {
            *d = x - m;
        }
        let mut rest = self.comoments.as_mut_slice();
        for (i, di) in d.iter().enumerate() {
            let di = di * f;
            let (line, next) = rest.split_at_mut((k - i).min(rest.len()));
            for (c, dj) in line.iter_mut().zip(d.get(i..).unwrap_or_default()) {
                *c += di * dj;
            }
            rest = next;
        }
        for (m, x) in self.means.iter_mut().zip(row) {
            *m += (x - *m) / nf;
        }
        Ok(())
    }

    /// Adds the rows of `m` (row-major, `items` answers each) in order: the same state, bit
    /// for bit, as [`ItemCovariance::observe`] on each row in turn. Two complete rows share
    /// one walk of the triangle (each co-moment is read and written once for both, its two
    /// terms added in the rows' order): the report's scale pass, k(k + 1)/2 multiply-adds
    /// per respondent, was its largest cost in the wasm build (#21, W5).
    ///
    /// # Errors
    /// Those of [`ItemCovariance::observe`], at the first row that has one (the rows before
    /// it are observed).
    pub fn observe_rows(&mut self, m: &[f64]) -> Result<()> {
        let k = self.items.max(1);
        let mut rows = m.chunks_exact(k);
        loop {
            match (rows.next(), rows.next()) {
                (Some(a), Some(b)) if self.plain(a) && self.plain(b) => self.observe_two(a, b),
                (Some(a), b) => {
                    self.observe(a)?;
                    if let Some(b) = b {
                        self.observe(b)?;
                    }
                }
                (None, _) => break,
            }
        }
        match rows.remainder() {
            [] => Ok(()),
            rest => self.observe(rest),
        }
    }

    /// Whether `observe` would count `row` as a complete respondent (no error, no NaN).
    fn plain(&self, row: &[f64]) -> bool {
        row.len() == self.items && row.iter().all(|v| v.abs() <= MAX_MAGNITUDE)
    }

    /// [`ItemCovariance::observe`] of two plain rows, `a` then `b`, in one walk.
    fn observe_two(&mut self, a: &[f64], b: &[f64]) {
        let k = self.items;
        let (mut stack_a, mut stack_b) = ([0.0; 64], [0.0; 64]);
        let (mut heap_a, mut heap_b) = (Vec::new(), Vec::new());
        let da = deviations(&mut stack_a, &mut heap_a, k);
        let db = deviations(&mut stack_b, &mut heap_b, k);
        let fa = self.step(a, da);
        let fb = self.step(b, db);
        let mut rest = self.comoments.as_mut_slice();
        for (i, (ai, bi)) in da.iter().zip(db.iter()).enumerate() {
            let (ai, bi) = (ai * fa, bi * fb);
            let (line, next) = rest.split_at_mut((k - i).min(rest.len()));
            let pairs = da
                .get(i..)
                .unwrap_or_default()
                .iter()
                .zip(db.get(i..).unwrap_or_default());
            for (c, (aj, bj)) in line.iter_mut().zip(pairs) {
                *c += ai * aj;
                *c += bi * bj;
            }
            rest = next;
        }
    }

    /// One complete row's deviations from the current means (into `d`), then the means and
    /// `n` updated as [`ItemCovariance::observe`] does; returns the row's factor (n − 1)/n.
    fn step(&mut self, row: &[f64], d: &mut [f64]) -> f64 {
        self.n += 1;
        let nf = self.n as f64;
        for ((d, x), m) in d.iter_mut().zip(row).zip(&self.means) {
            *d = x - m;
        }
        for (m, x) in self.means.iter_mut().zip(row) {
            *m += (x - *m) / nf;
        }
        (nf - 1.0) / nf
    }

    /// The k × k row-major co-moment matrix (upper triangle filled).
    fn matrix(&self) -> Vec<f64> {
        let k = self.items;
        let mut m = vec![0.0; k * k];
        let mut at = 0;
        for i in 0..k {
            for j in i..k {
                if let (Some(slot), Some(v)) = (m.get_mut(i * k + j), self.comoments.get(at)) {
                    *slot = *v;
                }
                at += 1;
            }
        }
        m
    }

    /// Cronbach's alpha, Feldt's interval and the item statistics, by the same code as
    /// [`crate::stats::cronbach_alpha`] after its covariance pass.
    ///
    /// # Errors
    /// As [`crate::stats::cronbach_alpha`]: [`Code::SampleTooSmall`] (under 2 items or 2
    /// complete respondents), [`Code::NoVariation`], [`Code::NotFinite`],
    /// [`Code::LevelOutOfRange`].
    pub fn cronbach_alpha(&self, options: &AlphaOptions) -> Result<CronbachAlpha> {
        let rows = (self.n + self.incomplete) as usize;
        alpha_from_comoments(
            &self.means,
            self.matrix(),
            rows,
            self.n as usize,
            options.level,
        )
    }
}

impl ItemCovariance {
    /// McDonald's omega total from the same means and co-moments, by the code of
    /// [`crate::stats::mcdonald_omega`] after its covariance pass.
    ///
    /// # Errors
    /// As [`crate::stats::mcdonald_omega`].
    pub fn mcdonald_omega(&self) -> Result<crate::stats::omega::Omega> {
        crate::stats::omega::from_comoments(
            &self.means,
            &self.matrix(),
            self.items,
            (self.n + self.incomplete) as usize,
            self.n as usize,
        )
    }
}

/// A buffer of `k` deviations: on the stack up to 64 items, else in `heap`.
fn deviations<'a>(stack: &'a mut [f64; 64], heap: &'a mut Vec<f64>, k: usize) -> &'a mut [f64] {
    match stack.get_mut(..k) {
        Some(d) => d,
        None => {
            heap.resize(k, 0.0);
            heap
        }
    }
}

impl Merge for ItemCovariance {
    fn merge(&mut self, other: &Self) -> Result<()> {
        if self.items != other.items
            || self.means.len() != other.means.len()
            || self.comoments.len() != other.comoments.len()
        {
            return Err(super::shape("items"));
        }
        self.incomplete += other.incomplete;
        if other.n == 0 {
            return Ok(());
        }
        if self.n == 0 {
            self.n = other.n;
            self.means.clone_from(&other.means);
            self.comoments.clone_from(&other.comoments);
            return Ok(());
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let f = na * nb / n;
        let d: Vec<f64> = other
            .means
            .iter()
            .zip(&self.means)
            .map(|(b, a)| b - a)
            .collect();
        let mut at = 0;
        for (i, di) in d.iter().enumerate() {
            for dj in d.iter().skip(i) {
                if let (Some(c), Some(o)) = (self.comoments.get_mut(at), other.comoments.get(at)) {
                    *c += o + di * dj * f;
                }
                at += 1;
            }
        }
        for (m, di) in self.means.iter_mut().zip(&d) {
            *m += di * (nb / n);
        }
        self.n += other.n;
        Ok(())
    }
}
