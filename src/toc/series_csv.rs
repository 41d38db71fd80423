//! Indicator series from administrative data (issue 17) as state portals publish it:
//!
//! - **long** (one row per entity, period and group — the shape of California's DataQuest
//!   downloads): columns `entity`, `year`, optional `group`, and any of `numerator`,
//!   `denominator`, `rate` (rates in percent);
//! - **wide** (one row per entity and group, one column per period, cells are values).
//!
//! Headers are matched without case, in English or Spanish (`entidad`, `año`, `grupo`,
//! `numerador`, `denominador`, `tasa`; DataQuest's `School Name`, `Academic Year`,
//! `Reporting Category`, `Cumulative Enrollment`, `Suspension Count`, `Suspension Rate` too).
//! Empty cells and DataQuest's `*` (suppressed) are missing values, never zero. A row that
//! cannot be read is left out and reported with its 1-based row and column and a stable code;
//! the rest is imported.

use super::csv_table::split;
use super::series::{Period, SeriesPoint};
use crate::error::{Code, Error, Result};
use serde::Serialize;
use std::collections::HashMap;

/// Largest accepted text, in bytes (as for survey CSVs).
pub const SERIES_CSV_MAX_BYTES: usize = 128 << 20;
/// Largest accepted number of data rows.
pub const SERIES_CSV_MAX_ROWS: usize = 2_000_000;

/// The shape detected from the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSeriesCsvShape"))]
#[serde(rename_all = "snake_case")]
pub enum SeriesCsvShape {
    /// One row per entity, period and group.
    Long,
    /// One column per period.
    Wide,
}

/// A row or cell left out, positioned (1-based; row 1 is the header).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSeriesCsvIssue"))]
#[serde(rename_all = "camelCase")]
pub struct SeriesCsvIssue {
    /// Stable code: `ragged_row`, `invalid_date` (a period that cannot be read),
    /// `not_a_number`, `value_out_of_range` (a negative count or rate), `count_exceeds_total`,
    /// `duplicate_id` (the same entity, group and period twice).
    pub code: Code,
    /// 1-based line number of the row.
    pub row: usize,
    /// 1-based column, when one cell is at fault.
    pub column: Option<usize>,
    /// Its header.
    pub header: Option<String>,
    /// The cell's text (at most 40 characters).
    pub value: Option<String>,
}

/// One imported series: an entity (school, district) and group (e.g. "All Students").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocImportedSeries"))]
#[serde(rename_all = "camelCase")]
pub struct ImportedSeries {
    /// The entity, as written.
    pub entity: String,
    /// The group, when the file has a group column.
    pub group: Option<String>,
    /// Its points in period order.
    pub points: Vec<SeriesPoint>,
}

/// The result of [`import_series_csv`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSeriesCsvImport"))]
#[serde(rename_all = "camelCase")]
pub struct SeriesCsvImport {
    /// Long or wide.
    pub shape: SeriesCsvShape,
    /// Series in order of first appearance.
    pub series: Vec<ImportedSeries>,
    /// Number of data rows read.
    pub n_rows: usize,
    /// Rows or cells left out.
    pub issues: Vec<SeriesCsvIssue>,
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Entity,
    Year,
    Group,
    Numerator,
    Denominator,
    Rate,
}

fn role(header: &str) -> Option<Role> {
    let h = header.trim().to_lowercase();
    Some(match h.as_str() {
        "entity" | "entidad" | "school" | "school name" | "escuela" | "district"
        | "district name" | "distrito" | "name" | "nombre" => Role::Entity,
        "year" | "año" | "ano" | "academic year" | "academicyear" | "period" | "periodo"
        | "período" | "ciclo escolar" => Role::Year,
        "group" | "grupo" | "reporting category" | "reportingcategory" | "subgroup"
        | "subgrupo" => Role::Group,
        "numerator"
        | "numerador"
        | "count"
        | "suspension count"
        | "unduplicated count of students suspended (total)"
        | "conteo" => Role::Numerator,
        "denominator"
        | "denominador"
        | "cumulative enrollment"
        | "enrollment"
        | "matrícula"
        | "matricula" => Role::Denominator,
        "rate"
        | "tasa"
        | "suspension rate"
        | "suspension rate (total)"
        | "percent"
        | "porcentaje"
        | "%" => Role::Rate,
        _ => return None,
    })
}

/// A number cell: `None` for empty or `*` (suppressed); a trailing `%` is allowed. In a `;`
/// file a comma is the decimal mark (`9,9`, `1.234,5`); in a `,` file it separates thousands.
fn number(cell: &str, decimal_comma: bool) -> std::result::Result<Option<f64>, ()> {
    if let Some(v) = simple_decimal(cell.as_bytes()) {
        return Ok(Some(v)); // the common cell, e.g. `13.5`: read in one pass
    }
    let t = cell.trim().trim_end_matches('%').trim();
    if !t.contains(',') {
        return plain_number(t); // the common cell: read in place, nothing allocated
    }
    let t = if decimal_comma {
        t.replace('.', "").replace(',', ".")
    } else {
        t.replace(',', "")
    };
    plain_number(&t)
}

fn plain_number(t: &str) -> std::result::Result<Option<f64>, ()> {
    if t.is_empty() || t == "*" {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

/// Exact powers of ten, 10⁰ … 10²².
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `digits` or `digits.digits`, optionally after `-`, with at most 15 digits in all: the value
/// as `str::parse` gives it (the digits are an exact integer below 2⁵³ and the power of ten is
/// exact, so one division is correctly rounded — Clinger's fast path). `None` for anything
/// else, which then takes the general path.
fn simple_decimal(b: &[u8]) -> Option<f64> {
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (mut m, mut digits, mut frac, mut dot) = (0u64, 0usize, 0usize, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
                frac += usize::from(dot);
            }
            b'.' if !dot && digits > 0 => dot = true,
            _ => return None,
        }
        if digits > 15 {
            return None;
        }
    }
    if digits == 0 || (dot && frac == 0) {
        return None;
    }
    let v = m as f64 / POW10[frac];
    Some(if neg { -v } else { v })
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// [`import_series_csv`]'s result in columns, for files of millions of values (issue 17, T3):
/// series `k` is `entities[k]`, `groups[k]` and the points `offsets[k] … offsets[k + 1] − 1`
/// in period order; point `i`'s period is `periods[period_index[i]]` (periods in order of
/// first appearance); `NaN` marks a missing value, numerator or denominator (never zero).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesCsvColumns {
    /// Long or wide.
    pub shape: SeriesCsvShape,
    /// Number of data rows read.
    pub n_rows: usize,
    /// Rows or cells left out.
    pub issues: Vec<SeriesCsvIssue>,
    /// Each series' entity, in order of first appearance.
    pub entities: Vec<String>,
    /// Each series' group.
    pub groups: Vec<Option<String>>,
    /// Start of each series' points, then the number of points.
    pub offsets: Vec<u32>,
    /// The distinct periods.
    pub periods: Vec<Period>,
    /// Each point's period, an index into `periods`.
    pub period_index: Vec<u32>,
    /// Each point's value in the indicator's unit (a rate: percent), or `NaN`.
    pub value: Vec<f64>,
    /// Each point's count of cases, or `NaN`.
    pub numerator: Vec<f64>,
    /// Each point's count of the population, or `NaN`.
    pub denominator: Vec<f64>,
}

/// Imports a long or wide CSV of indicator values (see the module's documentation).
///
/// O(rows × columns).
///
/// # Errors
///
/// `csv_empty` (no header or no data row), `too_large`, `unclosed_quote` (details: `row`),
/// `unknown_column` (details: `missing`: the required columns not found, `row`: 1).
pub fn import_series_csv(text: &str) -> Result<SeriesCsvImport> {
    let c = import_series_csv_columns(text)?;
    let opt = |x: f64| (!x.is_nan()).then_some(x);
    let series = (c.entities.into_iter().zip(c.groups))
        .zip(c.offsets.windows(2))
        .map(|((entity, group), w)| ImportedSeries {
            entity,
            group,
            points: (w[0] as usize..w[1] as usize)
                .map(|i| SeriesPoint {
                    period: c.periods[c.period_index[i] as usize],
                    value: opt(c.value[i]),
                    numerator: opt(c.numerator[i]),
                    denominator: opt(c.denominator[i]),
                    source: None,
                    provenance: None,
                })
                .collect(),
        })
        .collect();
    Ok(SeriesCsvImport {
        shape: c.shape,
        series,
        n_rows: c.n_rows,
        issues: c.issues,
    })
}

/// As [`import_series_csv`], in columns: the text is split once into one buffer (no `String`
/// per cell), entity and group are looked up once per row, each distinct period text is read
/// once, and points are kept as a period index and three numbers until the columns are built.
///
/// # Errors
/// As [`import_series_csv`].
pub fn import_series_csv_columns(text: &str) -> Result<SeriesCsvColumns> {
    if text.len() > SERIES_CSV_MAX_BYTES {
        return Err(
            Error::new(Code::TooLarge, "the file is larger than 128 MiB")
                .with("limit", SERIES_CSV_MAX_BYTES as u64),
        );
    }
    let table = split(text)?;
    let dc = table.sep == b';';
    if table.len() == 0 {
        return Err(Error::new(Code::CsvEmpty, "the file has no header row"));
    }
    let n_rows = table.len() - 1;
    if n_rows == 0 {
        return Err(Error::new(
            Code::CsvEmpty,
            "the file has a header but no data row",
        ));
    }
    if n_rows > SERIES_CSV_MAX_ROWS {
        return Err(
            Error::new(Code::TooLarge, "the file has more than 2,000,000 rows")
                .with("limit", SERIES_CSV_MAX_ROWS as u64),
        );
    }
    let header: Vec<&str> = table.row(0).collect();
    let roles: Vec<Option<Role>> = header.iter().map(|h| role(h)).collect();
    let col = |r: Role| roles.iter().position(|x| *x == Some(r));
    let has_values = [Role::Numerator, Role::Denominator, Role::Rate]
        .iter()
        .any(|&r| col(r).is_some());
    let mut b = Builder::new(header);
    let periods: Vec<Option<u32>> = (b.header.clone().iter())
        .map(|h| Period::parse(h).ok().map(|p| b.period_id(p)))
        .collect();
    let shape = if col(Role::Year).is_some() && has_values {
        SeriesCsvShape::Long
    } else if periods.iter().any(Option::is_some) {
        SeriesCsvShape::Wide
    } else {
        SeriesCsvShape::Long
    };
    check_columns(shape, &col, has_values)?;
    let cols = Cols {
        entity: col(Role::Entity),
        group: col(Role::Group),
        year: col(Role::Year),
        values: [
            col(Role::Numerator),
            col(Role::Denominator),
            col(Role::Rate),
        ],
        dc,
    };
    let mut cells: Vec<&str> = Vec::with_capacity(b.header.len());
    for r in 1..table.len() {
        let line = table.line(r);
        if table.width(r) != b.header.len() {
            b.issue(Code::RaggedRow, line, None, None);
            continue;
        }
        cells.clear();
        cells.extend(table.row(r));
        let key = (
            cols.entity.map_or("", |i| cells[i].trim()),
            cols.group.map(|i| cells[i].trim()),
        );
        match shape {
            SeriesCsvShape::Long => b.long_row(line, &cells, &cols, key),
            SeriesCsvShape::Wide => b.wide_row(line, &cells, &periods, key, dc),
        }
    }
    Ok(b.finish(shape, n_rows))
}

/// The `unknown_column` error when the header lacks a column the shape needs.
fn check_columns(
    shape: SeriesCsvShape,
    col: &dyn Fn(Role) -> Option<usize>,
    has_values: bool,
) -> Result<()> {
    let mut missing: Vec<&str> = Vec::new();
    if col(Role::Entity).is_none() {
        missing.push("entity");
    }
    if shape == SeriesCsvShape::Long {
        if col(Role::Year).is_none() {
            missing.push("year");
        }
        if !has_values {
            missing.push("rate");
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Code::UnknownColumn,
        format!(
            "the header (row 1) has no {} column: name them entity, year, group, numerator, denominator, rate (long) or entity then one column per year (wide)",
            missing.join(", ")
        ),
    )
    .with("row", 1u64)
    .with("missing", missing.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
}

/// The columns a row is read from (0-based).
struct Cols {
    entity: Option<usize>,
    group: Option<usize>,
    year: Option<usize>,
    /// Numerator, denominator, rate.
    values: [Option<usize>; 3],
    /// A `;` file: the comma is the decimal mark.
    dc: bool,
}

/// A point while the file is read: its period (an index) and value, numerator, denominator
/// (`NaN` when missing).
#[derive(Clone, Copy)]
struct Pt {
    period: u32,
    v: [f64; 3],
}

/// Entity and group of a series, borrowed from the file.
type Key<'a> = (&'a str, Option<&'a str>);

struct Builder<'a> {
    header: Vec<&'a str>,
    index: HashMap<Key<'a>, u32>,
    keys: Vec<Key<'a>>,
    points: Vec<Vec<Pt>>,
    periods: Vec<Period>,
    period_ids: HashMap<Period, u32>,
    /// Period text of a long file → its index (`None`: not a period), read once per text.
    period_text: HashMap<&'a str, Option<u32>>,
    issues: Vec<SeriesCsvIssue>,
}

impl<'a> Builder<'a> {
    fn new(header: Vec<&'a str>) -> Self {
        Builder {
            header,
            index: HashMap::new(),
            keys: Vec::new(),
            points: Vec::new(),
            periods: Vec::new(),
            period_ids: HashMap::new(),
            period_text: HashMap::new(),
            issues: Vec::new(),
        }
    }

    fn period_id(&mut self, p: Period) -> u32 {
        *self.period_ids.entry(p).or_insert_with(|| {
            self.periods.push(p);
            (self.periods.len() - 1) as u32
        })
    }

    /// The series of `key`, made with room for `room` points when new.
    fn series_id(&mut self, key: Key<'a>, room: usize) -> usize {
        let n = self.keys.len() as u32;
        let i = *self.index.entry(key).or_insert(n);
        if i == n {
            self.keys.push(key);
            self.points.push(Vec::with_capacity(room));
        }
        i as usize
    }

    fn issue(&mut self, code: Code, row: usize, column: Option<usize>, v: Option<&str>) {
        self.issues.push(SeriesCsvIssue {
            code,
            row,
            column: column.map(|c| c + 1),
            header: column
                .and_then(|c| self.header.get(c))
                .map(|h| h.to_string()),
            value: v.map(clip),
        });
    }

    fn wide_row(
        &mut self,
        line: usize,
        cells: &[&'a str],
        periods: &[Option<u32>],
        key: Key<'a>,
        dc: bool,
    ) {
        let mut series = None;
        for (i, p) in periods.iter().enumerate() {
            let Some(p) = *p else { continue };
            let raw = cells[i];
            match number(raw, dc) {
                Err(()) => self.issue(Code::NotANumber, line, Some(i), Some(raw)),
                Ok(None) => {}
                Ok(Some(v)) => {
                    // The series is made at its first value: a row of empty cells makes none.
                    let s = *series.get_or_insert_with(|| self.series_id(key, periods.len()));
                    let nan = f64::NAN;
                    self.push(
                        line,
                        s,
                        Pt {
                            period: p,
                            v: [v, nan, nan],
                        },
                        Some(i),
                    );
                }
            }
        }
    }

    fn long_row(&mut self, line: usize, cells: &[&'a str], cols: &Cols, key: Key<'a>) {
        let yc = cols.year;
        let yraw = yc.map_or("", |i| cells[i]);
        let period = match self.period_text.get(yraw) {
            Some(p) => *p,
            None => {
                let p = Period::parse(yraw).ok().map(|p| self.period_id(p));
                self.period_text.insert(yraw, p);
                p
            }
        };
        let Some(period) = period else {
            return self.issue(Code::InvalidDate, line, yc, Some(yraw));
        };
        let mut vals = [None; 3];
        for (k, c) in cols.values.into_iter().enumerate() {
            let raw = c.map_or("", |i| cells[i]);
            match number(raw, cols.dc) {
                Err(()) => return self.issue(Code::NotANumber, line, c, Some(raw)),
                Ok(Some(v)) if v < 0.0 => {
                    return self.issue(Code::ValueOutOfRange, line, c, Some(raw))
                }
                Ok(v) => vals[k] = v,
            }
        }
        let [x, n, rate] = vals;
        if let (Some(x), Some(n)) = (x, n) {
            if x > n {
                let c = cols.values[0];
                let raw = c.map_or("", |i| cells[i]);
                return self.issue(Code::CountExceedsTotal, line, c, Some(raw));
            }
        }
        if x.is_none() && n.is_none() && rate.is_none() {
            return; // suppressed or not published: the period stays empty
        }
        let s = self.series_id(key, 0);
        let v = [rate, x, n].map(|v| v.unwrap_or(f64::NAN));
        self.push(line, s, Pt { period, v }, yc);
    }

    fn push(&mut self, line: usize, s: usize, p: Pt, c: Option<usize>) {
        if self.points[s].iter().any(|q| q.period == p.period) {
            let text = self.periods[p.period as usize].to_string();
            return self.issue(Code::DuplicateId, line, c, Some(&text));
        }
        self.points[s].push(p);
    }

    /// Each series' points in period order; periods renumbered in order of first appearance.
    fn finish(mut self, shape: SeriesCsvShape, n_rows: usize) -> SeriesCsvColumns {
        let order: Vec<_> = self.periods.iter().map(|p| (p.end(), p.start())).collect();
        let n: usize = self.points.iter().map(Vec::len).sum();
        let mut c = SeriesCsvColumns {
            shape,
            n_rows,
            issues: std::mem::take(&mut self.issues),
            entities: Vec::with_capacity(self.keys.len()),
            groups: Vec::with_capacity(self.keys.len()),
            offsets: Vec::with_capacity(self.keys.len() + 1),
            periods: Vec::new(),
            period_index: Vec::with_capacity(n),
            value: Vec::with_capacity(n),
            numerator: Vec::with_capacity(n),
            denominator: Vec::with_capacity(n),
        };
        let mut renumber = vec![u32::MAX; self.periods.len()];
        c.offsets.push(0);
        for ((entity, group), mut pts) in self.keys.into_iter().zip(self.points) {
            c.entities.push(entity.to_string());
            c.groups.push(group.map(str::to_string));
            pts.sort_by_key(|p| order[p.period as usize]);
            for p in pts {
                let k = &mut renumber[p.period as usize];
                if *k == u32::MAX {
                    *k = c.periods.len() as u32;
                    c.periods.push(self.periods[p.period as usize]);
                }
                c.period_index.push(*k);
                c.value.push(p.v[0]);
                c.numerator.push(p.v[1]);
                c.denominator.push(p.v[2]);
            }
            c.offsets.push(c.period_index.len() as u32);
        }
        c
    }
}
