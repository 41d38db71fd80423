// The column-mapping editor: one row per file column (role, item type, top box, scale, break
// down by), the pairs (then-test before/now, pre/post by respondent id) and the waves. Edits
// change a draft copy of the engine's mapping; "Apply" hands it to the engine, which validates
// it (a rejected mapping leaves the previous one in place). Nothing here computes a statistic.
import { el, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { count, tr } from './format.js';
import { reasonText, templateName } from './notices.js';
import { rakingForm } from './weights.js';

export const ROLES = ['item', 'respondent_id', 'timestamp', 'wave', 'weight', 'ignored', 'unused'];
export const TYPES = ['likert', 'binary', 'change', 'multi_select', 'numeric', 'category', 'text', 'codes'];
const PAIRABLE = new Set(['likert', 'binary', 'numeric', 'change', 'codes']);
const LABELLED = new Set(['likert', 'binary', 'change', 'category', 'codes']);
const GROUPABLE = new Set(['category', 'binary', 'likert']);
const SCALABLE = new Set(['likert', 'binary', 'numeric']);

const clone = (x) => JSON.parse(JSON.stringify(x));

/** A fresh editor for an engine mapping (with its column summary). */
export function editor(mapping) {
  return { draft: clone(mapping), applied: clone(mapping), shelf: new Map(), memory: new Map(), dirty: false };
}

/** The mapping to send to the engine (the column summary is read-only and left out). */
export function forEngine(draft) {
  const { columns, ...rest } = draft;
  void columns;
  return clone(rest);
}

const itemsOf = (draft, key) => draft.instrument.items.filter((i) => i.column === key || i.choices.some((c) => c.column === key));

/** The role of a column in the draft. */
export function roleOf(draft, key) {
  if (draft.respondentId === key) return 'respondent_id';
  if (draft.instrument.waves?.column === key) return 'wave';
  if (draft.weight === key) return 'weight';
  if (itemsOf(draft, key).length) return 'item';
  if (draft.timestamps.includes(key)) return 'timestamp';
  if (draft.ignored.includes(key)) return 'ignored';
  return 'unused';
}

const slug = (s) => (s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'item');
function uniqueId(draft, base) {
  const ins = draft.instrument;
  const taken = new Set([...ins.items, ...ins.scales, ...ins.pairs].map((x) => x.id));
  let id = base, n = 2;
  while (taken.has(id)) id = `${base}_${n++}`;
  return id;
}
function splitHeader(header) {
  const m = /^(.*?)\s+\/\s+(.*)$/.exec(header);
  return m ? [m[1].trim(), m[2].trim()] : [header.trim(), ''];
}

/** Removes references to items that no longer exist (groups, scales, pairs). */
function prune(draft) {
  const ins = draft.instrument;
  const ids = new Set(ins.items.map((i) => i.id));
  ins.groups = ins.groups.filter((g) => ids.has(g));
  for (const s of ins.scales) { s.items = s.items.filter((i) => ids.has(i)); s.reversed = s.reversed.filter((i) => ids.has(i)); }
  ins.scales = ins.scales.filter((s) => s.items.length >= 2);
  ins.pairs = ins.pairs.filter((p) => ids.has(p.before) && ids.has(p.after));
}

/** Changes what a column is used for. Items taken off a column are kept to come back. */
export function setRole(ed, col, role) {
  const { draft } = ed;
  const key = col.key;
  const ins = draft.instrument;
  if (roleOf(draft, key) === role) return;
  if (draft.respondentId === key) draft.respondentId = null;
  if (draft.weight === key) draft.weight = null;
  draft.timestamps = draft.timestamps.filter((k) => k !== key);
  draft.ignored = draft.ignored.filter((k) => k !== key);
  if (ins.waves?.column === key) ins.waves = null;
  const items = itemsOf(draft, key);
  if (items.length && role !== 'item') {
    ed.shelf.set(key, clone(items.filter((i) => i.column === key)));
    for (const it of items) {
      if (it.column === key) ins.items.splice(ins.items.indexOf(it), 1);
      else it.choices = it.choices.filter((c) => c.column !== key);
    }
    ins.items = ins.items.filter((i) => i.column !== null || i.choices.length);
    prune(draft);
  }
  if (role === 'item') {
    const back = ed.shelf.get(key);
    ins.items.push(...(back?.length ? back.map((i) => ({ ...i, id: uniqueId(draft, i.id) })) : [(() => {
      const [en, es] = splitHeader(col.header);
      return { id: uniqueId(draft, slug(en || key)), column: key, text: { en, es }, type: 'text', points: [], top: null, choices: [], separator: null, min: null, max: null };
    })()]));
  } else if (role === 'respondent_id') draft.respondentId = key;
  else if (role === 'timestamp') draft.timestamps.push(key);
  else if (role === 'ignored') draft.ignored.push(key);
  else if (role === 'weight') draft.weight = key; // one weight column: a previous one becomes unused
  else if (role === 'wave') {
    ins.waves = { column: key, order: [...col.examples].sort((a, b) => a.localeCompare(b)), sizesAssumed: false };
  }
}

const numberLike = (v) => /^[-+]?\d+([.,]\d+)?$/.test(v.trim());
function pointsFrom(examples) {
  const all = examples.every(numberLike);
  const values = all ? [...examples].sort((a, b) => Number(a.replace(',', '.')) - Number(b.replace(',', '.'))) : examples;
  return values.map((v, i) => ({ value: all ? Number(v.replace(',', '.')) : i, label: { en: v, es: '' }, aliases: [] }));
}

/** Changes an item's type, keeping (or rebuilding) what the new type needs. */
export function setType(ed, item, type, col) {
  if (item.type === type) return;
  const mem = ed.memory.get(item.id) ?? {};
  mem[item.type] = clone({ points: item.points, top: item.top, choices: item.choices, separator: item.separator, min: item.min, max: item.max, column: item.column });
  ed.memory.set(item.id, mem);
  item.type = type;
  if (mem[type]) { Object.assign(item, clone(mem[type])); return; }
  if (['likert', 'category', 'binary', 'change'].includes(type) && !item.points.length) item.points = pointsFrom(col?.examples ?? []);
  if (type === 'binary' && item.points.length === 2) item.points = item.points.map((p, i) => ({ ...p, value: i }));
  if (type === 'change' && item.points.length === 3) item.points = item.points.map((p, i) => ({ ...p, value: i - 1 }));
  if (type === 'likert') item.top = null;
  if (type === 'multi_select' && !item.choices.length) {
    const seen = new Map();
    for (const v of col?.examples ?? []) for (const tok of v.split(';').map((s) => s.trim()).filter(Boolean)) if (!seen.has(tok.toLowerCase())) seen.set(tok.toLowerCase(), tok);
    item.choices = [...seen.values()].map((label) => ({ id: slug(label), label: { en: label, es: '' }, aliases: [], column: null }));
    item.separator = ';';
  }
  // An item that cannot be grouped, scaled or paired any more leaves those (the engine would refuse).
  const ins = ed.draft.instrument;
  if (!GROUPABLE.has(type)) ins.groups = ins.groups.filter((g) => g !== item.id);
  if (!SCALABLE.has(type)) { for (const s of ins.scales) s.items = s.items.filter((i) => i !== item.id); ins.scales = ins.scales.filter((s) => s.items.length >= 2); }
}

// ---------------------------------------------------------------- view

/**
 * The engine's proposed scales for an item (with confidence and reasons) and the "confirmed"
 * box: using a proposal copies its type, points and non-answers and confirms the scale.
 */
function proposalControls(item, ci, name, change) {
  const wrap = el('span', { class: 'survey-proposals' });
  const proposals = item.proposals ?? [];
  if (proposals.length && !item.confirmed) {
    const id = uid('proposal');
    const options = proposals.map((p, k) => [String(k), t('survey.map.proposalOption', { template: templateName(p.template), confidence: Math.round(p.confidence * 100) })]);
    const pick = select(options, '0', { id, 'data-key': `proposal:${ci}`, 'data-testid': 'survey-proposal' });
    const reasons = (k) => (proposals[k]?.reasons ?? []).map((r) => reasonText(r)).join('; ');
    const why = el('span', { class: 'survey-colfacts', text: reasons(0) });
    pick.addEventListener('change', () => { why.textContent = reasons(Number(pick.value)); });
    wrap.append(el('label', { for: id, text: t('survey.map.proposal') }), pick,
      el('button', { type: 'button', class: 'secondary small', 'data-key': `use-proposal:${ci}`, 'data-testid': 'survey-use-proposal',
        'aria-label': t('survey.map.useProposalOf', { column: name }), text: t('survey.map.useProposal'),
        onclick: change(() => {
          const p = proposals[Number(pick.value)];
          if (!p) return;
          item.type = p.type; item.points = clone(p.points); item.nonAnswers = clone(p.nonAnswers ?? []); item.top = null; item.confirmed = true;
        }) }), why);
  }
  if (LABELLED.has(item.type) && item.type !== 'codes') {
    const id = uid('confirmed');
    wrap.append(el('span', { class: 'survey-top' },
      el('input', { id, type: 'checkbox', checked: !!item.confirmed, 'data-key': `confirmed:${ci}`, 'data-testid': 'survey-confirmed',
        onchange: change((e) => { item.confirmed = e.target.checked; }) }),
      el('label', { for: id, text: item.waveScales?.length ? t('survey.map.confirmedWaves') : t('survey.map.confirmed') })));
  }
  return wrap;
}

function select(options, value, attrs) {
  return el('select', attrs, options.map(([v, text]) => el('option', { value: v, selected: v === value, text })));
}

/**
 * Renders the editor. `on.change()` after every edit (re-renders), `on.apply()`, `on.revert()`,
 * `on.detected()`; `error` is the last rejection message (or null).
 */
export function renderMapping(ed, { on, error, busy }) {
  const { draft } = ed;
  const ins = draft.instrument;
  const change = (fn) => (e) => { fn(e); ed.dirty = true; on.change(e.target?.dataset?.key); };
  const scaleOptions = () => [['', t('survey.map.noScale')], ...ins.scales.map((s) => [s.id, tr(s.text) || s.id]), ['+new', t('survey.map.newScale')]];

  const rows = draft.columns.map((col, ci) => {
    const role = roleOf(draft, col.key);
    const items = itemsOf(draft, col.key);
    const item = items.find((i) => i.column === col.key) ?? items[0];
    // The question in the current language first, then the file's header (clamped; full on hover).
    const itemName = item ? tr(item.text) : '';
    const named = itemName && itemName !== col.header;
    const name = named ? itemName : col.header;
    const cells = [];
    cells.push(el('th', { scope: 'row', class: 'survey-colname' },
      named ? el('span', { class: 'survey-itemname', text: itemName }) : null,
      el('span', { class: named ? 'survey-header clamp' : 'survey-header', title: col.header, text: col.header, translate: 'no' }),
      el('span', { class: 'survey-colfacts', text: t('survey.map.facts', { distinct: count(col.distinct), blank: count(col.blank) }) })));
    cells.push(el('td', {}, select(ROLES.map((r) => [r, t(`survey.role.${r}`)]), role, {
      'aria-label': t('survey.map.roleOf', { column: name }), 'data-key': `role:${ci}`, 'data-testid': 'survey-role',
      onchange: change((e) => setRole(ed, col, e.target.value)),
    })));
    if (role === 'item' && item) {
      cells.push(el('td', {}, select(TYPES.map((ty) => [ty, t(`survey.type.${ty}`)]), item.type, {
        'aria-label': t('survey.map.typeOf', { column: name }), 'data-key': `type:${ci}`, 'data-testid': 'survey-type',
        onchange: change((e) => setType(ed, item, e.target.value, col)),
      })));
      // Points, and for Likert the number of top points counted as agreement.
      // A point shows its code when the file writes codes: "1 = Improved"; a bare code alone.
      const pointText = (p) => { const label = tr(p.label); const code = p.code ?? null; return code === null ? label : label ? `${code} = ${label}` : String(code); };
      const pts = item.type === 'multi_select' ? item.choices.map((c) => tr(c.label)) : item.points.map(pointText);
      const pointsText = ['numeric', 'text'].includes(item.type) ? t(`survey.map.no.${item.type}`) : pts.join(' · ');
      const topCell = el('td', { class: 'survey-points' }, el('span', { text: pointsText }));
      if (item.nonAnswers?.length) {
        topCell.append(el('span', { class: 'survey-colfacts', text: t('survey.map.nonAnswers', { codes: item.nonAnswers.map((n) => `${n.code} (${t(`survey.missing.${n.reason === 'skipped' ? 'blank' : n.reason}`)})`).join(', ') }) }));
      }
      topCell.append(proposalControls(item, ci, name, change));
      if (item.type === 'likert') {
        const id = uid('top');
        const top = item.top ?? (item.points.length <= 3 ? 1 : 2);
        topCell.append(el('span', { class: 'survey-top' },
          el('label', { for: id, text: t('survey.map.top') }),
          el('input', { id, type: 'number', min: 1, max: Math.max(1, item.points.length), step: 1, value: top, 'data-key': `top:${ci}`, 'data-testid': 'survey-top',
            onchange: change((e) => { const v = Number(e.target.value); item.top = Number.isFinite(v) ? v : null; }) }),
          el('span', { text: t('survey.map.topPoints') })),
          el('button', { type: 'button', class: 'secondary small', 'data-key': `reverse:${ci}`, 'data-testid': 'survey-reverse',
            'aria-label': t('survey.map.reverseOf', { column: name }), text: t('survey.map.reverse'),
            onclick: change(() => {
              // Lowest first: the labels change places, the codes stay in order.
              const values = item.points.map((p) => p.value);
              item.points = [...item.points].reverse().map((p, i) => ({ ...p, value: values[i] }));
            }) }));
      }
      cells.push(topCell);
      const scale = ins.scales.find((s) => s.items.includes(item.id));
      cells.push(el('td', {}, SCALABLE.has(item.type) ? select(scaleOptions(), scale?.id ?? '', {
        'aria-label': t('survey.map.scaleOf', { column: name }), 'data-key': `scale:${ci}`,
        onchange: change((e) => {
          for (const s of ins.scales) { s.items = s.items.filter((i) => i !== item.id); s.reversed = s.reversed.filter((i) => i !== item.id); }
          let target = e.target.value;
          if (target === '+new') {
            const n = ins.scales.length + 1;
            target = uniqueId(draft, `scale_${n}`);
            ins.scales.push({ id: target, text: { en: `Scale ${n}`, es: `Escala ${n}` }, items: [], reversed: [] });
          }
          ins.scales.find((s) => s.id === target)?.items.push(item.id);
          ins.scales = ins.scales.filter((s) => s.items.length > 0);
        }),
      }) : '—'));
      cells.push(el('td', { class: 'center' }, GROUPABLE.has(item.type) ? el('input', {
        type: 'checkbox', checked: ins.groups.includes(item.id), 'aria-label': t('survey.map.groupBy', { column: name }), 'data-key': `group:${ci}`,
        onchange: change((e) => { ins.groups = ins.groups.filter((g) => g !== item.id); if (e.target.checked) ins.groups.push(item.id); }),
      }) : '—'));
    } else {
      cells.push(el('td', { colspan: 4, class: 'survey-muted', text: t(`survey.map.roleNote.${role}`) }));
    }
    // The file's own cells, verbatim and in whatever languages the file mixes: translate="no".
    cells.push(el('td', { class: 'survey-values' }, el('div', { class: 'clamp3', translate: 'no', text: col.examples.slice(0, 4).map((v) => (v.length > 32 ? `${v.slice(0, 31)}…` : v)).join(' · ') })));
    return el('tr', { dataset: { column: col.key } }, cells);
  });

  const table = el('div', { class: 'survey-scroll' }, el('table', { class: 'data survey-maptable', 'data-testid': 'survey-mapping-table' },
    el('caption', { text: t('survey.map.caption') }),
    el('thead', {}, el('tr', {}, [t('survey.map.column'), t('survey.map.role'), t('survey.map.type'), t('survey.map.points'), t('survey.map.scale'),
      t('survey.map.breakdown'), t('survey.map.examples')].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));

  // Pairs.
  const pairable = ins.items.filter((i) => PAIRABLE.has(i.type));
  const itemOptions = pairable.map((i) => [i.id, tr(i.text) || i.id]);
  const pairRows = ins.pairs.map((p, pi) => el('tr', { dataset: { pair: p.id } },
    el('th', { scope: 'row', text: tr(p.text) || p.id }),
    el('td', {}, select([['then_test', t('survey.design.short.then_test')], ['pre_post', t('survey.design.short.pre_post')]], p.design, {
      'aria-label': t('survey.map.designOf', { pair: tr(p.text) || p.id }), 'data-key': `design:${pi}`,
      onchange: change((e) => { p.design = e.target.value; if (p.design === 'then_test') { p.fromWave = null; p.toWave = null; } }),
    })),
    el('td', {}, select(itemOptions, p.before, { 'aria-label': t('survey.map.beforeOf', { pair: tr(p.text) || p.id }), 'data-key': `before:${pi}`,
      onchange: change((e) => { p.before = e.target.value; const b = ins.items.find((i) => i.id === p.before); if (b) p.text = clone(b.text); }) })),
    el('td', {}, select(itemOptions, p.after, { 'aria-label': t('survey.map.afterOf', { pair: tr(p.text) || p.id }), 'data-key': `after:${pi}`,
      onchange: change((e) => { p.after = e.target.value; }) })),
    el('td', {}, el('button', { type: 'button', class: 'secondary', 'data-key': `remove:${pi}`, 'aria-label': t('survey.map.removePair', { pair: tr(p.text) || p.id }),
      text: t('survey.map.remove'), onclick: change(() => { ins.pairs.splice(pi, 1); }) }))));
  const addPair = el('button', {
    type: 'button', class: 'secondary', 'data-key': 'add-pair', disabled: pairable.length < 1, text: t('survey.map.addPair'),
    onclick: change(() => {
      const [b, a] = [pairable[0], pairable[1] ?? pairable[0]];
      ins.pairs.push({ id: uniqueId(draft, `pair_${ins.pairs.length + 1}`), design: ins.waves && draft.respondentId ? 'pre_post' : 'then_test', before: b.id, after: a.id, text: clone(b.text), fromWave: null, toWave: null });
    }),
  });
  const pairs = el('div', { class: 'survey-pairs' },
    el('h4', { text: t('survey.map.pairsTitle') }),
    el('p', { class: 'survey-note', text: t('survey.map.pairsNote') }),
    ins.pairs.length ? el('div', { class: 'survey-scroll' }, el('table', { class: 'data', 'data-testid': 'survey-pairs' },
      el('thead', {}, el('tr', {}, [t('survey.map.pair'), t('survey.map.design'), t('survey.map.before'), t('survey.map.after'), t('survey.map.action')].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, pairRows))) : el('p', { class: 'survey-muted', text: t('survey.map.noPairs') }),
    addPair);

  // Waves.
  let waves = null;
  if (ins.waves) {
    const w = ins.waves;
    const orderId = uid('order'), assumedId = uid('assumed');
    waves = el('div', { class: 'survey-waves' },
      el('h4', { text: t('survey.map.wavesTitle', { column: w.column }) }),
      el('div', { class: 'fields' },
        el('div', { class: 'field' }, el('label', { for: orderId, text: t('survey.map.waveOrder') }),
          el('input', { id: orderId, type: 'text', value: w.order.join(', '), 'data-key': 'wave-order', autocomplete: 'off',
            onchange: change((e) => { w.order = e.target.value.split(',').map((s) => s.trim()).filter(Boolean); }) })),
        el('div', { class: 'field checkbox' }, el('input', { id: assumedId, type: 'checkbox', checked: w.sizesAssumed, 'data-key': 'wave-assumed',
          onchange: change((e) => { w.sizesAssumed = e.target.checked; }) }), el('label', { for: assumedId, text: t('survey.map.sizesAssumed') }))));
  }

  const actions = el('div', { class: 'survey-map-actions' },
    el('button', { type: 'button', class: 'primary', 'data-testid': 'survey-apply', disabled: busy, text: t('survey.map.apply'), onclick: () => on.apply() }),
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-revert', disabled: !ed.dirty, text: t('survey.map.revert'), onclick: () => on.revert() }),
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-detected', text: t('survey.map.detected'), onclick: () => on.detected() }),
    el('span', { class: 'survey-dirty', role: 'status', text: ed.dirty ? t('survey.map.dirty') : '' }));

  return [
    el('p', { class: 'survey-note', text: t('survey.map.intro') }),
    table, pairs, waves, rakingForm(draft, change),
    error ? el('p', { class: 'error', role: 'alert', 'data-testid': 'survey-mapping-error', text: error }) : null,
    actions,
  ];
}
