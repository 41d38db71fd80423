//! The CLI report as JSON, CSV or HTML, with headings in English or Spanish. User text (item
//! texts, labels, group values) is escaped in HTML and guarded against spreadsheet formulas in CSV.

use crate::report::{CliReport, ShareOut};
use waterline::text::Lang;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Html,
}

fn t(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    if lang == Lang::Es {
        es
    } else {
        en
    }
}

/// The report in a format.
pub fn render(r: &CliReport, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(r).unwrap_or_default() + "\n",
        Format::Csv => csv(r),
        Format::Html => html(r),
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// RFC 4180 quoting, and a leading `'` before text a spreadsheet would run as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv(r: &CliReport) -> String {
    let l = r.lang;
    let head = [
        t(l, "group", "grupo"),
        t(l, "section", "sección"),
        t(l, "id", "id"),
        t(l, "text", "texto"),
        t(l, "answer", "respuesta"),
        t(l, "count", "recuento"),
        "n",
        t(l, "share", "proporción"),
        t(l, "lower", "inferior"),
        t(l, "upper", "superior"),
        t(l, "mean", "media"),
        t(l, "sd", "de"),
        t(l, "median", "mediana"),
        t(l, "test", "prueba"),
        t(l, "statistic", "estadístico"),
        t(l, "p_value", "valor_p"),
        t(l, "p_adjusted", "valor_p_ajustado"),
        t(l, "sentence", "frase"),
    ];
    let mut out = head.join(",") + "\r\n";
    let mut line = |mut cols: Vec<String>| {
        cols.resize(head.len(), String::new());
        out.push_str(&cols.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    let share_cols = |s: &ShareOut| {
        vec![
            s.label.clone(),
            s.count.to_string(),
            s.n.to_string(),
            s.share.to_string(),
            s.lower.to_string(),
            s.upper.to_string(),
        ]
    };
    // Repeated respondent ids and the policy applied, first.
    if let Some(d) = &r.duplicates {
        line(crate::duplicates::csv_cells(d, l));
    }
    for g in &r.groups {
        let group = g.group.clone().unwrap_or_default();
        for i in &g.items {
            let base = |section: &str| {
                vec![
                    group.clone(),
                    section.to_string(),
                    i.item.clone(),
                    titled(i),
                ]
            };
            for s in &i.distribution {
                let mut c = base(t(l, "point", "punto"));
                c.extend(share_cols(s));
                c.extend(vec![String::new(); 6]);
                line(c);
            }
            let mut c = base(t(l, "summary", "resumen"));
            match &i.top_box {
                Some(s) => {
                    let mut s = share_cols(s);
                    s[0] = t(l, "top box", "casilla superior").into();
                    c.extend(s)
                }
                None => {
                    c.extend(vec![String::new(), String::new(), i.n_used.to_string()]);
                    c.extend([num(None), num(i.mean_lower), num(i.mean_upper)]);
                }
            }
            c.extend([
                num(i.mean),
                num(i.sd),
                num(i.median),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                i.sentence.clone().unwrap_or_default(),
            ]);
            line(c);
        }
        for s in &g.shifts {
            // The sentence on the shift's first line.
            let mut sentence = s.sentence.clone();
            for part in [&s.improved, &s.same, &s.worse].into_iter().flatten() {
                let mut c = vec![
                    group.clone(),
                    t(l, "shift", "cambio").into(),
                    s.pair.clone(),
                    s.text.clone(),
                ];
                c.extend(share_cols(part));
                c.extend([
                    String::new(),
                    String::new(),
                    String::new(),
                    s.method.clone().unwrap_or_default(),
                    num(s.statistic),
                    num(s.p_value),
                    num(s.p_adjusted),
                    sentence.take().unwrap_or_default(),
                ]);
                line(c);
            }
            // Exclusions: the reason's code in the answer column, its rows in the count's.
            for e in s.excluded.iter().flatten() {
                let mut c = vec![group.clone(), t(l, "shift", "cambio").into()];
                c.extend([s.pair.clone(), s.text.clone()]);
                c.extend([format!("{}: {}", t(l, "excluded", "excluidos"), e.reason)]);
                c.push(e.count.to_string());
                line(c);
            }
        }
        // A scale: Cronbach's alpha in the share columns (with its interval), the scale
        // mean and sd, McDonald's omega as the statistic of `mcdonald_omega`.
        // A wave comparison: its test and the page's sentence (the shares are in it).
        for w in &g.waves {
            let test = w.test.as_ref();
            line(vec![
                group.clone(),
                t(l, "wave comparison", "comparación de olas").into(),
                w.item.clone(),
                w.text.clone(),
                format!("{} → {}", w.from, w.to),
                String::new(),
                (w.n_from + w.n_to).to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                test.map(|t| t.method.as_str().to_string())
                    .unwrap_or_default(),
                num(test.map(|t| t.statistic)),
                num(test.map(|t| t.p_value)),
                num(test.and_then(|t| t.p_adjusted)),
                w.sentence.clone().unwrap_or_default(),
            ]);
        }
        for s in &g.scales {
            line(vec![
                group.clone(),
                t(l, "scale", "escala").into(),
                s.scale.clone(),
                s.text.clone(),
                t(l, "Cronbach's alpha", "alfa de Cronbach").into(),
                String::new(),
                s.n_used.to_string(),
                num(s.alpha),
                num(s.alpha_lower),
                num(s.alpha_upper),
                num(s.mean),
                num(s.sd),
                String::new(),
                "mcdonald_omega".into(),
                num(s.omega),
                String::new(),
                String::new(),
                s.sentence.clone(),
            ]);
        }
    }
    // Subgroup tables: one line per group level; a suppressed level has no numbers.
    for sg in &r.subgroups {
        // The sentence on the table's first line.
        let mut sentence = sg.sentence.clone();
        for row in &sg.rows {
            let opt = |x: Option<u64>| x.map(|v| v.to_string()).unwrap_or_default();
            let chi = sg.chi_square.as_ref();
            line(vec![
                row.level.get(l).to_string(),
                t(l, "subgroup", "subgrupo").into(),
                sg.item.clone(),
                format!("{} · {}", sg.text, sg.group_text),
                row.display.clone(),
                opt(row.x),
                opt(row.n),
                num(row.share),
                num(row.lower),
                num(row.upper),
                String::new(),
                String::new(),
                String::new(),
                chi.map(|_| "chi_square_independence".to_string())
                    .unwrap_or_default(),
                num(chi.map(|c| c.statistic)),
                num(chi.map(|c| c.p_value)),
                num(chi.and_then(|c| c.p_adjusted)),
                sentence.take().unwrap_or_default(),
            ]);
        }
    }
    crate::weighted_render::csv_lines(r, &mut line);
    crate::left_out::csv_lines(r, head.len(), &mut line);
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// An item's text, with its wave when the survey has waves.
fn titled(i: &crate::report::ItemOut) -> String {
    match &i.wave {
        Some(w) => format!("{} · {w}", i.text),
        None => i.text.clone(),
    }
}

/// The page's sentence of a result, as a paragraph (nothing without one).
fn sentence(s: Option<&str>) -> String {
    s.map(|s| format!("<p class=\"sentence\">{}</p>\n", esc(s)))
        .unwrap_or_default()
}

fn html(r: &CliReport) -> String {
    let l = r.lang;
    let lang = if l == Lang::Es { "es" } else { "en" };
    let mut h = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head><body>\n<h1>{}</h1>\n<p>{} {} · {} {}%</p>\n",
        esc(&r.title),
        esc(&r.title),
        r.files,
        t(l, "files", "archivos"),
        t(l, "Wilson intervals at", "Intervalos de Wilson al"),
        r.level * 100.0
    );
    if let Some(d) = &r.duplicates {
        h += &format!("<p class=\"duplicates\">{}</p>\n", esc(&d.note));
    }
    for g in &r.groups {
        if let Some(v) = &g.group {
            h += &format!("<h2>{}</h2>\n", esc(v));
        }
        h += &format!("<p>{}: {}</p>\n", t(l, "Rows", "Filas"), g.rows);
        for i in &g.items {
            h += &format!(
                "<h3>{}</h3>\n<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                esc(&titled(i)),
                t(l, "Answer", "Respuesta"),
                t(l, "Count", "Recuento"),
                t(l, "Share", "Proporción"),
                t(l, "Interval", "Intervalo")
            );
            for s in &i.distribution {
                h += &format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td></tr>\n",
                    esc(&s.label),
                    s.count,
                    pct(s.share),
                    pct(s.lower),
                    pct(s.upper)
                );
            }
            h += "</table>\n";
            if let Some(s) = &i.top_box {
                h += &format!(
                    "<p>{}: {} ({} – {}), n = {}</p>\n",
                    t(l, "Top box", "Casilla superior"),
                    pct(s.share),
                    pct(s.lower),
                    pct(s.upper),
                    s.n
                );
            }
            if let Some(m) = i.mean {
                h += &format!(
                    "<p>{}: {:.3}, n = {}</p>\n",
                    t(l, "Mean", "Media"),
                    m,
                    i.n_used
                );
            }
            h += &sentence(i.sentence.as_deref());
        }
        for s in &g.shifts {
            h += &format!("<h3>{}</h3>\n<p>", esc(&s.text));
            for part in [&s.improved, &s.same, &s.worse].into_iter().flatten() {
                h += &format!(
                    "{}: {} ({} – {}); ",
                    esc(&part.label),
                    pct(part.share),
                    pct(part.lower),
                    pct(part.upper)
                );
            }
            h += &format!("n = {}", s.n_used);
            for e in s.excluded.iter().flatten() {
                h += &format!(
                    "; {} {}: {}",
                    t(l, "excluded", "excluidos"),
                    e.reason,
                    e.count
                );
            }
            if let (Some(m), Some(p)) = (&s.method, s.p_value) {
                h += &format!("; {m}, p = {p:.4}");
            }
            if let Some(p) = s.p_adjusted {
                h += &format!(
                    " ({} {} = {p:.4})",
                    t(l, "adjusted,", "ajustado,"),
                    r.adjustment.method.label()
                );
            }
            h += "</p>\n";
            h += &sentence(s.sentence.as_deref());
        }
        for w in &g.waves {
            h += &format!(
                "<h3>{} · {} → {}</h3>\n",
                esc(&w.text),
                esc(&w.from),
                esc(&w.to)
            );
            h += &sentence(w.sentence.as_deref());
        }
        for s in &g.scales {
            h += &format!("<h3>{}</h3>\n<p>{}</p>\n", esc(&s.text), esc(&s.sentence));
        }
    }
    for sg in &r.subgroups {
        h += &format!(
            "<h3>{} · {}</h3>\n<table><tr><th>{}</th><th>n</th><th>{}</th><th>{}</th></tr>\n",
            esc(&sg.text),
            esc(&sg.group_text),
            t(l, "Group", "Grupo"),
            t(l, "Top box", "Casilla superior"),
            t(l, "Interval", "Intervalo")
        );
        for row in &sg.rows {
            let interval = match (row.lower, row.upper) {
                (Some(a), Some(b)) => format!("{} – {}", pct(a), pct(b)),
                _ => String::new(),
            };
            h += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{interval}</td></tr>\n",
                esc(row.level.get(l)),
                row.n.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
                esc(&row.display)
            );
        }
        h += "</table>\n";
        h += &format!(
            "<p>{} {}; ",
            t(
                l,
                "Groups with fewer answers than",
                "Se ocultan los grupos con menos respuestas que"
            ),
            sg.min_cell
        );
        h += t(
            l,
            "are hidden (—), and the next smallest when only one is.",
            "(—), y el siguiente más pequeño cuando solo se oculta uno.",
        );
        if let Some(c) = &sg.chi_square {
            h += &format!(
                " χ²({}) = {:.2}, p = {:.4}, {} = {:.2} (n = {})",
                c.df,
                c.statistic,
                c.p_value,
                t(l, "Cramér's V", "V de Cramér"),
                c.cramers_v,
                sg.n_used
            );
        }
        h += "</p>\n";
        h += &sentence(sg.sentence.as_deref());
    }
    h += &crate::weighted_render::html(r, esc);
    h += &crate::left_out::html(r, esc);
    h += "</body></html>\n";
    h
}
