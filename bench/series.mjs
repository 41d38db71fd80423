// T3 (issue 17): indicator series at the size of a state portal — 50 years × 2,000 entities
// (schools) × 20 indicators. Import a wide CSV of all of it (one column per year; 40,000 series,
// 2,000,000 values) with importSeriesCsv, then put one entity's 20 series and 10 derived ratios
// into a model and compute the chart data (points, Wilson intervals, line breaks, shared axis)
// with LogicModel.chartData. Timed from JavaScript, data crossing the boundary included. The
// import is importSeriesCsvColumns, as the page uses it (typed arrays: 2,000,000 point objects
// through importSeriesCsv take about 9 µs each, some 18 s).
import { rng } from './data.mjs';

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wide CSV: entity, group (the indicator), then 50 school years; about 3% of cells empty. */
export function wideSeriesCsv(nEntities = 2000, nIndicators = 20, nYears = 50, seed = 17) {
  const u = rng(seed);
  const years = Array.from({ length: nYears }, (_, k) => `${1970 + k}-${String((71 + k) % 100).padStart(2, '0')}`);
  const lines = [['entity', 'group', ...years].join(',')];
  for (let e = 0; e < nEntities; e++) {
    for (let i = 0; i < nIndicators; i++) {
      const row = [`School ${e}`, `ind${i}`];
      let v = 2 + 20 * u();
      for (let k = 0; k < nYears; k++) {
        v = Math.max(0, v + (u() - 0.5));
        row.push(u() < 0.03 ? '' : v.toFixed(1));
      }
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** A model holding one entity's imported series, with counts on half of them, and 10 ratios. */
function modelOf(example, imported, entity, nIndicators) {
  const m = structuredClone(example);
  const outcome = m.outcomes[0].id;
  const mine = [];
  for (let k = 0; k < imported.entities.length; k++) {
    if (imported.entities[k] !== entity) continue;
    const points = [];
    for (let i = imported.offsets[k]; i < imported.offsets[k + 1]; i++) {
      points.push({ period: imported.periods[imported.periodIndex[i]], value: imported.value[i] });
    }
    mine.push({ group: imported.groups[k], points });
  }
  m.indicators = mine.map((s, i) => ({
    id: `t3_${s.group}`, of: outcome, measure: { en: `${s.group} of ${entity}`, es: null }, unit: '%',
    baseline: null, target: { value: 5, date: '2024-06-30', provenance: null }, dataSource: null, surveyItem: null, actuals: [],
    series: i % 2 ? s.points : s.points.map((p) => ({ period: p.period, numerator: Math.round(p.value * 10), denominator: 1000 })),
    provenance: null,
  }));
  for (let k = 0; k < nIndicators / 2; k++) {
    m.indicators.push({ id: `t3_ratio${k}`, of: outcome, measure: { en: `ratio ${k}`, es: null }, unit: '×', baseline: null, target: null,
      dataSource: null, surveyItem: null, actuals: [], series: [], derived: { op: 'ratio', a: `t3_ind${2 * k}`, b: `t3_ind${2 * k + 1}` }, provenance: null });
  }
  return m;
}

/** The T3 row: { id, name, ms, target, detail }. */
export function seriesBenchmark(wl, { runs = 3 } = {}) {
  const nEntities = 2000, nIndicators = 20, nYears = 50;
  const csv = wideSeriesCsv(nEntities, nIndicators, nYears);
  const example = wl.exampleAlianzaModel();
  const times = { import: [], chart: [] };
  let detail = '';
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    const imported = wl.importSeriesCsvColumns(csv);
    const t1 = now();
    const lm = new wl.LogicModel(modelOf(example, imported, 'School 1999', nIndicators));
    const data = lm.chartData(0.95);
    lm.free();
    const t2 = now();
    times.import.push(t1 - t0);
    times.chart.push(t2 - t1);
    const values = imported.value.length;
    detail = `${imported.entities.length.toLocaleString('en')} series, ${values.toLocaleString('en')} values, ${(csv.length / 2 ** 20).toFixed(1)} MiB; ` +
      `${data.series.length} charts (${data.series.filter((s) => s.derived).length} derived)`;
  }
  const [a, b] = [median(times.import), median(times.chart)];
  return { id: 'T3', name: `indicator series: import wide CSV + derive + chart data (${nYears} years × ${nEntities.toLocaleString('en')} entities × ${nIndicators} indicators)`,
    ms: a + b, target: 'target < 500 ms in Chromium', detail: `${detail}; import ${a.toFixed(0)} ms, model + derive + chart data ${b.toFixed(1)} ms` };
}
