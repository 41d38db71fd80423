// Exports of the report: a flat CSV (one row per share, shift, wave comparison, subgroup cell
// and scale) and the full JSON (report, options, mapping and import summary; never the
// answers). Every value is copied from the engine's report, with its method.
import { tr } from './format.js';
import { csvText } from '../../csv.js';

const COLUMNS = ['section', 'id', 'question', 'subgroup', 'category', 'n', 'count', 'estimate', 'lower', 'upper', 'display',
  'method', 'test', 'statistic', 'df', 'p_value', 'p_adjusted', 'effect_name', 'effect', 'sentence'];

const test = (t) => (t ? { test: t.method, statistic: t.statistic, df: t.df, p_value: t.pValue, p_adjusted: t.pAdjusted, effect_name: t.effectName, effect: t.effect } : {});

/** Survey weights (#19): with weights, three more columns say of every row whether it is
 *  weighted, with the Kish effective size and design effect of its respondents. */
const WEIGHT_COLUMNS = ['weighted', 'n_eff', 'deff_kish'];
const weightOf = (r) => ({ weighted: r.weighted ?? false, n_eff: r.nEff ?? r.weightedShift?.nEff ?? r.weightedMean?.nEff ?? null, deff_kish: r.deffKish ?? r.weightedShift?.deffKish ?? r.weightedMean?.deffKish ?? null });

/** The report as CSV text (texts in the current language). */
export function reportCsv(report) {
  const rows = [];
  const columns = report.weighting ? [...COLUMNS, ...WEIGHT_COLUMNS] : COLUMNS;
  let of = {};
  const add = (r) => rows.push(columns.map((c) => (c in r ? r[c] : of[c])));
  const sentence = tr;
  for (const it of report.items) {
    of = weightOf(it);
    const q = tr(it.text) + (it.wave ? ` (${it.wave})` : '');
    for (const d of it.distribution) add({ section: 'item', id: it.item, question: q, category: tr(d.label), n: d.n, count: d.count, estimate: d.share, lower: d.lower, upper: d.upper, method: it.method });
    if (it.topBox) add({ section: 'top_box', id: it.item, question: q, category: tr(it.topBox.label), n: it.topBox.interval.n, count: it.topBox.interval.x, estimate: it.topBox.interval.estimate, lower: it.topBox.interval.lower, upper: it.topBox.interval.upper, method: it.topBox.interval.method, sentence: sentence(it.sentence) });
    if (it.mean !== null && it.kind === 'numeric') add({ section: 'mean', id: it.item, question: q, n: it.nUsed, estimate: it.mean, lower: it.meanLower, upper: it.meanUpper, method: it.method, sentence: sentence(it.sentence) });
  }
  for (const s of report.shifts) {
    of = { weighted: false };
    const numeric = s.kind === 'numeric';
    add({ section: 'shift', id: s.pair, question: tr(s.text), category: s.design, n: s.nUsed,
      estimate: numeric ? s.pairedT?.meanDifference : s.topChange?.estimate, lower: numeric ? s.pairedT?.lower : s.topChange?.lower, upper: numeric ? s.pairedT?.upper : s.topChange?.upper,
      method: numeric ? s.pairedT?.method : s.topChange?.method, ...test(s.test), sentence: sentence(s.sentence) });
    for (const k of ['improved', 'same', 'worse']) if (s[k]) add({ section: 'shift_share', id: s.pair, question: tr(s.text), category: k, n: s[k].n, count: s[k].count, estimate: s[k].share, lower: s[k].lower, upper: s[k].upper, method: 'wilson' });
    const ws = s.weightedShift;
    if (ws) add({ section: 'shift_weighted', id: s.pair, question: tr(s.text), category: s.design, n: ws.n, estimate: ws.estimate, lower: ws.lower, upper: ws.upper, method: 'svymean_linearised', ...weightOf(s) });
  }
  of = { weighted: false };
  for (const w of report.waves) {
    const tp = w.twoProportions;
    // Weighted: the test is the weighted difference's z test, on its own row below.
    const wd = w.weightedDifference;
    add({ section: 'waves', id: w.item, question: tr(w.text), category: `${w.from} -> ${w.to}${w.sizesAssumed ? ' (sizes assumed)' : ''}`, n: w.nFrom + w.nTo,
      estimate: tp?.difference, lower: tp?.lower, upper: tp?.upper, method: tp ? `${tp.method} (${tp.intervalMethod})` : null, ...(wd ? {} : test(w.test)), sentence: sentence(w.sentence) });
    if (wd) {
      of = { weighted: true, n_eff: null, deff_kish: null };
      add({ section: 'wave_weighted', id: w.item, question: tr(w.text), category: `${w.from} -> ${w.to}`, n: w.nFrom + w.nTo, estimate: wd.difference, lower: wd.lower, upper: wd.upper, method: 'weighted_difference', ...test(w.test) });
      for (const [wave, m] of [[w.from, wd.from], [w.to, wd.to]]) {
        of = { weighted: true, n_eff: m.nEff, deff_kish: m.deffKish };
        add({ section: 'wave_weighted_estimate', id: w.item, question: tr(w.text), category: wave, n: m.n, estimate: m.estimate, lower: m.lower, upper: m.upper, method: 'svyby_svymean' });
      }
      of = { weighted: false };
    }
    for (const r of w.sensitivity) add({ section: 'wave_sensitivity', id: w.item, question: tr(w.text), category: `n per wave = ${r.nPerWave}`, n: 2 * r.nPerWave, estimate: r.difference, lower: r.lower, upper: r.upper, p_value: r.pValue, method: 'newcombe (assumed sizes)' });
  }
  for (const s of report.subgroups) {
    for (const r of s.rows) {
      of = { weighted: Boolean(r.weightedEstimate), n_eff: r.weightedEstimate?.nEff ?? null, deff_kish: r.weightedEstimate?.deffKish ?? null };
      add({ section: 'subgroup', id: `${s.item}|${s.group}`, question: tr(s.text), subgroup: `${tr(s.groupText)}: ${tr(r.level)}`, n: r.n, count: r.x, estimate: r.share, lower: r.lower, upper: r.upper, display: r.suppressed ? `${r.display} (suppressed: ${r.suppressed})` : r.display, method: s.method });
    }
    of = { weighted: false };
    add({ section: 'subgroup_test', id: `${s.item}|${s.group}`, question: tr(s.text), subgroup: tr(s.groupText), n: s.nUsed, ...test(s.test), method: s.method, sentence: sentence(s.sentence) });
  }
  for (const s of report.scales) {
    of = { weighted: false };
    add({ section: 'scale', id: s.scale, question: tr(s.text), n: s.nUsed, estimate: s.alpha?.alpha, lower: s.alpha?.lower, upper: s.alpha?.upper, method: s.alpha ? `${s.alpha.method} (${s.alpha.ciMethod})` : s.method, sentence: sentence(s.sentence) });
    if (!s.weighted) continue;
    of = weightOf(s);
    if (s.weightedAlpha !== null) add({ section: 'scale_alpha_weighted', id: s.scale, question: tr(s.text), n: s.nUsed, estimate: s.weightedAlpha, method: 'svycralpha' });
    const m = s.weightedMean;
    if (m) add({ section: 'scale_mean_weighted', id: s.scale, question: tr(s.text), n: m.n, estimate: m.estimate, lower: m.lower, upper: m.upper, method: 'svymean_linearised' });
  }
  return csvText([columns, ...rows]);
}

/** The report with what produced it, as JSON text (no survey answers). */
export function reportJson({ report, options, mapping, issues, source, fileName, engineVersion }) {
  return JSON.stringify({ kind: 'waterline-survey-report', engineVersion, exportedAt: new Date().toISOString(), source, fileName, options, mapping, import: issues, report }, null, 2);
}
