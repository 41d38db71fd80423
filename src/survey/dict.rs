//! [`Dict`]: the distinct values of one column, so that each cell is one `u32`.
//!
//! Reading allocates only for a new distinct value; a Likert column's handful of labels is
//! searched linearly by a short key (length, first and last byte), larger dictionaries are
//! keyed by a hash of the cell's bytes (no copy of the cell to look it up). Bytes are
//! compared eight at a time: in the wasm build a slice comparison is a byte loop.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Dictionaries up to this many distinct values are searched linearly, larger ones hashed.
const SMALL_DICT: usize = 12;

/// The hasher of a key that is already a hash (the `u64` of [`hash_bytes`]).
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// The little-endian `u64` of the 8 bytes at `at` (0 when they are not all there).
#[inline(always)]
fn word_at(b: &[u8], at: usize) -> u64 {
    b.get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map_or(0, |w| u64::from_le_bytes(*w))
}

/// A string of at most 7 bytes as one `u64`: its length, then its bytes (one value per string).
#[inline(always)]
fn short_word(b: &[u8]) -> u64 {
    b.iter()
        .take(7)
        .fold(b.len() as u64, |w, &x| (w << 8) | u64::from(x))
}

/// The words of a byte string for hashing and comparing: full 8-byte words, then the last 8
/// bytes (overlapping the previous word); a string shorter than 8 is one [`short_word`].
#[inline(always)]
fn for_words(b: &[u8], mut f: impl FnMut(u64) -> bool) -> bool {
    let n = b.len();
    if n < 8 {
        return f(short_word(b));
    }
    let mut at = 0;
    while at + 8 < n {
        if !f(word_at(b, at)) {
            return false;
        }
        at += 8;
    }
    f(word_at(b, n - 8))
}

/// A fast multiply-rotate hash over 8-byte words (FxHash's step; no DoS concern: the data is
/// the user's own file, in their own browser), started from the length.
#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = b.len() as u64;
    for_words(b, |w| {
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        true
    });
    h ^ (h >> 29)
}

/// Whether two byte strings are equal, compared eight bytes at a time. Always inlined: in the
/// size-optimised wasm build a call per cell cost more than the comparison (#21, W5).
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut at = 0;
    while at + 8 < n {
        if word_at(a, at) != word_at(b, at) {
            return false;
        }
        at += 8;
    }
    word_at(a, n - 8) == word_at(b, n - 8)
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
    /// Hash of a value's bytes → the last value with that hash (large dictionaries only).
    index: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Per value: the previous value with the same hash (0: none).
    chain: Vec<u32>,
    /// Small dictionaries: the value last found under each slot of the short key (0: none).
    slots: [u32; SLOTS],
}

/// Slots of a small dictionary's last-found cache (a power of two).
const SLOTS: usize = 32;

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
            chain: vec![0],
            slots: [0; SLOTS],
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
            self.small(field, row)
        } else {
            match self.find(field) {
                Some(i) => i,
                None => self.insert(field, row),
            }
        };
        if let Some(c) = self.counts.get_mut(i as usize) {
            *c += 1;
        }
        i
    }

    /// The index of `field` in a small dictionary (a Likert column's handful of labels),
    /// inserted if new. A short key (length, first and last byte) picks the candidate, one
    /// comparison confirms it; no hashing. The value last found under each of [`SLOTS`]
    /// slots of the short key is tried first, so a column of a few labels is usually found
    /// without a scan (#21, W5: the scan was a sixth of the import in the wasm build).
    fn small(&mut self, field: &[u8], row: u32) -> u32 {
        let key = short_key(field);
        let slot = (key.wrapping_mul(0x9e37_79b1) >> (32 - SLOTS.ilog2())) as usize;
        let last = self.slots.get(slot).copied().unwrap_or(0) as usize;
        let i = if last != 0 && self.is(last, key, field) {
            last as u32
        } else {
            match (1..self.keys.len()).find(|&k| self.is(k, key, field)) {
                Some(k) => k as u32,
                None => self.insert(field, row),
            }
        };
        if let Some(s) = self.slots.get_mut(slot) {
            *s = i;
        }
        i
    }

    /// Whether value `k` has short key `key` and the bytes of `field`.
    #[inline(always)]
    fn is(&self, k: usize, key: u32, field: &[u8]) -> bool {
        // A `match`, not `is_some_and`: that closure was a call per cell in the wasm build.
        match (self.keys.get(k), self.values.get(k)) {
            (Some(&kk), Some(v)) => kk == key && same(v.as_bytes(), field),
            _ => false,
        }
    }

    /// The index of `field` in a hashed dictionary.
    fn find(&self, field: &[u8]) -> Option<u32> {
        let mut i = *self.index.get(&hash_bytes(field))?;
        while i != 0 {
            if self
                .values
                .get(i as usize)
                .is_some_and(|v| same(v.as_bytes(), field))
            {
                return Some(i);
            }
            i = self.chain.get(i as usize).copied().unwrap_or(0);
        }
        None
    }

    fn link(&mut self, i: u32) {
        let h = self
            .values
            .get(i as usize)
            .map_or(0, |v| hash_bytes(v.as_bytes()));
        let previous = self.index.insert(h, i).unwrap_or(0);
        if let Some(c) = self.chain.get_mut(i as usize) {
            *c = previous;
        }
    }

    fn insert(&mut self, field: &[u8], row: u32) -> u32 {
        let i = self.values.len() as u32;
        self.values
            .push(String::from_utf8_lossy(field).into_owned());
        self.keys.push(short_key(field));
        self.counts.push(0);
        self.first_row.push(row);
        self.chain.push(0);
        if self.values.len() > SMALL_DICT {
            if self.index.is_empty() {
                for k in 1..self.values.len() as u32 {
                    self.link(k);
                }
            } else {
                self.link(i);
            }
        }
        i
    }

    /// The number of distinct non-empty values.
    pub fn distinct(&self) -> usize {
        self.values.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_index_in_small_and_hashed_dictionaries() {
        let mut d = Dict::new();
        let values: Vec<String> = (0..3000)
            .map(|k| format!("value {k} {}", "x".repeat(k % 19)))
            .collect();
        let first: Vec<u32> = values
            .iter()
            .enumerate()
            .map(|(r, v)| d.intern(v.as_bytes(), r as u32))
            .collect();
        let again: Vec<u32> = values
            .iter()
            .map(|v| d.intern(format!(" {v} ").as_bytes(), 0))
            .collect();
        assert_eq!(first, again);
        assert_eq!(d.distinct(), 3000);
        assert!(d.counts.iter().skip(1).all(|c| *c == 2));
        assert_eq!(d.intern(b"  ", 5), 0);
        assert!(same(b"abcdefghij", b"abcdefghij") && !same(b"abcdefghij", b"abcdefghiJ"));
        assert!(!same(b"ab", b"abc") && same(b"", b""));
        for n in 0..40 {
            let a: Vec<u8> = (0..n as u8).collect();
            assert!(same(&a, &a.clone()));
            for k in 0..n {
                let mut b = a.clone();
                b[k] ^= 1;
                assert!(!same(&a, &b), "{n} {k}");
            }
        }
    }
}
