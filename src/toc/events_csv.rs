//! Campaign events from a CSV file (issue 17, item 3): one row per event with the columns
//!
//! - `date` (`fecha`): a period as [`Period::parse`] reads it — `2014-15` (school year),
//!   `2014`, `2014-Q2` or `2014-05-31`; empty when the source gives no date;
//! - `kind` (`tipo`): `activity`, `flashpoint`, `milestone`, or the labels the page shows in
//!   English or Spanish (`Punto de inflexión`, `Hito`, …);
//! - `title_en`, `title_es` (`título_en`, `título_es`; a bare `title` is English, a bare
//!   `título` Spanish): what happened (one of them at least);
//! - `concerns` (`se_refiere_a`): ids of activities, outputs and outcomes, separated by `;`;
//! - optional `component` (`componente`), `id`, `source` (`fuente`), `quote` (`cita`).
//!
//! Headers are matched without case, in English or Spanish; other columns are ignored. The
//! separator is `,` or `;` (whichever the header line has more of). A row with a problem is
//! left out and reported with its 1-based row, column, header, a stable code and the cell —
//! never a sentence; the rest is imported. New events get fresh ids `ev_<n>` unused in the
//! model (as [`super::fresh_id_with_prefix`]); an `id` cell is kept when no element or event
//! carries it. A `quote` or `source` makes the event's provenance `read` (the source goes into
//! its note); without them the event has no provenance, as if entered in the page.

use super::events::{Event, EventKind};
use super::index::{Index, Kind};
use super::model::{Model, Origin, Provenance, Text};
use super::series::Period;
use crate::error::{Code, Error, Result};
use serde::Serialize;
use std::collections::HashSet;

/// Largest accepted text, in bytes.
pub const EVENTS_CSV_MAX_BYTES: usize = 16 << 20;
/// Largest accepted number of data rows (a campaign's timeline, not a data set).
pub const EVENTS_CSV_MAX_ROWS: usize = 20_000;

/// A row left out, positioned (1-based; row 1 is the header).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEventsCsvIssue"))]
#[serde(rename_all = "camelCase")]
pub struct EventsCsvIssue {
    /// Stable code: `ragged_row` (not as many cells as the header), `invalid_date` (a date that
    /// is not a period), `unknown_label` (a kind that is none of the three), `bad_input` (no
    /// title in either language), `unknown_id` (a `concerns` id that is no activity, output or
    /// outcome of the model, or a `component` that is no component), `duplicate_id` (an `id`
    /// already carried by an element, an event or an earlier row).
    pub code: Code,
    /// 1-based line number of the row.
    pub row: usize,
    /// 1-based column, when one cell is at fault.
    pub column: Option<usize>,
    /// Its header, as written.
    pub header: Option<String>,
    /// The cell's text, or the one id at fault (at most 40 characters).
    pub value: Option<String>,
}

/// The result of [`import_events_csv`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEventsCsvImport"))]
#[serde(rename_all = "camelCase")]
pub struct EventsCsvImport {
    /// The events read, in file order, with ids unused in the model.
    pub events: Vec<Event>,
    /// Number of data rows.
    pub n_rows: usize,
    /// Number of rows left out (each has at least one issue).
    pub n_skipped: usize,
    /// Every problem found.
    pub issues: Vec<EventsCsvIssue>,
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Id,
    Date,
    Kind,
    TitleEn,
    TitleEs,
    Concerns,
    Component,
    Source,
    Quote,
}

fn column(header: &str) -> Option<Col> {
    let h = header.trim().to_lowercase().replace([' ', '-'], "_");
    Some(match h.as_str() {
        "id" => Col::Id,
        "date" | "period" | "when" | "fecha" | "periodo" | "período" | "cuándo" | "cuando" => {
            Col::Date
        }
        "kind" | "type" | "tipo" => Col::Kind,
        "title_en" | "title" | "título_en" | "titulo_en" => Col::TitleEn,
        "title_es" | "título_es" | "titulo_es" | "título" | "titulo" => Col::TitleEs,
        "concerns" | "about" | "se_refiere_a" | "concierne" | "sobre" | "relacionado_con" => {
            Col::Concerns
        }
        "component" | "componente" => Col::Component,
        "source" | "fuente" => Col::Source,
        "quote" | "cita" => Col::Quote,
        _ => return None,
    })
}

/// The kind of an event from its snake_case value or the page's English or Spanish label.
fn kind(cell: &str) -> Option<EventKind> {
    Some(match cell.trim().to_lowercase().as_str() {
        "activity" | "actividad" => EventKind::Activity,
        "flashpoint" | "punto de inflexión" | "punto de inflexion" | "punto_de_inflexion" => {
            EventKind::Flashpoint
        }
        "milestone" | "hito" => EventKind::Milestone,
        _ => return None,
    })
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Reads a CSV of campaign events against `model` (see the module's documentation).
///
/// O(rows × columns + model size).
///
/// # Errors
///
/// `csv_empty` (no header or no data row), `too_large` (details: `limit`), `csv_malformed`
/// (details: `row`), `unknown_column` (details: `row`: 1, `missing`: `date`, `kind` or
/// `title_en`).
pub fn import_events_csv(model: &Model, text: &str) -> Result<EventsCsvImport> {
    if text.len() > EVENTS_CSV_MAX_BYTES {
        return Err(Error::new(Code::TooLarge, "the file is larger than 16 MiB")
            .with("limit", EVENTS_CSV_MAX_BYTES as u64));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| {
            let row = e.position().map_or(0, |p| p.line());
            Error::new(Code::CsvMalformed, "the file cannot be read as CSV").with("row", row)
        })?;
        if r.len() == 1 && r[0].trim().is_empty() {
            continue;
        }
        if records.len() > EVENTS_CSV_MAX_ROWS {
            return Err(
                Error::new(Code::TooLarge, "the file has more than 20,000 rows")
                    .with("limit", EVENTS_CSV_MAX_ROWS as u64),
            );
        }
        let line = r.position().map_or(0, |p| p.line() as usize);
        records.push((line, r));
    }
    let Some(((_, header), data)) = records.split_first() else {
        return Err(Error::new(Code::CsvEmpty, "the file has no header row"));
    };
    if data.is_empty() {
        return Err(Error::new(
            Code::CsvEmpty,
            "the file has a header but no data row",
        ));
    }
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let cols: Vec<Option<Col>> = header.iter().map(|h| column(h)).collect();
    let has = |c: Col| cols.contains(&Some(c));
    let mut missing: Vec<String> = Vec::new();
    for (c, name) in [(Col::Date, "date"), (Col::Kind, "kind")] {
        if !has(c) {
            missing.push(name.into());
        }
    }
    if !has(Col::TitleEn) && !has(Col::TitleEs) {
        missing.push("title_en".into());
    }
    if !missing.is_empty() {
        return Err(Error::new(
            Code::UnknownColumn,
            format!(
                "the header (row 1) has no {} column: name them date, kind, title_en, title_es, concerns, source, quote",
                missing.join(", ")
            ),
        )
        .with("row", 1u64)
        .with("missing", missing));
    }
    let mut r = Reader::new(model, &header, &cols);
    for (line, rec) in data {
        let cells: Vec<&str> = rec.iter().collect();
        r.row(*line, &cells);
    }
    Ok(EventsCsvImport {
        events: r.events,
        n_rows: data.len(),
        n_skipped: r.skipped,
        issues: r.issues,
    })
}

/// Reads rows one by one, with the model's ids at hand.
struct Reader<'a> {
    ix: Index<'a>,
    used: HashSet<String>,
    next: u64,
    header: &'a [String],
    cols: &'a [Option<Col>],
    events: Vec<Event>,
    issues: Vec<EventsCsvIssue>,
    skipped: usize,
}

impl<'a> Reader<'a> {
    fn new(model: &'a Model, header: &'a [String], cols: &'a [Option<Col>]) -> Self {
        Reader {
            ix: Index::build(model),
            used: model.events.iter().map(|e| e.id.clone()).collect(),
            next: 1,
            header,
            cols,
            events: Vec::new(),
            issues: Vec::new(),
            skipped: 0,
        }
    }

    fn taken(&self, id: &str) -> bool {
        self.used.contains(id) || self.ix.get(id).is_some()
    }

    fn issue(&mut self, code: Code, row: usize, col: Option<usize>, value: Option<&str>) {
        self.issues.push(EventsCsvIssue {
            code,
            row,
            column: col.map(|c| c + 1),
            header: col.and_then(|c| self.header.get(c)).cloned(),
            value: value.map(clip),
        });
    }

    /// The first cell of a column and its index (the first such column counts).
    fn cell<'c>(&self, cells: &[&'c str], c: Col) -> (Option<usize>, &'c str) {
        let i = self.cols.iter().position(|x| *x == Some(c));
        (i, i.and_then(|i| cells.get(i)).map_or("", |s| s.trim()))
    }

    fn row(&mut self, line: usize, cells: &[&str]) {
        if cells.len() != self.header.len() {
            self.skipped += 1;
            return self.issue(Code::RaggedRow, line, None, None);
        }
        let before = self.issues.len();
        let (dc, date) = self.cell(cells, Col::Date);
        let period = match date {
            "" => None,
            d => Period::parse(d)
                .map_err(|_| self.issue(Code::InvalidDate, line, dc, Some(d)))
                .ok(),
        };
        let (kc, k) = self.cell(cells, Col::Kind);
        let kind = kind(k);
        if kind.is_none() {
            self.issue(Code::UnknownLabel, line, kc, Some(k));
        }
        let (ec, en) = self.cell(cells, Col::TitleEn);
        let (sc, es) = self.cell(cells, Col::TitleEs);
        if en.is_empty() && es.is_empty() {
            self.issue(Code::BadInput, line, ec.or(sc), Some(""));
        }
        let (cc, concerns) = self.cell(cells, Col::Concerns);
        let about: Vec<String> = concerns
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        const ABOUT: [Kind; 3] = [Kind::Activity, Kind::Output, Kind::Outcome];
        for id in &about {
            if !matches!(self.ix.get(id), Some((k, _)) if ABOUT.contains(&k)) {
                self.issue(Code::UnknownId, line, cc, Some(id));
            }
        }
        let (pc, comp) = self.cell(cells, Col::Component);
        if !comp.is_empty() && !matches!(self.ix.get(comp), Some((Kind::Component, _))) {
            self.issue(Code::UnknownId, line, pc, Some(comp));
        }
        let (ic, id) = self.cell(cells, Col::Id);
        if !id.is_empty() && self.taken(id) {
            self.issue(Code::DuplicateId, line, ic, Some(id));
        }
        let Some(kind) = kind.filter(|_| self.issues.len() == before) else {
            self.skipped += 1;
            return;
        };
        let id = if id.is_empty() {
            self.fresh()
        } else {
            id.to_string()
        };
        self.used.insert(id.clone());
        let (_, source) = self.cell(cells, Col::Source);
        let (_, quote) = self.cell(cells, Col::Quote);
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        self.events.push(Event {
            id,
            title: Text {
                en: en.to_string(),
                es: es.to_string(),
            },
            kind,
            period,
            component: some(comp),
            about,
            provenance: (!source.is_empty() || !quote.is_empty()).then(|| Provenance {
                origin: Origin::Read,
                quote: some(quote),
                note: some(source),
            }),
        });
    }

    /// The first `ev_<n>` carried by no element, event or earlier row.
    fn fresh(&mut self) -> String {
        loop {
            let id = format!("ev_{}", self.next);
            self.next += 1;
            if !self.taken(&id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
#[path = "events_csv_tests.rs"]
mod tests;
