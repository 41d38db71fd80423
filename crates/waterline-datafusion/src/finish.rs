//! From an aggregation's result columns to the CLI's items and shifts, finished by the page's
//! own report code on the merged summaries: an item's counts per point go through
//! `describe::point_item` and `describe::finish` (its sentence), a pair's merged transition
//! table through `shift::from_table` (its sentence is written after p-value adjustment, by
//! [`crate::sentences`]). One implementation of the wording: the page's.

use crate::report::{ItemOut, PlannedItem, PlannedPair, ShareOut, ShiftOut};
use crate::udaf::LEVEL;
use datafusion::arrow::array::{
    Array, AsArray, BinaryArray, Float64Array, ListArray, StringArray, UInt64Array,
};
use waterline::stats::summary::{PointCounts, Transitions};
use waterline::survey::instrument::Instrument;
use waterline::survey::report::describe::{self, top_values};
use waterline::survey::report::{shift, ReportOptions, Sentence, ShiftResult};
use waterline::text::Lang;

/// A sentence in the report's language.
pub fn pick(s: &Sentence, lang: Lang) -> String {
    if lang == Lang::Es { &s.es } else { &s.en }.clone()
}

pub(crate) fn share(key: String, label: String, count: u64, n: u64) -> Option<ShareOut> {
    let ci = waterline::stats::wilson(count as f64, n as f64, LEVEL).ok()?;
    Some(ShareOut {
        key,
        label,
        count,
        n,
        share: ci.estimate,
        lower: ci.lower,
        upper: ci.upper,
    })
}

fn u64_at(a: &dyn Array, row: usize) -> Option<u64> {
    let a = a.as_any().downcast_ref::<UInt64Array>()?;
    (!a.is_null(row)).then(|| a.value(row))
}

fn f64_at(a: &dyn Array, row: usize) -> Option<f64> {
    let a = a.as_any().downcast_ref::<Float64Array>()?;
    (!a.is_null(row)).then(|| a.value(row))
}

/// One item's results from its column at `row`; `rows` is the group's row count (what the
/// page's report looks at for the item's exclusions).
pub fn item_out(p: &PlannedItem, lang: Lang, col: &dyn Array, row: usize, rows: u64) -> ItemOut {
    let item = &p.item;
    let mut out = ItemOut {
        item: item.id.clone(),
        text: item.text.get(lang).to_string(),
        kind: item.kind,
        n_used: 0,
        distribution: Vec::new(),
        top_box: None,
        mean: None,
        sd: None,
        median: None,
        mean_lower: None,
        mean_upper: None,
        sentence: None,
    };
    match &p.scale {
        Some(scale) => {
            let Some(list) = col.as_any().downcast_ref::<ListArray>() else {
                return out;
            };
            let values = list.value(row);
            let counts: Vec<u64> = match values.as_any().downcast_ref::<UInt64Array>() {
                Some(v) => v.values().to_vec(),
                None => return out,
            };
            // The core's summary, finished by its own methods, as the page's report does.
            let summary = PointCounts {
                values: scale.values.clone(),
                counts,
                missing: 0,
                unknown: 0,
            };
            let n = summary.n();
            out.n_used = n;
            out.distribution = item
                .points
                .iter()
                .zip(&summary.counts)
                .filter_map(|(pt, c)| {
                    let label = pt.label.get(lang);
                    let label = if label.trim().is_empty() {
                        pt.code.unwrap_or(pt.value).to_string()
                    } else {
                        label.to_string()
                    };
                    share(pt.value.to_string(), label, *c, n)
                })
                .collect();
            let top = top_values(item);
            out.top_box = share("top".into(), String::new(), summary.count_of(&top), n);
            out.mean = summary.mean();
            out.sd = summary.sd();
            out.median = summary.median();
            // The page's result of the same counts, for its sentence.
            let mut r = describe::empty(item);
            describe::point_item(item, &summary, LEVEL, &mut r);
            describe::finish(item, &mut r, rows, LEVEL);
            out.sentence = Some(pick(&r.sentence, lang));
        }
        None => {
            // Numeric items: the page's sentence gives the median, which the moments do not
            // hold; no sentence rather than a different one.
            let s = col.as_struct();
            let get = |name: &str| s.column_by_name(name);
            out.n_used = get("n").and_then(|a| u64_at(a, row)).unwrap_or(0);
            out.mean = get("mean").and_then(|a| f64_at(a, row));
            out.sd = get("sd").and_then(|a| f64_at(a, row));
            out.mean_lower = get("lower").and_then(|a| f64_at(a, row));
            out.mean_upper = get("upper").and_then(|a| f64_at(a, row));
        }
    }
    out
}

/// The page's shift of a pair from its merged transition table (`summary` of
/// `wl_paired_shift`), before p-value adjustment and its sentence.
fn page_shift(p: &PlannedPair, items: &[PlannedItem], summary: &[u8]) -> Option<ShiftResult> {
    let t: Transitions = serde_json::from_slice(summary).ok()?;
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i.item.id == id)
            .map(|i| i.item.clone())
    };
    let ins = Instrument {
        items: vec![item(&p.before)?, item(&p.after)?],
        ..Instrument::default()
    };
    shift::from_table(&ins, &p.pair, &t, Vec::new(), &ReportOptions::default())
}

/// One pair's shift from its column at `row`.
pub fn shift_out(
    p: &PlannedPair,
    items: &[PlannedItem],
    lang: Lang,
    col: &dyn Array,
    row: usize,
) -> ShiftOut {
    let s = col.as_struct();
    let get = |name: &str| s.column_by_name(name);
    let u = |name: &str| get(name).and_then(|a| u64_at(a, row)).unwrap_or(0);
    let f = |name: &str| get(name).and_then(|a| f64_at(a, row));
    let n = u("n");
    let lab = |en: &str, es: &str| if lang == Lang::Es { es } else { en }.to_string();
    let summary = get("summary").and_then(|a| {
        let a = a.as_any().downcast_ref::<BinaryArray>()?;
        (!a.is_null(row)).then(|| a.value(row).to_vec())
    });
    ShiftOut {
        pair: p.id.clone(),
        text: p.text.get(lang).to_string(),
        before: p.before.clone(),
        after: p.after.clone(),
        n_used: n,
        improved: share(
            "improved".into(),
            lab("moved up", "subió"),
            u("improved"),
            n,
        ),
        same: share("same".into(), lab("stayed the same", "igual"), u("same"), n),
        worse: share("worse".into(), lab("moved down", "bajó"), u("worse"), n),
        mean_before: f("mean_before"),
        mean_after: f("mean_after"),
        method: get("method").and_then(|a| {
            let a = a.as_any().downcast_ref::<StringArray>()?;
            (!a.is_null(row)).then(|| a.value(row).to_string())
        }),
        statistic: f("statistic"),
        p_value: f("p_value"),
        p_adjusted: None,
        sentence: None,
        page: summary.and_then(|b| page_shift(p, items, &b)),
    }
}
