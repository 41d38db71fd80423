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
use waterline::survey::instrument::{Instrument, Item};
use waterline::survey::report::describe;
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

/// A point item's counts per point (a `wl_counts` list) at `row`.
pub fn counts_at(values: &[f64], col: &dyn Array, row: usize) -> Option<PointCounts> {
    let list = col.as_any().downcast_ref::<ListArray>()?;
    if list.is_null(row) {
        return None;
    }
    let v = list.value(row);
    let counts = v.as_any().downcast_ref::<UInt64Array>()?.values().to_vec();
    Some(PointCounts {
        values: values.to_vec(),
        counts,
        missing: 0,
        unknown: 0,
    })
}

/// A point item's (or a category item's) result from its merged counts per point, finished by
/// the page's code (`describe::point_item`, `describe::finish`): `rows` is the group's (or the
/// wave's) row count, `wave` the wave's label when the survey has waves.
pub fn point_out(
    item: &Item,
    counts: &PointCounts,
    rows: u64,
    wave: Option<&str>,
    lang: Lang,
) -> ItemOut {
    let mut r = describe::empty(item);
    r.wave = wave.map(str::to_string);
    describe::point_item(item, counts, LEVEL, &mut r);
    describe::finish(item, &mut r, rows, LEVEL);
    result_out(item, &r, lang)
}

/// The page's item result as the CLI prints it, in `lang`.
pub fn result_out(item: &Item, r: &waterline::survey::report::ItemResult, lang: Lang) -> ItemOut {
    let top = r.top_box.as_ref().map(|t| ShareOut {
        key: "top".into(),
        label: String::new(),
        count: t.interval.x,
        n: t.interval.n,
        share: t.interval.estimate,
        lower: t.interval.lower,
        upper: t.interval.upper,
    });
    ItemOut {
        item: item.id.clone(),
        text: item.text.get(lang).to_string(),
        kind: item.kind,
        wave: r.wave.clone(),
        n_used: r.n_used,
        distribution: r
            .distribution
            .iter()
            .map(|s| ShareOut {
                key: s.key.clone(),
                label: s.label.get(lang).to_string(),
                count: s.count,
                n: s.n,
                share: s.share,
                lower: s.lower,
                upper: s.upper,
            })
            .collect(),
        top_box: top,
        mean: r.mean,
        sd: r.sd,
        median: r.median,
        mean_lower: None,
        mean_upper: None,
        sentence: Some(pick(&r.sentence, lang)),
        weighted: None,
    }
}

/// One item's results from its column at `row`; `rows` is the group's (or wave's) row count,
/// `wave` the wave's label.
pub fn item_out(
    p: &PlannedItem,
    lang: Lang,
    (col, row): (&dyn Array, usize),
    rows: u64,
    wave: Option<&str>,
) -> ItemOut {
    if let Some(scale) = &p.scale {
        let counts = counts_at(&scale.values, col, row)
            .unwrap_or_else(|| PointCounts::new(scale.values.clone()));
        return point_out(&p.item, &counts, rows, wave, lang);
    }
    // A `wl_mean` column (the CLI counts numeric items apart, [`crate::numbers`]): the page's
    // sentence gives the median, which the moments do not hold; no sentence rather than a
    // different one.
    let s = col.as_struct();
    let get = |name: &str| s.column_by_name(name);
    let f = |name: &str| get(name).and_then(|a| f64_at(a, row));
    ItemOut {
        item: p.item.id.clone(),
        text: p.item.text.get(lang).to_string(),
        kind: p.item.kind,
        wave: wave.map(str::to_string),
        n_used: get("n").and_then(|a| u64_at(a, row)).unwrap_or(0),
        distribution: Vec::new(),
        top_box: None,
        mean: f("mean"),
        sd: f("sd"),
        median: None,
        mean_lower: f("lower"),
        mean_upper: f("upper"),
        sentence: None,
        weighted: None,
    }
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
        weighted_change: None,
        excluded: None,
        page: summary.and_then(|b| page_shift(p, items, &b)),
    }
}
