// "Evidence over time" card of the Theory-of-change area (issue 17): the timeline strip and
// the series charts (engine: LogicModel.chartData), their SVG/PNG export, and the forms that
// change them — events (add, edit, remove; imported from CSV by events-import.js), values by
// period, and a series CSV import through the engine's importSeriesCsv (long DataQuest-shaped
// or wide; headers in English or Spanish; rows it cannot read come back positioned and coded).
// Every edit goes through the area's `commit`, so the engine reads it before it is kept; no
// rule lives here.
import { call, callSoon } from '../../engine.js';
import { el, replace, uid } from '../../dom.js';
import { errorText, number, t } from '../../i18n.js';
import { drawSeriesCharts } from './charts.js';
import { exportButtons } from './exportimg.js';
import { parseNumber } from '../../number.js';
import { pick } from '../../text.js';
import { EVENT_KINDS, drawTimeline } from './timeline.js';
import { createEventsImport } from './events-import.js';

const MAX_SHOWN = 100;

/** Builds the card. `getModel()`, `getLm()` (the engine's LogicModel), `commit(edit, opts)` as in toc.js. */
export function createEvidence({ getModel, getLm, commit, lang }) {
  const h = (tag, key, attrs = {}) => el(tag, { 'data-i18n': key, ...attrs });
  const status = el('p', { class: 'toc-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'toc-evidence-status' });
  const body = el('div', { 'data-testid': 'toc-evidence' });
  const eventsBox = el('div', {});
  const pointsBox = el('div', {});
  const csvBox = el('div', {});
  // The forms are built while their <details> is open (a large model redraws fast).
  const eventsDetails = el('details', { class: 'toc-evidence-edit', 'data-testid': 'toc-events-edit' }, h('summary', 'toc.event.editHeading'), eventsBox);
  const pointsDetails = el('details', { class: 'toc-evidence-edit', 'data-testid': 'toc-points-edit' }, h('summary', 'toc.point.heading'), pointsBox);
  eventsDetails.addEventListener('toggle', () => (eventsDetails.open ? renderEvents(getModel()) : replace(eventsBox)));
  pointsDetails.addEventListener('toggle', () => (pointsDetails.open ? renderPoints(getModel()) : replace(pointsBox)));
  const card = el('section', { class: 'card toc-evidence-card', 'data-testid': 'toc-evidence-card' },
    h('h3', 'toc.chart.heading'), h('p', 'toc.chart.help', { class: 'toc-help' }), status, body,
    eventsDetails, pointsDetails,
    el('details', { class: 'toc-evidence-edit', 'data-testid': 'toc-csv-edit' }, h('summary', 'toc.csv.heading'), csvBox));
  const say = (text, isError = false) => { status.textContent = text; status.classList.toggle('error', isError); };
  let pictures = { timeline: null, charts: new Map() };
  const eventsImport = createEventsImport({ getModel, commit, say });
  /** An <option> "id · label" marked with the label's language when it is not the page's. */
  const option = (id, text) => {
    const p = pick(text, lang());
    return el('option', { value: id, lang: p.lang !== lang() ? p.lang : null, text: `${id} · ${p.text}`.slice(0, 90) });
  };
  const fileBase = () => getModel()?.id || 'model';
  const buttons = (node, name) => exportButtons({ getNode: () => node, name: () => `${fileBase()}-${name}`,
    what: () => (name === 'timeline' ? t('toc.timeline.heading') : name), onDone: say });

  function render() {
    const lm = getLm();
    const model = getModel();
    if (!lm || !model) return;
    let data;
    try { data = lm.chartData(null); } catch (e) {
      replace(body, el('p', { class: 'error', text: errorText(e?.code ? e : { code: 'internal', message: String(e) }) }));
      return;
    }
    const charts = drawSeriesCharts({ data, model, exportButtons: buttons, lang: lang() });
    const timeline = drawTimeline({ data, model, axis: charts.axis, lang: lang(), exportButtons: buttons });
    pictures = { timeline: timeline.svg, charts: charts.charts };
    replace(body, timeline.element, charts.element);
    if (eventsDetails.open) renderEvents(model);
    if (pointsDetails.open) renderPoints(model);
    if (!csvBox.firstChild) renderCsv();
    else relabelCsv(model);
  }

  // ---- events
  let editing = null; // id of the event in the form, null: a new one
  function renderEvents(model) {
    const events = model.events ?? [];
    const ids = { pick: uid('ev'), period: uid('evp'), kind: uid('evk'), en: uid('even'), es: uid('eves'), comp: uid('evc'), msg: uid('evm') };
    const current = events.find((e) => e.id === editing) ?? null;
    const chooser = el('select', { id: ids.pick, 'data-testid': 'toc-event-pick' },
      el('option', { value: '', text: t('toc.event.new') }),
      events.map((e) => option(e.id, e.title)));
    chooser.value = current ? current.id : '';
    chooser.addEventListener('change', () => { editing = chooser.value || null; renderEvents(getModel()); });
    const field = (id, key, input) => el('div', { class: 'field' }, el('label', { for: id, text: t(key) }), input);
    const period = el('input', { id: ids.period, type: 'text', value: current?.period ?? '', autocomplete: 'off', 'aria-describedby': ids.msg, 'data-testid': 'toc-event-period' });
    const kind = el('select', { id: ids.kind, 'data-testid': 'toc-event-kind' }, EVENT_KINDS.map((k) => el('option', { value: k, text: t(`toc.event.kind.${k}`) })));
    kind.value = current?.kind ?? 'activity';
    const en = el('input', { id: ids.en, type: 'text', value: current?.title.en ?? '', 'data-testid': 'toc-event-en' });
    const es = el('input', { id: ids.es, type: 'text', value: current?.title.es ?? '', lang: 'es', 'data-testid': 'toc-event-es' });
    const comp = el('select', { id: ids.comp }, el('option', { value: '', text: t('toc.event.noComponent') }),
      (model.components ?? []).map((c) => option(c.id, c.title)));
    comp.value = current?.component ?? '';
    const concerned = [...(model.activities ?? []), ...(model.outputs ?? []), ...(model.outcomes ?? [])];
    const about = el('fieldset', { class: 'toc-event-about' }, el('legend', { text: t('toc.event.about') }),
      el('div', { class: 'toc-checks' }, concerned.map((x) => {
        const p = pick(x.title, lang());
        return el('label', {}, el('input', { type: 'checkbox', value: x.id, checked: (current?.about ?? []).includes(x.id) }),
          ` ${x.id} · `, el('span', { lang: p.lang !== lang() ? p.lang : null, text: p.text }));
      })));
    const msg = el('p', { id: ids.msg, class: 'toc-form-message', 'aria-live': 'polite', 'data-testid': 'toc-event-msg' }, el('span', { class: 'toc-help', text: t('toc.event.periodHelp') }));
    const save = el('button', { type: 'submit', class: 'primary', 'data-testid': 'toc-event-save', text: t(current ? 'toc.event.save' : 'toc.event.add') });
    const remove = current ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'toc-event-remove', text: t('toc.event.remove') }) : null;
    const form = el('form', { class: 'toc-event-form', novalidate: true },
      el('div', { class: 'fields' }, field(ids.pick, 'toc.event.pick', chooser)),
      el('div', { class: 'fields' }, field(ids.period, 'toc.event.period', period), field(ids.kind, 'toc.event.kindLabel', kind),
        field(ids.comp, 'toc.event.component', comp)),
      el('div', { class: 'fields' }, field(ids.en, 'toc.event.titleEn', en), field(ids.es, 'toc.event.titleEs', es)),
      about, msg, el('div', { class: 'toc-buttons' }, save, remove));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (en.value.trim() === '') { en.setAttribute('aria-invalid', 'true'); msg.textContent = t('toc.event.needTitle'); msg.classList.add('error'); en.focus(); return; }
      const picked = [...about.querySelectorAll('input:checked')].map((c) => c.value);
      let id = editing;
      const r = commit((m) => {
        m.events ??= [];
        const next = { id: id ?? call('tocFreshId', m, 'ev_').value, title: { en: en.value.trim(), es: es.value.trim() || null }, kind: kind.value,
          period: period.value.trim() || null, component: comp.value || null, about: picked, provenance: null };
        id = next.id;
        const at = m.events.findIndex((x) => x.id === editing);
        if (at >= 0) m.events[at] = { ...m.events[at], ...next }; else m.events.push(next);
      }, { undo: true });
      if (!r.ok) { period.setAttribute('aria-invalid', 'true'); msg.classList.add('error'); msg.textContent = t('toc.event.rejected', { message: errorText(r.error) }); return; }
      editing = id;
      say(t('toc.event.saved', { id }));
    });
    remove?.addEventListener('click', () => {
      const gone = editing;
      const r = commit((m) => { m.events = (m.events ?? []).filter((x) => x.id !== gone); }, { undo: true });
      if (!r.ok) { msg.textContent = errorText(r.error); return; }
      editing = null;
      say(t('toc.event.removed', { id: gone }));
    });
    const active = document.activeElement;
    const focusKey = active instanceof HTMLElement && eventsBox.contains(active) ? active.dataset.testid : null;
    replace(eventsBox, form, eventsImport.element());
    if (focusKey) /** @type {HTMLElement | null} */ (eventsBox.querySelector(`[data-testid="${focusKey}"]`))?.focus();
  }

  // ---- values by period
  let pointsOf = null;
  function renderPoints(model) {
    const inds = model.indicators ?? [];
    if (!inds.length) { replace(pointsBox, el('p', { class: 'toc-muted', text: t('toc.point.noIndicators') })); return; }
    if (!inds.some((i) => i.id === pointsOf)) pointsOf = (inds.find((i) => (i.series ?? []).length) ?? inds[0]).id;
    const ind = inds.find((i) => i.id === pointsOf);
    const ids = { ind: uid('pi'), period: uid('pp'), value: uid('pv'), num: uid('pn'), den: uid('pd'), msg: uid('pm') };
    const field = (id, key, input) => el('div', { class: 'field' }, el('label', { for: id, text: t(key) }), input);
    const chooser = el('select', { id: ids.ind, 'data-testid': 'toc-point-indicator' },
      inds.map((i) => option(i.id, i.measure)));
    chooser.value = pointsOf;
    chooser.addEventListener('change', () => { pointsOf = chooser.value; renderPoints(getModel()); });
    const input = (id, testid, mode = 'decimal') => el('input', { id, type: 'text', inputmode: mode, autocomplete: 'off', 'aria-describedby': ids.msg, 'data-testid': testid });
    const period = input(ids.period, 'toc-point-period', 'text');
    const value = input(ids.value, 'toc-point-value');
    const num = input(ids.num, 'toc-point-num', 'numeric');
    const den = input(ids.den, 'toc-point-den', 'numeric');
    const msg = el('p', { id: ids.msg, class: 'toc-form-message', 'aria-live': 'polite', 'data-testid': 'toc-point-msg' }, el('span', { class: 'toc-help', text: t('toc.point.help') }));
    const rows = (ind.series ?? []).map((p, i) => el('tr', {},
      el('th', { scope: 'row', text: p.period }),
      el('td', { class: 'num', text: p.value == null ? '—' : number(p.value, 2) }),
      el('td', { class: 'num', text: p.numerator == null ? '—' : number(p.numerator, 0) }),
      el('td', { class: 'num', text: p.denominator == null ? '—' : number(p.denominator, 0) }),
      el('td', {}, el('button', { type: 'button', class: 'secondary toc-small', 'data-testid': 'toc-point-remove', text: t('toc.f.remove'),
        'aria-label': t('toc.point.remove', { period: p.period }),
        onclick: () => { const r = commit((m) => { m.indicators.find((x) => x.id === ind.id).series.splice(i, 1); }, { undo: true }); if (r.ok) say(t('toc.point.removed', { period: p.period, id: ind.id })); } }))));
    const form = el('form', { class: 'toc-point-form', novalidate: true },
      el('div', { class: 'fields' }, field(ids.ind, 'toc.point.indicator', chooser)),
      el('div', { class: 'toc-table-scroll' }, el('table', { class: 'data toc-table' },
        el('caption', { text: t('toc.point.listOf', { id: ind.id }) }),
        el('thead', {}, el('tr', {}, ['toc.series.period', 'toc.series.value', 'toc.series.numerator', 'toc.series.denominator', 'toc.point.actions'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: '5', class: 'toc-muted', text: t('toc.series.none') }))))),
      el('div', { class: 'fields' }, field(ids.period, 'toc.event.period', period), field(ids.value, 'toc.series.value', value),
        field(ids.num, 'toc.series.numerator', num), field(ids.den, 'toc.series.denominator', den)),
      msg, el('button', { type: 'submit', class: 'primary', 'data-testid': 'toc-point-add', text: t('toc.point.add') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const read = (x) => (x.value.trim() === '' ? null : parseNumber(x.value, { lang: lang() }));
      const [v, n, d] = [value, num, den].map(read);
      for (const x of [value, num, den, period]) x.removeAttribute('aria-invalid');
      const bad = [[value, v], [num, n], [den, d]].find(([, x]) => x !== null && !Number.isFinite(x));
      msg.classList.add('error');
      if (bad) { bad[0].setAttribute('aria-invalid', 'true'); msg.textContent = t('toc.f.badNumber'); return; }
      if (v === null && (n === null || d === null)) { value.setAttribute('aria-invalid', 'true'); msg.textContent = t('toc.point.needValue'); return; }
      const text = period.value.trim();
      const r = commit((m) => {
        const target = m.indicators.find((x) => x.id === ind.id);
        target.series ??= [];
        const point = { period: text, value: v, numerator: n, denominator: d, source: null, provenance: null };
        const at = target.series.findIndex((p) => p.period === text);
        if (at >= 0) target.series[at] = point; else target.series.push(point);
      }, { undo: true });
      if (!r.ok) { period.setAttribute('aria-invalid', 'true'); msg.textContent = t('toc.point.rejected', { message: errorText(r.error) }); return; }
      say(t('toc.point.added', { period: text, id: ind.id }));
    });
    replace(pointsBox, form);
  }

  // ---- series CSV import
  let imported = null; // { name, result }
  /** The last file that could not be imported, kept so its message follows a language switch. */
  let failed = null; // { name, error }
  const csvIds = { file: uid('csv') };
  const csvInput = el('input', { type: 'file', id: csvIds.file, accept: '.csv,text/csv,text/plain', class: 'visually-hidden', 'data-testid': 'toc-csv-file' });
  const csvResult = el('div', { 'data-testid': 'toc-csv-result', 'aria-live': 'polite' });
  function renderCsv() {
    replace(csvBox, el('p', { class: 'toc-help', text: t('toc.csv.help') }),
      el('div', { class: 'fields' }, el('div', { class: 'field toc-field-button' },
        el('label', { class: 'file-button secondary', for: csvIds.file }, el('span', { text: t('toc.csv.choose') })), csvInput)),
      csvResult);
    if (imported) showImport(getModel());
    else if (failed) showFailed();
  }
  function relabelCsv(model) {
    if (csvBox.querySelector('.toc-help')) renderCsv();
    else if (imported) showImport(model);
    else if (failed) showFailed();
  }
  function showFailed() {
    replace(csvResult, el('p', { class: 'error', role: 'alert', 'data-testid': 'toc-csv-error', text: t('toc.csv.failed', { file: failed.name, message: csvError(failed.error) }) }));
  }
  csvInput.addEventListener('change', async () => {
    const file = csvInput.files?.[0];
    csvInput.value = '';
    if (!file) return;
    const text = await file.text();
    const r = await callSoon('importSeriesCsvColumns', text); // not in the area's own build (engine.js)
    if (!r.ok) {
      imported = null;
      failed = { name: file.name, error: r.error };
      showFailed();
      return;
    }
    failed = null;
    imported = { name: file.name, result: r.value };
    showImport(getModel());
  });

  function showImport(model) {
    const { name, result } = imported;
    const issues = result.issues;
    const inds = model.indicators ?? [];
    const summary = el('p', { 'data-testid': 'toc-csv-summary', text: t('toc.csv.read', { file: name, shape: t(`toc.csv.shape.${result.shape}`), rows: number(result.nRows, 0), series: number(result.entities.length, 0), issues: number(issues.length, 0) }) });
    const issueTable = issues.length ? el('div', { class: 'toc-table-scroll' }, el('table', { class: 'data toc-table', 'data-testid': 'toc-csv-issues' },
      el('caption', { text: t('toc.csv.issues') }),
      el('thead', {}, el('tr', {}, ['row', 'column', 'problem', 'value'].map((k) => el('th', { scope: 'col', text: t(`toc.csv.col.${k}`) })))),
      el('tbody', {}, issues.slice(0, MAX_SHOWN).map((i) => el('tr', { 'data-code': i.code },
        el('th', { scope: 'row', text: number(i.row, 0) }),
        el('td', {}, i.column == null ? '—' : `${number(i.column, 0)}`, i.header ? [' (', el('span', { lang: 'en', text: i.header }), ')'] : null),
        el('td', { text: t(`toc.csv.issue.${i.code}`) }),
        el('td', {}, i.value == null ? '—' : el('code', { text: i.value }))))))) : null;
    const more = issues.length > MAX_SHOWN ? el('p', { class: 'toc-muted', text: t('toc.csv.more', { n: number(issues.length - MAX_SHOWN, 0) }) }) : null;
    const nSeries = result.entities.length;
    const shown = Array.from({ length: Math.min(nSeries, MAX_SHOWN) }, (_, k) => seriesAt(result, k, false));
    const selects = shown.map((s, k) => {
      const sel = el('select', { 'data-series': String(k), 'data-testid': 'toc-csv-map', 'aria-label': t('toc.csv.mapLabel', { entity: s.entity, group: s.group ?? '—' }) },
        el('option', { value: '', text: t('toc.csv.skip') }),
        inds.map((i) => option(i.id, i.measure)));
      return [s, sel];
    });
    const mapTable = el('div', { class: 'toc-table-scroll' }, el('table', { class: 'data toc-table', 'data-testid': 'toc-csv-series' },
      el('caption', { text: t('toc.csv.mapCaption') }),
      el('thead', {}, el('tr', {}, ['entity', 'group', 'points', 'into'].map((k) => el('th', { scope: 'col', text: t(`toc.csv.col.${k}`) })))),
      el('tbody', {}, selects.map(([s, sel]) => el('tr', {},
        el('th', { scope: 'row', lang: 'en', text: s.entity }), el('td', { lang: 'en', text: s.group ?? '—' }),
        el('td', { text: s.n ? `${number(s.n, 0)} (${s.first} – ${s.last})` : '0' }),
        el('td', {}, sel))))));
    const add = el('button', { type: 'button', class: 'primary', 'data-testid': 'toc-csv-add', text: t('toc.csv.add') });
    add.addEventListener('click', () => {
      const chosen = selects.filter(([, sel]) => sel.value).map(([s, sel]) => [seriesAt(result, s.k, true), sel.value]);
      if (!chosen.length) { say(t('toc.csv.noneChosen'), true); return; }
      const r = commit((m) => {
        for (const [s, id] of chosen) {
          const target = m.indicators.find((x) => x.id === id);
          target.series ??= [];
          for (const p of s.points) {
            const point = { ...p, source: p.source ?? name };
            const at = target.series.findIndex((x) => x.period === p.period);
            if (at >= 0) target.series[at] = point; else target.series.push(point);
          }
        }
      }, { undo: true });
      if (!r.ok) { say(t('toc.csv.rejected', { message: errorText(r.error) }), true); return; }
      say(t('toc.csv.added', { n: chosen.length, ids: chosen.map(([, id]) => id).join(', ') }));
    });
    replace(csvResult, summary, issueTable, more,
      nSeries > MAX_SHOWN ? el('p', { class: 'toc-muted', text: t('toc.csv.moreSeries', { n: number(nSeries - MAX_SHOWN, 0) }) }) : null,
      mapTable, add);
  }

  /**
   * Series `k` of the engine's columnar import: entity, group, number of points, first and last
   * period, and (with `points`) the points as the model stores them (NaN: not published → null).
   */
  function seriesAt(cols, k, points) {
    const [a, b] = [cols.offsets[k], cols.offsets[k + 1]];
    const num = (x) => (Number.isNaN(x) ? null : x);
    const out = { k, entity: cols.entities[k], group: cols.groups[k], n: b - a,
      first: b > a ? cols.periods[cols.periodIndex[a]] : null, last: b > a ? cols.periods[cols.periodIndex[b - 1]] : null };
    if (points) {
      out.points = [];
      for (let i = a; i < b; i++) {
        out.points.push({ period: cols.periods[cols.periodIndex[i]], value: num(cols.value[i]), numerator: num(cols.numerator[i]),
          denominator: num(cols.denominator[i]), source: null, provenance: null });
      }
    }
    return out;
  }

  /** A thrown import error in the reader's language, with what it names. */
  function csvError(error) {
    const d = error.details ?? {};
    const key = `toc.csv.error.${error.code}`;
    const missing = (Array.isArray(d.missing) ? d.missing : [d.missing ?? '']).map((m) => t(`toc.csv.role.${m}`)).join(', ');
    const text = t(key, { missing, row: d.row ?? '', column: d.column ?? '' });
    return text === key ? errorText(error) : text;
  }

  return { card, render, pictures: () => pictures };
}
