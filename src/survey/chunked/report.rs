//! The whole survey report read in chunks (#22): [`ChunkedReport`] gives the same
//! [`Report`] as [`crate::survey::report::report`] on the whole file, section by section
//! through the mergeable summaries and the report's own finishing functions (one
//! implementation: the in-memory report calls the same `from_table`, `from_state`,
//! `from_matched`, `compare_one` and `assemble`).
//!
//! Memory, besides one chunk and the unfinished record:
//! - per item and wave, the counts per point (or per choice); numeric items, 16 bytes per
//!   distinct value;
//! - per subgroup table, the group × point counts; per scale, its k × k co-moments;
//! - per respondent with an id: the id's text once (interned, about 40 bytes plus its
//!   length) and an entry of the repeated-id set, (id, wave) → piece (about 24 bytes);
//!   measured with the hash tables' spare capacity: about 140 bytes per respondent (200,000
//!   respondents of the parent example, +28 MiB peak RSS; `tests/survey_chunked.rs`,
//!   `memory_chunked_report`);
//! - per pair of items measured twice: same-row pairs of point items, a count per distinct
//!   (before, after); other same-row pairs, 16 bytes per complete pair; pairs
//!   matched across waves by id, 16 bytes per first-wave row and 12 bytes per second-wave
//!   row (the before code of every id not yet matched, the after code of every second-wave
//!   row, until the end, because the in-memory report pairs each second-wave row with the
//!   *last* first-wave row of its id, wherever it comes in the file).
//!
//! What is not streamed, and so withheld with a coded error instead of a different number:
//! survey weights (the weighting summary is computed over the whole file: `bad_input` with
//! `details.what = "weights"`), and an id repeated in two pieces under a policy that drops
//! rows (`keep_first`, `keep_last`, `drop_all`: the piece that held the dropped copy is
//! already counted; `duplicate_respondent` with `details.id` and `details.policy`; with
//! `keep_all` every row counts and the report is the same). Subgroup tables are checked
//! against [`crate::survey::report::MAX_SUBGROUP_TABLES`] only: the in-memory limit on
//! group × item × row cells bounds its time on one file, not the streamed read.
//!
//! Floating point: one reader fed in file order gives the in-memory report bit for bit
//! (counts exact; numbers, scale scores and co-moments summed in the same order). Merged
//! readers: counts and ranks exact; means, sds and alpha to ~1e-15 relative (pairwise
//! update).

use super::state::{add_missing, id_text, ItemState, PairState, Values};
use super::Reader;
use crate::error::{Code, Error, Result};
use crate::stats::summary::{Merge, RankSumTable};
use crate::survey::dataset::{Dataset, NO_WAVE};
use crate::survey::instrument::{Design, ItemType};
use crate::survey::issues::ColumnMissing;
use crate::survey::mapping::Mapping;
use crate::survey::report::describe::{missing_reasons, PointIndex};
use crate::survey::report::scales::{self, ScaleState};
use crate::survey::report::{
    assemble, grouping_rows, shift, subgroup, waves, Exclusion, Report, ReportOptions, Sections,
};
use crate::survey::table::{ReadOptions, Table};
use crate::survey::DuplicatePolicy;
use std::collections::HashMap;

/// A point item's (or a number's) answers in the first and the last wave.
#[derive(Debug, Clone)]
struct Compare {
    /// Answers in the first and the last wave.
    n: (u64, u64),
    /// Point items: the wave × point table (row 0 first wave, row 1 last).
    table: Option<RankSumTable>,
    /// Numeric items: the answers of the two waves.
    numbers: Option<(Values, Values)>,
}

/// The survey report of a file read in chunks. See the module documentation for its memory
/// and what it withholds.
#[derive(Debug, Clone)]
pub struct ChunkedReport {
    mapping: Mapping,
    options: ReportOptions,
    reader: Reader,
    /// Subgroup tables: (grouping item, item) indices.
    tables: Vec<(usize, usize)>,
    /// Whether the rows carry waves (decided by the first piece).
    has_waves: Option<bool>,
    rows: u64,
    /// Rows per wave (one slot without waves).
    wave_rows: Vec<u64>,
    /// Per item (Text items: none), per wave slot.
    items: Vec<Vec<ItemState>>,
    missing: Vec<ColumnMissing>,
    compare: Vec<Option<Compare>>,
    pairs: Vec<PairState>,
    subgroups: Vec<RankSumTable>,
    scales: Vec<ScaleState>,
    /// Interned respondent ids, one copy of each text (0: no id).
    id_index: HashMap<Box<str>, u32>,
    /// (id, wave) → the piece it was first seen in.
    seen: HashMap<(u32, u16), u32>,
    pieces: u32,
    /// An id found in two pieces.
    repeated: Option<String>,
}

impl ChunkedReport {
    /// A reader that applies `mapping` to every piece and reports with `options`.
    ///
    /// # Errors
    /// The report's option errors ([`ReportOptions::check`], grouping items); `bad_input`
    /// (`what`: `weights`) when the mapping declares survey weights.
    pub fn new(mapping: Mapping, read: ReadOptions, options: ReportOptions) -> Result<Self> {
        options.check()?;
        if mapping.weight.is_some() || mapping.raking.is_some() {
            return Err(Error::new(
                Code::BadInput,
                "a weighted survey cannot be reported in chunks yet: the weights' summary needs the whole file",
            )
            .with("what", "weights"));
        }
        let ins = &mapping.instrument;
        let groups = grouping_rows(ins, 0.0, &options)?;
        let tables = subgroup::tables(ins, &groups);
        let subgroups = tables
            .iter()
            .filter_map(|(g, k)| Some(subgroup::table(ins.items.get(*k)?, ins.items.get(*g)?)))
            .collect();
        let scales = scales::reported(ins)
            .map(|s| ScaleState::new(s.items.len()))
            .collect();
        let pairs = ins
            .pairs
            .iter()
            .map(|p| {
                let counted = ins.item(&p.before).is_some_and(|i| {
                    matches!(
                        i.kind,
                        ItemType::Binary | ItemType::Likert | ItemType::Change
                    )
                });
                PairState {
                    table: counted.then(HashMap::new),
                    ..PairState::default()
                }
            })
            .collect();
        Ok(ChunkedReport {
            pairs,
            tables,
            subgroups,
            scales,
            mapping,
            options,
            reader: Reader::new(read),
            has_waves: None,
            rows: 0,
            wave_rows: Vec::new(),
            items: Vec::new(),
            missing: Vec::new(),
            compare: Vec::new(),
            id_index: HashMap::new(),
            seen: HashMap::new(),
            pieces: 0,
            repeated: None,
        })
    }

    /// Bytes fed so far (for a progress bar).
    pub fn bytes(&self) -> u64 {
        self.reader.bytes()
    }

    /// Respondents analysed so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Takes the next chunk; parses and summarises every record it completes.
    ///
    /// # Errors
    /// As [`super::ChunkedDescribe::feed`].
    pub fn feed(&mut self, chunk: &[u8]) -> Result<()> {
        if let Some(table) = self.reader.feed(chunk)? {
            self.piece(&table)?;
        }
        Ok(())
    }

    /// The wave slots: the waves' names, or one slot without waves.
    fn slots(&self) -> Vec<Option<String>> {
        match (&self.mapping.instrument.waves, self.has_waves) {
            (Some(w), Some(true)) => w.order.iter().cloned().map(Some).collect(),
            _ => vec![None],
        }
    }

    /// Allocates the states once the first piece says whether rows carry waves.
    fn start(&mut self, has_waves: bool) {
        self.has_waves = Some(has_waves);
        let slots = self.slots().len();
        let ins = &self.mapping.instrument;
        self.wave_rows = vec![0; slots];
        self.items = ins
            .items
            .iter()
            .map(|i| match i.kind {
                ItemType::Text => Vec::new(),
                _ => vec![ItemState::new(i); slots],
            })
            .collect();
        let compared = ins.waves.as_ref().is_some_and(|w| w.order.len() >= 2) && has_waves;
        self.compare = ins
            .items
            .iter()
            .map(|i| {
                (compared && !matches!(i.kind, ItemType::Text | ItemType::MultiSelect)).then(|| {
                    Compare {
                        n: (0, 0),
                        table: (i.kind != ItemType::Numeric).then(|| {
                            RankSumTable::new(i.points.iter().map(|p| p.value).collect(), 2)
                        }),
                        numbers: (i.kind == ItemType::Numeric)
                            .then(|| (Values::default(), Values::default())),
                    }
                })
            })
            .collect();
    }

    /// The interned id of a piece's dictionary entry (0 stays 0: no id).
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(i) = self.id_index.get(text) {
            return *i;
        }
        let i = self.id_index.len() as u32 + 1;
        self.id_index.insert(text.into(), i);
        i
    }

    /// Summarises one piece of whole records.
    fn piece(&mut self, table: &Table) -> Result<()> {
        let data = Dataset::build(table, &self.mapping)?;
        if self.has_waves.is_none() {
            self.start(!data.wave.is_empty());
        }
        self.pieces += 1;
        let ids = self.piece_ids(table, &data);
        self.check_repeats(&data, &ids);
        let slots = self.slots();
        let wave_of = |row: usize| data.wave.get(row).copied().unwrap_or(NO_WAVE);
        let slot_rows: Vec<Vec<usize>> = match self.has_waves {
            Some(true) => (0..slots.len())
                .map(|w| (0..data.rows).filter(|&r| wave_of(r) == w as u16).collect())
                .collect(),
            _ => vec![(0..data.rows).collect()],
        };
        self.rows += data.rows as u64;
        for (n, rows) in self.wave_rows.iter_mut().zip(&slot_rows) {
            *n += rows.len() as u64;
        }
        let ins = &self.mapping.instrument;
        for (k, (item, states)) in ins.items.iter().zip(&mut self.items).enumerate() {
            let index = PointIndex::new(item);
            let values = data.values.get(k).map(Vec::as_slice).unwrap_or(&[]);
            let choices = data.choices.get(k).map(Vec::as_slice).unwrap_or(&[]);
            for (st, rows) in states.iter_mut().zip(&slot_rows) {
                st.observe(Some(&index), values, choices, rows.iter().copied());
            }
            if let Some(c) = self.compare.get_mut(k).and_then(Option::as_mut) {
                let last = ins.waves.as_ref().map_or(0, |w| w.order.len() - 1) as u16;
                for (row, v) in values.iter().enumerate() {
                    let w = match wave_of(row) {
                        0 => 0,
                        x if x == last => 1,
                        _ => continue,
                    };
                    if v.is_nan() {
                        continue;
                    }
                    if w == 0 {
                        c.n.0 += 1
                    } else {
                        c.n.1 += 1
                    }
                    if let Some(t) = &mut c.table {
                        t.observe(Some(w), *v);
                    }
                    if let Some((a, b)) = &mut c.numbers {
                        if w == 0 {
                            a.observe(*v)
                        } else {
                            b.observe(*v)
                        }
                    }
                }
            }
        }
        add_missing(&mut self.missing, &data.missing);
        self.pairs_piece(&data, &ids);
        let ins = &self.mapping.instrument;
        for ((gk, k), t) in self.tables.iter().zip(&mut self.subgroups) {
            let (Some(item), Some(gitem)) = (ins.items.get(*k), ins.items.get(*gk)) else {
                continue;
            };
            let vals = data.values.get(*k).map(Vec::as_slice).unwrap_or(&[]);
            let gvals = data.values.get(*gk).map(Vec::as_slice).unwrap_or(&[]);
            subgroup::observe(t, item, gitem, vals, gvals);
        }
        for (st, s) in self.scales.iter_mut().zip(scales::reported(ins)) {
            let (m, used, excluded) = scales::matrix(ins, &data, &s.items, &s.reversed);
            st.observe(&m, used, excluded);
        }
        Ok(())
    }

    /// Per row of the piece, its interned respondent id (empty without an id column).
    fn piece_ids(&mut self, table: &Table, data: &Dataset) -> Vec<u32> {
        let col = self
            .mapping
            .respondent_id
            .as_deref()
            .and_then(|k| table.column(k));
        let Some(dict) = col.and_then(|c| table.dicts.get(c)) else {
            return Vec::new();
        };
        let interned: Vec<u32> = dict
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| if i == 0 { 0 } else { self.intern(v) })
            .collect();
        data.ids
            .iter()
            .map(|&i| interned.get(i as usize).copied().unwrap_or(0))
            .collect()
    }

    /// Records each (id, wave) of the piece; an id already seen in another piece is a repeat
    /// across pieces.
    fn check_repeats(&mut self, data: &Dataset, ids: &[u32]) {
        for (row, &id) in ids.iter().enumerate() {
            if id == 0 {
                continue;
            }
            let w = data.wave.get(row).copied().unwrap_or(NO_WAVE);
            let first = *self.seen.entry((id, w)).or_insert(self.pieces);
            if first != self.pieces && self.repeated.is_none() {
                self.repeated = id_text(&self.id_index, id);
            }
        }
    }

    /// Adds the piece's rows to every pair: same-row pairs directly, pairs across waves by id.
    fn pairs_piece(&mut self, data: &Dataset, ids: &[u32]) {
        let ins = &self.mapping.instrument;
        let index = |id: &str| ins.items.iter().position(|i| i.id == id);
        let order = ins
            .waves
            .as_ref()
            .map(|w| w.order.clone())
            .unwrap_or_default();
        for (pair, st) in ins.pairs.iter().zip(&mut self.pairs) {
            let (Some(b), Some(a)) = (index(&pair.before), index(&pair.after)) else {
                continue;
            };
            let vb = data.values.get(b).map(Vec::as_slice).unwrap_or(&[]);
            let va = data.values.get(a).map(Vec::as_slice).unwrap_or(&[]);
            let at = |v: &[f64], row: usize| v.get(row).copied().unwrap_or(f64::NAN);
            let across = pair.design == Design::PrePost
                && ins.waves.is_some()
                && self.has_waves == Some(true);
            if !across {
                for row in 0..data.rows {
                    st.tally(at(vb, row), at(va, row));
                }
                continue;
            }
            let wave_index = |w: &Option<String>, default: usize| {
                w.as_ref()
                    .and_then(|v| order.iter().position(|o| o == v))
                    .unwrap_or(default) as u16
            };
            let from = wave_index(&pair.from_wave, 0);
            let to = wave_index(&pair.to_wave, order.len().saturating_sub(1));
            for row in 0..data.rows {
                let id = ids.get(row).copied().unwrap_or(0);
                let w = data.wave.get(row).copied().unwrap_or(NO_WAVE);
                if w == from {
                    if id == 0 {
                        st.counts[3] += 1;
                    } else {
                        st.from.insert(id, at(vb, row));
                    }
                }
                if w == to {
                    if id == 0 {
                        st.counts[3] += 1;
                    } else {
                        st.to.push((id, at(va, row)));
                    }
                }
            }
        }
    }

    /// Adds the respondents of `other` — the *later* part of the same file (or another file
    /// with the same mapping), read by another reader — to these. Call it after each has been
    /// given its whole input: both are flushed first ([`ChunkedReport::flush`]), so what
    /// each still holds counts as its last record.
    ///
    /// # Errors
    /// [`Code::LengthMismatch`] when the two were built with different mappings or options.
    pub fn merge(&mut self, other: &ChunkedReport) -> Result<()> {
        self.flush()?;
        if other.reader.holds_records() {
            let mut other = other.clone();
            other.flush()?;
            return self.merge(&other);
        }
        if !super::same_items(&self.mapping, &other.mapping) || self.options != other.options {
            return Err(crate::stats::summary::shape("items"));
        }
        self.reader.add_bytes(other.reader.bytes());
        let Some(theirs) = other.has_waves else {
            return Ok(()); // the other read no records
        };
        if self.has_waves.is_none() {
            self.start(theirs);
        }
        if self.has_waves != Some(theirs) {
            return Err(crate::stats::summary::shape("waves"));
        }
        self.rows += other.rows;
        crate::stats::summary::add(&mut self.wave_rows, &other.wave_rows);
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y)?;
            }
        }
        add_missing(&mut self.missing, &other.missing);
        for (a, b) in self.compare.iter_mut().zip(&other.compare) {
            if let (Some(a), Some(b)) = (a, b) {
                a.n.0 += b.n.0;
                a.n.1 += b.n.1;
                if let (Some(x), Some(y)) = (&mut a.table, &b.table) {
                    x.merge(y)?;
                }
                if let (Some(x), Some(y)) = (&mut a.numbers, &b.numbers) {
                    x.0.merge(&y.0);
                    x.1.merge(&y.1);
                }
            }
        }
        for (a, b) in self.subgroups.iter_mut().zip(&other.subgroups) {
            a.merge(b)?;
        }
        for (a, b) in self.scales.iter_mut().zip(&other.scales) {
            a.merge(b)?;
        }
        // The other's ids onto these; an (id, wave) both have seen is a repeat across pieces.
        let mut map = vec![0u32; other.id_index.len() + 1];
        for (text, i) in &other.id_index {
            let mine = self.intern(text);
            if let Some(m) = map.get_mut(*i as usize) {
                *m = mine;
            }
        }
        for ((id, w), piece) in &other.seen {
            let mine = map.get(*id as usize).copied().unwrap_or(0);
            if self.seen.contains_key(&(mine, *w)) {
                if self.repeated.is_none() {
                    self.repeated = id_text(&other.id_index, *id);
                }
            } else {
                self.seen.insert((mine, *w), self.pieces + piece);
            }
        }
        if self.repeated.is_none() {
            self.repeated = other.repeated.clone();
        }
        self.pieces += other.pieces;
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            a.merge(b, &map);
        }
        Ok(())
    }

    /// Reads what this reader still holds — the last record without a line end, or a first
    /// piece too short to tell the export's shape — as the end of its input.
    ///
    /// # Errors
    /// The import's errors for those records.
    pub fn flush(&mut self) -> Result<()> {
        if let Some(table) = self.reader.finish()? {
            self.piece(&table)?;
        }
        Ok(())
    }

    /// Reads what is left and gives the report.
    ///
    /// # Errors
    /// The import's errors for the last piece; `duplicate_respondent` (`details.id`,
    /// `details.policy`) for an id repeated across pieces under a policy that drops rows;
    /// the report's errors.
    pub fn finish(mut self) -> Result<Report> {
        self.flush()?;
        if self.has_waves.is_none() {
            let table = self.reader.header_only()?;
            self.piece(&table)?;
        }
        let policy = self.reader.duplicates();
        if let (Some(id), false) = (&self.repeated, policy == DuplicatePolicy::KeepAll) {
            return Err(Error::new(
                Code::DuplicateRespondent,
                format!("the respondent id \"{id}\" is in two pieces of the file: the policy {} cannot be applied in chunks; read it whole or keep all rows", policy.treatment()),
            )
            .with("id", id.as_str())
            .with("policy", policy.treatment()));
        }
        let placed = crate::survey::report::with_unplaced(&self.mapping.instrument, &self.missing);
        let ins = placed.as_ref().unwrap_or(&self.mapping.instrument);
        let o = &self.options;
        let slots = self.slots();
        let mut items = Vec::new();
        for (item, states) in ins.items.iter().zip(&self.items) {
            for ((st, wave), n) in states.iter().zip(&slots).zip(&self.wave_rows) {
                let mut r = st.finish(item, *n, wave.clone(), o.level);
                if wave.is_none() {
                    if let Some(m) = self.missing.iter().find(|m| m.item == item.id) {
                        r.excluded = missing_reasons(m);
                    }
                }
                items.push(r);
            }
        }
        let names = ["beforeMissing", "afterMissing", "unmatched", "noId"];
        let shifts = ins
            .pairs
            .iter()
            .zip(&self.pairs)
            .filter_map(|(pair, st)| {
                let (before, after, counts) = st.matched();
                let excluded = names
                    .iter()
                    .zip(counts)
                    .filter(|(_, c)| *c > 0)
                    .map(|(reason, count)| Exclusion { reason, count })
                    .collect();
                shift::from_matched(ins, pair, &before, &after, excluded, o)
            })
            .collect();
        let wave_results = match &ins.waves {
            Some(w) => ins
                .items
                .iter()
                .zip(&self.compare)
                .filter_map(|(item, c)| {
                    let c = c.as_ref()?;
                    let numbers = c.numbers.as_ref().map(|(a, b)| (a.sorted(), b.sorted()));
                    let values = numbers.as_ref().map(|(a, b)| (a.as_slice(), b.as_slice()));
                    Some(waves::compare_one(
                        item,
                        w,
                        c.n,
                        c.table.as_ref(),
                        values,
                        o,
                    ))
                })
                .collect(),
            None => Vec::new(),
        };
        let subgroups = self
            .tables
            .iter()
            .zip(&self.subgroups)
            .filter_map(|((gk, k), t)| {
                let (item, gitem) = (ins.items.get(*k)?, ins.items.get(*gk)?);
                // The tables were chosen before the answers were read; an item (or group)
                // whose answers turned out not all on its scale has none, as in memory.
                (item.declared() && gitem.declared())
                    .then(|| subgroup::from_table(item, gitem, t, o))
            })
            .collect();
        // The states follow the scales reported when reading began; one whose item turned out
        // to hold answers not on its scale is left out, as in memory.
        let still: Vec<&str> = scales::reported(ins).map(|s| s.id.as_str()).collect();
        let scale_results = scales::reported(&self.mapping.instrument)
            .zip(&self.scales)
            .filter(|(s, _)| still.contains(&s.id.as_str()))
            .map(|(s, st)| scales::from_state(s, st, o))
            .collect();
        assemble(
            ins,
            Sections {
                rows: self.rows as usize,
                weighting: None,
                warnings: Vec::new(),
                items,
                shifts,
                waves: wave_results,
                subgroups,
                scales: scale_results,
            },
            o,
        )
    }
}
