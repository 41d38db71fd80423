//! Exports: the model file (JSON), the diagram as Mermaid or Graphviz DOT text, and the
//! indicators as CSV. All user text is escaped for its target: a title may contain quotes,
//! backslashes, `<script>`, `#`, line breaks or a spreadsheet formula.

use super::file::to_json;
use super::index::{Index, Kind, LogicGraph, COLUMNS};
use super::model::{Model, Text};
use crate::error::Result;
pub use crate::text::Lang;
use serde::{Deserialize, Serialize};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocExportFormat"))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The model file (schema-versioned JSON, indented).
    Json,
    /// Mermaid `flowchart LR` text.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
    /// Indicators as CSV (RFC 4180).
    IndicatorsCsv,
}

/// Options of [`export`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocExportOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportOptions {
    /// What to produce.
    pub format: ExportFormat,
    /// Label language for Mermaid and DOT (default English).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Lang>", optional))]
    pub lang: Lang,
}

/// An exported text with what a download needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocExport"))]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// The format produced.
    pub format: ExportFormat,
    /// MIME type, e.g. `"text/csv"`.
    pub mime_type: &'static str,
    /// File extension without the dot, e.g. `"csv"`.
    pub extension: &'static str,
    /// The text.
    pub text: String,
}

const COLUMN_NAMES: [(&str, &str); COLUMNS] = [
    ("Inputs", "Insumos"),
    ("Activities", "Actividades"),
    ("Outputs", "Productos"),
    ("Short-term outcomes", "Resultados a corto plazo"),
    ("Intermediate outcomes", "Resultados intermedios"),
    ("Long-term outcomes", "Resultados a largo plazo"),
    ("Impact", "Impacto"),
];

fn pick(t: &Text, lang: Lang) -> &str {
    t.get(lang)
}

/// Exports a model in one of the [`ExportFormat`]s.
///
/// # Errors
///
/// `not_finite` for JSON if a number in the model is NaN or infinite (impossible for a
/// parsed model).
///
/// # Examples
///
/// ```
/// use waterline::toc::{example_pass_model, export, ExportFormat, ExportOptions, Lang};
/// let m = example_pass_model()?;
/// let mermaid = export(&m, &ExportOptions { format: ExportFormat::Mermaid, lang: Lang::En })?;
/// assert!(mermaid.text.starts_with("%% Parents Advocating"));
/// assert!(mermaid.text.contains("flowchart LR"));
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn export(m: &Model, options: &ExportOptions) -> Result<Export> {
    let (mime_type, extension, text) = match options.format {
        ExportFormat::Json => ("application/json", "json", to_json(m)?),
        ExportFormat::Mermaid => ("text/vnd.mermaid", "mmd", mermaid(m, options.lang)),
        ExportFormat::Dot => ("text/vnd.graphviz", "dot", dot(m, options.lang)),
        ExportFormat::IndicatorsCsv => ("text/csv", "csv", indicators_csv(m)),
    };
    Ok(Export {
        format: options.format,
        mime_type,
        extension,
        text,
    })
}

/// Logic-model nodes grouped by column: (column, node index, label).
fn columns<'a>(m: &'a Model, g: &LogicGraph<'a>, lang: Lang) -> Vec<Vec<(usize, &'a str)>> {
    let titles = m
        .inputs
        .iter()
        .map(|x| &x.title)
        .chain(m.activities.iter().map(|x| &x.title))
        .chain(m.outputs.iter().map(|x| &x.title))
        .chain(m.outcomes.iter().map(|x| &x.title))
        .chain(m.impacts.iter().map(|x| &x.title));
    let mut cols = vec![Vec::new(); COLUMNS];
    for (v, t) in titles.enumerate() {
        let c = g.columns.get(v).copied().unwrap_or(0) as usize;
        if let Some(list) = cols.get_mut(c) {
            list.push((v, pick(t, lang)));
        }
    }
    cols
}

/// Mermaid label text: letters, digits, spaces and plain punctuation pass; everything else
/// (quotes, `#`, `<`, `>`, `&`, backticks, brackets…) becomes a `#NNN;` entity code, and line
/// breaks become spaces.
pub(crate) fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || " .,:!?()'/-_+=%*".contains(c) {
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push_str(&format!("#{};", c as u32));
        }
    }
    out
}

fn mermaid(m: &Model, lang: Lang) -> String {
    let ix = Index::build(m);
    let g = LogicGraph::build(m, &ix);
    let mut out = String::new();
    let title = mermaid_escape(pick(&m.title, lang));
    out.push_str(&format!(
        "%% {title}\n%% waterline logic model, schema {}\nflowchart LR\n",
        m.schema_version
    ));
    for (c, list) in columns(m, &g, lang).iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let (en, es) = COLUMN_NAMES.get(c).copied().unwrap_or(("", ""));
        let name = if lang == Lang::Es { es } else { en };
        out.push_str(&format!("  subgraph col{c}[\"{name}\"]\n"));
        for &(v, label) in list {
            let kind = g.kinds.get(v).copied().unwrap_or(Kind::Activity);
            out.push_str(&format!(
                "    n{v}[\"{}\"]:::{}\n",
                mermaid_escape(label),
                kind.noun()
            ));
        }
        out.push_str("  end\n");
    }
    for &(a, b, _) in &g.edges {
        out.push_str(&format!("  n{a} --> n{b}\n"));
    }
    for (kind, fill) in [
        ("input", "#eef2f7"),
        ("activity", "#e8f1fb"),
        ("output", "#eaf6ee"),
        ("outcome", "#fdf4e3"),
        ("impact", "#f6e9f3"),
    ] {
        out.push_str(&format!("  classDef {kind} fill:{fill},stroke:#555\n"));
    }
    out
}

/// A DOT double-quoted string: backslash and quote are escaped (so `\N`, `\G`, `\l` stay
/// literal), line breaks become `\n`, other control characters spaces.
pub(crate) fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot(m: &Model, lang: Lang) -> String {
    let ix = Index::build(m);
    let g = LogicGraph::build(m, &ix);
    let mut out = String::new();
    out.push_str(&format!("digraph {} {{\n", dot_quote(&m.id)));
    out.push_str(&format!(
        "  graph [rankdir=LR, newrank=true, labelloc=t, label={}];\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", fontname=\"sans-serif\"];\n",
        dot_quote(pick(&m.title, lang))
    ));
    for (c, list) in columns(m, &g, lang).iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let (en, es) = COLUMN_NAMES.get(c).copied().unwrap_or(("", ""));
        let name = if lang == Lang::Es { es } else { en };
        out.push_str(&format!(
            "  subgraph cluster_{c} {{\n    label={};\n    rank=same;\n",
            dot_quote(name)
        ));
        for &(v, label) in list {
            let id = g.ids.get(v).copied().unwrap_or("");
            out.push_str(&format!(
                "    {} [label={}];\n",
                dot_quote(id),
                dot_quote(label)
            ));
        }
        out.push_str("  }\n");
    }
    for &(a, b, _) in &g.edges {
        let (ia, ib) = (
            g.ids.get(a as usize).copied().unwrap_or(""),
            g.ids.get(b as usize).copied().unwrap_or(""),
        );
        out.push_str(&format!("  {} -> {};\n", dot_quote(ia), dot_quote(ib)));
    }
    out.push_str("}\n");
    out
}

/// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled).
/// Text that a spreadsheet would run as a formula gets a leading `'` (OWASP's advice against
/// CSV injection), the same rule as the page's `www/csv.js`; numbers are written plainly.
pub(crate) fn csv_text(s: &str) -> String {
    let guarded = if looks_like_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// True when a spreadsheet could run `s` as a formula: it starts with a tab or a line break, or,
/// after any leading white space or control characters (which spreadsheets skip), with `=`,
/// `+`, `-`, `@` or their fullwidth forms `＝ ＋ － ＠` (which some spreadsheets fold to ASCII).
fn looks_like_formula(s: &str) -> bool {
    if s.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    let rest =
        s.trim_start_matches(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}');
    rest.starts_with([
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ])
}

fn csv_num(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map_or(String::new(), |x| x.to_string())
}

fn csv_opt(s: Option<&str>) -> String {
    s.map_or(String::new(), csv_text)
}

/// The CSV header of [`ExportFormat::IndicatorsCsv`].
pub const INDICATOR_CSV_HEADER: [&str; 19] = [
    "id",
    "of",
    "of_kind",
    "measure_en",
    "measure_es",
    "unit_en",
    "unit_es",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "data_source",
    "survey_item",
    "n_actuals",
    "latest_actual",
    "latest_actual_date",
    "provenance",
    "quote",
    "note",
];

fn indicators_csv(m: &Model) -> String {
    let ix = Index::build(m);
    let mut out = INDICATOR_CSV_HEADER.join(",");
    out.push_str("\r\n");
    for i in &m.indicators {
        let latest =
            i.actuals
                .iter()
                .fold(None, |best: Option<&super::model::Actual>, a| match best {
                    Some(b) if b.date > a.date => Some(b),
                    _ => Some(a),
                });
        let of_kind = ix.get(&i.of).map_or("", |(k, _)| k.noun());
        let origin = i.provenance.as_ref().map(|p| match p.origin {
            super::model::Origin::Read => "read",
            super::model::Origin::Assumed => "assumed",
        });
        let date = |d: Option<super::date::Date>| d.map_or(String::new(), |d| d.to_string());
        let fields = [
            csv_text(&i.id),
            csv_text(&i.of),
            of_kind.to_string(),
            csv_text(&i.measure.en),
            csv_opt(i.measure.es_opt()),
            csv_opt(i.unit.as_ref().map(|u| u.en.as_str())),
            csv_opt(i.unit.as_ref().and_then(|u| u.es_opt())),
            csv_num(i.baseline.as_ref().map(|b| b.value)),
            date(i.baseline.as_ref().and_then(|b| b.date)),
            csv_num(i.target.as_ref().map(|t| t.value)),
            date(i.target.as_ref().and_then(|t| t.date)),
            csv_opt(i.data_source.as_deref()),
            csv_opt(i.survey_item.as_deref()),
            i.actuals.len().to_string(),
            csv_num(latest.map(|a| a.value)),
            date(latest.map(|a| a.date)),
            origin.unwrap_or("").to_string(),
            csv_opt(i.provenance.as_ref().and_then(|p| p.quote.as_deref())),
            csv_opt(i.provenance.as_ref().and_then(|p| p.note.as_deref())),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::index::column;
    use super::*;

    #[test]
    fn mermaid_labels_cannot_break_out() {
        assert_eq!(
            mermaid_escape("a \"b\" <script>#1"),
            "a #34;b#34; #60;script#62;#35;1"
        );
        assert_eq!(mermaid_escape("Noches\nFamiliares"), "Noches Familiares");
        assert_eq!(mermaid_escape("Educación"), "Educación");
    }

    #[test]
    fn dot_strings_escape_quotes_and_backslashes() {
        assert_eq!(dot_quote(r#"say "hi" \N"#), r#""say \"hi\" \\N""#);
        assert_eq!(dot_quote("a\nb"), r#""a\nb""#);
    }

    #[test]
    fn csv_fields_follow_rfc_4180_and_defuse_formulas() {
        assert_eq!(csv_text("plain"), "plain");
        assert_eq!(csv_text("a, b"), "\"a, b\"");
        assert_eq!(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("-5 suspensions"), "'-5 suspensions");
        assert_eq!(csv_text("line\r\nbreak"), "\"line\r\nbreak\"");
        assert_eq!(csv_text("  =1+1"), "'  =1+1");
        assert_eq!(csv_text("\u{ff1d}SUM(A1)"), "'\u{ff1d}SUM(A1)");
        assert_eq!(csv_text("\u{3000}\u{ff0b}1"), "'\u{3000}\u{ff0b}1");
        assert_eq!(csv_text("a = b"), "a = b");
        assert_eq!(column(Kind::Output, None), 2);
    }
}
