//! Reading the files: every file as one DataFusion table of text columns, and the head of the
//! first file (for the page's importer and the codebook).

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, DataFrame, SessionContext};

/// Bytes of the first file read to detect its columns and apply the codebook (its header and
/// the first rows; the data itself is read by DataFusion).
pub const HEAD_BYTES: usize = 1 << 20;

/// Every file as one table whose columns are all text (the scale decides what a cell is, not
/// DataFusion's type inference).
///
/// # Errors
/// DataFusion's, as text (a missing file, files whose headers differ).
pub async fn read(ctx: &SessionContext, files: &[String]) -> Result<DataFrame, String> {
    let first = files.first().ok_or("no data files")?;
    let inferred = ctx
        .read_csv(first.as_str(), CsvReadOptions::new())
        .await
        .map_err(|e| e.to_string())?;
    let fields: Vec<Field> = inferred
        .schema()
        .fields()
        .iter()
        .map(|f| Field::new(f.name(), DataType::Utf8, true))
        .collect();
    let schema = Schema::new(fields);
    ctx.read_csv(files.to_vec(), CsvReadOptions::new().schema(&schema))
        .await
        .map_err(|e| e.to_string())
}

/// The first [`HEAD_BYTES`] of a file, cut after its last complete line.
///
/// # Errors
/// The file's, as text.
pub fn read_head(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut buf = vec![0; HEAD_BYTES];
    let mut got = 0;
    loop {
        let r = f
            .read(&mut buf[got..])
            .map_err(|e| format!("{path}: {e}"))?;
        if r == 0 {
            break;
        }
        got += r;
        if got == buf.len() {
            break;
        }
    }
    buf.truncate(got);
    if got == HEAD_BYTES {
        if let Some(end) = buf.iter().rposition(|b| *b == b'\n') {
            buf.truncate(end + 1);
        }
    }
    Ok(buf)
}
