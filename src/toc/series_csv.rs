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

use super::csv_table::{number, split};
use super::date::Date;
use super::series::{Period, SeriesPoint};
use super::series_header::{check_columns, role, Role};
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

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// [`import_series_csv`]'s result in columns, for files of millions of values (issue 17, T3):
/// series `k` is `entities[k]`, `groups[k]` and the points `offsets[k] … offsets[k + 1] − 1`
/// in period order; point `i`'s period is `periods[period_index[i]]` (periods in order of
/// first appearance); `NaN` marks a missing value, numerator or denominator (never zero).
/// A file without counts (every wide file) has empty `numerator` and `denominator`: all
/// missing, without 2 × 8 bytes per point to say so.
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
    /// Each point's count of cases, or `NaN` (empty when no point has counts).
    pub numerator: Vec<f64>,
    /// Each point's count of the population, or `NaN` (empty like `numerator`).
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
                    numerator: c.numerator.get(i).copied().and_then(opt),
                    denominator: c.denominator.get(i).copied().and_then(opt),
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
    let mut b = Builder::new(header, n_rows);
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
    let per_row = match shape {
        SeriesCsvShape::Long => 1,
        SeriesCsvShape::Wide => periods.iter().flatten().count(),
    };
    // Room for every value at most once: a value takes at least two bytes of the text.
    b.flat.reserve((n_rows * per_row).min(text.len() / 2));
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

/// A point while the file is read (16 bytes): its period (an index), its value (`NaN` when
/// missing) and where its numerator and denominator are kept (`NO_COUNTS`: none, as in every
/// wide file).
#[derive(Clone, Copy)]
struct Pt {
    period: u32,
    counts: u32,
    value: f64,
}

const NO_COUNTS: u32 = u32::MAX;

/// Entity and group of a series, borrowed from the file.
type Key<'a> = (&'a str, Option<&'a str>);

struct Builder<'a> {
    header: Vec<&'a str>,
    index: HashMap<Key<'a>, u32>,
    keys: Vec<Key<'a>>,
    /// The points while each series' points are contiguous (every wide file): series `k`'s
    /// points are `flat[start[k]..start[k + 1]]`, and only the newest series grows.
    flat: Vec<Pt>,
    start: Vec<u32>,
    /// The points per series, once a series gets a point after another series' (long files).
    lists: Option<Vec<Vec<Pt>>>,
    /// Whether each series' points came in strictly increasing period order so far: then a
    /// new later point cannot repeat a period, and the series needs no sort.
    ascending: Vec<bool>,
    /// Numerator and denominator of the points that have them (`NaN` when missing).
    counts: Vec<[f64; 2]>,
    periods: Vec<Period>,
    /// Each period's sort key: last day, then first day.
    order: Vec<(Date, Date)>,
    period_ids: HashMap<Period, u32>,
    /// Period text of a long file → its index (`None`: not a period), read once per text.
    period_text: HashMap<&'a str, Option<u32>>,
    issues: Vec<SeriesCsvIssue>,
}

impl<'a> Builder<'a> {
    /// A builder for a file of `rows` data rows: room for as many series (at most 65,536 at
    /// first), so the tables are seldom regrown — each regrowth of a large block is fresh
    /// WebAssembly memory.
    fn new(header: Vec<&'a str>, rows: usize) -> Self {
        let room = rows.min(1 << 16);
        Builder {
            header,
            index: HashMap::with_capacity(room),
            keys: Vec::with_capacity(room),
            flat: Vec::new(),
            start: Vec::with_capacity(room),
            lists: None,
            ascending: Vec::with_capacity(room),
            counts: Vec::new(),
            periods: Vec::new(),
            order: Vec::new(),
            period_ids: HashMap::new(),
            period_text: HashMap::new(),
            issues: Vec::new(),
        }
    }

    fn period_id(&mut self, p: Period) -> u32 {
        *self.period_ids.entry(p).or_insert_with(|| {
            self.periods.push(p);
            self.order.push((p.end(), p.start()));
            (self.periods.len() - 1) as u32
        })
    }

    /// The series of `key`; a new one gets its first point next, at the end of `flat`.
    fn series_id(&mut self, key: Key<'a>) -> usize {
        let n = self.keys.len() as u32;
        let i = *self.index.entry(key).or_insert(n);
        if i == n {
            self.keys.push(key);
            self.start.push(self.flat.len() as u32);
            self.ascending.push(true);
            if let Some(lists) = &mut self.lists {
                lists.push(Vec::new());
            }
        }
        i as usize
    }

    /// Series `s`'s points while they are contiguous in `flat`.
    fn range(&self, s: usize) -> std::ops::Range<usize> {
        let end = self
            .start
            .get(s + 1)
            .map_or(self.flat.len(), |&e| e as usize);
        self.start[s] as usize..end
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
                    let s = *series.get_or_insert_with(|| self.series_id(key));
                    let pt = Pt {
                        period: p,
                        counts: NO_COUNTS,
                        value: v,
                    };
                    self.push(line, s, pt, Some(i));
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
        let s = self.series_id(key);
        let counts = if x.is_some() || n.is_some() {
            self.counts.push([x, n].map(|v| v.unwrap_or(f64::NAN)));
            (self.counts.len() - 1) as u32
        } else {
            NO_COUNTS
        };
        let value = rate.unwrap_or(f64::NAN);
        self.push(
            line,
            s,
            Pt {
                period,
                counts,
                value,
            },
            yc,
        );
    }

    fn push(&mut self, line: usize, s: usize, p: Pt, c: Option<usize>) {
        if self.lists.is_none() && s + 1 != self.keys.len() {
            // An older series gets a point: its points are no longer contiguous.
            let lists = (0..self.keys.len()).map(|k| self.flat[self.range(k)].to_vec());
            self.lists = Some(lists.collect());
            self.flat = Vec::new();
        }
        let ok = match &self.lists {
            Some(lists) => fits(&lists[s], &p, &self.order, &mut self.ascending[s]),
            None => {
                let pts = &self.flat[self.range(s)];
                fits(pts, &p, &self.order, &mut self.ascending[s])
            }
        };
        if !ok {
            let text = self.periods[p.period as usize].to_string();
            return self.issue(Code::DuplicateId, line, c, Some(&text));
        }
        match &mut self.lists {
            Some(lists) => lists[s].push(p),
            None => self.flat.push(p),
        }
    }

    /// Each series' points in period order; periods renumbered in order of first appearance.
    fn finish(mut self, shape: SeriesCsvShape, n_rows: usize) -> SeriesCsvColumns {
        let order = &self.order;
        let has_counts = !self.counts.is_empty();
        let mut lists = self.lists.take();
        let n: usize = lists
            .as_ref()
            .map_or(self.flat.len(), |l| l.iter().map(Vec::len).sum());
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
            numerator: Vec::with_capacity(if has_counts { n } else { 0 }),
            denominator: Vec::with_capacity(if has_counts { n } else { 0 }),
        };
        let mut renumber = vec![u32::MAX; self.periods.len()];
        c.offsets.push(0);
        let mut flat = std::mem::take(&mut self.flat);
        for (k, &(entity, group)) in self.keys.iter().enumerate() {
            c.entities.push(entity.to_string());
            c.groups.push(group.map(str::to_string));
            let pts: &mut [Pt] = match &mut lists {
                Some(l) => &mut l[k],
                None => {
                    let end = self.start.get(k + 1).map_or(flat.len(), |&e| e as usize);
                    &mut flat[self.start[k] as usize..end]
                }
            };
            if !self.ascending[k] {
                crate::sort::sort_by_key(pts, |p| order[p.period as usize]);
            }
            for p in pts.iter() {
                let k = &mut renumber[p.period as usize];
                if *k == u32::MAX {
                    *k = c.periods.len() as u32;
                    c.periods.push(self.periods[p.period as usize]);
                }
                c.period_index.push(*k);
                let [x, n] = self
                    .counts
                    .get(p.counts as usize)
                    .copied()
                    .unwrap_or([f64::NAN; 2]);
                c.value.push(p.value);
                if has_counts {
                    c.numerator.push(x);
                    c.denominator.push(n);
                }
            }
            c.offsets.push(c.period_index.len() as u32);
        }
        c
    }
}

/// Whether point `p` may join a series' points `pts`: not when its period is already there.
/// A series still `ascending` whose last period ends before `p`'s needs no search.
fn fits(pts: &[Pt], p: &Pt, order: &[(Date, Date)], ascending: &mut bool) -> bool {
    let Some(last) = pts.last() else {
        return true;
    };
    let after = order[last.period as usize] < order[p.period as usize];
    if *ascending && after {
        return true;
    }
    if pts.iter().any(|q| q.period == p.period) {
        return false;
    }
    *ascending &= after;
    true
}
