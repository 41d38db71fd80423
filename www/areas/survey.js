// Survey area (evaluators): outcome statistics from survey answers.
// The share who agree, with its Wilson score interval, computed by the engine.
import { wilson } from '../engine.js';
import { el, replace, uid } from '../dom.js';
import { errorText, onLangChange, percent, register, t } from '../i18n.js';

register({
  en: {
    'survey.title': 'Survey outcomes',
    'survey.intro': 'Compute outcome statistics from survey answers. The example is the 2019-20 parent survey of the restorative-justice campaign (n = 113): 89% felt confident interacting with their children\'s teachers.',
    'survey.share.title': 'Share who agree, with its confidence interval',
    'survey.share.statement': 'Statement',
    'survey.share.statementDefault': 'I feel confident interacting with my child\'s teachers.',
    'survey.share.x': 'Agree or strongly agree',
    'survey.share.n': 'Respondents who answered',
    'survey.share.level': 'Confidence level (between 0 and 1)',
    'survey.share.sentence': '{share} ({level} CI {lower}–{upper}) agree',
    'survey.share.of': '{x} of {n} respondents',
    'survey.share.estimate': 'Share',
    'survey.share.lower': 'Lower bound',
    'survey.share.upper': 'Upper bound',
    'survey.share.method': 'Method',
    'survey.share.wilson': 'Wilson score interval (no continuity correction; R: prop.test(x, n, correct = FALSE))',
    'field.x': 'Agree or strongly agree',
    'field.n': 'Respondents who answered',
    'field.level': 'Confidence level',
  },
  es: {
    'survey.title': 'Resultados de encuestas',
    'survey.intro': 'Calcule estadísticas de resultados a partir de las respuestas de una encuesta. El ejemplo es la encuesta de padres 2019-20 de la campaña de justicia restaurativa (n = 113): el 89% se sentía con confianza para hablar con los maestros de sus hijos.',
    'survey.share.title': 'Proporción de acuerdo, con su intervalo de confianza',
    'survey.share.statement': 'Afirmación',
    'survey.share.statementDefault': 'Me siento con confianza para hablar con los maestros de mi hijo.',
    'survey.share.x': 'De acuerdo o totalmente de acuerdo',
    'survey.share.n': 'Personas que respondieron',
    'survey.share.level': 'Nivel de confianza (entre 0 y 1)',
    'survey.share.sentence': '{share} (IC {level} {lower}–{upper}) está de acuerdo',
    'survey.share.of': '{x} de {n} personas',
    'survey.share.estimate': 'Proporción',
    'survey.share.lower': 'Límite inferior',
    'survey.share.upper': 'Límite superior',
    'survey.share.method': 'Método',
    'survey.share.wilson': 'Intervalo de puntuación de Wilson (sin corrección por continuidad; R: prop.test(x, n, correct = FALSE))',
    'field.x': 'De acuerdo o totalmente de acuerdo',
    'field.n': 'Personas que respondieron',
    'field.level': 'Nivel de confianza',
  },
});

/** Parses what a person typed: accepts a decimal comma; anything else becomes NaN for the engine to reject. */
const parse = (text) => {
  const s = text.trim().replace(',', '.');
  return s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number.NaN : Number(s);
};

function shareCalculator() {
  const ids = { x: uid('x'), n: uid('n'), level: uid('level'), out: uid('out') };
  const field = (key, id, value, labelKey) => el('div', { class: 'field' },
    el('label', { for: id, 'data-i18n': labelKey }),
    el('input', { id, name: key, type: 'text', inputmode: 'decimal', value, autocomplete: 'off', 'aria-describedby': ids.out }));
  const sentence = el('p', { class: 'sentence', 'data-testid': 'share-sentence' });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'share-error', hidden: true });
  const details = el('table', { class: 'details', 'data-testid': 'share-table' });
  const card = el('article', { class: 'card' },
    el('h3', { 'data-i18n': 'survey.share.title' }),
    el('p', { class: 'statement' }, el('span', { 'data-i18n': 'survey.share.statement' }), ': ',
      el('q', { 'data-i18n': 'survey.share.statementDefault' })),
    el('div', { class: 'fields' },
      field('x', ids.x, '101', 'survey.share.x'),
      field('n', ids.n, '113', 'survey.share.n'),
      field('level', ids.level, '0.95', 'survey.share.level')),
    error,
    el('output', { id: ids.out, for: `${ids.x} ${ids.n} ${ids.level}`, 'aria-live': 'polite' }, sentence, details));

  const input = (id) => card.querySelector(`#${id}`);
  function render() {
    const x = parse(input(ids.x).value);
    const n = parse(input(ids.n).value);
    const level = parse(input(ids.level).value);
    const result = wilson(x, n, { level });
    for (const id of [ids.x, ids.n, ids.level]) input(id).removeAttribute('aria-invalid');
    if (!result.ok) {
      const culprit = { x: ids.x, n: ids.n, level: ids.level }[result.error.details?.name ?? result.error.details?.argument]
        ?? (result.error.code === 'level_out_of_range' ? ids.level : result.error.code === 'count_exceeds_total' ? ids.x : ids.n);
      input(culprit).setAttribute('aria-invalid', 'true');
      error.hidden = false;
      error.textContent = errorText(result.error);
      card.dataset.state = 'error';
      return;
    }
    const ci = result.value;
    error.hidden = true;
    card.dataset.state = 'ok';
    const lvl = percent(ci.level, ci.level * 100 % 1 === 0 ? 0 : 1);
    sentence.textContent = t('survey.share.sentence', {
      share: percent(ci.estimate), level: lvl, lower: percent(ci.lower).replace(/\s?%$/, ''), upper: percent(ci.upper),
    });
    replace(details,
      el('caption', { text: t('survey.share.of', { x: ci.x, n: ci.n }) }),
      el('tbody', {},
        row(t('survey.share.estimate'), percent(ci.estimate, 1)),
        row(t('survey.share.lower'), percent(ci.lower, 1)),
        row(t('survey.share.upper'), percent(ci.upper, 1)),
        row(t('survey.share.method'), t('survey.share.wilson'))));
  }
  const row = (k, v) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { text: v }));
  card.addEventListener('input', render);
  const getState = () => ({ x: input(ids.x).value, n: input(ids.n).value, level: input(ids.level).value });
  const setState = (state) => {
    for (const key of ['x', 'n', 'level']) if (typeof state?.[key] === 'string') input(ids[key]).value = state[key];
  };
  return { card, render, getState, setState };
}

/** Mounts the Survey area into `root`; returns its state accessors for the project file. */
export function mount(root, { changed } = {}) {
  const share = shareCalculator();
  share.card.addEventListener('input', () => changed?.());
  replace(root,
    el('h2', { 'data-i18n': 'survey.title' }),
    el('p', { class: 'intro', 'data-i18n': 'survey.intro' }),
    share.card);
  const refresh = () => {
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    share.render();
  };
  onLangChange(refresh);
  refresh();
  return {
    getState: () => ({ share: share.getState() }),
    setState: (state) => { if (state?.share) share.setState(state.share); share.render(); return { ok: true }; },
  };
}
