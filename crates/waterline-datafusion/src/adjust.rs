//! p-value adjustment over the CLI's report, as the page's report does it: every test of a
//! report is one family (paired shifts, wave comparisons, then subgroup tables, the page's
//! order), adjusted by the core's `p_adjust` with the report's method (default Holm) after the
//! last merge.
//!
//! Families: without `--by`, the shifts, the wave comparisons and the subgroup tables'
//! chi-square tests together (the page's report of all rows, which has the same tests unless it
//! also has tests the CLI lacks: wave comparisons of numeric items, pre/post pairs matched
//! across waves); with `--by`, each group's shifts and wave comparisons (the page's report of
//! that group's rows has them), and the subgroup tables (over all rows) are left unadjusted,
//! because their family would need the tests of all rows.

use crate::report::CliReport;
use serde::Serialize;
use waterline::survey::report::Adjust;

/// How p-values were adjusted: the method and the size of the largest family.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Adjustment {
    pub method: Adjust,
    /// Tests in the family (the largest, under `--by`).
    pub m: usize,
}

/// Reads `--adjust`.
///
/// # Errors
/// A text naming the methods.
pub fn parse(s: &str) -> Result<Adjust, String> {
    Ok(match s {
        "holm" => Adjust::Holm,
        "bh" => Adjust::Bh,
        "bonferroni" => Adjust::Bonferroni,
        "hochberg" => Adjust::Hochberg,
        "none" => Adjust::None,
        other => {
            return Err(format!(
                "--adjust is holm, bh, bonferroni, hochberg or none, not {other}"
            ))
        }
    })
}

/// Adjusts one family in place.
fn family(slots: Vec<(&f64, &mut Option<f64>)>, method: Adjust) -> Result<usize, String> {
    let ps: Vec<f64> = slots.iter().map(|(p, _)| **p).collect();
    let Some(m) = method.method() else {
        return Ok(ps.len());
    };
    let adjusted = waterline::stats::p_adjust(&ps, m).map_err(|e| e.message)?;
    for ((_, slot), a) in slots.into_iter().zip(adjusted.adjusted) {
        *slot = a;
    }
    Ok(ps.len())
}

/// Adjusts every p-value of a report (see the module documentation for the families).
///
/// # Errors
/// The core's, as text (a p-value outside 0–1, which a test never gives).
pub fn adjust(r: &mut CliReport, method: Adjust) -> Result<(), String> {
    let grouped = r.groups.iter().any(|g| g.group.is_some());
    let mut largest = 0;
    for (k, g) in r.groups.iter_mut().enumerate() {
        let mut slots: Vec<(&f64, &mut Option<f64>)> = g
            .shifts
            .iter_mut()
            .filter_map(|s| Some((s.p_value.as_ref()?, &mut s.p_adjusted)))
            .collect();
        slots.extend(g.waves.iter_mut().filter_map(|w| {
            let t = w.test.as_mut()?;
            Some((&t.p_value, &mut t.p_adjusted))
        }));
        if !grouped && k == 0 {
            slots.extend(r.subgroups.iter_mut().filter_map(|s| {
                let c = s.chi_square.as_mut()?;
                Some((&c.p_value, &mut c.p_adjusted))
            }));
        }
        largest = largest.max(family(slots, method)?);
    }
    r.adjustment = Adjustment { method, m: largest };
    Ok(())
}
