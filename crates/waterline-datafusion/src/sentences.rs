//! The sentences of the shifts, wave comparisons and subgroup tables, written as the page
//! writes them: after p-value adjustment, by the page's own `shift::sentence`,
//! `waves::sentence` and `subgroup::sentence` on the page's results of the merged states (kept
//! beside each printed result), with the adjusted p-values the CLI computed
//! ([`crate::adjust`]). Items' and scales' sentences need no adjustment and are written where
//! they are finished ([`crate::finish`], [`crate::scales`]).

use crate::finish::pick;
use crate::report::CliReport;
use waterline::survey::report::{shift, subgroup, waves, Adjust, ReportOptions};

/// Fills every shift's, wave comparison's and subgroup table's `sentence` in the report's
/// language; `adjust` is the method the p-values were adjusted with (named in the sentence).
pub fn write(r: &mut CliReport, adjust: Adjust) {
    let options = ReportOptions {
        level: r.level,
        adjust,
        ..ReportOptions::default()
    };
    let lang = r.lang;
    for s in r.groups.iter_mut().flat_map(|g| g.shifts.iter_mut()) {
        if let Some(page) = &mut s.page {
            if let Some(t) = &mut page.test {
                t.p_adjusted = s.p_adjusted;
            }
            s.sentence = Some(pick(&shift::sentence(page, &options), lang));
        }
    }
    for w in r.groups.iter_mut().flat_map(|g| g.waves.iter_mut()) {
        if let Some(page) = &mut w.page {
            page.test.clone_from(&w.test);
            w.sentence = Some(pick(&waves::sentence(page, &options), lang));
        }
    }
    for s in &mut r.subgroups {
        if let Some(page) = &mut s.page {
            if let Some(t) = &mut page.test {
                t.p_adjusted = s.chi_square.as_ref().and_then(|c| c.p_adjusted);
            }
            s.sentence = Some(pick(&subgroup::sentence(page, &options), lang));
        }
    }
}
