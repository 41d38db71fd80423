// The rubric: conditions grouped by level with their definitions, anchors (EN/ES), weights and
// provenance (FSG / Alianza source / Alianza inferred / custom). Add, rename, reweight, remove
// and rewriting a level descriptor (EN/ES, #20) go through the engine's editRubric; each
// descriptor says whose words it is. The rubric saves to and opens from JSON.
import { el, replace, uid } from '../../dom.js';
import { lang, t } from '../../i18n.js';
import { downloadText } from '../../store.js';
import { fileButton, fixed, messageBox, numberText, parseNumber, problemText, safeErrorText, tx } from './util.js';
import { problemList } from './round.js';

/** General anchors for a new condition (both languages: the rubric stores both). */
const GENERAL_SCALE = [
  ['Not addressed', 'No se aborda', 'The proposal does not address this condition.', 'La propuesta no aborda esta condición.'],
  ['Mentioned', 'Mencionado', 'The proposal mentions this condition but names no activity aimed at it.', 'La propuesta menciona esta condición pero no nombra ninguna actividad dirigida a ella.'],
  ['Planned', 'Planificado', 'The proposal plans activities aimed at this condition, without a clear path to change.', 'La propuesta planifica actividades dirigidas a esta condición, sin un camino claro hacia el cambio.'],
  ['Central', 'Central', 'Changing this condition is central: concrete activities, named people or institutions, and a plausible path to change.', 'Cambiar esta condición es central: actividades concretas, personas o instituciones nombradas y un camino creíble hacia el cambio.'],
  ['Proven', 'Comprobado', 'Central, and the applicant shows evidence of having already shifted this condition.', 'Central, y el solicitante muestra evidencia de haber cambiado ya esta condición.'],
].map(([en, es, den, des], value) => ({ value, label: { en, es }, description: { en: den, es: des }, wording: 'waterline' }));

export function rubricCard(ctx) {
  const title = el('p', { class: 'round-title', 'data-testid': 'rubric-name' });
  const message = messageBox('notice');
  const problems = el('div', { role: 'alert' });
  const body = el('div', { 'data-testid': 'rubric' });
  const addForm = el('div');
  let structure = '';
  let renaming = null;
  /** @type {{ id: string, value: number } | null} the descriptor being edited */
  let describing = null;
  /** the condition whose anchors stay open across a re-render (the one being edited) */
  let anchorsOpen = null;

  const say = (text, list) => { message.show(text); replace(problems, list ?? null); };
  const fail = (r, extra = '') => {
    message.clear();
    replace(problems, el('p', { class: 'error', text: `${t('proposals.rubric.rejected')} ${extra}` }),
      r.problems ? problemList(ctx, r.problems, r.notListed) : el('p', { class: 'error', text: problemText(r.error, ctx.names) }));
  };

  /** Applies an edited rubric; scores that no longer fit are dropped and listed (undo brings them back). */
  function applyRubric(next, label, doneText) {
    const r = ctx.apply({ rubric: next }, { label, dropInvalidScores: true });
    if (!r.ok) { fail(r); return r; }
    if (r.dropped.length && !doneText) say(t('proposals.rubric.droppedScores', { n: r.dropped.length }), problemList(ctx, r.dropped.slice(0, 20), Math.max(0, r.dropped.length - 20)));
    else say(doneText ? doneText(r) : '');
    return r;
  }

  function edit(op, label, doneText) {
    const e = ctxCall('editRubric', ctx.rubric, op);
    if (!e.ok) { fail({ error: e.error }); return e; }
    return applyRubric(e.value, label, doneText);
  }
  const ctxCall = (name, ...args) => ctx.engineCall(name, ...args);

  const saveButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.rubric.save' });
  saveButton.addEventListener('click', () => downloadText('waterline-rubric.json', JSON.stringify(ctx.rubric, null, 2), 'application/json'));
  const resetButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.rubric.reset' });
  resetButton.addEventListener('click', () => applyRubric(ctx.defaultRubric, { key: 'proposals.label.resetRubric' }));
  const openRubric = async (file) => {
    let data;
    try { data = JSON.parse(await file.text()); } catch { say(''); replace(problems, el('p', { class: 'error', text: t('proposals.rubric.notJson') })); return; }
    const v = ctxCall('validateRubric', data);
    if (!v.ok) { fail({ error: v.error }); return; }
    const name = tx(v.value.name);
    const r = applyRubric(v.value, { key: 'proposals.label.rubric', params: { name } });
    if (r.ok && !r.dropped.length) say(t('proposals.rubric.opened', { name }));
  };

  function conditionNode(c) {
    const name = tx(c.name);
    const weightId = uid('weight');
    const weight = el('input', { id: weightId, type: 'text', inputmode: 'decimal', size: 4, autocomplete: 'off', 'data-key': `weight-${c.id}`, 'data-condition': c.id, 'aria-label': t('proposals.rubric.weightOf', { condition: name }) });
    weight.addEventListener('change', () => {
      const current = ctx.condition(c.id);
      const r = edit({ op: 'reweight', id: c.id, weight: parseNumber(weight.value) }, { key: 'proposals.label.reweight', params: { condition: name } });
      if (!r.ok) {
        weight.value = numberText(current.weight);
        weight.setAttribute('aria-invalid', 'true');
        message.clear();
        replace(problems, el('p', { class: 'error', text: `${safeErrorText(r.error ?? r.problems?.[0] ?? {})} ${t('proposals.rubric.kept', { value: current.weight })}` }));
      } else weight.removeAttribute('aria-invalid');
    });
    const renameButton = el('button', { type: 'button', class: 'secondary small', 'data-key': `rename-${c.id}`, 'aria-label': t('proposals.rubric.renameOf', { condition: name }), text: t('proposals.rubric.rename') });
    renameButton.addEventListener('click', () => { renaming = c.id; structure = ''; update(); body.querySelector(`[data-key="rename-en-${c.id}"]`)?.focus(); });
    const removeButton = el('button', { type: 'button', class: 'secondary small', 'data-key': `remove-${c.id}`, 'aria-label': t('proposals.rubric.removeOf', { condition: name }), text: t('proposals.rubric.remove') });
    removeButton.addEventListener('click', () => {
      edit({ op: 'remove', id: c.id }, { key: 'proposals.label.removeCondition', params: { condition: name } },
        (r) => t('proposals.rubric.removed', { condition: name, n: r.dropped.length }));
    });
    let renameForm = null;
    if (renaming === c.id) {
      const en = el('input', { type: 'text', value: c.name.en, 'data-key': `rename-en-${c.id}`, autocomplete: 'off' });
      const es = el('input', { type: 'text', value: c.name.es, 'data-key': `rename-es-${c.id}`, autocomplete: 'off' });
      const save = el('button', { type: 'button', class: 'primary small', text: t('proposals.rubric.saveName') });
      const cancel = el('button', { type: 'button', class: 'secondary small', text: t('proposals.rubric.cancel') });
      save.addEventListener('click', () => {
        const r = edit({ op: 'rename', id: c.id, name: { en: en.value, es: es.value } }, { key: 'proposals.label.rename', params: { condition: name } });
        if (r.ok) { renaming = null; structure = ''; update(); }
      });
      cancel.addEventListener('click', () => { renaming = null; structure = ''; update(); });
      renameForm = el('div', { class: 'fields rename' },
        el('div', { class: 'field' }, el('label', {}, t('proposals.rubric.nameEn'), en)),
        el('div', { class: 'field' }, el('label', {}, t('proposals.rubric.nameEs'), es)), save, cancel);
    }
    const min = c.scale[0].value, max = c.scale[c.scale.length - 1].value;
    return el('article', { class: 'condition', 'data-condition': c.id },
      el('div', { class: 'condition-head' },
        el('h5', {}, name, ' ', el('code', { text: c.id })),
        el('span', { class: `provenance prov-${c.provenance}`, text: t(`proposals.rubric.provenance.${c.provenance}`) }),
        el('span', { class: 'weight' }, el('label', { for: weightId, text: t('proposals.rubric.weight') }), ' ', weight),
        renameButton, removeButton),
      renameForm,
      el('p', { class: 'definition', text: tx(c.definition) }),
      c.source ? el('p', { class: 'small' }, t('proposals.rubric.source'), ' ', el('cite', { lang: 'en', text: c.source })) : null,
      el('details', { open: anchorsOpen === c.id }, el('summary', { text: t('proposals.rubric.anchors', { min: fixed(min, 0), max: fixed(max, 0) }) }),
        el('dl', { class: 'anchors' }, c.scale.map((p) => anchorNode(c, name, p)))));
  }

  /** One scale point: its descriptor, whose words it is, and an inline EN/ES editor (editRubric `describe`). */
  function anchorNode(c, name, p) {
    const value = fixed(p.value, Number.isInteger(p.value) ? 0 : 1);
    const key = `${c.id}-${p.value}`;
    const wording = p.wording ? el('span', { class: `small wording wording-${p.wording}`, 'data-wording': p.wording, text: ` (${t(`proposals.rubric.wording.${p.wording}`)})` }) : null;
    const editButton = el('button', { type: 'button', class: 'secondary small', 'data-key': `describe-${key}`, 'aria-label': t('proposals.rubric.editAnchorOf', { value, condition: name }), text: t('proposals.rubric.editAnchor') });
    editButton.addEventListener('click', () => { describing = { id: c.id, value: p.value }; anchorsOpen = c.id; structure = ''; update(); body.querySelector(`[data-key="describe-en-${CSS.escape(key)}"]`)?.focus(); });
    let form = null;
    if (describing && describing.id === c.id && describing.value === p.value) {
      const area = (l) => el('textarea', { rows: 3, cols: 50, 'data-key': `describe-${l}-${key}`, autocomplete: 'off' }, p.description[l]);
      const en = area('en'), es = area('es');
      const save = el('button', { type: 'button', class: 'primary small', 'data-key': `describe-save-${key}`, text: t('proposals.rubric.saveAnchor') });
      const cancel = el('button', { type: 'button', class: 'secondary small', text: t('proposals.rubric.cancel') });
      save.addEventListener('click', () => {
        const r = edit({ op: 'describe', id: c.id, value: p.value, description: { en: en.value.trim(), es: es.value.trim() } },
          { key: 'proposals.label.describe', params: { value, condition: name } });
        if (r.ok) { describing = null; structure = ''; update(); }
      });
      cancel.addEventListener('click', () => { describing = null; structure = ''; update(); });
      form = el('div', { class: 'fields describe' },
        el('div', { class: 'field' }, el('label', {}, t('proposals.rubric.anchorEn'), en)),
        el('div', { class: 'field' }, el('label', {}, t('proposals.rubric.anchorEs'), es)), save, cancel);
    }
    return [el('dt', { text: `${value} — ${tx(p.label)}` }),
      el('dd', { 'data-anchor': key }, el('span', { text: tx(p.description) }), wording, ' ', form ? null : editButton, form)];
  }

  function renderAdd() {
    const f = {};
    const field = (key, labelKey, attrs = {}) => {
      const input = el(attrs.multiline ? 'textarea' : 'input', { type: attrs.multiline ? null : 'text', rows: attrs.multiline ? 2 : null, cols: attrs.multiline ? 40 : null, autocomplete: 'off', 'data-key': `add-${key}`, name: `add-${key}` });
      f[key] = input;
      return el('div', { class: 'field' }, el('label', {}, t(labelKey), input));
    };
    const levelSelect = el('select', { 'data-key': 'add-level', name: 'add-level' }, ctx.rubric.levels.map((l) => el('option', { value: l.id, text: tx(l.name) })));
    const button = el('button', { type: 'button', class: 'primary', 'data-key': 'add-button', text: t('proposals.rubric.addButton') });
    button.addEventListener('click', () => {
      const id = f.id.value.trim();
      const condition = {
        id, levelId: levelSelect.value,
        name: { en: f.nameEn.value.trim() || id, es: f.nameEs.value.trim() || f.nameEn.value.trim() || id },
        definition: { en: f.defEn.value.trim(), es: f.defEs.value.trim() },
        scale: GENERAL_SCALE, weight: parseNumber(f.weight.value || '1'), provenance: 'custom', source: null,
      };
      const r = edit({ op: 'add', condition }, { key: 'proposals.label.addCondition', params: { condition: tx(condition.name) } });
      if (r.ok) { structure = ''; update(); }
    });
    replace(addForm, el('details', { class: 'add-condition' }, el('summary', { text: t('proposals.rubric.add') }),
      el('div', { class: 'fields' }, field('id', 'proposals.rubric.id'),
        el('div', { class: 'field' }, el('label', {}, t('proposals.rubric.level'), levelSelect)),
        field('nameEn', 'proposals.rubric.nameEn'), field('nameEs', 'proposals.rubric.nameEs'), field('weight', 'proposals.rubric.weight')),
      el('div', { class: 'fields' }, field('defEn', 'proposals.rubric.definitionEn', { multiline: true }), field('defEs', 'proposals.rubric.definitionEs', { multiline: true })),
      el('p', { class: 'small', text: t('proposals.rubric.addScale') }), button));
  }

  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.rubric.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.rubric.intro' }),
    el('p', { class: 'small', 'data-i18n': 'proposals.rubric.wordingNote' }),
    title,
    el('div', { class: 'buttons no-print' }, saveButton, fileButton('proposals.rubric.open', '.json,application/json', openRubric, 'rubric-open'), resetButton),
    message.node, problems, body, addForm);

  function update() {
    const rubric = ctx.rubric;
    title.textContent = tx(rubric.name);
    const key = JSON.stringify([rubric.levels, rubric.conditions.map((c) => [c.id, c.name, c.levelId, c.provenance, c.scale]), renaming, describing, lang()]);
    if (key !== structure) {
      structure = key;
      const focused = document.activeElement && body.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.key : null;
      replace(body, rubric.levels.map((level) => {
        const conditions = rubric.conditions.filter((c) => c.levelId === level.id);
        return el('div', { class: 'level-group', 'data-level': level.id },
          el('h4', { text: tx(level.name) }),
          el('p', { class: 'small', text: tx(level.description) }),
          conditions.map(conditionNode));
      }));
      renderAdd();
      if (focused) body.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
    }
    for (const input of body.querySelectorAll('input[data-condition]')) {
      const c = ctx.condition(input.dataset.condition);
      if (c && document.activeElement !== input) input.value = numberText(c.weight);
    }
  }

  return { node, update };
}
