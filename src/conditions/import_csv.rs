//! CSV import of a round's proposals and reviewers (issue #20, "a round in minutes").
//!
//! Columns are found by their declared names only (never guessed from the cells), matched
//! without regard to case, accents written or not, spaces, `_` and `-`:
//!
//! | field | English headers | Spanish headers |
//! |---|---|---|
//! | proposal id | `id`, `proposalId`, `proposal` | `propuesta`, `idPropuesta` |
//! | title | `title` | `título` |
//! | applicant | `organisation`, `organization`, `applicant` | `organización`, `solicitante` |
//! | community | `community` | `comunidad` |
//! | requested amount | `requested amount`, `amountRequested`, `requested`, `amount` | `monto solicitado`, `monto` |
//! | minimum amount | `minimum amount`, `minimumAmount`, `minimum` | `monto mínimo`, `mínimo` |
//! | reviewer id | `id`, `reviewerId`, `reviewer` | `evaluador`, `idEvaluador` |
//! | reviewer name | `name` | `nombre` |
//! | conflicts | `conflicts`, `conflicts of interest` | `conflictos`, `conflictos de interés` |
//!
//! Any further column of the proposals file becomes an attribute named by its header as written
//! (`Proposal::attributes`); further columns of the reviewers file are ignored with a note. A
//! reviewer's `conflicts` cell lists proposal ids separated by `;` or `|` (not `,`, which a
//! spreadsheet would read as a column break).
//!
//! Amounts are whole dollars: `$`, `US$` and spaces are dropped; one kind of thousands separator
//! (`,` `.` `'` or a space) is accepted when every group after the first has three digits;
//! `1,500.00` and `1.500,00` read as 1500 (zero cents only). Anything else is an error naming its
//! row and column: a separator is never guessed.

use super::round::{Conflict, Proposal, Reviewer, MAX_DOLLARS, MAX_LISTED_ERRORS};
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Proposals read from a CSV file, with every bad cell reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProposalsCsv {
    /// The proposals of the good rows, in file order.
    pub proposals: Vec<Proposal>,
    /// Data rows read.
    pub rows: usize,
    /// Bad cells and rows, each naming `row` (the line number in the file) and `column`.
    pub errors: Vec<Error>,
    /// Problems found beyond the listed ones.
    pub errors_not_listed: usize,
    /// Headers read as attributes (`import_attributes`).
    pub warnings: Vec<Note>,
}

/// Reviewers and their conflicts of interest read from a CSV file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewersCsv {
    /// The reviewers of the good rows, in file order.
    pub reviewers: Vec<Reviewer>,
    /// One conflict per reviewer × proposal id listed in its `conflicts` cell.
    pub conflicts: Vec<Conflict>,
    /// Data rows read.
    pub rows: usize,
    /// Bad cells and rows, each naming `row` and `column`.
    pub errors: Vec<Error>,
    /// Problems found beyond the listed ones.
    pub errors_not_listed: usize,
    /// Ignored columns (`reviews_csv_columns_ignored`).
    pub warnings: Vec<Note>,
}

/// A header reduced for matching: lower case, accents dropped, no spaces, `_` or `-`.
pub(crate) fn key(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Id,
    Title,
    Applicant,
    Community,
    Requested,
    Minimum,
    Name,
    Conflicts,
}

const PROPOSAL_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &["id", "proposalid", "proposal", "propuesta", "idpropuesta"],
    ),
    (Field::Title, &["title", "titulo"]),
    (
        Field::Applicant,
        &[
            "organisation",
            "organization",
            "applicant",
            "organizacion",
            "solicitante",
        ],
    ),
    (Field::Community, &["community", "comunidad"]),
    (
        Field::Requested,
        &[
            "requestedamount",
            "amountrequested",
            "requested",
            "amount",
            "montosolicitado",
            "monto",
        ],
    ),
    (
        Field::Minimum,
        &[
            "minimumamount",
            "minimum",
            "minamount",
            "montominimo",
            "minimo",
        ],
    ),
];

const REVIEWER_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &["id", "reviewerid", "reviewer", "evaluador", "idevaluador"],
    ),
    (Field::Name, &["name", "nombre"]),
    (
        Field::Conflicts,
        &[
            "conflicts",
            "conflictsofinterest",
            "conflictos",
            "conflictosdeinteres",
        ],
    ),
];

/// The CSV's header row and, per column, the field it declares (`None`: another column).
struct Table {
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
}

/// The field delimiter of a round's CSV file, from its header line: `;` when it has more
/// semicolons than commas (Excel in Spanish and other decimal-comma locales writes `;`, as the
/// page's "CSV for Spanish Excel" does), a tab when it has more tabs than either, else `,`.
pub(crate) fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

impl Table {
    fn open(text: &str, known: &[(Field, &[&str])], required: &[Field]) -> Result<Table> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .delimiter(delimiter(text))
            .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()));
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| {
                Error::new(
                    Code::CsvMalformed,
                    format!("the CSV header cannot be read: {e}"),
                )
            })?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(Error::new(Code::CsvEmpty, "the CSV file has no header row"));
        }
        let mut fields = Vec::with_capacity(headers.len());
        for (column, h) in headers.iter().enumerate() {
            let k = key(h);
            let field = known
                .iter()
                .find(|(_, names)| names.contains(&k.as_str()))
                .map(|(f, _)| *f);
            if let Some(f) = field {
                if let Some(first) = fields.iter().position(|x| *x == Some(f)) {
                    return Err(Error::new(
                        Code::DuplicateId,
                        format!(
                            "columns {:?} and {h:?} both name the same field",
                            headers[first]
                        ),
                    )
                    .with("column", h.as_str())
                    .with("columns", vec![headers[first].clone(), h.clone()])
                    .with("columnIndex", column + 1));
                }
            }
            fields.push(field);
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|f| !fields.contains(&Some(**f)))
            .filter_map(|f| known.iter().find(|(k, _)| k == f).map(|(_, n)| n[0]))
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                Code::UnknownColumn,
                format!("the CSV needs the columns {}", missing.join(", ")),
            )
            .with("missing", missing)
            .with("columns", headers.clone()));
        }
        Ok(Table {
            headers,
            fields,
            reader,
        })
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

/// Collects errors up to [`MAX_LISTED_ERRORS`] and counts the rest.
#[derive(Default)]
struct Problems {
    errors: Vec<Error>,
    more: usize,
}

impl Problems {
    fn push(&mut self, e: Error) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }
}

/// The line a record starts on (1-based). After a CRLF the reader records a row's start before
/// the LF, on the previous line; this corrects for it.
pub(crate) fn record_line(text: &[u8], record: &csv::StringRecord, fallback: u64) -> u64 {
    record.position().map_or(fallback, |p| {
        let lf = text.get(p.byte() as usize) == Some(&b'\n');
        p.line() + u64::from(lf)
    })
}

fn cell_error(code: Code, line: u64, column: &str, what: String) -> Error {
    Error::new(code, format!("row {line}, column {column}: {what}"))
        .with("row", line)
        .with("column", column)
}

/// Reads a whole-dollar amount as written in a spreadsheet (see the module doc).
///
/// Returns `None` when the text is not a whole, non-negative amount of dollars up to
/// [`MAX_DOLLARS`].
pub fn parse_dollars(raw: &str) -> Option<f64> {
    let s: String = raw
        .trim()
        .trim_start_matches("US$")
        .trim_start_matches("USD")
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let s = s
        .trim_end_matches("US$")
        .trim_end_matches("USD")
        .trim_end_matches('$');
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || ",.'".contains(c)) {
        return None;
    }
    // Cents: the last separator followed by one or two digits, all zero.
    let (whole, cents) = match s.rfind([',', '.']) {
        Some(i) if (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], Some(&s[i + 1..])),
        _ => (s, None),
    };
    if cents.is_some_and(|c| c.chars().any(|d| d != '0')) {
        return None;
    }
    let separators: HashSet<char> = whole.chars().filter(|c| !c.is_ascii_digit()).collect();
    if separators.len() > 1 {
        return None;
    }
    if let Some(&sep) = separators.iter().next() {
        let groups: Vec<&str> = whole.split(sep).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        if cents.is_some() && s[whole.len()..].starts_with(sep) {
            return None;
        }
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    let value: f64 = digits.parse().ok()?;
    (value <= MAX_DOLLARS).then_some(value)
}

/// Reads proposals from CSV text (RFC 4180, a byte-order mark and CRLF allowed). The columns
/// `id`, `title` and the requested amount are required; `organisation`, `community` and the
/// minimum amount are optional (empty when absent); every other column is an attribute.
///
/// Problems in single rows (empty id or title, an id used twice, an amount that is not whole
/// dollars, a minimum above the request) are listed with their `row` and `column`; the good
/// rows are still returned.
///
/// # Errors
/// [`Code::CsvMalformed`] when the header cannot be read, [`Code::CsvEmpty`] without a header,
/// [`Code::UnknownColumn`] when a required column is missing (`details.missing`),
/// [`Code::DuplicateId`] when two headers name the same field.
///
/// # Examples
/// ```
/// let csv = "id,título,organización,monto solicitado,región\np1,Agua,Alianza,\"120,000\",Este\n";
/// let r = waterline::conditions::parse_proposals_csv(csv).unwrap();
/// assert_eq!(r.proposals[0].amount_requested, 120000.0);
/// assert_eq!(r.proposals[0].attributes["región"], "Este");
/// ```
pub fn parse_proposals_csv(text: &str) -> Result<ProposalsCsv> {
    let mut table = Table::open(
        text,
        PROPOSAL_HEADERS,
        &[Field::Id, Field::Title, Field::Requested],
    )?;
    let col = |f| table.column(f);
    let (id_c, title_c, req_c) = (
        col(Field::Id).unwrap_or(0),
        col(Field::Title).unwrap_or(0),
        col(Field::Requested).unwrap_or(0),
    );
    let (app_c, com_c, min_c) = (
        col(Field::Applicant),
        col(Field::Community),
        col(Field::Minimum),
    );
    let attributes: Vec<(usize, String)> = table
        .fields
        .iter()
        .enumerate()
        .filter(|(i, f)| f.is_none() && !table.headers[*i].is_empty())
        .map(|(i, _)| (i, table.headers[i].clone()))
        .collect();
    let headers = table.headers.clone();
    let mut warnings = Vec::new();
    if !attributes.is_empty() {
        let names: Vec<&str> = attributes.iter().map(|(_, h)| h.as_str()).collect();
        warnings.push(Note::info(NoteCode::ImportAttributes).with("columns", names));
    }
    let mut problems = Problems::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let (mut proposals, mut rows) = (Vec::new(), 0usize);
    for record in table.reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(
                    Error::new(Code::CsvMalformed, format!("row {line}: {e}")).with("row", line),
                );
                continue;
            }
        };
        rows += 1;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record_line(text.as_bytes(), &record, rows as u64 + 1);
        let cell = |i: usize| record.get(i).unwrap_or("");
        let name = |i: usize| headers[i].as_str();
        let mut ok = true;
        for c in [id_c, title_c] {
            if cell(c).is_empty() {
                problems.push(cell_error(
                    Code::BadInput,
                    line,
                    name(c),
                    "the cell is empty".into(),
                ));
                ok = false;
            }
        }
        let id = cell(id_c).to_string();
        if !id.is_empty() {
            if let Some(first) = seen.get(&id) {
                problems.push(
                    cell_error(
                        Code::DuplicateId,
                        line,
                        name(id_c),
                        format!("proposal {id:?} is also on row {first}"),
                    )
                    .with("proposalId", id.as_str())
                    .with("firstRow", *first),
                );
                ok = false;
            } else {
                seen.insert(id.clone(), line);
            }
        }
        let mut amount = |c: usize| -> Option<f64> {
            let raw = cell(c);
            let v = parse_dollars(raw);
            if v.is_none() {
                problems.push(
                    cell_error(
                        Code::InvalidAmount,
                        line,
                        name(c),
                        format!("{raw:?} is not a whole number of dollars"),
                    )
                    .with("value", raw),
                );
            }
            v
        };
        let requested = amount(req_c);
        let minimum = match min_c {
            Some(c) if !cell(c).is_empty() => Some(amount(c)),
            _ => None,
        };
        let (Some(requested), Some(minimum)) =
            (requested, minimum.map_or(Some(None), |m| m.map(Some)))
        else {
            continue;
        };
        if let (Some(m), Some(c)) = (minimum, min_c) {
            if m > requested {
                problems.push(
                    cell_error(
                        Code::InvalidAmount,
                        line,
                        name(c),
                        format!("the minimum {m} is above the amount requested {requested}"),
                    )
                    .with("value", m)
                    .with("requested", requested),
                );
                continue;
            }
        }
        if !ok {
            continue;
        }
        let text = |c: Option<usize>| c.map(cell).unwrap_or("").to_string();
        proposals.push(Proposal {
            id,
            title: cell(title_c).to_string(),
            applicant: text(app_c),
            community: text(com_c),
            amount_requested: requested,
            minimum_amount: minimum,
            toc_model_id: None,
            attributes: attributes
                .iter()
                .filter(|(i, _)| !cell(*i).is_empty())
                .map(|(i, h)| (h.clone(), cell(*i).to_string()))
                .collect::<BTreeMap<_, _>>(),
        });
    }
    Ok(ProposalsCsv {
        proposals,
        rows,
        errors: problems.errors,
        errors_not_listed: problems.more,
        warnings,
    })
}

/// Reads reviewers from CSV text: `id` required, `name` (the id when absent or empty) and
/// `conflicts` (proposal ids separated by `;` or `|`) optional. When `proposal_ids` is given,
/// a conflict naming another id is an [`Code::UnknownId`] error at its row and column.
///
/// # Errors
/// As [`parse_proposals_csv`].
///
/// # Examples
/// ```
/// let csv = "id,nombre,conflictos\nr1,Ana,p1; p2\nr2,Ben,\n";
/// let r = waterline::conditions::parse_reviewers_csv(csv, None).unwrap();
/// assert_eq!(r.reviewers.len(), 2);
/// assert_eq!(r.conflicts.len(), 2);
/// ```
pub fn parse_reviewers_csv(text: &str, proposal_ids: Option<&[String]>) -> Result<ReviewersCsv> {
    let mut table = Table::open(text, REVIEWER_HEADERS, &[Field::Id])?;
    let id_c = table.column(Field::Id).unwrap_or(0);
    let name_c = table.column(Field::Name);
    let conflicts_c = table.column(Field::Conflicts);
    let headers = table.headers.clone();
    let known: Option<HashSet<&str>> =
        proposal_ids.map(|ids| ids.iter().map(String::as_str).collect());
    let ignored: Vec<&str> = headers
        .iter()
        .zip(&table.fields)
        .filter(|(h, f)| f.is_none() && !h.is_empty())
        .map(|(h, _)| h.as_str())
        .collect();
    let mut warnings = Vec::new();
    if !ignored.is_empty() {
        warnings.push(Note::info(NoteCode::ImportColumnsIgnored).with("columns", ignored));
    }
    let mut problems = Problems::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let (mut reviewers, mut conflicts, mut rows) = (Vec::new(), Vec::new(), 0usize);
    for record in table.reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(
                    Error::new(Code::CsvMalformed, format!("row {line}: {e}")).with("row", line),
                );
                continue;
            }
        };
        rows += 1;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record_line(text.as_bytes(), &record, rows as u64 + 1);
        let cell = |i: usize| record.get(i).unwrap_or("");
        let id = cell(id_c).to_string();
        if id.is_empty() {
            problems.push(cell_error(
                Code::BadInput,
                line,
                &headers[id_c],
                "the cell is empty".into(),
            ));
            continue;
        }
        if let Some(first) = seen.get(&id) {
            problems.push(
                cell_error(
                    Code::DuplicateId,
                    line,
                    &headers[id_c],
                    format!("reviewer {id:?} is also on row {first}"),
                )
                .with("reviewerId", id.as_str())
                .with("firstRow", *first),
            );
            continue;
        }
        seen.insert(id.clone(), line);
        if let Some(c) = conflicts_c {
            let mut listed = HashSet::new();
            for p in cell(c)
                .split([';', '|'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                if known.as_ref().is_some_and(|k| !k.contains(p)) {
                    problems.push(
                        cell_error(
                            Code::UnknownId,
                            line,
                            &headers[c],
                            format!("reviewer {id:?} lists a conflict with proposal {p:?}, which is not in the round"),
                        )
                        .with("reviewerId", id.as_str())
                        .with("proposalId", p),
                    );
                } else if listed.insert(p) {
                    conflicts.push(Conflict {
                        reviewer_id: id.clone(),
                        proposal_id: p.to_string(),
                        reason: None,
                    });
                }
            }
        }
        let name = name_c.map(cell).filter(|n| !n.is_empty()).unwrap_or(&id);
        reviewers.push(Reviewer {
            name: name.to_string(),
            id,
        });
    }
    Ok(ReviewersCsv {
        reviewers,
        conflicts,
        rows,
        errors: problems.errors,
        errors_not_listed: problems.more,
        warnings,
    })
}
