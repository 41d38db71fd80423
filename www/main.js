// Boot: load the engine, wire the language switch and the area tabs, mount the three areas.
import { ready, version } from './engine.js';
import { applyStatic, errorField, errorText, has, lang, onLangChange, setLang, t } from './i18n.js';
import * as store from './store.js';
import { relocalizeFields } from './number.js';
import { registerOffline } from './offline.js';
import * as proposals from './areas/proposals.js';
import * as toc from './areas/toc.js';
import * as survey from './areas/survey.js';
import * as evidence from './areas/evidence.js';
import { mountReport } from './report/view.js';

const areas = { proposals, toc, survey };
const status = document.getElementById('engine-status');

function setStatus(state, text) {
  status.dataset.state = state;
  if (state === 'failed') delete status.dataset.i18n;
  else status.dataset.i18n = state === 'ready' ? 'app.ready' : 'app.loading';
  status.textContent = text;
}

// ---- language switch
const langButtons = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-lang]'))];
// Decimal fields follow the language ("0.95" ↔ "0,95"); registered before any area, so an area
// that re-renders its fields on the switch still has the last word.
let shownLang = lang();
onLangChange((next) => { relocalizeFields(document, shownLang, next); shownLang = next; });
for (const button of langButtons) {
  button.addEventListener('click', () => {
    setLang(button.dataset.lang);
    for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
    try { localStorage.setItem('waterline.lang', lang()); } catch { /* storage may be off */ }
  });
}

// ---- tabs (WAI-ARIA tabs pattern: arrows move, Home/End jump)
const tabs = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tab"]'))];
function select(tab, focus = true) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute('aria-selected', String(on));
    other.tabIndex = on ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  history.replaceState(null, '', `#${tab.dataset.area}`);
}
for (const [i, tab] of tabs.entries()) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (e) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length]);
  });
}

// ---- project file and autosave
const projectStatus = document.getElementById('project-status');
const time = (iso) => new Date(iso ?? Date.now()).toLocaleTimeString(lang());

/** "Area — field: message" for a rejected part of a project (kept as data, rendered per language). */
function problemText(e) {
  const known = e.area && e.code !== 'unknown_area' && has(`area.${e.area}`);
  const area = known ? t(`area.${e.area}`) : t('project.label');
  // A whole-file problem (not JSON, a newer version, an unknown area) names no field; an area's
  // names the one it rejects, once.
  const field = known ? errorField(e) : null;
  const message = e.code ? errorText(e, { fieldShown: field !== null }) : t('project.saveFailed', e.details ?? {});
  return field === null ? t('project.problemArea', { area, message }) : t('project.problem', { area, field, message });
}

/**
 * Rejections stay on screen until the user dismisses them: each is a line in #project-problems
 * with its own dismiss button, re-rendered when the language changes; a later "saved" does not
 * replace them.
 */
function problemList() {
  const box = document.getElementById('project-problems');
  const list = box.querySelector('ul');
  let problems = [];
  const render = () => {
    box.hidden = !problems.length;
    list.replaceChildren(...problems.map((p) => {
      const li = document.createElement('li');
      li.dataset.code = p.code ?? '';
      li.dataset.area = p.area ?? '';
      const text = document.createElement('span');
      text.textContent = problemText(p);
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'secondary dismiss';
      dismiss.textContent = t('project.dismiss');
      dismiss.setAttribute('aria-label', t('project.dismissOne'));
      dismiss.addEventListener('click', () => { problems = problems.filter((x) => x !== p); render(); });
      li.append(text, ' ', dismiss);
      return li;
    }));
  };
  onLangChange(render);
  return { add(more) { problems = [...problems, ...more]; render(); } };
}

function wireProject() {
  const undo = document.getElementById('project-undo');
  const problems = problemList();
  // The status line is re-rendered from its last message when the language changes.
  let last = null;
  const show = (render) => { last = render; projectStatus.textContent = render(); };
  onLangChange(() => { if (last) projectStatus.textContent = last(); });
  store.onStoreEvent(({ kind, detail }) => {
    // The moment is kept, and formatted in the language shown when the line is (re-)rendered.
    const when = kind === 'restored' ? detail.savedAt : new Date().toISOString();
    if (kind === 'saved') show(() => t('project.saved', { time: time(when) }));
    if (kind === 'restored') show(() => t('project.restored', { time: time(when) }));
    if (kind === 'replaced') show(() => t('project.replaced'));
    if ((kind === 'replaced' || kind === 'restored') && detail.errors?.length) problems.add(detail.errors);
    if (kind === 'undone') show(() => t('project.undone'));
    if (kind === 'error') problems.add([detail.code ? detail : { details: detail }]);
    undo.hidden = !store.canUndo();
  });
  document.getElementById('project-save').addEventListener('click', () => store.download());
  undo.addEventListener('click', () => store.undo());
  const input = /** @type {HTMLInputElement} */ (document.getElementById('project-open'));
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let project;
    try { project = JSON.parse(await file.text()); } catch { problems.add([{ code: 'not_json', details: {}, message: 'not JSON' }]); return; }
    const r = await store.replaceWith(project, async () => window.confirm(t('project.confirm')));
    if (!r.ok && r.error.code !== 'cancelled') problems.add([r.error]);
  });
}

// ---- boot
const saved = (() => { try { return localStorage.getItem('waterline.lang'); } catch { return null; } })();
const preferred = saved ?? (navigator.language?.startsWith('es') ? 'es' : 'en');
if (preferred !== 'en') /** @type {HTMLElement | null} */ (document.querySelector(`[data-lang="${preferred}"]`))?.click();
applyStatic(document);
const initial = tabs.find((tab) => `#${tab.dataset.area}` === location.hash) ?? tabs.find((tab) => tab.dataset.area === 'survey');
select(initial, false);

try {
  await ready;
  const v = version();
  document.getElementById('engine-version').textContent = v.ok ? v.value : '?';
  setStatus('ready', t('app.ready'));
  store.setEngineVersion(v.ok ? v.value : '');
  store.expectAreas(Object.keys(areas));
  for (const [name, area] of Object.entries(areas)) {
    // One area failing to start must not take the others (or the user's saved work) down.
    const root = document.getElementById(`area-${name}`);
    try {
      const api = area.mount(root, { changed: () => store.changed(name) });
      if (api?.getState) store.registerArea(name, api);
    } catch (e) {
      console.error(e);
      root.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'error', role: 'alert',
        textContent: errorText({ code: 'internal', message: String(e?.message ?? e) }),
      }));
    }
  }
  // The evidence map stores nothing: it is derived from what the three areas publish (#18).
  try { evidence.mount(document.getElementById('area-evidence')); } catch (e) { console.error(e); }
  wireProject();
  mountReport({ view: document.getElementById('report-view'), opener: document.getElementById('report-open') });
  await store.restore();
} catch (e) {
  console.error(e);
  setStatus('failed', t('app.failed', { message: errorText({ code: 'internal', message: String(e?.message ?? e) }) }));
}
// Offline use: after the first result, so the cache fills once the page has what it needs.
registerOffline();
