//! Reading a codebook file: the header names the fields, every row is checked, and every
//! error names the codebook's line and field.

use super::{Codebook, Entry, MAX_ENTRIES};
use crate::error::{Code, Error, Result};
use crate::survey::declared::NonAnswerReason;
use crate::survey::labels::{fold, parse_number};

fn at(e: Error, line: u64, field: &str) -> Error {
    e.with("line", line).with("field", field)
}

/// Which field of the header is which: (column, code, label, label_es, missing).
type Fields = (usize, usize, usize, Option<usize>, Option<usize>);

fn header_fields(header: &[String]) -> Result<Fields> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&fold(h).replace([' ', '-'], "_").as_str()))
    };
    let need = |names: &[&str], name: &str| {
        find(names).ok_or_else(|| {
            Error::new(
                Code::BadInput,
                format!("the codebook's header has no \"{name}\" field (it needs column, code and label)"),
            )
            .with("line", 1u64)
            .with("field", name)
        })
    };
    Ok((
        need(&["column", "variable", "columna"], "column")?,
        need(&["code", "value", "codigo", "valor"], "code")?,
        need(&["label", "label_en", "etiqueta"], "label")?,
        find(&["label_es", "etiqueta_es", "spanish"]),
        find(&["missing", "non_answer", "perdido", "faltante"]),
    ))
}

fn missing_flag(flag: &str, label: &str, line: u64) -> Result<Option<NonAnswerReason>> {
    let f = fold(flag);
    if ["", "0", "no", "false", "answer"].contains(&f.as_str()) {
        return Ok(None);
    }
    if let Some(r) = NonAnswerReason::parse(flag) {
        return Ok(Some(r));
    }
    if ["1", "yes", "si", "true", "x", "missing"].contains(&f.as_str()) {
        return Ok(Some(
            NonAnswerReason::from_label(label).unwrap_or(NonAnswerReason::NotApplicable),
        ));
    }
    Err(at(
        Error::new(
            Code::BadInput,
            format!("line {line}: the missing flag \"{flag}\" is not empty, yes/no, or dont_know, not_applicable, declined, skipped"),
        )
        .with("value", flag),
        line,
        "missing",
    ))
}

/// Reads a codebook.
///
/// # Errors
/// [`Code::CsvEmpty`] without a header or rows; [`Code::CsvMalformed`] for bad quoting (with
/// its line); [`Code::BadInput`] for a missing header field, an empty column or label, or a bad
/// missing flag; [`Code::NotANumber`] for an answer's code that is not a number;
/// [`Code::DuplicateId`] for a column and code given twice; [`Code::TooLarge`] past
/// [`MAX_ENTRIES`] rows. Every error names `line` and `field`.
pub fn parse(text: &str) -> Result<Codebook> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(
                Error::new(
                    Code::CsvMalformed,
                    format!("the codebook cannot be read at line {line}"),
                ),
                line,
                "",
            )
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let fields: Vec<String> = rec.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, fields));
        if rows.len() > MAX_ENTRIES + 1 {
            return Err(Error::new(
                Code::TooLarge,
                format!("a codebook holds at most {MAX_ENTRIES} rows"),
            )
            .with("limit", MAX_ENTRIES));
        }
    }
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(Error::new(Code::CsvEmpty, "the codebook is empty"));
    };
    if body.is_empty() {
        return Err(Error::new(
            Code::CsvEmpty,
            "the codebook has a header but no rows",
        ));
    }
    let (fc, fcode, fl, fes, fmiss) = header_fields(header)?;
    let mut book = Codebook::default();
    for (line, f) in body {
        let get = |i: usize| f.get(i).cloned().unwrap_or_default();
        if f.iter().skip(header.len()).any(|x| !x.is_empty()) {
            return Err(at(
                Error::new(
                    Code::BadInput,
                    format!(
                        "line {line}: {} fields, but the header names {}",
                        f.len(),
                        header.len()
                    ),
                )
                .with("fields", f.len()),
                *line,
                "",
            ));
        }
        let (column, code, label) = (get(fc), get(fcode), get(fl));
        for (value, name) in [(&column, "column"), (&code, "code")] {
            if value.is_empty() {
                return Err(at(
                    Error::new(Code::BadInput, format!("line {line}: the {name} is empty")),
                    *line,
                    name,
                ));
            }
        }
        let flag = fmiss.map(get).unwrap_or_default();
        let missing = missing_flag(&flag, &label, *line)?;
        if missing.is_none() && parse_number(&code, false).is_none() {
            return Err(at(
                Error::new(
                    Code::NotANumber,
                    format!("line {line}: the code \"{code}\" is not a number"),
                )
                .with("value", code.as_str()),
                *line,
                "code",
            ));
        }
        if missing.is_none() && label.is_empty() {
            return Err(at(
                Error::new(Code::BadInput, format!("line {line}: the label is empty")),
                *line,
                "label",
            ));
        }
        let same = |e: &Entry| {
            fold(&e.column) == fold(&column)
                && (e.code == code
                    || parse_number(&e.code, false)
                        .is_some_and(|x| parse_number(&code, false) == Some(x)))
        };
        if let Some(prev) = book.entries.iter().find(|e| same(e)) {
            return Err(at(
                Error::new(
                    Code::DuplicateId,
                    format!(
                        "line {line}: column \"{column}\", code {code} was already given on line {}",
                        prev.line
                    ),
                )
                .with("value", code.as_str())
                .with("firstLine", prev.line),
                *line,
                "code",
            ));
        }
        book.entries.push(Entry {
            column,
            code,
            label,
            label_es: fes.map(get).unwrap_or_default(),
            missing,
            line: *line,
        });
    }
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line_and_field() {
        let e = parse("column,code,label\nQ1,1,Yes\nQ1,one,No\n").unwrap_err();
        assert_eq!(e.code, Code::NotANumber);
        assert_eq!(e.details["line"], crate::error::Detail::Number(3.0));
        assert_eq!(
            e.details["field"],
            crate::error::Detail::Text("code".into())
        );
        let e = parse("column,code,label\nQ1,1,Yes\nQ1,1.0,No\n").unwrap_err();
        assert_eq!(e.code, Code::DuplicateId);
        let e = parse("variable,label\nQ1,Yes\n").unwrap_err();
        assert_eq!(
            e.details["field"],
            crate::error::Detail::Text("code".into())
        );
        let e = parse("column,code,label\nQ1,9,Don't know,No sé\n").unwrap_err();
        assert_eq!(e.details["line"], crate::error::Detail::Number(2.0));
        let e = parse("column,code,label,missing\nQ1,9,Don't know,perhaps\n").unwrap_err();
        assert_eq!(
            e.details["field"],
            crate::error::Detail::Text("missing".into())
        );
    }
}
