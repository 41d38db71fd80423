//! [`Survey`]: a loaded export with its mapping and decoded data — the state the page keeps
//! between "load", "edit mapping" and "report".

use super::dataset::Dataset;
use super::detect::detect;
use super::duplicates::DuplicatePolicy;
use super::encoding::EncodingInfo;
use super::header_rows::{export_values, ExportValues};
use super::issues::{ColumnMissing, Issue};
use super::mapping::Mapping;
use super::report::{report, Report, ReportOptions};
use super::table::{read, read_bytes, Column, ReadOptions, Shape, Table};
use crate::error::{Code, Error, Result};
use serde::Serialize;

/// What the import found: the file's shape and every problem, for the page's import panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyImportSummary"))]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// The detected header shape.
    pub shape: Shape,
    /// The delimiter used (`","`, `";"` or a tab).
    pub delimiter: String,
    /// The character encoding used and how it was chosen.
    pub encoding: EncodingInfo,
    /// Data rows in the file.
    pub rows: usize,
    /// Data rows analysed: `rows` less those the duplicate policy leaves out.
    pub rows_analysed: usize,
    /// The duplicate-id policy applied.
    pub duplicates: DuplicatePolicy,
    /// Columns in the file.
    pub columns: usize,
    /// What the header rows say of each column (question id, sub-question or choice text,
    /// text entry), in file order.
    pub headers: Vec<Column>,
    /// Qualtrics: whether the cells hold choice text or numeric recode values.
    pub export_values: Option<ExportValues>,
    /// Rows with every field empty; skipped.
    pub blank_rows: u64,
    /// Text of the `#` lines before the header (e.g. "synthetic: true").
    pub notes: Vec<String>,
    /// Cells and rows that could not be read.
    pub issues: Vec<Issue>,
    /// Missing cells per item column, by reason.
    pub missing: Vec<ColumnMissing>,
}

/// A survey export loaded in memory.
#[derive(Debug, Clone)]
pub struct Survey {
    table: Table,
    mapping: Mapping,
    data: Dataset,
}

impl Survey {
    /// Reads a CSV export and applies the detected mapping.
    ///
    /// # Errors
    /// Those of [`read`] (`too_large`, `csv_empty`, `csv_malformed`, `bad_input`);
    /// [`Code::Internal`] if detection proposes an invalid mapping (a bug).
    ///
    /// # Examples
    /// ```
    /// use waterline::survey::{Survey, ReadOptions};
    /// let csv = "Timestamp,I know resources / Conozco recursos\n2020-01-10,Agree\n2020-01-11,Muy de acuerdo\n2020-01-12,En desacuerdo\n";
    /// let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    /// let item = &s.mapping().instrument.items[0];
    /// assert_eq!(item.text.es, "Conozco recursos");
    /// // Nobody chose a neutral answer: a 4-point scale, disagree 2, agree 3, strongly agree 4.
    /// assert_eq!(s.data().values[0], vec![3.0, 4.0, 2.0]);
    /// ```
    pub fn from_csv(text: &str, options: &ReadOptions) -> Result<Survey> {
        Self::from_table(read(text, options)?)
    }

    /// Reads a CSV export from the file's bytes and applies the detected mapping. The
    /// encoding is detected (byte-order mark, valid UTF-8, else Windows-1252) unless
    /// [`ReadOptions::encoding`] names one.
    ///
    /// # Errors
    /// Those of [`Survey::from_csv`], and `bad_input` for an unknown encoding.
    ///
    /// # Examples
    /// ```
    /// use waterline::survey::{EncodingSource, ReadOptions, Survey};
    /// // Excel's plain "CSV" in a Spanish locale: Windows-1252, where "í" is the byte 0xED.
    /// let bytes = b"\xbfParticip\xf3?;Edad\nS\xed;30\nNo;41\n";
    /// let s = Survey::from_bytes(bytes, &ReadOptions::default()).unwrap();
    /// let info = s.issues();
    /// assert_eq!((info.encoding.name, info.encoding.source), ("windows-1252", EncodingSource::Fallback));
    /// assert_eq!(s.table().columns[0].header, "¿Participó?");
    /// ```
    pub fn from_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Survey> {
        Self::from_table(read_bytes(bytes, options)?)
    }

    fn from_table(table: Table) -> Result<Survey> {
        let mapping = detect(&table);
        let data = Dataset::build(&table, &mapping).map_err(|e| {
            Error::new(
                Code::Internal,
                format!("the detected mapping is invalid (a bug): {}", e.message),
            )
        })?;
        Ok(Survey {
            table,
            mapping,
            data,
        })
    }

    /// The current mapping, with its column summary.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Applies an edited mapping. On error the previous mapping stays in place.
    ///
    /// # Errors
    /// Those of [`Mapping::validate`]: `duplicate_id`, `unknown_id`, `unknown_column`,
    /// `invalid_instrument`, `too_large`.
    pub fn set_mapping(&mut self, mut mapping: Mapping) -> Result<()> {
        let data = Dataset::build(&self.table, &mapping)?;
        mapping.summarize(&self.table);
        self.mapping = mapping;
        self.data = data;
        Ok(())
    }

    /// Applies another duplicate-id policy to every analysis. Never fails: the mapping was
    /// already valid.
    ///
    /// # Errors
    /// [`Code::Internal`] if the current mapping no longer applies (a bug).
    pub fn set_duplicates(&mut self, policy: DuplicatePolicy) -> Result<()> {
        let previous = self.table.duplicates;
        self.table.duplicates = policy;
        match Dataset::build(&self.table, &self.mapping) {
            Ok(data) => {
                self.data = data;
                Ok(())
            }
            Err(e) => {
                self.table.duplicates = previous;
                Err(Error::new(
                    Code::Internal,
                    format!(
                        "the current mapping no longer applies (a bug): {}",
                        e.message
                    ),
                ))
            }
        }
    }

    /// The import summary: shape, notes, issues and missing counts under the current mapping.
    pub fn issues(&self) -> ImportSummary {
        ImportSummary {
            shape: self.table.shape,
            delimiter: self.table.delimiter.to_string(),
            encoding: self.table.encoding.clone(),
            rows: self.table.rows(),
            rows_analysed: self.data.rows,
            duplicates: self.table.duplicates,
            columns: self.table.columns.len(),
            headers: self.table.columns.clone(),
            export_values: export_values(&self.table),
            blank_rows: self.table.blank_rows,
            notes: self.table.notes.clone(),
            issues: self.data.issues.clone(),
            missing: self.data.missing.clone(),
        }
    }

    /// The full report under the current mapping.
    ///
    /// # Errors
    /// [`Code::LevelOutOfRange`], [`Code::ParameterOutOfRange`] or [`Code::UnknownId`] for
    /// bad options. Statistics that cannot be computed (too few pairs, no variation) are not
    /// errors: their result says why in `warnings`.
    pub fn report(&self, options: &ReportOptions) -> Result<Report> {
        report(&self.mapping.instrument, &self.data, options)
    }

    /// The decoded data.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The table as read.
    pub fn table(&self) -> &Table {
        &self.table
    }
}
