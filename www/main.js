// Boot: wire the language switch and the area tabs; load the opened area's engine build and
// module, mount it, restore the saved project; after that area's first result, load the whole
// engine and mount the other areas, Evidence and the report (issue 21: a small first load).
import { holdSpares, load, releaseSpares, version, wholeLoaded } from './engine.js';
import { retrying } from './retry.js';
import { onDownloadWait, warm } from './jobs.js';
import { applyStatic, errorField, errorText, has, lang, loadAll, onLangChange, ready as stringsReady, setLang, t, warmFormatters } from './i18n.js';
import * as store from './store.js';
import { relocalizeFields } from './number.js';

/** The areas that store state, each loaded when it is mounted (its own build: engine.js). */
const areas = {
  proposals: () => import('./areas/proposals.js'),
  toc: () => import('./areas/toc.js'),
  survey: () => import('./areas/survey.js'),
};
/**
 * What an area's first result is: the opened area's; the whole engine and the other areas
 * load once it is on screen (tests/browser/first-load.test.mjs and bench/throttled.mjs wait
 * for the same selectors).
 */
const FIRST_RESULT = {
  survey: '[data-testid="survey-report"][data-state="ready"]',
  proposals: '[data-testid="ranking-table"] tbody tr',
  toc: '#area-toc .toc-diagram-svg',
};
/** The longest the rest waits for the opened area's first result (a restored area may show none). */
const FIRST_RESULT_WAIT_MS = 8000;
/** The areas whose first result is computed in the worker (jobs.js), started at once for them. */
const FIRST_RESULT_IN_WORKER = new Set(['survey']);
const status = document.getElementById('engine-status');

/**
 * The status line: the engine's state ('loading', 'ready' or 'failed', with `text`) unless a
 * download is being tried again (`waits`, see `downloading`): then 'retrying', with what does
 * not work yet ('app.retryFirst' while the opened area waits, else 'app.retryRest').
 */
let base = { state: 'loading', text: '' };
/** @type {Map<object, string>} the downloads being tried again, each with its string */
const waits = new Map();

function showStatus() {
  const key = [...waits.values()].sort()[0]; // 'app.retryFirst' before 'app.retryRest'
  const state = key && base.state !== 'failed' ? 'retrying' : base.state;
  const shownKey = state === 'retrying' ? key : state === 'ready' ? 'app.ready' : 'app.loading';
  status.dataset.state = state;
  if (state === 'failed') delete status.dataset.i18n;
  else status.dataset.i18n = shownKey; // re-rendered on a switch of language
  status.textContent = state === 'failed' ? base.text : t(shownKey);
}

/** Sets the engine's state: 'loading', 'ready' or 'failed' (with `text`). */
function setStatus(state, text = '') {
  base = { state, text };
  showStatus();
}

/** Starts (`key` given) or ends a wait for download `token` in the status line. */
function waitShown(token, key) {
  if (key) waits.set(token, key); else waits.delete(token);
  showStatus();
}

/**
 * Downloads with `attempt`, trying again while the download fails (retry.js: a rural connection
 * may drop in the middle of the second step, after the opened area already works). The status
 * says so meanwhile (`key`: 'app.retryFirst' before the first area works, else 'app.retryRest').
 * Any other failure is thrown.
 * @template T
 * @param {() => Promise<T>} attempt @param {string} key
 * @param {() => Promise<unknown>} [sooner] ends a wait early (the same download done meanwhile)
 * @returns {Promise<T>}
 */
async function downloading(attempt, key, sooner) {
  const token = {};
  try {
    return await retrying(attempt, { waiting: () => waitShown(token, key), sooner });
  } finally {
    waitShown(token, null);
  }
}

/** Whether the opened area's first result was shown (what the status says on a failed download). */
let firstShown = false;
const WORKER_WAIT = {};
// Jobs waiting for the worker's download (jobs.js) show like any other download.
onDownloadWait((waiting) => waitShown(WORKER_WAIT, waiting ? (firstShown ? 'app.retryRest' : 'app.retryFirst') : null));

/**
 * Loads engine build `build` (`downloading`). A user's action that needs the whole engine tries
 * at once (engine.js `provide`), and its success ends the wait.
 * @param {'whole' | 'survey' | 'proposals' | 'toc'} build @param {string} key
 */
const loadRetrying = (build, key) => downloading(() => load(build), key, build === 'whole' ? wholeLoaded : undefined);

// ---- language switch
const langButtons = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-lang]'))];
// Decimal fields follow the language ("0.95" ↔ "0,95"); registered before any area, so an area
// that re-renders its fields on the switch still has the last word.
let shownLang = lang();
onLangChange((next) => { relocalizeFields(document, shownLang, next); shownLang = next; });
for (const button of langButtons) {
  button.addEventListener('click', async () => {
    await setLang(button.dataset.lang); // once the language's strings are in (i18n.registerLanguages)
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

/**
 * Mounts area `name` from its module (`module`: its import, already started), downloading it
 * again while that fails (`downloading`); one area failing to start must not take the others down.
 */
async function mountArea(name, module = areas[name](), key = 'app.retryRest') {
  const root = document.getElementById(`area-${name}`);
  try {
    let started = module;
    const area = await downloading(() => { const m = started ?? areas[name](); started = null; return m; }, key);
    // The area's strings in the language shown (loaded per language): a table that cannot be
    // downloaded yet is waited for (the area would show its keys); should one fail otherwise
    // (a bug), the area still mounts, those strings in English.
    await downloading(() => stringsReady(), key).catch((e) => console.error('waterline: strings could not be loaded', e));
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

/**
 * Resolves when `selector` matches inside `root`, when the user opens another tab or the
 * report (the rest is needed now), or after FIRST_RESULT_WAIT_MS.
 */
function firstResult(/** @type {HTMLElement} */ root, /** @type {string} */ selector) {
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect(); clearTimeout(timer); for (const b of nudges) b.removeEventListener('click', done);
      // The moment the rest starts to load (tests/browser/first-load.test.mjs counts the bytes before it).
      performance.mark('waterline:first-result', { detail: { shown: Boolean(root.querySelector(selector)) } });
      resolve(undefined);
    };
    const observer = new MutationObserver(() => { if (root.querySelector(selector)) done(); });
    const timer = setTimeout(done, FIRST_RESULT_WAIT_MS);
    const nudges = [...tabs.filter((tab) => tab.dataset.area !== root.id.slice('area-'.length)), document.getElementById('report-open')].filter(Boolean);
    for (const b of nudges) b.addEventListener('click', done);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    if (root.querySelector(selector)) done();
  });
}

// A click on "Evaluation report" while the whole engine is still loading is kept and acted on
// once the report is mounted (it used to be lost); the button says it is busy meanwhile.
const reportOpener = document.getElementById('report-open');
let reportWanted = false;
const wantReport = () => { reportWanted = true; reportOpener?.setAttribute('aria-busy', 'true'); };
reportOpener?.addEventListener('click', wantReport);

const first = /** @type {keyof typeof areas | 'evidence'} */ (initial.dataset.area);
const firstBuild = Object.hasOwn(FIRST_RESULT, first) ? /** @type {'survey'|'proposals'|'toc'} */ (first) : 'whole';
try {
  // The opened area's build and module, fetched in parallel (Evidence needs the whole engine);
  // the area mounts once its engine is ready (it computes as it mounts).
  const module = firstBuild === 'whole' ? null : areas[firstBuild]();
  module?.catch(() => {}); // reported by mountArea
  if (module) holdSpares(); // a spare instance's glue is a request the first result need not wait for
  if (FIRST_RESULT_IN_WORKER.has(first)) warm(firstBuild);
  const loading = loadRetrying(firstBuild, 'app.retryFirst');
  setTimeout(warmFormatters, 0); // while the engine downloads: the main thread is idle then
  await loading;
  const opened = module ? firstBuild : null;
  if (module) await mountArea(firstBuild, module, 'app.retryFirst');
  const v = version();
  document.getElementById('engine-version').textContent = v.ok ? v.value : '?';
  store.setEngineVersion(v.ok ? v.value : '');
  store.expectAreas(Object.keys(areas));
  wireProject();
  // The opened area takes its saved state now; the others' is kept until they mount (store.js).
  await store.restore();
  if (opened) await firstResult(document.getElementById(`area-${opened}`), FIRST_RESULT[opened]);
  firstShown = true;
  releaseSpares();
  await loadRetrying('whole', 'app.retryRest');
  await Promise.all(Object.keys(areas).filter((name) => name !== opened).map((name) => mountArea(name)));
  // The other language's strings too, now that every area has its first strings: a switch of
  // language is then at once (the offline cache fetches every file after the first result anyway).
  // A table that fails to download here is tried again when the page switches to its language.
  await loadAll().catch((e) => console.warn('waterline: strings not loaded yet', e));
  // The evidence map stores nothing: it is derived from what the three areas publish (#18).
  const [evidence, report] = await downloading(() => Promise.all([import('./areas/evidence.js'), import('./report/view.js')]), 'app.retryRest');
  try { evidence.mount(document.getElementById('area-evidence')); } catch (e) { console.error(e); }
  report.mountReport({ view: document.getElementById('report-view'), opener: reportOpener });
  reportOpener?.removeEventListener('click', wantReport);
  reportOpener?.removeAttribute('aria-busy');
  if (reportWanted) reportOpener?.click();
  setStatus('ready');
} catch (e) {
  console.error(e);
  setStatus('failed', t('app.failed', { message: errorText({ code: 'internal', message: String(e?.message ?? e) }) }));
} finally {
  document.documentElement.dataset.restored = 'yes'; // start-up is over (tests wait for this)
}
// Offline use: after the first result, so the cache fills once the page has what it needs (and
// its module is not among the first load's requests).
retrying(() => import('./offline.js')).then(({ registerOffline }) => registerOffline(), (e) => console.error(e));
