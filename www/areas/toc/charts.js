// Line charts of indicator series (issue 17), one per indicator, stacked as small multiples on
// one shared time axis (the engine's chartData: points with their days, Wilson intervals where
// counts exist, a break wherever a period has no data). Each chart: an interval band or bars,
// the target drawn at its date, the timeline's dated events as faint rules, an accessible name,
// and a real <table> with a caption beside it. Colours are presentation attributes so the SVG
// exports as it looks. Never a line through a missing period: the engine says where to break.
import { el } from '../../dom.js';
import { intl, lang as currentLang, number, t } from '../../i18n.js';
import { fmtDate } from './gantt.js';
import { pick } from '../../text.js';
import { dayNumber } from './model.js';
import { svg, textWidth } from './svg.js';

/** Shared geometry (viewBox units): every chart and the timeline use the same x range. */
export const W = 360;
export const LEFT = 44;
export const RIGHT = 16;
const H = 196;
const TOP = 24;
const BOTTOM = 32;

export const INK = '#1d2b30';
export const MUTED = '#56656b';
export const GRID = '#e3ded4';
const LINE = '#0b5f7a';
const BAND = '#9cc9d8';
const TARGET = '#8a4b00';

/**
 * The shared time axis of the engine's chart data: X(day) in viewBox units, and year ticks
 * (school years July–June when most year-long periods start in July). null when nothing is dated.
 */
export function timeAxis(data, lang) {
  if (!data.start || !data.end) return null;
  const points = data.series.flatMap((s) => s.points);
  const yearLong = points.filter((p) => dayNumber(p.end) - dayNumber(p.start) > 360);
  const school = yearLong.length > 0 && yearLong.filter((p) => p.start.slice(5, 7) === '07').length * 2 >= yearLong.length;
  const first = Number(data.start.slice(0, 4)) - (school && data.start.slice(5, 7) < '07' ? 1 : 0);
  const last = Number(data.end.slice(0, 4)) - (school && data.end.slice(5, 7) < '07' ? 1 : 0);
  const boundary = (y) => dayNumber(`${String(y).padStart(4, '0')}-${school ? '07' : '01'}-01`);
  const d0 = boundary(first);
  const d1 = boundary(last + 1);
  const scale = (W - LEFT - RIGHT) / Math.max(1, d1 - d0);
  const X = (day) => LEFT + (day - d0) * scale;
  const label = (y) => (school ? `${y}-${String((y + 1) % 100).padStart(2, '0')}` : String(y));
  const widest = textWidth(label(last), 13) + 8;
  const step = [1, 2, 5, 10, 20, 50].find((s) => s * 365 * scale >= widest) ?? 100;
  const ticks = [];
  for (let y = first; y <= last + 1; y++) {
    ticks.push({ x: X(boundary(y)), label: y <= last && (y - first) % step === 0 ? label(y) : null,
      mid: (X(boundary(y)) + X(boundary(y + 1))) / 2 });
  }
  return { X, mid: (p) => X((dayNumber(p.start) + dayNumber(p.end) + 1) / 2), ticks, school, lang };
}

/** Tick values for [lo, hi]: about four, on 1–2–5 steps. */
function yTicks(lo, hi) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  if (out.at(-1) < hi) out.push(out.at(-1) + step);
  return { ticks: out, step };
}

const digitsFor = (step) => (step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step))));

/** Number in the reader's locale with up to `d` decimals. */
const fmt = (v, d = 2) => number(v, d);
/** An axis label: compact in the reader's locale from 10,000 on ("40K", "40 mil"), to fit the margin. */
const tickText = (v, d, lang) => (Math.abs(v) >= 1e4
  ? intl('NumberFormat', lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v) : fmt(v, d));

/** The text of a model's text field with its language (user data may be English only). */
function textOf(x, lang) {
  const p = pick(x, lang);
  return { text: p.text, lang: p.lang !== lang ? p.lang : null };
}

/** x of an event rule: the middle of its period. */
const eventX = (axis, e) => axis.X((dayNumber(e.start) + dayNumber(e.end) + 1) / 2);

/**
 * Draws one chart. `series` is the engine's TocChartSeries, `indicator` the model's indicator,
 * `events` the engine's dated events with their numbers. Returns the <svg>.
 */
function chartSvg({ series, indicator, axis, events, lang }) {
  const pts = series.points;
  const values = pts.flatMap((p) => [p.value, ...(p.interval ?? [])]);
  const target = indicator.target;
  if (target) values.push(target.value);
  if (indicator.baseline) values.push(indicator.baseline.value);
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values, lo + 1e-9);
  // Headroom above the highest value for its label (and the event numbers above the plot).
  const { ticks, step } = yTicks(lo, hi + 0.12 * (hi - lo));
  lo = ticks[0]; hi = ticks.at(-1);
  const Y = (v) => TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo || 1));
  const digits = digitsFor(step);
  const measure = textOf(indicator.measure, lang);
  const root = svg('svg', {
    class: 'toc-chart-svg', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img',
    'font-family': 'system-ui, sans-serif', 'font-size': 12,
    'aria-label': chartLabel(series, indicator, lang), 'data-testid': `toc-chart-svg-${series.id}`,
  });
  root.append(svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }));
  root.append(svg('title', { text: measure.text, lang: measure.lang }));
  // Grid and y ticks (values in the reader's locale).
  const grid = svg('g', { 'aria-hidden': 'true' });
  for (const v of ticks) {
    grid.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: Y(v), y2: Y(v), stroke: GRID, 'stroke-width': 1 }),
      svg('text', { x: LEFT - 6, y: Y(v) + 4, 'text-anchor': 'end', fill: MUTED, 'font-size': 13, text: tickText(v, digits, lang) }));
  }
  for (const tk of axis.ticks) {
    grid.append(svg('line', { x1: tk.x, x2: tk.x, y1: H - BOTTOM, y2: H - BOTTOM + 4, stroke: MUTED, 'stroke-width': 1 }));
    if (tk.label) grid.append(svg('text', { x: tk.mid, y: H - BOTTOM + 18, 'text-anchor': 'middle', fill: MUTED, 'font-size': 13, text: tk.label }));
  }
  grid.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, stroke: MUTED, 'stroke-width': 1 }));
  root.append(grid);
  // The timeline's dated events as faint rules, numbered as in the timeline.
  const rules = svg('g', { 'aria-hidden': 'true', class: 'toc-chart-events' });
  for (const e of events) {
    const x = eventX(axis, e);
    rules.append(svg('line', { x1: x, x2: x, y1: TOP - 4, y2: H - BOTTOM, stroke: '#b9b2a5', 'stroke-width': 1, 'stroke-dasharray': '2 3' }),
      svg('text', { x, y: TOP - 9, 'text-anchor': 'middle', fill: MUTED, 'font-size': 12, text: String(e.n) }));
  }
  root.append(rules);
  // Runs of points with no missing period between them.
  const runs = [];
  for (const p of pts) {
    if (!runs.length || p.gapBefore) runs.push([]);
    runs.at(-1).push(p);
  }
  const band = svg('g', { class: 'toc-chart-band' });
  for (const run of runs) {
    if (run.length > 1 && run.every((p) => p.interval)) {
      const up = run.map((p) => `${axis.mid(p)},${Y(p.interval[1])}`);
      const down = run.slice().reverse().map((p) => `${axis.mid(p)},${Y(p.interval[0])}`);
      band.append(svg('polygon', { points: [...up, ...down].join(' '), fill: BAND, 'fill-opacity': 0.45, stroke: 'none' }));
    }
    for (const p of run) {
      if (!p.interval) continue;
      const x = axis.mid(p);
      band.append(svg('path', { d: `M${x - 4},${Y(p.interval[0])}h8M${x},${Y(p.interval[0])}V${Y(p.interval[1])}M${x - 4},${Y(p.interval[1])}h8`,
        stroke: LINE, 'stroke-width': 1.2, fill: 'none' }));
    }
  }
  root.append(band);
  const lines = svg('g', { class: 'toc-chart-lines' });
  for (const run of runs) {
    if (run.length < 2) continue;
    lines.append(svg('polyline', { points: run.map((p) => `${axis.mid(p)},${Y(p.value)}`).join(' '), fill: 'none', stroke: LINE, 'stroke-width': 2.2, 'data-line': 'series' }));
  }
  root.append(lines);
  // Target: a dashed level and a flag at its date.
  if (target) {
    const y = Y(target.value);
    const tx = target.date ? axis.X(dayNumber(target.date)) : W - RIGHT;
    const text = t(target.date ? 'toc.chart.targetBy' : 'toc.chart.target', { value: fmt(target.value), date: target.date ? fmtDate(target.date, lang) : '' });
    const anchor = tx > W / 2 ? 'end' : 'start';
    root.append(svg('g', { class: 'toc-chart-target', 'data-testid': 'toc-chart-target' },
      svg('line', { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, stroke: TARGET, 'stroke-width': 1.2, 'stroke-dasharray': '6 4' }),
      svg('path', { d: `M${tx},${y}v-14l9,4l-9,4`, fill: TARGET, stroke: TARGET, 'stroke-width': 1.2 }),
      svg('text', { x: anchor === 'end' ? tx - 4 : tx + 12, y: y - (y - TOP < 16 ? -14 : 6), 'text-anchor': anchor, fill: TARGET, 'font-size': 12, text })));
  }
  // Points: filled when measured or computed, hollow when only stated in the source.
  const dots = svg('g', { class: 'toc-chart-points' });
  const labelled = pts.length <= 8 ? pts : [pts[0], pts.at(-1)];
  for (const p of pts) {
    const x = axis.mid(p);
    const stated = p.from === 'stated';
    dots.append(svg('circle', { cx: x, cy: Y(p.value), r: 4, fill: stated ? '#ffffff' : LINE, stroke: LINE, 'stroke-width': 2, 'data-period': p.period }));
    if (labelled.includes(p)) {
      dots.append(svg('text', { x, y: Y(p.value) - 9, 'text-anchor': 'middle', fill: INK, 'font-size': 13, 'font-weight': 600,
        stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', text: fmt(p.value, valueDigits(p.value)) }));
    }
  }
  root.append(dots);
  return root;
}

const valueDigits = (v) => (Math.abs(v) >= 100 ? 1 : 2);

/** The accessible name: what, how many, first → latest, target. */
function chartLabel(series, indicator, lang) {
  const pts = series.points;
  const measure = pick(indicator.measure, lang).text;
  if (!pts.length) return t('toc.chart.labelEmpty', { measure });
  const a = pts[0];
  const b = pts.at(-1);
  const gaps = pts.filter((p) => p.gapBefore).length;
  return t('toc.chart.label', {
    measure, n: pts.length, first: a.period, firstValue: fmt(a.value, valueDigits(a.value)), last: b.period, lastValue: fmt(b.value, valueDigits(b.value)),
    unit: indicator.unit ? pick(indicator.unit, lang).text : '', gaps,
  }) + (indicator.target ? ` ${t('toc.chart.targetBy', { value: fmt(indicator.target.value), date: indicator.target.date ? fmtDate(indicator.target.date, lang) : '—' })}.` : '');
}

/** The data table beside a chart: period, value, interval, where the value comes from. */
function chartTable(series, indicator, data, lang) {
  const measure = textOf(indicator.measure, lang);
  const level = Math.round(data.level * 100);
  const body = [];
  let prev = null;
  for (const p of series.points) {
    if (p.gapBefore && prev) {
      body.push(el('tr', { class: 'toc-chart-gap', 'data-testid': 'toc-chart-gap' },
        el('td', { colspan: '4', text: t('toc.chart.noData', { from: prev.period, to: p.period }) })));
    }
    const source = series.derived
      ? (p.from === 'computed' ? (p.stated === null ? t('toc.series.computed') : t('toc.series.computedBeside', { stated: fmt(p.stated) })) : t('toc.series.stated'))
      : originText(indicator, p.period);
    body.push(el('tr', {},
      el('th', { scope: 'row', text: p.period }),
      el('td', { class: 'num', text: fmt(p.value, valueDigits(p.value)) }),
      el('td', { class: 'num', text: p.interval ? `${fmt(p.interval[0], 1)} – ${fmt(p.interval[1], 1)}` : '—' }),
      el('td', { text: source })));
    prev = p;
  }
  const u = indicator.unit ? pick(indicator.unit, lang) : null;
  const unit = u?.text ? el('span', { lang: u.lang !== lang ? u.lang : null, text: ` (${u.text})` }) : null;
  return el('div', { class: 'toc-table-scroll toc-chart-table', tabindex: '0', role: 'region', 'aria-label': t('toc.chart.tableOf', { measure: measure.text }) },
    el('table', { class: 'data toc-table', 'data-testid': `toc-chart-table-${series.id}` },
      el('caption', {}, el('span', { lang: measure.lang, text: measure.text }), unit),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('toc.series.period') }),
        el('th', { scope: 'col', text: t('toc.series.value') }),
        el('th', { scope: 'col', text: t('toc.chart.interval', { level }) }),
        el('th', { scope: 'col', text: t('toc.chart.from') }))),
      el('tbody', {}, body)));
}

/** Where a point of a measured series comes from: read, assumed or entered. */
function originText(indicator, period) {
  const p = (indicator.series ?? []).find((x) => x.period === period);
  const origin = p ? p.provenance?.origin : (indicator.actuals ?? []).find((a) => a.date === period)?.provenance?.origin;
  return t(origin === 'read' ? 'toc.prov.read' : origin === 'assumed' ? 'toc.prov.assumed' : 'toc.prov.entered');
}

/**
 * Draws every chart of the engine's chart data. `exportButtons(svgEl, name)` makes the
 * export controls of one chart. Returns { element, charts: Map id → <svg>, axis }.
 */
export function drawSeriesCharts({ data, model, exportButtons, lang = currentLang() }) {
  const axis = timeAxis(data, lang);
  const charts = new Map();
  if (!axis || !data.series.length) {
    return { element: el('p', { class: 'toc-muted', 'data-testid': 'toc-charts-empty', text: t('toc.chart.none') }), charts, axis };
  }
  const events = numberedEvents(data);
  const byId = new Map((model.indicators ?? []).map((i) => [i.id, i]));
  const figures = data.series.filter((s) => s.points.length && byId.has(s.id)).map((series) => {
    const indicator = byId.get(series.id);
    const measure = textOf(indicator.measure, lang);
    const chart = chartSvg({ series, indicator, axis, events, lang });
    charts.set(series.id, chart);
    return el('figure', { class: 'toc-chart', 'data-testid': `toc-chart-${series.id}`, 'data-indicator': series.id },
      el('figcaption', {},
        el('span', { class: 'toc-chart-title', lang: measure.lang, text: measure.text }),
        el('span', { class: 'toc-muted', text: ` · ${series.id}${series.derived ? ` · ${t(`toc.chart.derived.${byId.get(series.id).derived.op}`)}` : ''}` })),
      el('div', { class: 'toc-chart-row' },
        el('div', { class: 'toc-chart-plot' }, chart, exportButtons?.(chart, series.id)),
        chartTable(series, indicator, data, lang)));
  });
  return { element: el('div', { class: 'toc-charts', 'data-testid': 'toc-charts' }, figures), charts, axis };
}

/** Dated events numbered by start (1, 2, …) then the undated ones, as the timeline shows them. */
export function numberedEvents(data) {
  const dated = data.events.filter((e) => e.start).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return dated.map((e, i) => ({ ...e, n: i + 1 }));
}
