//! The scale an aggregate function counts on: the codes the file writes, in point order, and the
//! value of each point. It always comes from the survey's declared instrument (a codebook, a
//! confirmed mapping) — the CLI writes it from the mapping, an SQL user writes it as a literal —
//! never from the data.
//!
//! Literal form: `'code=value,code=value,…'` in point order (lowest value first), or `'1,2,3,4,5'`
//! when each point's value is its code. A cell is a point when its text, trimmed, is a number
//! equal to the point's code; any other non-empty cell (a non-answer code, a typo) is "other"
//! and counted apart, never as a point.

use datafusion::common::{plan_err, Result};

/// Codes and values of the points, in point order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// The code each point is written as.
    pub codes: Vec<f64>,
    /// The value each point has in statistics (rising towards the top of the scale).
    pub values: Vec<f64>,
}

/// Most points a scale may have (a 0–100 slider is not a scale: use `wl_mean`).
pub const MAX_POINTS: usize = 64;

impl Scale {
    /// Reads the literal form.
    ///
    /// # Errors
    /// A plan error naming the function for an empty or malformed scale, repeated codes or
    /// more than [`MAX_POINTS`] points.
    pub fn parse(function: &str, spec: &str) -> Result<Scale> {
        let mut codes = Vec::new();
        let mut values = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (code, value) = match part.split_once('=') {
                Some((c, v)) => (c.trim(), v.trim()),
                None => (part, part),
            };
            let (Ok(c), Ok(v)) = (code.parse::<f64>(), value.parse::<f64>()) else {
                return plan_err!("{function}: the scale '{spec}' has a point '{part}' that is not code=value with numbers");
            };
            if !c.is_finite() || !v.is_finite() {
                return plan_err!(
                    "{function}: the scale '{spec}' has a point that is not a finite number"
                );
            }
            if codes.contains(&c) {
                return plan_err!("{function}: the scale '{spec}' repeats the code {code}");
            }
            codes.push(c);
            values.push(v);
        }
        if codes.is_empty() || codes.len() > MAX_POINTS {
            return plan_err!(
                "{function}: a scale needs 1 to {MAX_POINTS} points, e.g. '1,2,3,4,5'; got '{spec}'"
            );
        }
        Ok(Scale { codes, values })
    }

    /// The literal form of a scale (what [`Scale::parse`] reads).
    pub fn literal(&self) -> String {
        self.codes
            .iter()
            .zip(&self.values)
            .map(|(c, v)| format!("{c}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The point a cell's text is, if any.
    pub fn point(&self, cell: &str) -> Option<usize> {
        let x: f64 = cell.trim().parse().ok()?;
        self.codes.iter().position(|c| *c == x)
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Never true for a parsed scale.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_and_matches_cells_by_code() {
        let s = Scale::parse("f", "1,2, 3").unwrap();
        assert_eq!(s.values, vec![1.0, 2.0, 3.0]);
        assert_eq!(s.point(" 2 "), Some(1));
        assert_eq!(s.point("2.0"), Some(1));
        assert_eq!(s.point("9"), None);
        assert_eq!(s.point("Agree"), None);
        let t = Scale::parse("f", "0=1,1=2").unwrap();
        assert_eq!(
            (t.codes.clone(), t.values.clone()),
            (vec![0.0, 1.0], vec![1.0, 2.0])
        );
        assert_eq!(Scale::parse("f", &t.literal()).unwrap(), t);
        assert!(Scale::parse("f", "").is_err());
        assert!(Scale::parse("f", "1,1").is_err());
        assert!(Scale::parse("f", "a=b").is_err());
    }
}
