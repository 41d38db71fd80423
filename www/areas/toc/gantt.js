// The Gantt chart of the engine's critical-path schedule: phase windows as bands, one bar per
// goal from early start to early finish, slack as a thin line to the late finish, the critical
// path hatched, outlined AND labelled "critical", an "as of" marker; plus the schedule table.
import { el } from '../../dom.js';
import { intl, number, t } from '../../i18n.js';
import { dayNumber } from './model.js';
import { pick } from '../../text.js';
import { fit, svg, textBlock, textWidth } from './svg.js';
import { findingText } from './findings.js';

const LABEL_W = 280;
const CHART_W = 640;
const RIGHT = 190;
const AXIS_H = 44;
const PHASE_H = 30;
const ROW_H = 38;
const BAR_H = 16;

/** A date for people: "Apr 1, 2021" / "1 abr 2021". */
export function fmtDate(iso, lang) {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return intl('DateTimeFormat', lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
const monthYear = (day, lang) => intl('DateTimeFormat', lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(day * 864e5));

/** Groups the scheduled goals by phase (model order), goals without a phase last. */
function rows(schedule, model) {
  const groups = [];
  const byPhase = new Map();
  for (const p of model.phases ?? []) {
    const g = { phase: p, goals: [] };
    groups.push(g);
    if (!byPhase.has(p.id)) byPhase.set(p.id, g);
  }
  const loose = { phase: null, goals: [] };
  for (const g of schedule.goals) (byPhase.get(g.phase) ?? loose).goals.push(g);
  if (loose.goals.length) groups.push(loose);
  return groups;
}

/** Builds the chart. Returns { svg, bars: Map goal id → <g>, phases: Map phase id → <g> }. */
export function drawGantt({ schedule, model, index, lang, asOf }) {
  const groups = rows(schedule, model);
  const days = [];
  for (const g of schedule.goals) days.push(dayNumber(g.earlyStart), dayNumber(g.earlyFinish) + 1, dayNumber(g.lateFinish) + 1);
  for (const { phase } of groups) {
    if (phase?.start) days.push(dayNumber(phase.start.value));
    if (phase?.end) days.push(dayNumber(phase.end.value) + 1);
  }
  const first = monthStart(Math.min(...days));
  const last = monthStart(Math.max(...days) + 31);
  const scale = CHART_W / Math.max(1, last - first);
  const X = (day) => LABEL_W + (day - first) * scale;

  const height = AXIS_H + groups.reduce((h, g) => h + PHASE_H + g.goals.length * ROW_H, 0) + 12;
  const width = LABEL_W + CHART_W + RIGHT;
  const path = schedule.criticalPath.join(' → ') || '—';
  const root = svg('svg', {
    class: 'toc-gantt-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': t('toc.gantt.label', { n: schedule.nGoals, start: fmtDate(schedule.projectStart, lang), finish: fmtDate(schedule.projectFinish, lang), path }),
  });
  root.append(svg('defs', {},
    svg('pattern', { id: 'toc-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, class: 'toc-hatch-bg' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'toc-hatch-line' }))));

  // Axis: ticks every 1, 3, 6 or 12 months, whichever leaves room for the labels.
  const axis = svg('g', { class: 'toc-axis' });
  const labelW = textWidth(monthYear(first, lang), 11) + 10;
  const step = [1, 3, 6, 12, 24].find((m) => m * 30.4 * scale >= labelW) ?? 24;
  for (let d = first; d <= last; d = addMonths(d, 1)) {
    const month = new Date(d * 864e5).getUTCMonth();
    // Yearly ticks fall on July 1, the start of a school year.
    if (!(step === 1 || (step >= 12 ? month === 6 : month % step === 0))) continue;
    axis.append(svg('line', { x1: X(d), x2: X(d), y1: AXIS_H - 6, y2: height - 6, class: 'toc-grid' }));
    if (X(d) + labelW / 2 <= LABEL_W + CHART_W + RIGHT) {
      axis.append(svg('text', { x: X(d), y: AXIS_H - 10, 'text-anchor': 'middle', text: monthYear(d, lang) }));
    }
  }
  root.append(axis);

  const bars = new Map();
  const phases = new Map();
  let y = AXIS_H;
  const labelWidth = LABEL_W - 20;
  const bandLayer = svg('g', {});
  const rowLayer = svg('g', {});
  root.append(bandLayer, rowLayer);
  for (const { phase, goals } of groups) {
    const blockH = PHASE_H + goals.length * ROW_H;
    const name = phase ? pick(phase.name, lang) : { text: t('toc.gantt.noPhase'), lang };
    const head = svg('g', { class: 'toc-gantt-phase', 'data-id': phase?.id ?? null });
    const sched = phase ? schedule.phases.find((p) => p.id === phase.id) : null;
    if (phase && (phase.start || goals.length)) {
      const from = phase.start ? dayNumber(phase.start.value) : Math.min(...goals.map((g) => dayNumber(g.earlyStart)));
      const to = phase.end ? dayNumber(phase.end.value) + 1 : Math.max(first + 1, ...goals.map((g) => dayNumber(g.earlyFinish) + 1));
      bandLayer.append(svg('rect', { class: `toc-phase-band${sched && !sched.conforms ? ' toc-phase-broken' : ''}`,
        x: X(from), y: y + 2, width: Math.max(2, X(to) - X(from)), height: blockH - 4, rx: 4 }));
    }
    const window = phase ? `${fmtDate(phase.start?.value, lang)} – ${fmtDate(phase.end?.value, lang)}` : '';
    const headText = phase ? `${phase.id} · ${name.text}` : name.text;
    const fitted = fit(headText, labelWidth, PHASE_H - 6, [13, 12, 11], true);
    head.append(svg('title', { text: `${headText} ${window}` }),
      svg('rect', { class: 'toc-hit', x: 0, y, width: LABEL_W - 8, height: PHASE_H }),
      textBlock(fitted, 8, y + PHASE_H / 2, { class: 'toc-gantt-phase-label' }, name.lang !== lang ? name.lang : null));
    if (phase) {
      const wx = Math.max(X(phase.start ? dayNumber(phase.start.value) : first) + 6, LABEL_W + 6);
      head.append(svg('text', { class: 'toc-gantt-window', x: wx, y: y + 19, text: window }));
    }
    rowLayer.append(head);
    if (phase) phases.set(phase.id, head);
    y += PHASE_H;
    for (const g of goals) {
      const item = index.get(g.id)?.item;
      const title = pick(item?.title, lang);
      const label = fit(`${g.id} · ${title.text}`, labelWidth - 12, ROW_H - 8, [12, 11]);
      const x0 = X(dayNumber(g.earlyStart));
      const x1 = X(dayNumber(g.earlyFinish) + 1);
      const xl = X(dayNumber(g.lateFinish) + 1);
      const cy = y + ROW_H / 2;
      const row = svg('g', { class: `toc-gantt-row${g.critical ? ' toc-critical' : ''}`, 'data-id': g.id },
        svg('title', { text: `${g.id} · ${title.text}: ${fmtDate(g.earlyStart, lang)} – ${fmtDate(g.earlyFinish, lang)}` }),
        svg('rect', { class: 'toc-hit', x: 0, y, width: LABEL_W + CHART_W + RIGHT, height: ROW_H }),
        textBlock(label, 20, cy, { class: 'toc-gantt-label' }, title.lang !== lang ? title.lang : null));
      if (g.slackDays > 0) {
        row.append(svg('line', { class: 'toc-slack', x1: x1, x2: xl, y1: cy, y2: cy }),
          svg('line', { class: 'toc-slack', x1: xl, x2: xl, y1: cy - 5, y2: cy + 5 }));
      }
      if (g.durationDays === 0) {
        row.append(svg('path', { class: 'toc-bar toc-milestone', d: `M${x0},${cy - 8} l8,8 l-8,8 l-8,-8 z` }));
      } else {
        row.append(svg('rect', { class: 'toc-bar', x: x0, y: cy - BAR_H / 2, width: Math.max(2, x1 - x0), height: BAR_H, rx: 3 }));
      }
      const notes = [];
      if (g.critical) notes.push(t('toc.gantt.critical'));
      else notes.push(t('toc.gantt.slack', { days: number(g.slackDays, 0) }));
      if (g.durationDays === 0) notes.push(t('toc.gantt.milestone'));
      if (g.withinPhase === false) notes.push(t('toc.gantt.outside'));
      if (['start', 'end', 'durationDays'].some((k) => item?.[k]?.provenance?.origin === 'assumed')) notes.push(t('toc.gantt.assumed'));
      const note = notes.join(' · ');
      const bold = g.critical;
      const noteW = textWidth(note, 11, bold);
      const after = Math.max(x1, g.slackDays > 0 ? xl : x1) + 6;
      // After the bar (and its slack line); else before the bar; else above it.
      const place = after + noteW <= width - 4 ? { x: after, y: cy + 4, anchor: 'start' }
        : x0 - 6 - noteW >= LABEL_W ? { x: x0 - 6, y: cy + 4, anchor: 'end' }
          : { x: Math.max(LABEL_W + 2, Math.min(x0, width - 4 - noteW)), y: cy - BAR_H / 2 - 3, anchor: 'start' };
      row.append(svg('text', {
        class: `toc-bar-note${bold ? ' toc-bar-note-critical' : ''}`, x: place.x, y: place.y, 'text-anchor': place.anchor, text: note,
      }));
      rowLayer.append(row);
      bars.set(g.id, row);
      y += ROW_H;
    }
  }
  if (asOf) {
    const d = dayNumber(asOf);
    if (d >= first && d <= last) {
      const x = X(d);
      const label = t('toc.gantt.asOf', { date: fmtDate(asOf, lang) });
      const w = textWidth(label, 11, true);
      const anchorEnd = x + w / 2 > width - 4;
      root.append(svg('g', { class: 'toc-asof' },
        svg('line', { x1: x, x2: x, y1: AXIS_H - 6, y2: height - 6 }),
        svg('text', { x: anchorEnd ? x - 4 : Math.max(x, LABEL_W + w / 2), y: 12, 'text-anchor': anchorEnd ? 'end' : 'middle', text: label })));
    }
  }
  return { svg: root, bars, phases };
}

const monthStart = (day) => {
  const d = new Date(day * 864e5);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 864e5);
};
const addMonths = (day, n) => {
  const d = new Date(day * 864e5);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / 864e5);
};

/** The schedule table: every goal's early and late dates, slack and whether it is critical. */
export function scheduleTable({ schedule, index, lang }) {
  const head = ['sched.goal', 'sched.phase', 'sched.duration', 'sched.es', 'sched.ef', 'sched.ls', 'sched.lf', 'sched.slack', 'sched.critical', 'sched.drivenBy'];
  const num = new Set(['sched.duration', 'sched.slack']);
  return el('table', { class: 'data toc-table', 'data-testid': 'toc-schedule-table' },
    el('caption', { text: t('toc.sched.table') }),
    el('thead', {}, el('tr', {}, head.map((k) => el('th', { scope: 'col', class: num.has(k) ? 'num' : null, text: t(`toc.${k}`) })))),
    el('tbody', {}, schedule.goals.map((g) => {
      const title = pick(index.get(g.id)?.item?.title, lang);
      const set = g.drivenBy.length ? g.drivenBy.join(', ') : g.constrainedBy ? t(`toc.constraint.${g.constrainedBy}`) : '—';
      return el('tr', { class: g.critical ? 'toc-row-critical' : null },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': g.id },
          `${g.id} · `, el('span', { lang: title.lang !== lang ? title.lang : null, text: title.text }))),
        el('td', { text: g.phase ?? '—' }),
        el('td', { class: 'num', text: number(g.durationDays, 0) }),
        ...[g.earlyStart, g.earlyFinish, g.lateStart, g.lateFinish].map((d) => el('td', {}, el('time', { datetime: d, text: fmtDate(d, lang) }))),
        el('td', { class: 'num', text: number(g.slackDays, 0) }),
        el('td', { class: g.critical ? 'toc-critical-cell' : null, text: g.critical ? `${t('toc.yes')} — ${t('toc.gantt.critical')}` : t('toc.no') }),
        el('td', { text: set }));
    })));
}

/** The what-if result: a sentence, the goals that move (old and new dates) and broken deadlines. */
export function whatIfView(w, { index, lang }) {
  const others = w.moved.filter((m) => m.id !== w.goalId);
  const params = { goal: w.goalId, delay: w.delayDays, n: others.length, shift: w.projectShiftDays,
    before: fmtDate(w.projectFinishBefore, lang), after: fmtDate(w.projectFinishAfter, lang) };
  const errors = w.feasibleAfter ? [] : w.schedule.conflicts.filter((f) => f.severity === 'error');
  return [
    el('p', { class: 'toc-whatif-sentence', 'data-testid': 'toc-whatif-sentence', text: t(others.length || w.projectShiftDays ? 'toc.whatif.result' : 'toc.whatif.none', params) }),
    w.moved.length ? el('table', { class: 'data toc-table', 'data-testid': 'toc-whatif-table' },
      el('caption', { text: t('toc.whatif.table') }),
      el('thead', {}, el('tr', {}, ['sched.goal', 'whatif.oldStart', 'whatif.newStart', 'whatif.oldFinish', 'whatif.newFinish', 'whatif.shift']
        .map((k) => el('th', { scope: 'col', class: k === 'whatif.shift' ? 'num' : null, text: t(`toc.${k}`) })))),
      el('tbody', {}, w.moved.map((m) => {
        const title = pick(index.get(m.id)?.item?.title, lang);
        return el('tr', {}, el('th', { scope: 'row' }, el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': m.id },
          `${m.id} · `, el('span', { lang: title.lang !== lang ? title.lang : null, text: title.text }))),
        ...[m.oldStart, m.newStart, m.oldFinish, m.newFinish].map((d) => el('td', {}, el('time', { datetime: d, text: fmtDate(d, lang) }))),
        el('td', { class: 'num', text: `+${number(m.shiftDays, 0)}` }));
      }))) : null,
    errors.length ? el('div', { class: 'toc-whatif-conflicts' }, el('p', { text: t('toc.whatif.infeasible') }),
      el('ul', {}, errors.map((f) => {
        // By rule code, like the validation panel; the engine's English only for a code this page does not know.
        const known = findingText(f);
        return el('li', { 'data-code': f.code, lang: known === null ? 'en' : null, text: known ?? f.message });
      }))) : null,
  ];
}
