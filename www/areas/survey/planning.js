// Planning: how many respondents a survey needs to detect a given shift, and the power a given
// number achieves — for paired yes/no answers (McNemar, Connor 1987), two independent waves
// (R power.prop.test) and paired means (R power.t.test, type = "paired"). Computed by the engine:
// by its whole build, which the page loads right after the Survey's first result (the area's own
// build leaves power out, issue 21); until it arrives the card says it is computing.
import { available, call, has } from '../../engine.js';
import { el, replace, uid } from '../../dom.js';
import { errorText, lang, number, percent, t } from '../../i18n.js';
import { noteLine } from './notices.js';
import { parseNumber, relocalize } from '../../number.js';
import { methodCard } from '../../methodcard.js';

/** What a person typed, read in the page's language (NaN goes to the engine, which rejects it). */
const parse = (text) => parseNumber(text, { lang: lang() });

const DESIGNS = {
  pairedProportions: { a: ['survey.plan.a', '0.05'], b: ['survey.plan.b', '0.20'], size: 'sampleSizePairedProportions', power: 'powerPairedProportions' },
  twoWaves: { a: ['survey.plan.p1', '0.48'], b: ['survey.plan.p2', '0.72'], size: 'sampleSizeTwoProportions', power: 'powerTwoProportions' },
  pairedMeans: { a: ['survey.plan.delta', '0.3'], b: ['survey.plan.sd', '1'], size: 'sampleSizePairedMeans', power: 'powerPairedMeans' },
};

/** The method card's reference of a sample-size result: the power calculation, not the test
 *  it plans for (the engine's methodInfo gives the test's own R call). */
const POWER_REFERENCE = {
  two_proportions: 'Cohen (1988), ch. 6; R power.prop.test(p1, p2)',
  paired_t: 'Cohen (1988), ch. 2; R power.t.test(delta, sd, type = "paired")',
  mcnemar_connor: 'Connor (1987), Biometrics 43, 207–211',
};

/** The planning card: { card, render, getState, setState }. */
export function planningCard(changed = () => {}) {
  const id = { design: uid('plan-design'), a: uid('plan-a'), b: uid('plan-b'), power: uid('plan-power'), n: uid('plan-n'), alpha: uid('plan-alpha') };
  const design = el('select', { id: id.design, 'data-testid': 'plan-design' },
    ...Object.keys(DESIGNS).map((k) => el('option', { value: k, 'data-i18n': `survey.plan.${k}` })));
  const input = (key, value) => el('input', { id: id[key], type: 'text', inputmode: 'decimal', value: relocalize(value, 'en', lang()), autocomplete: 'off', 'data-testid': `plan-${key}` });
  const fields = { a: input('a', '0.05'), b: input('b', '0.20'), power: input('power', '0.8'), n: input('n', '113'), alpha: input('alpha', '0.05') };
  const labels = { a: el('label', { for: id.a }), b: el('label', { for: id.b }) };
  const field = (key, label) => el('div', { class: 'field' }, label, fields[key]);
  const out = el('output', { 'aria-live': 'polite', 'data-testid': 'plan-result' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'plan-error' });
  const card = el('article', { class: 'card survey-plan', 'data-figure': 'survey-plan' },
    el('h3', { 'data-i18n': 'survey.plan.title' }),
    el('p', { class: 'survey-note', 'data-i18n': 'survey.plan.intro' }),
    el('div', { class: 'fields' },
      el('div', { class: 'field' }, el('label', { for: id.design, 'data-i18n': 'survey.plan.design' }), design),
      field('a', labels.a), field('b', labels.b),
      field('power', el('label', { for: id.power, 'data-i18n': 'survey.plan.power' })),
      field('n', el('label', { for: id.n, 'data-i18n': 'survey.plan.n' })),
      field('alpha', el('label', { for: id.alpha, 'data-i18n': 'survey.plan.alpha' }))),
    error, out);

  /** @type {Promise<void> | null} the wait for the whole engine, while it lasts */
  let waiting = null;
  function render() {
    const d = DESIGNS[design.value];
    labels.a.textContent = t(d.a[0]);
    labels.b.textContent = t(d.b[0]);
    if (!has(d.size)) {
      error.hidden = true;
      replace(out, el('p', { class: 'survey-note', 'data-testid': 'plan-waiting', text: t('survey.plan.waiting') }));
      if (!waiting) waiting = available(d.size).then(() => { waiting = null; if (has(d.size)) render(); });
      return;
    }
    const a = parse(fields.a.value), b = parse(fields.b.value);
    const options = { alpha: parse(fields.alpha.value) };
    const size = call(d.size, a, b, parse(fields.power.value), options);
    const power = call(d.power, a, b, parse(fields.n.value), options);
    const failed = !size.ok ? size : !power.ok ? power : null;
    error.hidden = !failed;
    if (failed) { error.textContent = errorText(failed.error); replace(out); return; }
    const s = size.value;
    replace(out,
      el('p', { class: 'sentence', text: t(s.unit === 'pairs' ? 'survey.plan.needPairs' : 'survey.plan.needGroups',
        { n: s.n, power: percent(s.power), exact: number(s.nExact, 1) }) }),
      el('p', { text: t('survey.plan.havePower', { n: fields.n.value.trim(), power: percent(power.value.power, 0) }) }),
      el('p', { class: 'survey-note', text: t(`survey.plan.method.${s.method}`) }),
      methodCard({ method: s.method, reference: POWER_REFERENCE[s.method] ?? null, defaults: { alpha: options.alpha, power: parse(fields.power.value) }, sizes: { n: s.n } }),
      ...[...(s.warnings ?? []), ...(power.value.warnings ?? [])].map((w) => el('p', { class: 'survey-note', 'data-code': w.code, text: noteLine(w) })));
  }
  design.addEventListener('change', () => {
    const d = DESIGNS[design.value];
    fields.a.value = relocalize(d.a[1], 'en', lang());
    fields.b.value = relocalize(d.b[1], 'en', lang());
    render();
    changed();
  });
  card.addEventListener('input', () => { render(); changed(); });
  const getState = () => ({ design: design.value, ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])) });
  const setState = (state) => {
    if (state && state.design in DESIGNS) design.value = state.design;
    for (const k of Object.keys(fields)) if (typeof state?.[k] === 'string') fields[k].value = state[k];
  };
  return { card, render, getState, setState };
}
