// Offline use and updates: registers the service worker (www/sw.js) and tells the user when a
// new build is ready. The new build only takes over when the user says so (or every tab is
// closed), so an open page never runs a new engine under an old page or the reverse; taking
// it reloads every open tab of the page (work is kept: autosave and the keystroke journal).
import { t, onLangChange } from './i18n.js';

/** Registers the worker; resolves when done (never rejects: offline use is a bonus, not a need). */
export async function registerOffline() {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return;
  // A page that was controlled before reloads when a new build takes over; a first visit does not.
  let wasControlled = Boolean(sw.controller);
  sw.addEventListener('controllerchange', () => {
    if (wasControlled) location.reload();
    wasControlled = true;
  });
  let registration;
  try {
    registration = await sw.register('./sw.js');
  } catch {
    registration = null;
  }
  // (Tests that block service workers get no registration.)
  if (!registration) {
    document.documentElement.dataset.offline = 'unavailable';
    return;
  }
  const offer = (worker) => {
    if (!worker || !sw.controller) return; // first install: nothing to replace
    showUpdate(() => worker.postMessage({ type: 'activate' }));
  };
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => { if (worker.state === 'installed') offer(worker); });
  });
  sw.ready.then(() => { document.documentElement.dataset.offline = 'ready'; });
}

/** The "new version" notice: one line and a button, re-rendered when the language changes. */
function showUpdate(take) {
  const box = document.getElementById('app-update');
  if (!box) return;
  const text = box.querySelector('span');
  const button = box.querySelector('button');
  const render = () => { text.textContent = t('app.updateReady'); button.textContent = t('app.updateTake'); };
  render();
  onLangChange(render);
  button.onclick = () => { button.disabled = true; take(); };
  box.hidden = false;
}
