// The quick calculator: the share who agree with its Wilson score interval, from two counts
// typed by hand (e.g. 101 of 113), computed by the engine on the main thread (it is instant).
import { wilson } from '../../engine.js';
import { el, replace, uid } from '../../dom.js';
import { errorText, lang, percent, t } from '../../i18n.js';
import { parseNumber, relocalize } from '../../number.js';
import { methodCard } from '../../methodcard.js';

/** What a person typed, read in the page's language (NaN goes to the engine, which rejects it). */
const parse = (text) => parseNumber(text, { lang: lang() });

export function shareCalculator() {
  const ids = { x: uid('x'), n: uid('n'), level: uid('level'), out: uid('out') };
  const field = (key, id, value, labelKey) => el('div', { class: 'field' },
    el('label', { for: id, 'data-i18n': labelKey }),
    el('input', { id, name: key, type: 'text', inputmode: 'decimal', value: relocalize(value, 'en', lang()), autocomplete: 'off', 'aria-describedby': ids.out }));
  const sentence = el('p', { class: 'sentence', 'data-testid': 'share-sentence' });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'share-error', hidden: true });
  const details = el('table', { class: 'details', 'data-testid': 'share-table' });
  const cardSlot = el('div', { class: 'methodcards' });
  const card = el('article', { class: 'card survey-quick', 'aria-labelledby': ids.out + '-h', 'data-figure': 'survey-quick' },
    el('h3', { id: ids.out + '-h', 'data-i18n': 'survey.share.title' }),
    el('p', { class: 'survey-note', 'data-i18n': 'survey.share.intro' }),
    el('p', { class: 'statement' }, el('span', { 'data-i18n': 'survey.share.statement' }), ': ',
      el('q', { 'data-i18n': 'survey.share.statementDefault' })),
    el('div', { class: 'fields' },
      field('x', ids.x, '101', 'survey.share.x'),
      field('n', ids.n, '113', 'survey.share.n'),
      field('level', ids.level, '0.95', 'survey.share.level')),
    error,
    el('output', { id: ids.out, for: `${ids.x} ${ids.n} ${ids.level}`, 'aria-live': 'polite' }, sentence, details), cardSlot);

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
    replace(cardSlot, methodCard({ method: ci.method, defaults: { level: ci.level, correct: false }, sizes: { n: ci.n } }));
  }
  const row = (k, v) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { text: v }));
  card.addEventListener('input', render);
  const getState = () => ({ x: input(ids.x).value, n: input(ids.n).value, level: input(ids.level).value });
  const setState = (state) => {
    for (const key of ['x', 'n', 'level']) if (typeof state?.[key] === 'string') input(ids[key]).value = state[key];
  };
  return { card, render, getState, setState };
}

