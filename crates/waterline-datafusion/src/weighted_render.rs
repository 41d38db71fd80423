//! What a report under `--weight` adds to the CSV and the HTML ([`crate::render`]): the
//! weights' Kish summary, and one line (or list entry) per withheld result with its reason
//! `weights` — never an unweighted number in their place.

use crate::report::CliReport;
use waterline::text::Lang;

/// What a weighted report adds to the CSV: the weights' Kish summary and one line per
/// withheld result (`section` `withheld`, its id, the reason `weights`).
pub fn csv_lines(r: &CliReport, line: &mut dyn FnMut(Vec<String>)) {
    let Some(w) = &r.weighting else { return };
    let es = r.lang == Lang::Es;
    let section = if es { "pesos" } else { "weights" };
    let column = w.column.clone().unwrap_or_default();
    for (stat, x) in [("kish_n_eff", w.n_eff), ("kish_design_effect", w.deff_kish)] {
        let mut c = vec![String::new(), section.into(), column.clone()];
        c.extend([String::new(), String::new(), String::new(), w.n.to_string()]);
        c.extend(vec![String::new(); 6]);
        c.extend([stat.to_string(), x.to_string()]);
        line(c);
    }
    let withheld = if es { "retenido" } else { "withheld" };
    for (id, why) in r.skipped.iter().filter(|(_, why)| *why == "weights") {
        line(vec![
            String::new(),
            withheld.into(),
            id.clone(),
            why.to_string(),
        ]);
    }
}

/// What a weighted report adds to the HTML: the weights and the withheld results.
pub fn html(r: &CliReport, esc: impl Fn(&str) -> String) -> String {
    let Some(w) = &r.weighting else {
        return String::new();
    };
    let es = r.lang == Lang::Es;
    let column = esc(w.column.as_deref().unwrap_or(""));
    let num = |x: f64, d: usize| waterline::survey::report::sentence::num(x, d, r.lang);
    let mut h = if es {
        format!(
            "<h2>Pesos</h2>\n<p>Ponderado por la columna «{column}»: n = {}, n efectivo = {}, efecto de diseño {}.</p>\n",
            w.n,
            num(w.n_eff, 0),
            num(w.deff_kish, 2)
        )
    } else {
        format!(
            "<h2>Weights</h2>\n<p>Weighted by the column “{column}”: n = {}, effective n = {}, design effect {}.</p>\n",
            w.n,
            num(w.n_eff, 0),
            num(w.deff_kish, 2)
        )
    };
    let ids: Vec<String> = (r.skipped.iter())
        .filter(|(_, why)| *why == "weights")
        .map(|(id, _)| format!("<li>{} (weights)</li>", esc(id)))
        .collect();
    if !ids.is_empty() {
        h += if es {
            "<p>Retenido (aún sin ponderar):</p>\n<ul>"
        } else {
            "<p>Withheld (not weighted yet):</p>\n<ul>"
        };
        h += &ids.join("");
        h += "</ul>\n";
    }
    h
}
