// Boot: load the engine, wire the language switch and the area tabs, mount the three areas.
import { ready, version } from './engine.js';
import { applyStatic, errorText, lang, setLang, t } from './i18n.js';
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
  for (const [name, area] of Object.entries(areas)) {
    area.mount(document.getElementById(`area-${name}`));
  }
} catch (e) {
  setStatus('failed', t('app.failed', { message: errorText({ code: 'internal', message: String(e?.message ?? e) }) }));
}
