// The validation panel: the engine's findings (and the schedule's conflicts), translated by
// rule code, each a button that selects the element it names.
import { el } from '../../dom.js';
import { has, intl, t } from '../../i18n.js';

/** Parameters of a finding's sentence: {a}, {b}, {ids}, {cycle}. */
function params(ids) {
  return { a: ids[0] ?? '', b: ids[1] ?? '', ids: ids.join(', '), cycle: ids.length ? [...ids, ids[0]].join(' → ') : '' };
}

const plural = (n) => intl('PluralRules', document.documentElement.lang || 'en').select(n) === 'one' ? 'one' : 'other';
const count = (what, n) => t(`toc.val.${what}.${plural(n)}`, { n });

/** The translated sentence of a finding, or null when the page does not know its code. */
export function findingText(f) {
  const key = `toc.rule.${f.code}`;
  return has(key) ? t(key, params(f.ids)) : null;
}

/**
 * Renders the panel. `findings` are { severity, code, message, ids, fromSchedule };
 * `exists(id)` says whether an id names something that can be selected.
 */
export function renderFindings({ validation, findings, exists }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = findings.length === 0
    ? el('p', { class: 'toc-ok', 'data-testid': 'toc-valid', text: t('toc.val.clean', { elements: validation.nElements, links: validation.nLinks, goals: validation.nGoals }) })
    : el('p', { class: 'toc-val-summary', text: t('toc.val.summary', { errors: count('errors', errors), warnings: count('warnings', warnings) }) });
  const list = el('ul', { class: 'toc-findings', 'data-testid': 'toc-findings' }, findings.map((f, i) => {
    const targets = f.ids.filter(exists);
    // A code this page does not know yet: the engine's English message, marked as English.
    const known = findingText(f);
    const text = known ?? f.message;
    const lang = known === null ? 'en' : null;
    return el('li', { class: `toc-finding toc-${f.severity}`, 'data-code': f.code },
      el('span', { class: 'toc-sev', 'data-sev': f.severity, text: t(`toc.val.${f.severity}`) }),
      ' ',
      targets.length
        ? el('button', { type: 'button', class: 'toc-finding-message', 'data-select': targets[0], 'data-finding': i, lang, text })
        : el('span', { class: 'toc-finding-message', lang, text }),
      targets.length > 1
        ? el('span', { class: 'toc-finding-ids' }, ` ${t('toc.val.ids')}: `,
          targets.map((id, k) => [k ? ', ' : '', el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id, text: id })]))
        : null,
      f.fromSchedule ? el('span', { class: 'toc-finding-source', text: ` (${t('toc.val.schedule')})` }) : null);
  }));
  return [summary, findings.length ? list : null];
}
