//! Category items (a declared list of categories: a county, a program, a language spoken at
//! home) as the page's report gives them: answers per category with Wilson intervals and the
//! page's sentence (the five most chosen), and their breakdowns by each group column. Likert,
//! yes/no and change items whose scale has no codes (a label-written export) are read the same
//! way (planned here by [`crate::report::plan_survey`]), with the page's top box and mean.
//!
//! A category cell may be a label ("Fresno"), an alias, a bilingual label, a declared code or a
//! non-answer, so the cells are not matched here: `wl_texts` ([`crate::texts`]) counts the rows
//! of each distinct cell text, for every counted item in one aggregation (merged across files
//! and partitions like any count), and the page's own importer (`Dataset::build`) decodes each distinct text
//! once — a table holding each text once, read with the survey's mapping. The counts per point
//! are then finished by the page's `describe::point_item` and `describe::finish`, exactly as
//! the page's report finishes them.

use crate::finish::point_out;
use crate::report::column;
use datafusion::arrow::array::{Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use std::collections::HashMap;
use waterline::stats::summary::PointCounts;
use waterline::survey::dataset::Dataset;
use waterline::survey::instrument::{Item, ItemType};
use waterline::survey::mapping::Mapping;
use waterline::survey::table::read_bytes;
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;

/// A category item and the column its cells are in.
#[derive(Debug, Clone)]
pub struct PlannedCategory {
    pub item: Item,
    pub column: String,
}

/// The survey's category items with points and a column in the files.
pub fn plan_categories(survey: &Survey) -> Vec<PlannedCategory> {
    plan_items(survey, |i| {
        i.kind == ItemType::Category && !i.points.is_empty()
    })
}

/// The survey's items that `keep` accepts and whose column is in the files.
pub fn plan_items(survey: &Survey, keep: impl Fn(&Item) -> bool) -> Vec<PlannedCategory> {
    let ins = &survey.mapping().instrument;
    let header = |key: &str| {
        survey
            .table()
            .columns
            .iter()
            .find(|c| c.key == key || c.header == key)
            .map(|c| c.header.clone())
    };
    ins.items
        .iter()
        .filter(|i| keep(i))
        .filter_map(|i| {
            Some(PlannedCategory {
                item: i.clone(),
                column: header(i.column.as_deref()?)?,
            })
        })
        .collect()
}

/// Most distinct texts decoded in one table: well under the importer's row limit (250,000), so
/// that a numeric column with millions of distinct answers is decoded in pieces.
pub const DECODE_ROWS: usize = 100_000;

/// Decodes distinct cell texts with the page's importer and the survey's mapping.
#[derive(Debug, Clone)]
pub struct Decoder {
    headers: Vec<String>,
    mapping: Mapping,
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Decoder {
    /// The decoder of a survey read from the first file's head. Ids, waves, pairs and weights
    /// are left out of its mapping: each text is decoded alone, not as a respondent.
    pub fn new(survey: &Survey) -> Self {
        let mut mapping = survey.mapping().clone();
        mapping.respondent_id = None;
        mapping.weight = None;
        mapping.raking = None;
        mapping.instrument.waves = None;
        // Pairs neither: a pre/post pair of one item across waves is invalid without waves.
        mapping.instrument.pairs.clear();
        Decoder {
            headers: survey
                .table()
                .columns
                .iter()
                .map(|c| c.header.clone())
                .collect(),
            mapping,
        }
    }

    /// The point of `item` each text is (`None`: missing, a non-answer or no category), as the
    /// page's importer decodes it.
    ///
    /// # Errors
    /// The importer's, as text (a table it cannot read back).
    pub fn points(
        &self,
        item: &Item,
        col: &str,
        texts: &[String],
    ) -> Result<Vec<Option<usize>>, String> {
        Ok(self
            .values(item, col, texts)?
            .iter()
            .map(|v| item.points.iter().position(|p| p.value == *v))
            .collect())
    }

    /// The value of every row from its text (`NaN` for a blank one), each distinct text
    /// decoded once by [`Decoder::values`].
    ///
    /// # Errors
    /// Those of [`Decoder::values`].
    pub fn row_values(&self, item: &Item, col: &str, texts: &[&str]) -> Result<Vec<f64>, String> {
        let mut distinct: Vec<String> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let at: Vec<Option<usize>> = texts
            .iter()
            .map(|t| {
                (!t.trim().is_empty()).then(|| {
                    *index.entry(t).or_insert_with(|| {
                        distinct.push(t.to_string());
                        distinct.len() - 1
                    })
                })
            })
            .collect();
        let values = self.values(item, col, &distinct)?;
        Ok(at
            .into_iter()
            .map(|k| k.and_then(|k| values.get(k).copied()).unwrap_or(f64::NAN))
            .collect())
    }

    /// The value the page's importer gives each text of `item`'s column (`NaN`: missing, a
    /// non-answer, out of range or unreadable).
    ///
    /// # Errors
    /// The importer's, as text (a table it cannot read back).
    pub fn values(&self, item: &Item, col: &str, texts: &[String]) -> Result<Vec<f64>, String> {
        let k = self.index(item)?;
        let mut out = Vec::with_capacity(texts.len());
        for part in texts.chunks(DECODE_ROWS) {
            let d = self.dataset(item, col, part)?;
            let values = d.values.get(k).filter(|v| v.len() == part.len());
            let values = values.ok_or(format!("{}: the cells could not be read back", item.id))?;
            out.extend_from_slice(values);
        }
        Ok(out)
    }

    /// A multi-select item's choices in each text, per choice: 1 chosen, 0 not, `NaN` for a
    /// text that is no answer (the page's importer).
    ///
    /// # Errors
    /// The importer's, as text (a table it cannot read back).
    pub fn choices(
        &self,
        item: &Item,
        col: &str,
        texts: &[String],
    ) -> Result<Vec<Vec<f64>>, String> {
        let k = self.index(item)?;
        let mut out: Vec<Vec<f64>> = vec![Vec::with_capacity(texts.len()); item.choices.len()];
        for part in texts.chunks(DECODE_ROWS) {
            let d = self.dataset(item, col, part)?;
            let choices = d
                .choices
                .get(k)
                .filter(|c| c.len() == out.len() && c.iter().all(|c| c.len() == part.len()));
            let choices =
                choices.ok_or(format!("{}: the cells could not be read back", item.id))?;
            for (o, c) in out.iter_mut().zip(choices) {
                o.extend_from_slice(c);
            }
        }
        Ok(out)
    }

    fn index(&self, item: &Item) -> Result<usize, String> {
        let items = &self.mapping.instrument.items;
        let k = items.iter().position(|i| i.id == item.id);
        k.ok_or(item.id.clone())
    }

    /// A multi-select item with one column per choice (`cols`, in the choices' order): per
    /// choice, 1 chosen, 0 not, `NaN` for no answer, for each row of texts (`rows[r][j]`: the
    /// text of `cols[j]`; a row of blank texts is no answer).
    ///
    /// # Errors
    /// The importer's, as text (a table it cannot read back).
    pub fn choice_rows(
        &self,
        item: &Item,
        cols: &[&str],
        rows: &[Vec<&str>],
    ) -> Result<Vec<Vec<f64>>, String> {
        let k = self.index(item)?;
        let blank = |r: &Vec<&str>| r.iter().all(|t| t.trim().is_empty());
        // The importer skips a row of blank cells: those are decoded apart (no answer).
        let answered: Vec<Vec<&str>> = rows.iter().filter(|r| !blank(r)).cloned().collect();
        let mut decoded: Vec<Vec<f64>> = vec![Vec::new(); item.choices.len()];
        for part in answered.chunks(DECODE_ROWS) {
            let d = self.dataset_of(item, cols, part)?;
            let choices = (d.choices.get(k))
                .filter(|c| c.len() == decoded.len() && c.iter().all(|c| c.len() == part.len()));
            let choices =
                choices.ok_or(format!("{}: the cells could not be read back", item.id))?;
            for (o, c) in decoded.iter_mut().zip(choices) {
                o.extend_from_slice(c);
            }
        }
        let mut at = 0;
        let mut out: Vec<Vec<f64>> = vec![Vec::with_capacity(rows.len()); decoded.len()];
        for r in rows {
            let answered = !blank(r);
            for (o, d) in out.iter_mut().zip(&decoded) {
                o.push(if answered { d[at] } else { f64::NAN });
            }
            at += usize::from(answered);
        }
        Ok(out)
    }

    /// The page's dataset of a table holding each text once in `col`.
    fn dataset(&self, item: &Item, col: &str, texts: &[String]) -> Result<Dataset, String> {
        let rows: Vec<Vec<&str>> = texts.iter().map(|t| vec![t.as_str()]).collect();
        self.dataset_of(item, &[col], &rows)
    }

    /// The page's dataset of a table holding each row of texts once in `cols`.
    fn dataset_of(
        &self,
        item: &Item,
        cols: &[&str],
        rows: &[Vec<&str>],
    ) -> Result<Dataset, String> {
        let at = (cols.iter())
            .map(|c| {
                self.headers
                    .iter()
                    .position(|h| h == c)
                    .ok_or(c.to_string())
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.index(item)?;
        let mut csv = self
            .headers
            .iter()
            .map(|h| quoted(h))
            .collect::<Vec<_>>()
            .join(",");
        csv.push('\n');
        for r in rows {
            let mut cells = vec![String::new(); self.headers.len()];
            for (a, t) in at.iter().zip(r) {
                cells[*a] = quoted(t);
            }
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let table = read_bytes(csv.as_bytes(), &ReadOptions::default()).map_err(|e| e.message)?;
        Dataset::build(&table, &self.mapping).map_err(|e| e.message)
    }
}

/// An item as counted, and the point of each counted row (`None`: no category).
pub type Resolved = (Item, Vec<Option<usize>>);

/// Whether the head of column `header` holds a cell that is not a number (a label such as
/// "Agree", or a non-answer): `wl_counts` reads numbers only, so a coded item written so is read
/// by the page's importer here instead, as the page reads it.
pub fn has_labels(survey: &Survey, header: &str) -> bool {
    let t = survey.table();
    let at = t.columns.iter().position(|c| c.header == header);
    at.and_then(|c| t.dicts.get(c)).is_some_and(|d| {
        (d.values.iter().enumerate())
            .filter(|(k, _)| d.counts.get(*k).is_some_and(|n| *n > 0))
            .any(|(_, v)| !v.trim().is_empty() && v.trim().parse::<f64>().is_err())
    })
}

/// Rows of a `(group, wave, cell, n)` aggregation (`wave`: the wave's index in the
/// instrument's order, `None` without waves or for a row of no wave).
pub type Counted = Vec<(Option<String>, Option<usize>, String, u64)>;

fn text_at(a: &dyn Array, row: usize) -> Option<String> {
    let a = a.as_any().downcast_ref::<StringArray>()?;
    (!a.is_null(row)).then(|| a.value(row).to_string())
}

/// Every column's counted rows in one aggregation: `GROUP BY [group,] [wave]` with
/// `wl_texts(column)` per column (`wave`: the expression of a row's wave index,
/// [`crate::waves::PlannedWaves::key`]); empty cells (null) are left out. One pass over the
/// files for all the columns.
///
/// # Errors
/// DataFusion's, as text.
pub async fn count_all(
    df: &DataFrame,
    group: Option<&str>,
    wave: Option<&Expr>,
    cells: &[String],
) -> Result<HashMap<String, Counted>, String> {
    let mut out: HashMap<String, Counted> = HashMap::new();
    if cells.is_empty() {
        return Ok(out);
    }
    let mut by: Vec<Expr> = Vec::new();
    if let Some(g) = group {
        by.push(column(g).alias("group"));
    }
    if let Some(w) = wave {
        by.push(w.clone().alias("wave"));
    }
    let batches = df
        .clone()
        .aggregate(by, texts_of(cells))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    read_texts(&batches, cells, &mut out);
    Ok(out)
}

/// `wl_texts` of each column (or "before␟after" pair of columns), as `t0`, `t1`, …
pub fn texts_of(cells: &[String]) -> Vec<Expr> {
    let texts = AggregateUDF::from(crate::texts::WlTexts::default());
    cells
        .iter()
        .enumerate()
        .map(|(k, c)| {
            // "before␟after": the pair of columns of a numeric pair ([`crate::pairs`]); "a␟b␟…":
            // the choice columns of a multi-select item ([`crate::choice_columns`]).
            let args = c.split(crate::texts::SEP).map(column).collect();
            texts.call(args).alias(format!("t{k}"))
        })
        .collect()
}

/// The counted rows of [`texts_of`]'s columns in an aggregation's batches (keys `group` and
/// `wave` when grouped by them).
pub fn read_texts(
    batches: &[datafusion::arrow::array::RecordBatch],
    cells: &[String],
    out: &mut HashMap<String, Counted>,
) {
    for b in batches {
        let group = b
            .column_by_name("group")
            .and_then(|a| cast(a, &DataType::Utf8).ok());
        let wave = b.column_by_name("wave");
        let wave = wave.and_then(|w| w.as_any().downcast_ref::<Int64Array>());
        for (k, c) in cells.iter().enumerate() {
            let Some(col) = b.column_by_name(&format!("t{k}")) else {
                continue;
            };
            let rows = out.entry(c.clone()).or_default();
            for row in 0..b.num_rows() {
                let g = group.as_ref().and_then(|g| text_at(g.as_ref(), row));
                let w = wave
                    .filter(|w| !w.is_null(row))
                    .map(|w| w.value(row) as usize);
                for (text, n) in crate::texts::read(col.as_ref(), row) {
                    rows.push((g.clone(), w, text, n));
                }
            }
        }
    }
}

/// One column's counted rows ([`count_all`]).
///
/// # Errors
/// DataFusion's, as text.
pub async fn count_cells(
    df: &DataFrame,
    group: Option<&str>,
    wave: Option<&Expr>,
    cell: &str,
) -> Result<Counted, String> {
    let mut all = count_all(df, group, wave, &[cell.to_string()]).await?;
    Ok(all.remove(cell).unwrap_or_default())
}

/// The distinct texts of counted rows and the point of each row's text.
///
/// # Errors
/// [`Decoder::points`]'.
pub fn decode(
    decoder: &Decoder,
    c: &PlannedCategory,
    rows: &Counted,
) -> Result<Vec<Option<usize>>, String> {
    let mut texts: Vec<String> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut at = Vec::with_capacity(rows.len());
    for (_, _, t, _) in rows {
        // A cell of spaces is empty to the page's importer (and would be a blank row here).
        if t.trim().is_empty() {
            at.push(None);
            continue;
        }
        let k = *index.entry(t.as_str()).or_insert_with(|| {
            texts.push(t.clone());
            texts.len() - 1
        });
        at.push(Some(k));
    }
    let points = decoder.points(&c.item, &c.column, &texts)?;
    Ok(at
        .into_iter()
        .map(|k| k.and_then(|k| points.get(k).copied().flatten()))
        .collect())
}

/// The item as counted and the point of each counted row: a confirmed item (a codebook's) as
/// declared, its cells decoded by the page's importer; a detected one with its categories
/// found over every file by the page's rule (as the subgroup tables find a group's levels,
/// [`crate::subgroup`]; over `seen`, every row before the duplicate policy, when it left
/// rows out). `None` when the cells have too many categories to be one.
///
/// # Errors
/// [`Decoder::points`]'.
pub fn resolve(
    decoder: &Decoder,
    c: &PlannedCategory,
    rows: &Counted,
    seen: Option<&Counted>,
    first: &[String],
) -> Result<Option<(Resolved, bool)>, String> {
    if c.item.confirmed || c.item.kind != ItemType::Category {
        return Ok(Some(((c.item.clone(), decode(decoder, c, rows)?), false)));
    }
    let mut cells: crate::subgroup::Cells = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let at: Vec<usize> = rows
        .iter()
        .map(|(_, _, t, n)| {
            let k = *index.entry(t.as_str()).or_insert_with(|| {
                cells.push((Some(t.clone()), 0, Vec::new()));
                cells.len() - 1
            });
            cells[k].1 += n;
            k
        })
        .collect();
    let g = crate::subgroup::PlannedGroup {
        item: c.item.clone(),
        column: c.column.clone(),
    };
    let Some((labels, of, guessed)) = crate::duplicates::levels(&g, &cells, seen, first) else {
        return Ok(None);
    };
    let item = crate::subgroup::group_item(&c.item, &labels);
    Ok(Some((
        (item, at.into_iter().map(|k| of[k]).collect()),
        guessed,
    )))
}

/// Adds every category item to each group of the report (`by`: the grouping column, or none;
/// a detected item's categories are found among each group's rows, as the page's report of
/// those rows finds them) — per wave when the survey has waves, with the first-against-last
/// wave comparison; an item with too many categories goes to `skipped` (`category_levels`).
///
/// # Errors
/// The decoder's, as text.
pub fn add(
    counted: &HashMap<String, Counted>,
    plan: &crate::report::Plan,
    by: Option<&str>,
    groups: &mut [crate::report::GroupOut],
    lang: Lang,
    skipped: &mut Vec<(String, &'static str)>,
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    let waves = plan.waves.as_ref();
    for c in &plan.categories {
        let Some(all) = counted.get(&c.column) else {
            continue;
        };
        for g in groups.iter_mut() {
            // The group's rows alone: the page's report of them finds a detected item's
            // categories among them.
            let rows: Counted = all
                .iter()
                .filter(|(group, ..)| by.is_none() || *group == g.group)
                .cloned()
                .collect();
            let seen = crate::duplicates::seen(plan, &c.column, by.map(|_| &g.group));
            // Equal counts in the order the group's rows first show them, as on the page.
            let first = plan.first(&c.column, by.map(|b| (b, g.group.as_deref())));
            let Some(((item, points), guessed)) =
                resolve(decoder, c, &rows, seen.as_ref(), &first)?
            else {
                skipped.push((c.item.id.clone(), "category_levels"));
                continue;
            };
            if guessed
                && !skipped
                    .iter()
                    .any(|s| s.0 == c.item.id && s.1 == "category_ties")
            {
                skipped.push((c.item.id.clone(), "category_ties"));
            }
            let counts_in = |slot: Option<usize>| {
                let mut counts = PointCounts::new(item.points.iter().map(|p| p.value).collect());
                for ((_, w, _, n), p) in rows.iter().zip(&points) {
                    if slot.is_some() && *w != slot {
                        continue;
                    }
                    if let Some(x) = p.and_then(|p| counts.counts.get_mut(p)) {
                        *x += n;
                    }
                }
                counts
            };
            match waves {
                None => g
                    .items
                    .push(point_out(&item, &counts_in(None), g.rows, None, lang)),
                Some(w) => {
                    let per_wave: Vec<PointCounts> = (0..w.waves.order.len())
                        .map(|k| counts_in(Some(k)))
                        .collect();
                    crate::waves::finish_item(g, &item, &per_wave, w, lang);
                }
            }
        }
    }
    crate::waves::sort(plan, groups);
    Ok(())
}
