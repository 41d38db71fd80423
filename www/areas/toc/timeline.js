// The campaign's timeline strip (issue 17): the model's events on the same time axis as the
// series charts, so a flashpoint stands above the lines it may explain. Kinds are told apart by
// shape (circle: activity, triangle: flashpoint, diamond: milestone) and a legend, not colour
// alone; each dated event carries the number the charts' faint rules repeat. Beside it, a table
// lists every event — the undated ones too, marked so (never placed at a guessed date).
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { GRID, INK, LEFT, MUTED, RIGHT, W, numberedEvents } from './charts.js';
import { pick } from '../../text.js';
import { dayNumber } from './model.js';
import { svg } from './svg.js';

export const EVENT_KINDS = ['activity', 'flashpoint', 'milestone'];
const COLOUR = { activity: '#0b5f7a', flashpoint: '#a3340f', milestone: '#3d6b21' };
const LANE_H = 24;
const TOP = 8;

/** The marker of an event kind centred on (x, y): an SVG element. */
export function marker(kind, x, y, size = 6) {
  const fill = COLOUR[kind] ?? INK;
  if (kind === 'flashpoint') return svg('path', { d: `M${x},${y - size - 1}L${x + size + 1},${y + size}L${x - size - 1},${y + size}Z`, fill, stroke: '#ffffff', 'stroke-width': 1 });
  if (kind === 'milestone') return svg('path', { d: `M${x},${y - size - 1}L${x + size + 1},${y}L${x},${y + size + 1}L${x - size - 1},${y}Z`, fill, stroke: '#ffffff', 'stroke-width': 1 });
  return svg('circle', { cx: x, cy: y, r: size, fill, stroke: '#ffffff', 'stroke-width': 1 });
}

/** A small legend symbol (its own <svg>, hidden from assistive technology: the text says it). */
const legendIcon = (kind) => svg('svg', { viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', class: 'toc-legend-icon' }, marker(kind, 8, 8, 5));

/** Puts each dated event in the first lane where its label does not overlap the previous one. */
function lanes(events, axis) {
  const ends = [];
  return events.map((e) => {
    const x = axis.X((dayNumber(e.start) + dayNumber(e.end) + 1) / 2);
    const from = Math.min(x, axis.X(dayNumber(e.start))) - 8;
    let lane = ends.findIndex((end) => end < from);
    if (lane < 0) { lane = ends.length; ends.push(0); }
    ends[lane] = Math.max(x, axis.X(dayNumber(e.end) + 1)) + 8 + 8 * String(e.n).length;
    return { ...e, x, lane };
  });
}

/**
 * Draws the strip and its table. `data` is the engine's chart data, `axis` the charts' shared
 * axis (null when nothing is dated). Returns { element, svg }.
 */
export function drawTimeline({ data, model, axis, lang, exportButtons }) {
  const byId = new Map((model.events ?? []).map((e) => [e.id, e]));
  const dated = numberedEvents(data);
  const undated = data.events.filter((e) => !e.start);
  if (!data.events.length) return { element: el('p', { class: 'toc-muted', 'data-testid': 'toc-timeline-empty', text: t('toc.timeline.none') }), svg: null };
  let strip = null;
  if (axis && dated.length) {
    const placed = lanes(dated, axis);
    const nLanes = Math.max(1, ...placed.map((p) => p.lane + 1));
    const height = TOP + nLanes * LANE_H + 26;
    strip = svg('svg', { class: 'toc-timeline-svg', viewBox: `0 0 ${W} ${height}`, width: '100%', role: 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 12,
      'data-testid': 'toc-timeline-svg',
      'aria-label': t('toc.timeline.label', { n: dated.length, first: byId.get(placed[0].id)?.period ?? '', last: byId.get(placed.at(-1).id)?.period ?? '', undated: undated.length }) });
    strip.append(svg('rect', { x: 0, y: 0, width: W, height, fill: '#ffffff' }));
    const base = height - 26;
    const axisG = svg('g', { 'aria-hidden': 'true' },
      svg('line', { x1: LEFT, x2: W - RIGHT, y1: base, y2: base, stroke: MUTED, 'stroke-width': 1 }));
    for (const tk of axis.ticks) {
      axisG.append(svg('line', { x1: tk.x, x2: tk.x, y1: TOP, y2: base + 4, stroke: GRID, 'stroke-width': 1 }));
      if (tk.label) axisG.append(svg('text', { x: tk.mid, y: base + 18, 'text-anchor': 'middle', fill: MUTED, 'font-size': 13, text: tk.label }));
    }
    strip.append(axisG);
    for (const p of placed) {
      const e = byId.get(p.id);
      const y = TOP + p.lane * LANE_H + LANE_H / 2;
      const x0 = axis.X(dayNumber(p.start));
      const x1 = axis.X(dayNumber(p.end) + 1);
      const kind = e?.kind ?? 'milestone';
      strip.append(svg('g', { class: 'toc-timeline-event', 'data-event': p.id, 'data-kind': kind },
        svg('title', { text: `${p.n}. ${pick(e?.title, lang).text}` }),
        x1 - x0 > 4 ? svg('rect', { x: x0, y: y - 3, width: x1 - x0, height: 6, rx: 3, fill: COLOUR[kind], 'fill-opacity': 0.22 }) : null,
        marker(kind, p.x, y),
        svg('text', { x: p.x + 10, y: y + 5, fill: INK, 'font-size': 13, 'font-weight': 600, text: String(p.n) })));
    }
  }
  const legend = el('ul', { class: 'toc-legend', 'data-testid': 'toc-timeline-legend' },
    EVENT_KINDS.map((k) => el('li', {}, legendIcon(k), ' ', t(`toc.event.kind.${k}`))));
  return {
    svg: strip,
    element: el('figure', { class: 'toc-chart toc-timeline', 'data-testid': 'toc-timeline' },
      el('figcaption', {}, el('span', { class: 'toc-chart-title', text: t('toc.timeline.heading') })),
      el('div', { class: 'toc-chart-row' },
        el('div', { class: 'toc-chart-plot' }, strip ?? el('p', { class: 'toc-muted', text: t('toc.timeline.noDates') }), legend, strip ? exportButtons?.(strip, 'timeline') : null),
        eventTable({ dated, undated, byId, model, lang }))),
  };
}

/** Every event: number, when, kind, what, what it concerns; undated ones last, marked so. */
function eventTable({ dated, undated, byId, model, lang }) {
  const labels = new Map();
  for (const k of ['activities', 'outputs', 'outcomes', 'components']) for (const x of model[k] ?? []) labels.set(x.id, x.title);
  const row = (e, n) => {
    const ev = byId.get(e.id);
    const title = pick(ev?.title, lang);
    const about = [...(ev?.component ? [ev.component] : []), ...(ev?.about ?? [])];
    return el('tr', { 'data-event': e.id },
      el('th', { scope: 'row', text: n === null ? '—' : String(n) }),
      el('td', { text: ev?.period ?? t('toc.timeline.undated') }),
      el('td', {}, legendIcon(ev?.kind), ' ', t(`toc.event.kind.${ev?.kind ?? 'milestone'}`)),
      el('td', { lang: title.lang !== lang ? title.lang : null, text: title.text }),
      el('td', {}, about.map((id, i) => [i ? ', ' : '', el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id, text: id,
        title: labels.has(id) ? pick(labels.get(id), lang).text : null })])));
  };
  return el('div', { class: 'toc-table-scroll toc-chart-table', tabindex: '0', role: 'region', 'aria-label': t('toc.timeline.table') },
    el('table', { class: 'data toc-table', 'data-testid': 'toc-timeline-table' },
      el('caption', { text: t('toc.timeline.table') }),
      el('thead', {}, el('tr', {}, ['n', 'when', 'kind', 'what', 'about'].map((k) => el('th', { scope: 'col', text: t(`toc.timeline.col.${k}`) })))),
      el('tbody', {}, dated.map((e) => row(e, e.n)), undated.map((e) => row(e, null)))));
}
