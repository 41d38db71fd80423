// The element editor: a side panel with the form of one element (or the model's title). Every
// field commits through the area's `commit(edit)`, which lets the engine read the edited model
// before keeping it; a rejected change leaves the model as it was and says why at the field.
import { sourceFields } from '../evidence/source-editor.js';
import { el, replace, uid } from '../../dom.js';
import { errorText, lang, number, t } from '../../i18n.js';
import { fmtDate } from './gantt.js';
import { COLLECTION, LOGIC_KINDS, STATUSES, TERMS, applyEdit, indexModel, labelOf, positionOf } from './model.js';
import { formatNumber, parseNumber } from '../../number.js';
import { pick, pickText } from '../../text.js';

/** Provenance as words: a badge, the quote and the note. */
export function provenance(p) {
  if (!p) return el('p', { class: 'toc-prov' }, el('span', { class: 'toc-prov-badge', 'data-origin': 'entered', text: t('toc.prov.entered') }));
  return el('p', { class: 'toc-prov' },
    el('span', { class: 'toc-prov-badge', 'data-origin': p.origin, text: t(p.origin === 'read' ? 'toc.prov.read' : 'toc.prov.assumed') }),
    p.quote ? [' ', el('span', { class: 'toc-prov-label', text: `${t('toc.prov.quote')}: ` }), el('q', { lang: 'en', text: p.quote })] : null,
    p.note ? [' ', el('span', { class: 'toc-prov-label', text: `${t('toc.prov.note')}: ` }), el('span', { lang: 'en', text: p.note })] : null);
}

const fact = (value) => (value === null ? null : { value, provenance: null });
const textOrNull = (s) => (s.trim() === '' ? null : s);

/**
 * Creates the editor in `panel` (a hidden side panel). `commit(edit, options)` applies
 * `edit(model)` to a copy and returns { ok } or { ok: false, error }; `select(id)` selects an
 * element elsewhere on the page; `onClose()` is told when the panel closes;
 * `getConditions()` lists the systems-change conditions of the rubric the page holds
 * ({ id, name: { en, es } }, in rubric order).
 * @param {{ panel: HTMLElement, getModel: () => import('../../../pkg/waterline.js').TocModel,
 *   getSchedule?: () => import('../../../pkg/waterline.js').TocSchedule | null, getDerived?: (id: string) => import('../../../pkg/waterline.js').TocDerivedPoint[] | null,
 *   commit: (edit: (m: import('../../../pkg/waterline.js').TocModel) => void, options?: object) => { ok: boolean, error?: any },
 *   select: (id: string, options?: object) => void, onClose?: () => void,
 *   getConditions?: () => Array<{ id: string, name: { en: string, es: string } }> }} deps
 */
export function createEditor({ panel, getModel, getSchedule = () => null, getDerived = () => null, getConditions = () => [], commit, select, onClose }) {
  let current = null; // { kind, id, pos }
  let returnFocus = null;
  const heading = el('h3', { tabindex: '-1', class: 'toc-drawer-title' });
  const body = el('div', { class: 'toc-drawer-body' });
  const close = el('button', { type: 'button', class: 'secondary toc-drawer-close', text: t('toc.edit.close') });
  replace(panel, el('div', { class: 'toc-drawer-head' }, heading, close), body);
  close.addEventListener('click', () => hide());
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); hide(); } });

  /** The edited item inside model `m` (the model itself for kind "model"). */
  const locate = (m) => {
    if (current.kind === 'model') return m;
    const list = m[COLLECTION[current.kind]] ?? [];
    return list[current.pos]?.id === current.id ? list[current.pos] : list.find((x) => x.id === current.id);
  };

  /** Commits `edit(item, model)`; shows a rejection at `field` (an element with .toc-field-error). */
  function apply(edit, { field = null, rebuild = false, undo = false } = {}) {
    const r = commit((m) => edit(locate(m), m), { source: 'editor', undo });
    if (field) showError(field, r.ok ? null : t('toc.f.rejected', { message: errorText(r.error) }));
    if (r.ok && rebuild) render();
    return r;
  }

  function showError(field, message) {
    const box = field.querySelector('.toc-field-error');
    const control = field.querySelector('input, select, textarea');
    if (!box) return;
    box.hidden = !message;
    box.textContent = message ?? '';
    if (control) { if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid'); }
  }

  // ---- field builders (each returns a .field with its label, control and error line)
  function field(labelKey, control, { help = null, wide = false } = {}) {
    const id = control.id || (control.id = uid('f'));
    const err = el('p', { class: 'toc-field-error', id: uid('err'), hidden: true, role: 'alert' });
    const helpEl = help ? el('p', { class: 'toc-help', id: uid('help'), text: help }) : null;
    control.setAttribute('aria-describedby', [helpEl?.id, err.id].filter(Boolean).join(' '));
    return el('div', { class: `field${wide ? ' toc-wide' : ''}` }, el('label', { for: id, text: t(labelKey) }), control, helpEl, err);
  }
  function text(labelKey, value, onValue, /** @type {{ key?: string, lang?: string | null, event?: string, help?: string | null, area?: boolean }} */ { key, lang: textLang = null, event = 'input', help = null, area = false } = {}) {
    const control = el(area ? 'textarea' : 'input', { type: area ? null : 'text', value: area ? null : (value ?? ''), lang: textLang, autocomplete: 'off', 'data-key': key, rows: area ? 2 : null });
    if (area) control.value = value ?? '';
    const f = field(labelKey, control, { help, wide: true });
    control.addEventListener(event, () => onValue(control.value, f));
    return f;
  }
  function date(labelKey, value, onValue, /** @type {{ key?: string }} */ { key } = {}) {
    const control = el('input', { type: 'date', value: value ?? '', 'data-key': key });
    const f = field(labelKey, control);
    control.addEventListener('change', () => onValue(control.value || null, f));
    return f;
  }
  function numberField(labelKey, value, onValue, /** @type {{ key?: string, whole?: boolean, help?: string | null }} */ { key, whole = false, help = null } = {}) {
    const control = el('input', { type: 'text', inputmode: whole ? 'numeric' : 'decimal', value: formatNumber(value, { lang: lang() }), autocomplete: 'off', 'data-key': key });
    const f = field(labelKey, control, { help });
    control.addEventListener('input', () => {
      const s = control.value.trim();
      if (s === '') return onValue(null, f);
      const v = parseNumber(s, { lang: lang() });
      const bad = !Number.isFinite(v) || (whole && (!Number.isInteger(v) || v < 0 || v > 4294967295));
      if (bad) return showError(f, t(whole ? 'toc.f.badWhole' : 'toc.f.badNumber'));
      onValue(v, f);
    });
    return f;
  }
  function choice(labelKey, options, value, onValue, /** @type {{ key?: string }} */ { key } = {}) {
    const control = el('select', { 'data-key': key }, options.map(([v, label]) => el('option', { value: v, selected: v === (value ?? ''), text: label })));
    const f = field(labelKey, control);
    control.addEventListener('change', () => onValue(control.value, f));
    return f;
  }
  function checks(labelKey, options, onToggle, /** @type {{ key?: string }} */ { key } = {}) {
    const err = el('p', { class: 'toc-field-error', hidden: true, role: 'alert' });
    const set = el('fieldset', { class: 'toc-checks field' }, el('legend', { text: t(labelKey) }),
      options.map(([v, label, on, extra]) => {
        const id = uid('c');
        const box = el('input', { type: 'checkbox', id, checked: on, 'data-key': `${key}-${v}` });
        box.addEventListener('change', () => onToggle(v, box.checked, set));
        return el('div', { class: 'toc-check' }, box, el('label', { for: id, text: label }), extra ?? null);
      }), err);
    return set;
  }
  const idField = (item) => text('toc.f.id', item.id, (v, f) => {
    if (v.trim() === '') return showError(f, t('toc.f.badId'));
    const r = apply((x, m) => applyEdit(m, { op: 'rename', kind: current.kind, index: positionOf(m, current.kind, x), to: v }), { field: f });
    if (r.ok) { current.id = v.trim(); heading.textContent = headingText(locate(getModel())); }
  }, { key: 'id', event: 'change', help: t('toc.f.idHelp') });
  const bilingual = (keyEn, keyEs, prop) => (item) => [
    text(keyEn, item[prop]?.en, (v, f) => apply((x) => { x[prop] = { en: v, es: x[prop]?.es ?? null }; }, { field: f }), { key: `${prop}.en`, lang: 'en', area: true }),
    text(keyEs, item[prop]?.es, (v, f) => apply((x) => { x[prop] = { en: x[prop]?.en ?? '', es: textOrNull(v) }; }, { field: f }), { key: `${prop}.es`, lang: 'es', area: true }),
  ];
  const titles = bilingual('toc.f.titleEn', 'toc.f.titleEs', 'title');
  const factField = (labelKey, item, prop, kind) => {
    const value = item[prop]?.value ?? null;
    const set = (v, f) => {
      const r = apply((x) => { x[prop] = fact(v); }, { field: f });
      if (!r.ok) return;
      // The value is now the user's: say so where the source's provenance was shown.
      f.querySelector('.toc-prov')?.remove();
      if (v !== null) f.append(provenance(null));
    };
    const f = kind === 'date' ? date(labelKey, value, set, { key: prop })
      : numberField(labelKey, value, set, { key: prop, whole: true, help: prop === 'durationDays' ? t('toc.f.durationHelp') : null });
    if (item[prop]) f.append(provenance(item[prop].provenance));
    return f;
  };
  /** The engine's note on which of start, end and duration the schedule keeps (issue 17). */
  const dateNoteText = (id) => {
    const note = getSchedule()?.goals?.find((g) => g.id === id)?.dateNote;
    if (!note) return t('toc.dates.rule');
    const L = lang();
    return t(`toc.dates.${note.code}`, {
      kept: note.kept.map((k) => t(`toc.dates.field.${k}`)).join(' + '),
      end: fmtDate(note.statedEnd, L), days: note.durationDays,
      implied: note.impliedEnd ? fmtDate(note.impliedEnd, L) : '—',
    });
  };
  const dateNote = (x) => {
    const p = el('p', { class: 'toc-date-note toc-muted', 'data-testid': 'toc-date-note', 'aria-live': 'polite', text: dateNoteText(x.id) });
    return p;
  };
  const refChoice = (labelKey, prop, list, item) => choice(labelKey,
    [['', t('toc.f.none')], ...list.map((x) => [x.id, `${x.id} · ${pick(labelOf(x), lang()).text}`])],
    item[prop], (v, f) => apply((x) => { x[prop] = v === '' ? null : v; }, { field: f }), { key: prop });
  const statusChoice = (item) => choice('toc.f.status', STATUSES.map((s) => [s, t(`toc.status.${s}`)]), item.status,
    (v, f) => apply((x) => { x.status = v; }, { field: f }), { key: 'status' });
  const selectButton = (id) => {
    const x = indexModel(getModel()).get(id)?.item;
    return el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id, text: `${id} · ${pick(labelOf(x), lang()).text}` });
  };

  function links(item, m) {
    const out = (m.links ?? []).filter((l) => l.from === item.id);
    const inc = (m.links ?? []).filter((l) => l.to === item.id);
    const remove = (l) => el('button', { type: 'button', class: 'secondary toc-small', 'data-key': `unlink-${l.from}-${l.to}`,
      'aria-label': t('toc.f.removeLink', { from: l.from, to: l.to }), text: t('toc.f.remove'),
      onclick: () => apply((x, mm) => { const at = mm.links.findIndex((k) => k.from === l.from && k.to === l.to); if (at >= 0) mm.links.splice(at, 1); }, { rebuild: true, undo: true }) });
    const list = (items, other) => (items.length
      ? el('ul', { class: 'toc-linklist' }, items.map((l) => el('li', {}, selectButton(other(l)), ' ', remove(l))))
      : el('p', { class: 'toc-muted', text: t('toc.edit.noneYet') }));
    const targets = LOGIC_KINDS.flatMap((k) => m[COLLECTION[k]] ?? []).filter((x) => x.id !== item.id);
    const pickId = uid('link');
    const picker = el('select', { id: pickId, 'data-key': 'link-target' }, targets.map((x) => el('option', { value: x.id, text: `${x.id} · ${pick(labelOf(x), lang()).text}` })));
    const add = el('button', { type: 'button', class: 'secondary', 'data-key': 'link-add', text: t('toc.f.addLinkButton'),
      onclick: () => apply((x, mm) => { mm.links.push({ from: x.id, to: picker.value, provenance: null }); }, { rebuild: true, undo: true }) });
    return el('section', { class: 'toc-links' },
      el('h4', { text: t('toc.f.leadsTo') }), list(out, (l) => l.to),
      el('div', { class: 'toc-inline' }, el('label', { for: pickId, text: t('toc.f.addLink') }), picker, add),
      el('h4', { text: t('toc.f.comesFrom') }), list(inc, (l) => l.from));
  }
  function indicatorsOn(item, m) {
    const list = (m.indicators ?? []).filter((i) => i.of === item.id);
    return el('section', {}, el('h4', { text: t('toc.f.indicators') }),
      list.length ? el('ul', { class: 'toc-linklist' }, list.map((i) => el('li', {}, selectButton(i.id)))) : el('p', { class: 'toc-muted', text: t('toc.edit.noneYet') }),
      el('button', { type: 'button', class: 'secondary', 'data-key': 'add-indicator', text: t('toc.f.addIndicator'),
        onclick: () => {
          /** @type {any} */
          let made = null;
          const r = commit((mm) => { made = applyEdit(mm, { op: 'add', kind: 'indicator', near: item.id }).id; }, { source: 'editor', undo: true });
          if (r.ok) open('indicator', made, { focus: true });
        } }));
  }

  /** [id, label] of the rubric's conditions, then any other condition the outcome names. */
  function conditionChoices(outcome) {
    const known = getConditions();
    const ids = new Set(known.map((c) => c.id));
    return [...known.map((c) => [c.id, pickText(c.name, lang())]),
      ...outcome.conditions.map((c) => c.condition).filter((c) => !ids.has(c)).map((c) => [c, c])];
  }

  // ---- one form per kind
  const forms = {
    model: (x) => [text('toc.f.id', x.id, (v, f) => (v.trim() === '' ? showError(f, t('toc.f.badId')) : apply((m) => { m.id = v.trim(); }, { field: f })), { key: 'id', event: 'change' }),
      ...titles(x), text('toc.f.source', x.source, (v, f) => apply((m) => { m.source = textOrNull(v); }, { field: f }), { key: 'source', area: true })],
    phase: (x) => [idField(x), ...bilingual('toc.f.nameEn', 'toc.f.nameEs', 'name')(x), factField('toc.f.start', x, 'start', 'date'), factField('toc.f.end', x, 'end', 'date')],
    goal: (x, m) => [idField(x), ...titles(x),
      text('toc.f.owner', x.owner, (v, f) => apply((g) => { g.owner = textOrNull(v); }, { field: f }), { key: 'owner' }),
      refChoice('toc.f.phase', 'phase', m.phases ?? [], x),
      factField('toc.f.start', x, 'start', 'date'), factField('toc.f.end', x, 'end', 'date'), factField('toc.f.duration', x, 'durationDays', 'number'),
      dateNote(x),
      statusChoice(x),
      checks('toc.f.dependsOn', (m.goals ?? []).filter((g) => g.id !== x.id).map((g) => {
        const dep = x.dependsOn.find((d) => d.goal === g.id);
        return [g.id, `${g.id} · ${pick(g.title, lang()).text}`, Boolean(dep), dep?.provenance ? provenance(dep.provenance) : null];
      }), (id, on, set) => {
        const r = apply((g) => { g.dependsOn = on ? [...g.dependsOn, { goal: id, provenance: null }] : g.dependsOn.filter((d) => d.goal !== id); }, { undo: true });
        showError(set, r.ok ? null : t('toc.f.rejected', { message: errorText(r.error) }));
      }, { key: 'dep' }),
      el('section', {}, el('h4', { text: t('toc.f.activities') }), (() => {
        const acts = (m.activities ?? []).filter((a) => a.goal === x.id);
        return acts.length ? el('ul', { class: 'toc-linklist' }, acts.map((a) => el('li', {}, selectButton(a.id)))) : el('p', { class: 'toc-muted', text: t('toc.edit.noneYet') });
      })())],
    component: (x) => [idField(x), ...titles(x), ...bilingual('toc.f.whoEn', 'toc.f.whoEs', 'who')(x)],
    input: (x, m) => [idField(x), ...titles(x),
      numberField('toc.f.amount', x.amount?.value, (v, f) => apply((i) => { i.amount = v === null ? null : { value: { value: v, unit: i.amount?.value.unit ?? '' }, provenance: null }; }, { field: f }), { key: 'amount' }),
      text('toc.f.unit', x.amount?.value.unit, (v, f) => apply((i) => { if (i.amount) i.amount = { value: { value: i.amount.value.value, unit: v }, provenance: null }; }, { field: f }), { key: 'unit' }),
      x.amount ? provenance(x.amount.provenance) : null,
      refChoice('toc.f.component', 'component', m.components ?? [], x), links(x, m)],
    activity: (x, m) => [idField(x), ...titles(x), refChoice('toc.f.goal', 'goal', m.goals ?? [], x), refChoice('toc.f.component', 'component', m.components ?? [], x), statusChoice(x), links(x, m)],
    output: (x, m) => [idField(x), ...titles(x), refChoice('toc.f.component', 'component', m.components ?? [], x), links(x, m), indicatorsOn(x, m)],
    impact: (x, m) => [idField(x), ...titles(x), refChoice('toc.f.component', 'component', m.components ?? [], x), links(x, m)],
    outcome: (x, m) => [idField(x), ...titles(x),
      choice('toc.f.term', TERMS.map((v) => [v, t(`toc.term.${v}`)]), x.term, (v, f) => apply((o) => { o.term = v; }, { field: f }), { key: 'term' }),
      refChoice('toc.f.component', 'component', m.components ?? [], x),
      checks('toc.f.conditions', conditionChoices(x).map(([c, label]) => {
        const link = x.conditions.find((k) => k.condition === c);
        return [c, label, Boolean(link), link?.provenance ? provenance(link.provenance) : null];
      }), (c, on) => apply((o) => { o.conditions = on ? [...o.conditions, { condition: c, provenance: null }] : o.conditions.filter((k) => k.condition !== c); }), { key: 'cond' }),
      links(x, m), indicatorsOn(x, m)],
    indicator: (x, m) => [idField(x),
      refChoice('toc.f.of', 'of', [...(m.outputs ?? []), ...(m.outcomes ?? [])], x),
      ...bilingual('toc.f.measureEn', 'toc.f.measureEs', 'measure')(x),
      // The unit is bilingual text ("parents" / "madres y padres"); both sides empty: no unit.
      text('toc.f.unitEn', x.unit?.en, (v, f) => apply((i) => { const es = i.unit?.es ?? ''; i.unit = v.trim() || es.trim() ? { en: v, es } : null; }, { field: f }), { key: 'unit.en', lang: 'en' }),
      text('toc.f.unitEs', x.unit?.es, (v, f) => apply((i) => { const en = i.unit?.en ?? ''; i.unit = v.trim() || en.trim() ? { en, es: v } : null; }, { field: f }), { key: 'unit.es', lang: 'es' }),
      ...measure(x, 'baseline', 'toc.f.baseline', 'toc.f.baselineDate'),
      ...measure(x, 'target', 'toc.f.target', 'toc.f.targetDate'),
      text('toc.f.dataSource', x.dataSource, (v, f) => apply((i) => { i.dataSource = textOrNull(v); }, { field: f }), { key: 'dataSource' }),
      text('toc.f.surveyItem', x.surveyItem, (v, f) => apply((i) => { i.surveyItem = textOrNull(v); }, { field: f }), { key: 'surveyItem' }),
      ...sourceFields(x, { choice, text, apply }), // #18: the typed link the evidence map reads
      actuals(x), seriesTable(x)],
    assumption: (x) => [idField(x),
      choice('toc.f.kind', [['assumption', t('toc.akind.assumption')], ['external_factor', t('toc.akind.external_factor')]], x.kind, (v, f) => apply((a) => { a.kind = v; }, { field: f }), { key: 'kind' }),
      ...bilingual('toc.f.textEn', 'toc.f.textEs', 'text')(x),
      text('toc.f.about', x.about.join(', '), (v, f) => apply((a) => { a.about = v.split(',').map((s) => s.trim()).filter(Boolean); }, { field: f }), { key: 'about', event: 'change' })],
  };
  function measure(x, prop, valueKey, dateKey) {
    const f1 = numberField(valueKey, x[prop]?.value, (v, f) => apply((i) => {
      i[prop] = v === null ? null : { value: v, date: i[prop]?.date ?? null, provenance: null };
    }, { field: f, rebuild: (v === null) !== (x[prop] === null) }), { key: prop });
    const f2 = date(dateKey, x[prop]?.date, (v, f) => apply((i) => { if (i[prop]) i[prop] = { ...i[prop], date: v, provenance: null }; }, { field: f }), { key: `${prop}-date` });
    if (!x[prop]) f2.querySelector('input').disabled = true;
    return [f1, f2, x[prop] ? provenance(x[prop].provenance) : null];
  }
  function actuals(x) {
    const rows = x.actuals.map((a, i) => el('li', {}, `${a.value} (${a.date}) `,
      el('button', { type: 'button', class: 'secondary toc-small', 'data-key': `actual-remove-${i}`, text: t('toc.f.remove'),
        'aria-label': t('toc.f.removeActual', { date: a.date }),
        onclick: () => apply((ind) => { ind.actuals.splice(i, 1); }, { rebuild: true, undo: true }) })));
    return el('section', {}, el('h4', { text: t('toc.f.actuals') }),
      rows.length ? el('ul', { class: 'toc-linklist' }, rows) : el('p', { class: 'toc-muted', text: t('toc.edit.noneYet') }));
  }

  /** The indicator's series by period (issue 17): values, counts where published, provenance. */
  function seriesTable(x) {
    const points = x.series ?? [];
    const derived = x.derived ? el('p', { class: 'toc-muted', 'data-testid': 'toc-series-derived',
      text: t(`toc.series.derived.${x.derived.op}`, { a: x.derived.a, b: x.derived.b }) }) : null;
    const computed = x.derived ? derivedTable(getDerived(x.id)) : null;
    if (!points.length) return el('section', {}, el('h4', { text: t('toc.series.title') }), derived, computed, el('p', { class: 'toc-muted', text: t('toc.series.none') }));
    const cell = (v, d = 2) => (v === null || v === undefined ? '—' : number(v, Number.isInteger(v) ? 0 : d));
    const head = ['toc.series.period', 'toc.series.value', 'toc.series.numerator', 'toc.series.denominator', 'toc.series.source'];
    return el('section', {}, el('h4', { text: t('toc.series.title') }), derived, computed,
      x.derived ? el('p', { class: 'toc-muted', text: t('toc.series.statedOnly') }) : null,
      el('div', { class: 'toc-table-scroll', tabindex: '0', role: 'region', 'aria-label': t('toc.series.title') },
        el('table', { class: 'toc-series-table', 'data-testid': 'toc-series-table' },
          el('thead', {}, el('tr', {}, head.map((k) => el('th', { scope: 'col', text: t(k) })))),
          el('tbody', {}, points.map((p) => {
            const shown = p.value ?? (p.numerator != null && p.denominator > 0 ? 100 * p.numerator / p.denominator : null);
            return el('tr', {}, el('th', { scope: 'row', text: p.period }), el('td', { text: cell(shown, 1) }),
              el('td', { text: cell(p.numerator) }), el('td', { text: cell(p.denominator) }),
              el('td', {}, p.source ?? '', ' ', provenance(p.provenance ?? null)));
          })))));
  }

  /** The engine's derived series: computed where both series have a value, else stated. */
  function derivedTable(points) {
    if (!points?.length) return null;
    const n = (v) => number(v, 2);
    return el('div', { class: 'toc-table-scroll', tabindex: '0', role: 'region', 'aria-label': t('toc.series.derivedTitle') },
      el('table', { class: 'toc-series-table', 'data-testid': 'toc-derived-table' },
        el('caption', { text: t('toc.series.derivedTitle') }),
        el('thead', {}, el('tr', {}, ['toc.series.period', 'toc.series.value', 'toc.series.how'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, points.map((p) => el('tr', {}, el('th', { scope: 'row', text: p.period }), el('td', { text: n(p.value) }),
          el('td', { text: p.from === 'computed'
            ? (p.stated === null ? t('toc.series.computed') : t('toc.series.computedBeside', { stated: n(p.stated) }))
            : t('toc.series.stated') }))))));
  }

  const headingText = (item) => (current.kind === 'model'
    ? t('toc.kind.model')
    : `${t(`toc.kind.${current.kind}`)} ${item?.id ?? ''}`);

  function render() {
    const m = getModel();
    const item = current && locate(m);
    if (!item) { hide(false); return; }
    const focusKey = panel.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset?.key : null;
    heading.textContent = headingText(item);
    close.textContent = t('toc.edit.close');
    panel.setAttribute('aria-label', t('toc.edit.drawer'));
    const prov = current.kind === 'model' ? null
      : el('section', { class: 'toc-prov-block' }, el('h4', { text: t('toc.f.provenance') }), provenance(item.provenance), el('p', { class: 'toc-help', text: t('toc.prov.editNote') }));
    replace(body, el('form', { class: 'toc-form', novalidate: true, 'data-kind': current.kind, onsubmit: (e) => e.preventDefault() },
      forms[current.kind](item, m)), prov);
    if (focusKey) body.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  /** Opens the form of `id` of `kind` (kind "model": the model itself). */
  function open(kind, id, { focus = true } = {}) {
    const m = getModel();
    const pos = kind === 'model' ? 0 : (m[COLLECTION[kind]] ?? []).findIndex((x) => x.id === id);
    if (pos < 0) return false;
    if (panel.hidden) returnFocus = document.activeElement;
    current = { kind, id, pos };
    panel.hidden = false;
    render();
    if (focus) heading.focus({ preventScroll: true });
    return true;
  }

  function hide(restore = true) {
    if (panel.hidden) return;
    panel.hidden = true;
    current = null;
    onClose?.();
    if (restore && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  return {
    open, close: hide, render,
    /** The element being edited: { kind, id } or null. */
    current: () => (current ? { kind: current.kind, id: current.id } : null),
    /** Re-renders unless the user is typing in the panel (focus kept otherwise). */
    refresh: () => { if (current && !panel.contains(document.activeElement)) render(); },
    /** Updates the engine's notes in the open form without re-rendering it (the user is typing). */
    refreshNotes: () => {
      const note = current?.kind === 'goal' ? body.querySelector('[data-testid="toc-date-note"]') : null;
      if (note) note.textContent = dateNoteText(current.id);
    },
    titleField: () => body.querySelector('[data-key="title.en"], [data-key="name.en"], [data-key="measure.en"], [data-key="text.en"]'),
    select,
  };
}
