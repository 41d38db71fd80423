//! The order the data first shows each cell text in, for the page's tie rule: the page lists a
//! detected category item's categories (and a detected group column's levels) most frequent
//! first and, between equal counts, in first-seen order (`detect::values::category`, a stable
//! sort over the column dictionary's values, which are in first-seen order).
//!
//! DataFusion keeps no row order, but the first file's head — read by the page's importer, in
//! order, for the codebook — is a prefix of the rows in file order: a text it holds was first
//! seen before every text it does not, and among its texts the head's own order is the data's.
//! A text first seen beyond the head is placed after them; two such texts with equal counts
//! cannot be placed, so they stay in text order and the report says so (`skipped`:
//! `category_ties` or `subgroup_ties`). Under `--by` the page detects among the group's own
//! rows, so the order is that of the head's rows of the group.

use std::collections::HashMap;
use waterline::survey::Survey;

/// The head's cells of every column: each column's distinct trimmed texts and each row's.
#[derive(Debug, Clone, Default)]
pub struct FirstSeen {
    headers: Vec<String>,
    /// Per column: its distinct texts (the page's dictionary, index 0 the empty text).
    values: Vec<Vec<String>>,
    /// Per column, per head row: the index of the row's text in `values`.
    cells: Vec<Vec<u32>>,
}

impl FirstSeen {
    /// The head of the first file as the page's importer read it.
    pub fn new(survey: &Survey) -> Self {
        let t = survey.table();
        FirstSeen {
            headers: t.columns.iter().map(|c| c.header.clone()).collect(),
            values: t.dicts.iter().map(|d| d.values.clone()).collect(),
            cells: t.cells.clone(),
        }
    }

    fn at(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// The non-empty texts of `column` in the order the head first shows them, among the head
    /// rows whose `within.0` column holds the text `within.1` (every row when `None`; a row of
    /// no group when `within.1` is `None`). Empty when the column is not in the head.
    pub fn texts(&self, column: &str, within: Option<(&str, Option<&str>)>) -> Vec<String> {
        let Some(c) = self.at(column) else {
            return Vec::new();
        };
        let (Some(cells), Some(values)) = (self.cells.get(c), self.values.get(c)) else {
            return Vec::new();
        };
        // The rows of the group: its column's cell is the group's text (trimmed, as the page
        // reads it), or empty for a row of no group.
        let by = within.map(|(b, g)| (self.at(b), g.map(str::trim).unwrap_or("")));
        let of_group = |row: usize| match by {
            None => true,
            Some((None, _)) => false,
            Some((Some(b), g)) => {
                let v = self.cells[b]
                    .get(row)
                    .and_then(|k| self.values[b].get(*k as usize));
                v.is_some_and(|v| v == g)
            }
        };
        let mut seen = vec![false; values.len()];
        let mut out = Vec::new();
        for (row, k) in cells.iter().enumerate() {
            let k = *k as usize;
            if k == 0 || seen.get(k).copied().unwrap_or(true) || !of_group(row) {
                continue;
            }
            seen[k] = true;
            out.push(values[k].clone());
        }
        out
    }
}

/// Sorts the answered texts `(raw, folded, count)` into first-seen order (`first`: the head's
/// texts in order, [`FirstSeen::texts`]; a text it lacks after them, in text order), ready for
/// the page's stable sort by count. Returns whether some texts of equal count could not be
/// placed (both first seen beyond the head): their order is then by text.
pub fn sort(answered: &mut [(&str, String, u64)], first: &[String]) -> bool {
    let rank: HashMap<&str, usize> = first
        .iter()
        .enumerate()
        .map(|(k, t)| (t.as_str(), k))
        .collect();
    let of = |raw: &str| rank.get(raw.trim()).copied().unwrap_or(usize::MAX);
    answered.sort_by(|a, b| (of(a.0), a.0).cmp(&(of(b.0), b.0)));
    let mut unplaced: Vec<u64> = (answered.iter())
        .filter(|a| of(a.0) == usize::MAX)
        .map(|a| a.2)
        .collect();
    unplaced.sort_unstable();
    unplaced.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(cells: &[(&'static str, u64)]) -> Vec<(&'static str, String, u64)> {
        cells.iter().map(|(v, n)| (*v, v.to_string(), *n)).collect()
    }

    #[test]
    fn the_head_order_first_then_unseen_texts_by_text() {
        let mut v = vals(&[("Alpha", 5), ("Mid", 3), ("Zeta", 5), ("Beta", 2)]);
        let first = vec!["Zeta".to_string(), "Mid".into(), "Alpha".into()];
        assert!(!sort(&mut v, &first));
        let order: Vec<_> = v.iter().map(|x| x.0).collect();
        assert_eq!(order, ["Zeta", "Mid", "Alpha", "Beta"]);
    }

    #[test]
    fn two_unseen_texts_of_equal_count_are_a_guess() {
        let mut v = vals(&[("Alpha", 5), ("Zeta", 2), ("Beta", 2)]);
        assert!(sort(&mut v, &["Alpha".to_string()]));
        let mut v = vals(&[("Alpha", 5), ("Zeta", 3), ("Beta", 2)]);
        assert!(!sort(&mut v, &["Alpha".to_string()]));
    }
}
