// Heatmap of conditions × proposals (a table: every cell prints its number; shading repeats it
// in five bands) and the profile of one proposal by level, as a bar chart with its table.
import { el, replace, uid } from '../../dom.js';
import { methodCard } from '../../methodcard.js';
import { t } from '../../i18n.js';
import { fixed, num, svg, th, tx } from './util.js';

/** Five shading bands on 0–100 (the number is always printed too). */
const band = (scaled) => (scaled === null || scaled === undefined ? 'heat-none' : `heat-${Math.min(4, Math.max(0, Math.floor(scaled / 20)))}`);

/** Bar chart of a proposal's level scores (0–100): each level's name above its bar, the value at its end. */
function profileChart(levels, labelText) {
  const rowH = 46, left = 8, width = 520, right = 44, top = 4, axis = 22;
  const barW = width - left - right;
  const height = top + levels.length * rowH + axis;
  const x = (v) => left + (v / 100) * barW;
  const chart = svg('svg', { class: 'profile-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': labelText });
  for (const tick of [0, 25, 50, 75, 100]) {
    chart.append(
      svg('line', { x1: x(tick), x2: x(tick), y1: top + 18, y2: top + levels.length * rowH, class: 'grid' }),
      svg('text', { x: x(tick), y: height - 6, 'text-anchor': tick === 0 ? 'start' : tick === 100 ? 'end' : 'middle', class: 'tick', text: String(tick) }));
  }
  levels.forEach((level, i) => {
    const y = top + i * rowH;
    chart.append(svg('text', { x: left, y: y + 14, class: 'label', text: level.name }));
    if (level.score === null) {
      chart.append(svg('text', { x: left, y: y + 34, class: 'value', text: t('proposals.heatmap.noScore') }));
      return;
    }
    chart.append(
      svg('rect', { x: left, y: y + 20, width: Math.max(1, x(level.score) - left), height: 18, class: `bar bar-${i % 4}` }),
      svg('text', { x: x(level.score) + 4, y: y + 34, class: 'value', text: fixed(level.score, 0) }));
  });
  return chart;
}

export function heatmapCard(ctx) {
  const table = el('table', { class: 'heatmap', 'data-testid': 'heatmap' });
  const legend = el('p', { class: 'legend' });
  const selectId = uid('profile');
  const select = el('select', { id: selectId, 'data-testid': 'profile-select' });
  select.addEventListener('change', () => ctx.set({ profile: select.value }, 'view'));
  const profile = el('div', { class: 'profile', 'data-testid': 'profile' });
  const cardSlot = el('div', { class: 'methodcards' });
  const node = el('section', { class: 'card', 'data-figure': 'proposals-heatmap' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.heatmap.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.heatmap.intro' }),
    legend,
    el('div', { class: 'scroll' }, table), cardSlot,
    el('h4', { 'data-i18n': 'proposals.profile.title' }),
    el('div', { class: 'field no-print' }, el('label', { for: selectId, 'data-i18n': 'proposals.profile.choose' }), select),
    profile);

  function renderLegend() {
    replace(legend, t('proposals.heatmap.legend'), ' ',
      ['0–19', '20–39', '40–59', '60–79', '80–100'].map((range, i) => el('span', { class: `swatch heat-${i}`, text: range })),
      el('span', { class: 'swatch heat-none', text: t('proposals.heatmap.noScore') }));
  }

  function renderTable(rows) {
    const rubric = ctx.rubric;
    const scales = [...new Set(rubric.conditions.map((c) => `${c.scale[0].value}–${c.scale[c.scale.length - 1].value}`))].join(', ');
    const head = el('tr', {}, th(t('proposals.heatmap.condition')),
      rows.map((r) => el('th', { scope: 'col', class: 'num', title: r.proposal.title }, el('abbr', { title: r.proposal.title, text: r.proposal.id }))));
    const body = [];
    for (const level of rubric.levels) {
      const conditions = rubric.conditions.filter((c) => c.levelId === level.id);
      if (!conditions.length) continue;
      body.push(el('tr', { class: 'level-row' }, el('th', { scope: 'rowgroup', colspan: rows.length + 1, text: tx(level.name) })));
      for (const c of conditions) {
        const ci = rubric.conditions.indexOf(c);
        body.push(el('tr', {}, el('th', { scope: 'row', text: tx(c.name) }), rows.map((r) => {
          const s = r.summary?.conditions[ci];
          const mean = s?.mean ?? null;
          return el('td', {
            class: `num ${band(s?.scaled)}`,
            title: t('proposals.heatmap.cell', { proposal: r.proposal.id, condition: tx(c.name), mean: fixed(mean, 2), n: s?.n ?? 0 }),
            text: fixed(mean, 1),
          });
        })));
      }
    }
    body.push(el('tr', { class: 'level-row' }, el('th', { scope: 'rowgroup', colspan: rows.length + 1, text: t('proposals.heatmap.levels') })));
    rubric.levels.forEach((level, li) => {
      body.push(el('tr', {}, el('th', { scope: 'row', text: tx(level.name) }), rows.map((r) => {
        const v = r.summary?.levels[li]?.score ?? null;
        return el('td', { class: `num ${band(v)}`, text: fixed(v, 0) });
      })));
    });
    body.push(el('tr', { class: 'total-row' }, el('th', { scope: 'row', text: t('proposals.heatmap.weighted') }),
      rows.map((r) => el('td', { class: `num ${band(r.raw)}`, text: fixed(r.raw, 0) }))));
    replace(table,
      el('caption', { text: t('proposals.heatmap.caption', { scale: scales }) }),
      el('thead', {}, head),
      el('tbody', {}, body));
  }

  function renderProfile(rows) {
    const current = rows.find((r) => r.proposal.id === ctx.settings.profile) ?? rows[0];
    replace(select, rows.map((r) => el('option', { value: r.proposal.id, text: `${r.proposal.id} — ${r.proposal.title}` })));
    if (!current) { replace(profile); return; }
    select.value = current.proposal.id;
    const levels = ctx.rubric.levels.map((level, i) => ({ name: tx(level.name), score: current.summary?.levels[i]?.score ?? null }));
    const label = t('proposals.profile.chart', {
      proposal: `${current.proposal.id} ${current.proposal.title}`,
      levels: levels.map((l) => `${l.name} ${fixed(l.score, 0)}`).join('; '),
    });
    const comments = (ctx.round.scores ?? []).filter((s) => s.proposalId === current.proposal.id && s.comment);
    replace(profile,
      el('div', { class: 'profile-pair' },
        profileChart(levels, label),
        el('table', { class: 'data compact' },
          el('thead', {}, el('tr', {}, th(t('proposals.profile.level')), th(t('proposals.profile.score'), { class: 'num' }))),
          el('tbody', {}, levels.map((l) => el('tr', {}, el('th', { scope: 'row', text: l.name }), num(fixed(l.score, 1))))))),
      el('table', { class: 'data compact', 'data-testid': 'profile-conditions' },
        el('caption', { text: t('proposals.profile.conditionsCaption') }),
        el('thead', {}, el('tr', {}, th(t('proposals.heatmap.condition')), th(t('proposals.profile.mean'), { class: 'num' }),
          th(t('proposals.profile.sd'), { class: 'num' }), th(t('proposals.profile.range'), { class: 'num' }),
          th(t('proposals.profile.n'), { class: 'num' }), th(t('proposals.profile.scaled'), { class: 'num' }))),
        el('tbody', {}, ctx.rubric.conditions.map((c, i) => {
          const s = current.summary?.conditions[i];
          return el('tr', {}, el('th', { scope: 'row', text: tx(c.name) }),
            num(fixed(s?.mean ?? null, 2)), num(fixed(s?.sd ?? null, 2)),
            num(s?.min === null || s?.min === undefined ? t('proposals.none') : `${fixed(s.min, 1)}–${fixed(s.max, 1)}`),
            num(String(s?.n ?? 0)), num(fixed(s?.scaled ?? null, 0)));
        }))),
      comments.length ? el('div', {}, el('h5', { text: t('proposals.profile.comments') }),
        el('ul', { class: 'comments' }, comments.map((s) => el('li', {}, el('strong', { text: `${ctx.names.reviewer(s.reviewerId)}, ${ctx.names.condition(s.conditionId)}: ` }), s.comment)))) : null);
  }

  function update() {
    renderLegend();
    if (!ctx.analysis) { replace(table); replace(profile); replace(cardSlot); return; }
    const a = ctx.analysis;
    replace(cardSlot, methodCard({ method: a.scores.method, defaults: { calibrated: ctx.settings.scores === 'calibrated' },
      sizes: { proposals: a.proposals, reviewers: a.reviewers, scores: a.reviews, conditions: ctx.rubric.conditions?.length } }));
    const rows = ctx.ranked();
    renderTable(rows);
    renderProfile(rows);
  }

  return { node, update };
}
