// A report setting that made a job too large, or whose job never finished (the page was
// reloaded or closed while it ran), is not run again on reload without asking: it is "held".
// A small localStorage marker names the options of the report job in progress; a marker
// still there when the page starts means that job did not finish. A held setting is saved
// with the project and shown with "Run it" / "Keep it off" until the user chooses.
import { el } from '../../dom.js';
import { errorText, t } from '../../i18n.js';

const MARK = 'waterline.survey.job';

/** A job counts as long once it has run this long (ms); a reload before that is not a failure. */
const LONG = 1000;
let timer = null;

/** Marks a report job with `options` as running, once it has run for LONG ms (a reload then finds it). */
export function jobStarted(options) {
  clearTimeout(timer);
  const text = JSON.stringify(options);
  timer = setTimeout(() => { try { localStorage.setItem(MARK, text); } catch { /* storage off */ } }, LONG);
}

/** Clears the running mark. */
export function jobEnded() {
  clearTimeout(timer);
  timer = null;
  try { localStorage.removeItem(MARK); } catch { /* storage off */ }
}

/** True when a long report job was running when the page last went away (read once at start-up). */
export const unfinishedAtStart = (() => {
  try { return localStorage.getItem(MARK) !== null; } catch { return false; }
})();

/** A held setting's card (role alert), or null. */
export function heldCard(held, { onRun, onDrop }) {
  if (!held) return null;
  const g = held.options?.groupBy;
  const setting = Array.isArray(g) && g.length > 1 ? t('survey.held.groups', { count: g.length }) : t('survey.held.options');
  const text = held.error && held.error.code !== 'unfinished'
    ? t('survey.held.refused', { setting, reason: errorText(held.error) })
    : t('survey.held.unfinished', { setting });
  return el('div', { class: 'error survey-held', role: 'alert', 'data-testid': 'survey-held' },
    el('span', { text }), ' ',
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-held-run', text: t('survey.held.run'), onclick: onRun }), ' ',
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-held-drop', text: t('survey.held.drop'), onclick: onDrop }));
}
