//! The series import as it was before issue 17's T3 work (commit 751ab46), kept verbatim
//! below this header as the oracle that the faster import must agree with, field by field and
//! issue by issue. Only its `use` lines differ.
#![allow(dead_code, clippy::all)]

use waterline::toc::{
    ImportedSeries, Period, SeriesCsvImport, SeriesCsvIssue, SeriesCsvShape, SeriesPoint,
};
use waterline::{Code, Error, Result};

pub const SERIES_CSV_MAX_BYTES: usize = 128 << 20;
pub const SERIES_CSV_MAX_ROWS: usize = 2_000_000;

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

/// A row: its 1-based line number and its fields.
type Row = (usize, Vec<String>);

/// Splits CSV text into rows of fields (RFC 4180 quotes; `,` or `;` as detected from the
/// header line). Returns the 1-based line number of each row.
fn rows(text: &str) -> Result<(char, Vec<Row>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let (mut out, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut line, mut start_line, mut quoted, mut chars) =
        (1usize, 1usize, false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    out.push((start_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(Error::new(
            Code::UnclosedQuote,
            format!("a quoted field that starts on line {start_line} is never closed"),
        )
        .with("row", start_line as u64));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push((start_line, row));
    }
    Ok((sep, out))
}

/// A number cell: `None` for empty or `*` (suppressed); a trailing `%` is allowed. In a `;`
/// file a comma is the decimal mark (`9,9`, `1.234,5`); in a `,` file it separates thousands.
fn number(cell: &str, decimal_comma: bool) -> std::result::Result<Option<f64>, ()> {
    let t = cell.trim().trim_end_matches('%').trim();
    let t = if decimal_comma && t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t.replace(',', "")
    };
    if t.is_empty() || t == "*" {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
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
    if text.len() > SERIES_CSV_MAX_BYTES {
        return Err(
            Error::new(Code::TooLarge, "the file is larger than 128 MiB")
                .with("limit", SERIES_CSV_MAX_BYTES as u64),
        );
    }
    let (sep, all) = rows(text)?;
    let dc = sep == ';';
    let Some(((_, header), data)) = all.split_first() else {
        return Err(Error::new(Code::CsvEmpty, "the file has no header row"));
    };
    if data.is_empty() {
        return Err(Error::new(
            Code::CsvEmpty,
            "the file has a header but no data row",
        ));
    }
    if data.len() > SERIES_CSV_MAX_ROWS {
        return Err(
            Error::new(Code::TooLarge, "the file has more than 2,000,000 rows")
                .with("limit", SERIES_CSV_MAX_ROWS as u64),
        );
    }
    let roles: Vec<Option<Role>> = header.iter().map(|h| role(h)).collect();
    let periods: Vec<Option<Period>> = header.iter().map(|h| Period::parse(h).ok()).collect();
    let col = |r: Role| roles.iter().position(|x| *x == Some(r));
    let entity = col(Role::Entity);
    let has_values = [Role::Numerator, Role::Denominator, Role::Rate]
        .iter()
        .any(|&r| col(r).is_some());
    let shape = if col(Role::Year).is_some() && has_values {
        SeriesCsvShape::Long
    } else if periods.iter().any(Option::is_some) {
        SeriesCsvShape::Wide
    } else {
        SeriesCsvShape::Long
    };
    let mut missing: Vec<&str> = Vec::new();
    if entity.is_none() {
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
    if !missing.is_empty() {
        return Err(Error::new(
            Code::UnknownColumn,
            format!(
                "the header (row 1) has no {} column: name them entity, year, group, numerator, denominator, rate (long) or entity then one column per year (wide)",
                missing.join(", ")
            ),
        )
        .with("row", 1u64)
        .with("missing", missing.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    }
    let mut b = Builder::default();
    for (line, cells) in data {
        if cells.len() != header.len() {
            b.issue(Code::RaggedRow, *line, None, header, None);
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|i| cells.get(i)).map(|s| s.trim());
        let ent = cell(entity).unwrap_or("").to_string();
        let group = cell(col(Role::Group)).map(str::to_string);
        match shape {
            SeriesCsvShape::Long => b.long_row(*line, cells, header, &col, (ent, group), dc),
            SeriesCsvShape::Wide => {
                for (i, p) in periods.iter().enumerate() {
                    let Some(p) = p else { continue };
                    let raw = cells.get(i).map_or("", |s| s.as_str());
                    match number(raw, dc) {
                        Err(()) => b.issue(Code::NotANumber, *line, Some(i), header, Some(raw)),
                        Ok(None) => {}
                        Ok(Some(v)) => b.push(
                            *line,
                            &ent,
                            &group,
                            point(*p, Some(v), None, None),
                            Some(i),
                            header,
                        ),
                    }
                }
            }
        }
    }
    Ok(b.finish(shape, data.len()))
}

fn point(period: Period, value: Option<f64>, x: Option<f64>, n: Option<f64>) -> SeriesPoint {
    SeriesPoint {
        period,
        value,
        numerator: x,
        denominator: n,
        source: None,
        provenance: None,
    }
}

#[derive(Default)]
struct Builder {
    series: Vec<ImportedSeries>,
    index: std::collections::HashMap<(String, Option<String>), usize>,
    issues: Vec<SeriesCsvIssue>,
}

impl Builder {
    fn issue(
        &mut self,
        code: Code,
        row: usize,
        column: Option<usize>,
        header: &[String],
        v: Option<&str>,
    ) {
        self.issues.push(SeriesCsvIssue {
            code,
            row,
            column: column.map(|c| c + 1),
            header: column.and_then(|c| header.get(c)).cloned(),
            value: v.map(clip),
        });
    }

    fn long_row(
        &mut self,
        line: usize,
        cells: &[String],
        header: &[String],
        col: &dyn Fn(Role) -> Option<usize>,
        (ent, group): (String, Option<String>),
        dc: bool,
    ) {
        let yc = col(Role::Year);
        let yraw = yc.and_then(|i| cells.get(i)).map_or("", |s| s.as_str());
        let Ok(period) = Period::parse(yraw) else {
            return self.issue(Code::InvalidDate, line, yc, header, Some(yraw));
        };
        let mut vals = [None; 3];
        for (k, r) in [Role::Numerator, Role::Denominator, Role::Rate]
            .into_iter()
            .enumerate()
        {
            let c = col(r);
            let raw = c.and_then(|i| cells.get(i)).map_or("", |s| s.as_str());
            match number(raw, dc) {
                Err(()) => return self.issue(Code::NotANumber, line, c, header, Some(raw)),
                Ok(Some(v)) if v < 0.0 => {
                    return self.issue(Code::ValueOutOfRange, line, c, header, Some(raw))
                }
                Ok(v) => vals[k] = v,
            }
        }
        let [x, n, rate] = vals;
        if let (Some(x), Some(n)) = (x, n) {
            if x > n {
                let c = col(Role::Numerator);
                let raw = c.and_then(|i| cells.get(i)).map_or("", |s| s.as_str());
                return self.issue(Code::CountExceedsTotal, line, c, header, Some(raw));
            }
        }
        if x.is_none() && n.is_none() && rate.is_none() {
            return; // suppressed or not published: the period stays empty
        }
        self.push(line, &ent, &group, point(period, rate, x, n), yc, header);
    }

    fn push(
        &mut self,
        line: usize,
        ent: &str,
        group: &Option<String>,
        p: SeriesPoint,
        c: Option<usize>,
        header: &[String],
    ) {
        let key = (ent.to_string(), group.clone());
        let i = *self.index.entry(key).or_insert_with(|| {
            self.series.push(ImportedSeries {
                entity: ent.to_string(),
                group: group.clone(),
                points: Vec::new(),
            });
            self.series.len() - 1
        });
        let Some(s) = self.series.get_mut(i) else {
            return;
        };
        if s.points.iter().any(|q| q.period == p.period) {
            let text = p.period.to_string();
            return self.issue(Code::DuplicateId, line, c, header, Some(&text));
        }
        s.points.push(p);
    }

    fn finish(mut self, shape: SeriesCsvShape, n_rows: usize) -> SeriesCsvImport {
        for s in &mut self.series {
            s.points.sort_by_key(|p| (p.period.end(), p.period.start()));
        }
        SeriesCsvImport {
            shape,
            series: self.series,
            n_rows,
            issues: self.issues,
        }
    }
}
