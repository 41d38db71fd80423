// Boot: load the engine, wire the language switch and the area tabs, mount the three areas.
import { ready, version } from './engine.js';
import { applyStatic, errorText, lang, onLangChange, setLang, t } from './i18n.js';
import * as store from './store.js';
import * as proposals from './areas/proposals.js';
import * as toc from './areas/toc.js';
import * as survey from './areas/survey.js';

const areas = { proposals, toc, survey };
const status = document.getElementById('engine-status');

function setStatus(state, text) {
  status.dataset.state = state;
  if (state === 'failed') delete status.dataset.i18n;
  else status.dataset.i18n = state === 'ready' ? 'app.ready' : 'app.loading';
  status.textContent = text;
}

// ---- language switch
const langButtons = [...document.querySelectorAll('[data-lang]')];
for (const button of langButtons) {
  button.addEventListener('click', () => {
    setLang(button.dataset.lang);
    for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
    try { localStorage.setItem('waterline.lang', lang()); } catch { /* storage may be off */ }
  });
}

// ---- tabs (WAI-ARIA tabs pattern: arrows move, Home/End jump)
const tabs = [...document.querySelectorAll('[role="tab"]')];
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
function wireProject() {
  const undo = document.getElementById('project-undo');
  // The status line is re-rendered from its last message when the language changes.
  let last = null;
  const show = (render) => { last = render; projectStatus.textContent = render(); };
  onLangChange(() => { if (last) projectStatus.textContent = last(); });
  store.onStoreEvent(({ kind, detail }) => {
    const at = time(kind === 'restored' ? detail.savedAt : undefined);
    if (kind === 'saved') show(() => t('project.saved', { time: at }));
    if (kind === 'restored') show(() => t('project.restored', { time: at }));
    if (kind === 'replaced') show(() => (detail.errors.length
      ? detail.errors.map((e) => `${t(`area.${e.area}`)}: ${errorText(e)}`).join(' · ') : t('project.replaced')));
    if (kind === 'undone') show(() => t('project.undone'));
    if (kind === 'error') show(() => (detail.code ? errorText(detail) : t('project.saveFailed', detail)));
    undo.hidden = !store.canUndo();
  });
  document.getElementById('project-save').addEventListener('click', () => store.download());
  undo.addEventListener('click', () => store.undo());
  const input = document.getElementById('project-open');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let project;
    try { project = JSON.parse(await file.text()); } catch { show(() => t('project.notJson')); return; }
    const r = await store.replaceWith(project, async () => window.confirm(t('project.confirm')));
    if (!r.ok && r.error.code !== 'cancelled') show(() => errorText(r.error));
  });
}

// ---- boot
const saved = (() => { try { return localStorage.getItem('waterline.lang'); } catch { return null; } })();
const preferred = saved ?? (navigator.language?.startsWith('es') ? 'es' : 'en');
if (preferred !== 'en') document.querySelector(`[data-lang="${preferred}"]`)?.click();
applyStatic(document);
const initial = tabs.find((tab) => `#${tab.dataset.area}` === location.hash) ?? tabs.find((tab) => tab.dataset.area === 'survey');
select(initial, false);

try {
  await ready;
  const v = version();
  document.getElementById('engine-version').textContent = v.ok ? v.value : '?';
  setStatus('ready', t('app.ready'));
  store.setEngineVersion(v.ok ? v.value : '');
  for (const [name, area] of Object.entries(areas)) {
    // One area failing to start must not take the others (or the user's saved work) down.
    const root = document.getElementById(`area-${name}`);
    try {
      const api = area.mount(root, { changed: store.changed });
      if (api?.getState) store.registerArea(name, api);
    } catch (e) {
      console.error(e);
      root.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'error', role: 'alert',
        textContent: errorText({ code: 'internal', message: String(e?.message ?? e) }),
      }));
    }
  }
  wireProject();
  await store.restore();
} catch (e) {
  console.error(e);
  setStatus('failed', t('app.failed', { message: errorText({ code: 'internal', message: String(e?.message ?? e) }) }));
}
