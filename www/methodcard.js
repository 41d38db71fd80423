// The method card (issue 18): every figure on the page opens a card — a <details>, so it is
// keyboard accessible without script — saying how it was computed: the method (from the
// result's `method` tag), the settings that applied (level, continuity correction, resamples,
// seed…), the reference (paper and the R call that reproduces it) and the inputs' sizes.
// The text is built when the card opens, in the reader's language, and rebuilt on a language
// switch. The reference comes from the engine: a survey result's own `reference` when it has
// one, else the engine's table of method tags (`methodInfo`, src/method_info.rs).
import { el, replace } from './dom.js';
import { has, number, onLangChange, percent, t } from './i18n.js';
import { call } from './engine.js';
import './methods/strings.js';

/**
 * @typedef {object} MethodSpec
 * @property {string} method  the engine's method tag (snake_case), e.g. `wilson`
 * @property {string | null} [reference]  the engine's reference text, when the result has one
 * @property {Record<string, number | string | boolean | null | undefined>} [defaults]  settings:
 *   `level` (a share, 0.95), `correct`/`partial`/`calibrated` (booleans), `resamples`, `seed`,
 *   `adjust` (a method tag), `minCell`, `zeroMethod`, `asOf`, `budget`; null/undefined skipped
 * @property {Record<string, number | null | undefined>} [sizes]  `n`, `rows`, `items`, `tests`,
 *   `proposals`, `reviewers`, `conditions`, `scores`, `goals`, `indicators`, `groups`
 * @property {string} [what]  what the figure is, for the summary's accessible name
 */

/** @type {WeakMap<Element, MethodSpec>} */
const specs = new WeakMap();

/** The translated name of a method tag (the tag itself when unknown). */
export function methodLabel(method) {
  return has(`method.name.${method}`) ? t(`method.name.${method}`) : method;
}

function value(key, v) {
  if (typeof v === 'boolean') return t(v ? 'method.yes' : 'method.no');
  if (key === 'level' && typeof v === 'number') return percent(v, v * 100 === Math.round(v * 100) ? 0 : 1);
  if (key === 'adjust' && typeof v === 'string') return has(`method.name.${v}`) ? methodLabel(v) : v;
  if (typeof v === 'number') return number(v, 4);
  return String(v);
}

const entries = (obj) => Object.entries(obj ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');

/** The engine's citation and R call of a method tag: `{ paper, rCall }` or null. */
function reference(method) {
  const r = call('methodInfo', method);
  return r.ok ? r.value : null;
}

/** The card's lines as plain data: [label, text][] (also used by the report's method notes). */
export function methodLines(spec) {
  const ref = spec.reference ? null : reference(spec.method);
  const lines = [[t('method.method'), `${methodLabel(spec.method)}. ${has(`method.about.${spec.method}`) ? t(`method.about.${spec.method}`) : ''}`.trim()]];
  const defaults = entries(spec.defaults).map(([k, v]) => (has(`method.default.${k}`) ? t(`method.default.${k}`, { value: value(k, v) }) : `${k}: ${value(k, v)}`));
  lines.push([t('method.defaults'), defaults.length ? defaults.join(' · ') : t('method.none')]);
  if (spec.reference) lines.push([t('method.reference'), spec.reference]);
  else if (ref) {
    if (ref.paper) lines.push([t('method.reference'), ref.paper]);
    lines.push([t('method.rCall'), ref.rCall ?? t('method.noR')]);
  }
  const sizes = entries(spec.sizes).map(([k, v]) => (has(`method.size.${k}`) ? t(`method.size.${k}`, { value: value(k, v) }) : `${k}: ${value(k, v)}`));
  if (sizes.length) lines.push([t('method.sizes'), sizes.join(' · ')]);
  return lines;
}

function fill(card) {
  const spec = specs.get(card);
  if (!spec) return;
  const summary = card.querySelector('summary');
  summary.textContent = t('method.card');
  if (spec.what) summary.setAttribute('aria-label', t('method.cardFor', { what: spec.what }));
  const body = card.querySelector('.methodcard-body');
  if (!card.open) { replace(body); return; }
  // Citations and R calls are bibliographic English, marked so (the Spanish page has no
  // unmarked English); the rest is translated.
  const english = new Set([t('method.reference'), t('method.rCall')]);
  replace(body, el('dl', {}, methodLines(spec).map(([label, text]) => [
    el('dt', { text: label }),
    el('dd', { lang: english.has(label) && text !== t('method.noR') ? 'en' : null },
      // R code is code: never translated (translate="no"), in either language.
      label === t('method.rCall') && text !== t('method.noR') ? el('code', { translate: 'no', text }) : text),
  ])));
}

/** A method card for a figure: `<details class="methodcard">` placed beside it. */
export function methodCard(spec) {
  const card = el('details', { class: 'methodcard', dataset: { method: spec.method }, 'data-testid': 'methodcard' },
    el('summary', { class: 'methodcard-trigger' }),
    el('div', { class: 'methodcard-body' }));
  specs.set(card, spec);
  card.addEventListener('toggle', () => fill(card));
  fill(card);
  return card;
}

/** The lines of the method card `card` (a node made by `methodCard`, or a copy's original), or null. */
export function methodCardLines(card) {
  const spec = specs.get(card);
  return spec ? methodLines(spec) : null;
}

onLangChange(() => {
  for (const card of document.querySelectorAll('details.methodcard')) fill(card);
});
