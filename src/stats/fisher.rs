//! Fisher's exact test (#19): 2×2 with R's conditional maximum-likelihood odds ratio and its
//! interval, and r×c by enumerating every table with the observed margins (R `fisher.test`).

use crate::error::{count, Code, Error, Result};
use crate::stats::limits::at_most;
use serde::Serialize;

/// R's tolerance: a table counts as "at least as extreme" when its probability is at most the
/// observed one times 1 + 10⁻⁷.
const REL_ERR: f64 = 1.0 + 1e-7;

/// Most tables (search nodes) the r×c enumeration visits before refusing (`too_large`).
pub const MAX_TABLES: f64 = 2e7;

/// Largest support of the 2×2 conditional distribution (values of the first cell): each of the
/// ~200 steps solving for the odds ratio and its bounds passes over the whole support.
pub const MAX_SUPPORT: f64 = 1e6;

/// Result of Fisher's exact test.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FisherExact {
    /// Rows of the table.
    pub rows: usize,
    /// Columns of the table.
    pub columns: usize,
    /// Two-sided p-value in [0, 1] (R's rule, probabilities ≤ observed × (1 + 10⁻⁷)).
    pub p_value: f64,
    /// 2×2 only: the conditional maximum-likelihood odds ratio (R `fisher.test()$estimate`);
    /// 0 when the first cell is at its least, `null` when at its most (unbounded) and for r×c.
    pub odds_ratio: Option<f64>,
    /// 2×2 only: lower bound of the conditional interval (0 when the first cell is at its least).
    pub lower: Option<f64>,
    /// 2×2 only: upper bound; `null` when unbounded (the first cell at its most) or r×c.
    pub upper: Option<f64>,
    /// Confidence level of the interval.
    pub level: f64,
}

/// Checks a table of counts: at least 2×2, rectangular, whole counts, no empty row or column.
fn check(table: &[Vec<f64>]) -> Result<Vec<Vec<u64>>> {
    let rows = table.len();
    let cols = table.first().map_or(0, Vec::len);
    if rows < 2 || cols < 2 {
        return Err(Error::new(
            Code::BadInput,
            format!("Fisher's test needs at least 2 rows and 2 columns, got {rows}×{cols}"),
        )
        .with("rows", rows)
        .with("columns", cols));
    }
    let mut out = Vec::with_capacity(rows);
    for (r, row) in table.iter().enumerate() {
        if row.len() != cols {
            return Err(Error::new(
                Code::RaggedRow,
                format!("row {r} has {} cells, the first has {cols}", row.len()),
            )
            .with("row", r));
        }
        out.push(
            row.iter()
                .enumerate()
                .map(|(c, &v)| count("count", v).map_err(|e| e.with("row", r).with("column", c)))
                .collect::<Result<Vec<u64>>>()?,
        );
    }
    let empty_row = out.iter().position(|r| r.iter().sum::<u64>() == 0);
    let empty_col = (0..cols).find(|&c| out.iter().all(|r| r[c] == 0));
    if empty_row.is_some() || empty_col.is_some() {
        let mut e = Error::new(
            Code::EmptySample,
            "every row and column needs at least one count (an empty margin has no test)",
        );
        if let Some(r) = empty_row {
            e = e.with("row", r);
        }
        if let Some(c) = empty_col {
            e = e.with("column", c);
        }
        return Err(e);
    }
    Ok(out)
}

/// Fisher's exact test of independence on a table of counts, `table[row][column]`.
///
/// # Formula
/// ```text
/// P(T) = Π Rᵢ! Π Cⱼ! / (N! Π nᵢⱼ!) over tables T with the observed margins
/// p = Σ P(T) over T with P(T) ≤ P(observed)·(1 + 10⁻⁷)
/// 2×2: odds ratio = the ψ whose noncentral hypergeometric mean equals the first cell;
///      interval: ψ_L with P_ψ(X ≥ x) = α/2, ψ_U with P_ψ(X ≤ x) = α/2, α = 1 − level
/// ```
/// The 2×2 odds ratio and bounds are solved to full precision (R's `uniroot` stops near 1e-4
/// relative, so R agrees to about that).
///
/// # Errors
/// [`Code::BadInput`] (fewer than 2 rows or columns), [`Code::RaggedRow`],
/// [`Code::InvalidCount`] (with `row`, `column`), [`Code::EmptySample`] (an empty row or
/// column), [`Code::LevelOutOfRange`], [`Code::TooLarge`] when an r×c table has more than
/// [`MAX_TABLES`] tables to enumerate or a 2×2 first cell more than [`MAX_SUPPORT`] values.
///
/// # Examples
/// ```
/// let t = waterline::stats::fisher::fisher_exact(&[vec![3.0, 1.0], vec![1.0, 3.0]], 0.95).unwrap();
/// assert!((t.p_value - 0.4857142857142857).abs() < 1e-12); // R: fisher.test(matrix(c(3,1,1,3), 2))
/// ```
///
/// # References
/// Fisher, R. A. (1935). The logic of inductive inference. *JRSS* 98, 39–82. Mehta & Patel
/// (1983) for the r×c test (here by plain enumeration). Matches R's `fisher.test`.
pub fn fisher_exact(table: &[Vec<f64>], level: f64) -> Result<FisherExact> {
    let level = crate::error::level(level)?;
    let t = check(table)?;
    if t.len() == 2 && t[0].len() == 2 {
        return two_by_two(&t, level);
    }
    let p_value = enumerate(&t)?;
    Ok(FisherExact {
        rows: t.len(),
        columns: t[0].len(),
        p_value,
        odds_ratio: None,
        lower: None,
        upper: None,
        level,
    })
}

/// The conditional distribution of the first cell of a 2×2 table: its support start and the
/// log-probabilities (up to a constant) of each value.
struct Conditional {
    lo: u64,
    log_w: Vec<f64>,
    x: usize,
}

impl Conditional {
    fn new(t: &[Vec<u64>]) -> Result<Self> {
        let (m, n) = (t[0][0] + t[0][1], t[1][0] + t[1][1]);
        let k = t[0][0] + t[1][0];
        let lo = k.saturating_sub(n);
        let hi = k.min(m);
        at_most("fisherSupport", MAX_SUPPORT, (hi - lo + 1) as f64)?;
        let mut log_w = Vec::with_capacity((hi - lo + 1) as usize);
        let mut lw = 0.0;
        for a in lo..=hi {
            log_w.push(lw);
            // w(a + 1)/w(a) = (m − a)(k − a) / ((a + 1)(n − k + a + 1)).
            let (af, mf, nf, kf) = (a as f64, m as f64, n as f64, k as f64);
            lw += ((mf - af) * (kf - af)).ln() - ((af + 1.0) * (nf - kf + af + 1.0)).ln();
        }
        Ok(Conditional {
            lo,
            log_w,
            x: (t[0][0] - lo) as usize,
        })
    }

    /// Probabilities under odds ratio e^`ln_psi`, normalised.
    fn probs(&self, ln_psi: f64) -> Vec<f64> {
        let d: Vec<f64> = (self.log_w.iter().enumerate())
            .map(|(i, w)| w + ln_psi * (self.lo as f64 + i as f64))
            .collect();
        let top = d.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = d.iter().map(|v| (v - top).exp()).collect();
        let s: f64 = e.iter().sum();
        e.into_iter().map(|v| v / s).collect()
    }

    /// Mean of the first cell minus its observed value, under e^`ln_psi` (increasing).
    fn mean_gap(&self, ln_psi: f64) -> f64 {
        let p = self.probs(ln_psi);
        p.iter().enumerate().map(|(i, v)| i as f64 * v).sum::<f64>() - self.x as f64
    }

    /// P(X ≥ x) (increasing in ψ) or P(X ≤ x) (decreasing).
    fn tail(&self, ln_psi: f64, upper: bool) -> f64 {
        let p = self.probs(ln_psi);
        if upper {
            p[self.x..].iter().sum()
        } else {
            p[..=self.x].iter().sum()
        }
    }
}

/// The root of an increasing function of ln ψ by bracketing and bisection.
fn solve(f: impl Fn(f64) -> f64) -> f64 {
    let (mut lo, mut hi) = (-1.0, 1.0);
    while f(lo) > 0.0 && lo > -700.0 {
        lo *= 2.0;
    }
    while f(hi) < 0.0 && hi < 700.0 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (0.5 * (lo + hi)).exp()
}

fn two_by_two(t: &[Vec<u64>], level: f64) -> Result<FisherExact> {
    let c = Conditional::new(t)?;
    let p = c.probs(0.0);
    let d = p[c.x] * REL_ERR;
    let p_value = p.iter().filter(|v| **v <= d).sum::<f64>().min(1.0);
    let last = c.log_w.len() - 1;
    let alpha = (1.0 - level) / 2.0;
    let (odds_ratio, lower, upper) = if c.x == 0 {
        (
            Some(0.0),
            Some(0.0),
            Some(solve(|l| alpha - c.tail(l, false))),
        )
    } else if c.x == last {
        (None, Some(solve(|l| c.tail(l, true) - alpha)), None)
    } else {
        (
            Some(solve(|l| c.mean_gap(l))),
            Some(solve(|l| c.tail(l, true) - alpha)),
            Some(solve(|l| alpha - c.tail(l, false))),
        )
    };
    Ok(FisherExact {
        rows: 2,
        columns: 2,
        p_value,
        odds_ratio,
        lower,
        upper,
        level,
    })
}

/// The r×c p-value by enumerating the tables column by column.
fn enumerate(t: &[Vec<u64>]) -> Result<f64> {
    let rows: Vec<u64> = t.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<u64> = (0..t[0].len())
        .map(|c| t.iter().map(|r| r[c]).sum())
        .collect();
    let total: u64 = rows.iter().sum();
    at_most("fisherTotal", 1e6, total as f64)?;
    let mut ln_fact = vec![0.0; total as usize + 1];
    for i in 1..ln_fact.len() {
        ln_fact[i] = ln_fact[i - 1] + (i as f64).ln();
    }
    let lf = |v: u64| ln_fact[v as usize];
    let constant: f64 = rows.iter().chain(&cols).map(|&v| lf(v)).sum::<f64>() - lf(total);
    let observed: f64 = t.iter().flatten().map(|&v| -lf(v)).sum();
    let mut e = Enumeration {
        cols: &cols,
        lf: &lf,
        threshold: observed + REL_ERR.ln(),
        sum: 0.0,
        visited: 0.0,
    };
    let mut remaining = rows.clone();
    e.column(0, &mut remaining, 0.0)?;
    Ok((e.sum * constant.exp()).min(1.0))
}

/// State of the r×c enumeration: the running sum of exp(−Σ ln nᵢⱼ!) over extreme tables.
struct Enumeration<'a, F: Fn(u64) -> f64> {
    cols: &'a [u64],
    lf: &'a F,
    threshold: f64,
    sum: f64,
    visited: f64,
}

impl<F: Fn(u64) -> f64> Enumeration<'_, F> {
    /// Fills column `c` (and those after it) given the row sums still to place.
    fn column(&mut self, c: usize, remaining: &mut [u64], acc: f64) -> Result<()> {
        if c + 1 == self.cols.len() {
            // The last column is what remains of each row.
            let v = acc - remaining.iter().map(|&r| (self.lf)(r)).sum::<f64>();
            if v <= self.threshold {
                // Relative to the constant: P(T) = exp(constant + v).
                self.sum += v.exp();
            }
            return Ok(());
        }
        self.cell(c, 0, self.cols[c], remaining, acc)
    }

    /// Places the count of row `r` in column `c`, with `left` still to place in the column.
    fn cell(
        &mut self,
        c: usize,
        r: usize,
        left: u64,
        remaining: &mut [u64],
        acc: f64,
    ) -> Result<()> {
        self.visited += 1.0;
        if self.visited > MAX_TABLES {
            return Err(crate::stats::limits::too_large(
                "fisherTables",
                MAX_TABLES,
                self.visited,
            ));
        }
        if r + 1 == remaining.len() {
            if left > remaining[r] {
                return Ok(());
            }
            remaining[r] -= left;
            let out = self.column(c + 1, remaining, acc - (self.lf)(left));
            remaining[r] += left;
            return out;
        }
        let later: u64 = remaining[r + 1..].iter().sum();
        let least = left.saturating_sub(later);
        for v in least..=left.min(remaining[r]) {
            remaining[r] -= v;
            let out = self.cell(c, r + 1, left - v, remaining, acc - (self.lf)(v));
            remaining[r] += v;
            out?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_tables() {
        let e = fisher_exact(&[vec![1.0, 2.0]], 0.95).unwrap_err();
        assert_eq!(e.code, Code::BadInput);
        let e = fisher_exact(&[vec![0.0, 0.0], vec![1.0, 2.0]], 0.95).unwrap_err();
        assert_eq!(e.code, Code::EmptySample);
        let e = fisher_exact(&[vec![1.0, 0.5], vec![1.0, 2.0]], 0.95).unwrap_err();
        assert_eq!(e.code, Code::InvalidCount);
        let big = vec![vec![40.0; 6]; 6];
        let e = fisher_exact(&big, 0.95).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
    }

    #[test]
    fn two_by_two_agrees_with_enumeration() {
        let t = [vec![7.0, 2.0], vec![3.0, 9.0]];
        let a = fisher_exact(&t, 0.95).unwrap().p_value;
        let b = enumerate(&check(&t).unwrap()).unwrap();
        assert!((a - b).abs() < 1e-13, "{a} vs {b}");
        let zero = fisher_exact(&[vec![0.0, 5.0], vec![4.0, 1.0]], 0.95).unwrap();
        assert_eq!((zero.odds_ratio, zero.lower), (Some(0.0), Some(0.0)));
    }
}
