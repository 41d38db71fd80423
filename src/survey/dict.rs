//! [`Dict`]: the distinct values of one column, so that each cell is one `u32`.
//!
//! Reading allocates only for a new distinct value; a Likert column's handful of labels is
//! searched linearly by a short key (length, first and last byte), larger dictionaries are
//! hashed with FNV-1a.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Dictionaries up to this many distinct values are searched linearly, larger ones hashed.
const SMALL_DICT: usize = 12;

/// FNV-1a: a fast hash for the short byte strings of survey cells (no DoS concern: the data is
/// the user's own file, in their own browser).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The distinct values of one column.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    /// Distinct trimmed values; index 0 is always the empty value.
    pub values: Vec<String>,
    /// Rows holding each value.
    pub counts: Vec<u64>,
    /// Index of the first row holding each value (`u32::MAX` for an unused empty value).
    pub first_row: Vec<u32>,
    keys: Vec<u32>,
    index: HashMap<Box<[u8]>, u32, BuildHasherDefault<Fnv>>,
}

/// Length, first and last byte of a value, packed: distinguishes the labels of a scale.
#[inline]
fn short_key(field: &[u8]) -> u32 {
    let first = field.first().copied().unwrap_or(0) as u32;
    let last = field.last().copied().unwrap_or(0) as u32;
    ((field.len() as u32 & 0xffff) << 16) | (first << 8) | last
}

impl Dict {
    pub(crate) fn new() -> Self {
        Dict {
            values: vec![String::new()],
            counts: vec![0],
            first_row: vec![u32::MAX],
            keys: vec![0],
            index: HashMap::default(),
        }
    }

    pub(crate) fn intern(&mut self, field: &[u8], row: u32) -> u32 {
        let field = field.trim_ascii();
        let i = if field.is_empty() {
            if let Some(f) = self.first_row.first_mut() {
                *f = (*f).min(row);
            }
            0
        } else if self.values.len() <= SMALL_DICT {
            // Few distinct values (a Likert column): a short key (length, first and last
            // byte) picks the candidate, one comparison confirms it; no hashing.
            let key = short_key(field);
            let hit = self.keys.iter().enumerate().skip(1).find(|(k, kk)| {
                **kk == key && self.values.get(*k).is_some_and(|v| v.as_bytes() == field)
            });
            match hit {
                Some((k, _)) => k as u32,
                None => self.insert(field, row),
            }
        } else {
            match self.index.get(field) {
                Some(&i) => i,
                None => self.insert(field, row),
            }
        };
        if let Some(c) = self.counts.get_mut(i as usize) {
            *c += 1;
        }
        i
    }

    fn insert(&mut self, field: &[u8], row: u32) -> u32 {
        let i = self.values.len() as u32;
        self.values
            .push(String::from_utf8_lossy(field).into_owned());
        self.keys.push(short_key(field));
        self.counts.push(0);
        self.first_row.push(row);
        if self.values.len() > SMALL_DICT {
            if self.index.is_empty() {
                for (k, v) in self.values.iter().enumerate().skip(1) {
                    self.index.insert(v.as_bytes().into(), k as u32);
                }
            } else {
                self.index.insert(field.into(), i);
            }
        }
        i
    }

    /// The number of distinct non-empty values.
    pub fn distinct(&self) -> usize {
        self.values.len() - 1
    }
}
