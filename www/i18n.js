// English and Spanish text. Each area registers its own strings with `register`; static
// markup names its string with data-i18n="key". Errors are translated by their stable `code`
// (falling back to the engine's English message). Text is always set with textContent.
import { failedDownload, retrying } from './retry.js';

const dictionaries = { en: {}, es: {} };
const listeners = new Set();
let current = 'en';

/** Adds strings: { en: { key: text }, es: { key: text } }. */
export function register(strings) {
  for (const lang of Object.keys(dictionaries)) Object.assign(dictionaries[lang], strings[lang] ?? {});
  // Static markup whose string comes with a module loaded later (the split load: the report's
  // and Evidence's strings arrive with the whole engine) is filled in as its strings arrive.
  if (typeof document === 'undefined') return;
  const keys = new Set(Object.values(strings).flatMap((d) => Object.keys(d ?? {})));
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) {
    if (keys.has(el.dataset.i18n)) el.textContent = t(el.dataset.i18n);
  }
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n-aria-label]'))) {
    if (keys.has(el.dataset.i18nAriaLabel)) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

/**
 * String tables that load per language (issue 21, a small first load: a page in one language
 * does not download the other's), by language: each `{ load, done }`, `done` the promise of
 * its registration once started.
 * @type {Record<string, { load: () => Promise<{ default: Record<string, string> }>, done: Promise<void> | null, loaded: boolean }[]>}
 */
const perLanguage = { en: [], es: [] };

/** Starts (once) loading and registering one language's table; after a failure, the next call tries again. */
function fetchTable(language, entry) {
  entry.done ??= entry.load().then((m) => { register({ [language]: m.default }); entry.loaded = true; },
    (e) => { entry.done = null; throw e; });
  return entry.done;
}

/**
 * Registers an area's strings as one module per language: `{ en: () => import('./x.en.js'),
 * es: () => import('./x.es.js') }`, each module's default export `{ key: text }` with every key
 * of the other (tests/node/notes.test.mjs checks). The current language's table loads now,
 * another's when the page switches to it (`setLang` waits for it); `ready()` resolves once the
 * current language's tables registered so far are in (www/main.js waits before mounting).
 */
export function registerLanguages(loaders) {
  for (const language of Object.keys(perLanguage)) {
    if (!loaders[language]) continue;
    const entry = { load: loaders[language], done: null, loaded: false };
    perLanguage[language].push(entry);
    if (language === current) fetchTable(language, entry).catch(() => {}); // awaited by ready()
  }
}

/** Loads every table of `language` registered so far. */
const tablesOf = (language) => Promise.all(perLanguage[language].map((entry) => fetchTable(language, entry))).then(() => undefined);

/** @type {Record<string, Promise<void> | null>} one background retry per language */
const completing = { en: null, es: null };

/**
 * After a table of `language` failed to download: tries again (retry.js) and, once they are all
 * in, shows the page again in that language if it is still the one shown. One loop per language.
 */
function completeLater(language) {
  completing[language] ??= retrying(() => tablesOf(language)).then(() => {
    if (current !== language) return;
    applyStatic(document);
    for (const fn of listeners) fn(language);
  }, (e) => console.error('waterline: strings could not be loaded', e)).finally(() => { completing[language] = null; });
}

/**
 * Resolves once every table of the current language registered so far is loaded (a table that
 * failed to download is asked for again: www/main.js waits with retry.js before mounting).
 */
export const ready = () => tablesOf(current);

/** Loads every language's tables (tests that check both languages' strings). */
export function loadAll() {
  return Promise.all(Object.entries(perLanguage).flatMap(([language, entries]) => entries.map((e) => fetchTable(language, e))))
    .then(() => undefined);
}

/** The current language, "en" or "es". */
export const lang = () => current;

/** The language last asked for (a switch waits for its tables; the last request wins). */
let wanted = current;

/**
 * Switches language, updates static markup and tells every listener, once that language's
 * tables are loaded (at once when they are). Resolves when switched.
 */
export function setLang(next) {
  if (!(next in dictionaries)) return Promise.resolve();
  wanted = next;
  const switchNow = () => {
    if (wanted !== next) return; // a later switch asked for another language
    current = next;
    document.documentElement.lang = next;
    applyStatic(document);
    for (const fn of listeners) fn(next);
  };
  if (perLanguage[next].every((entry) => entry.loaded)) {
    switchNow();
    return Promise.resolve();
  }
  // A table that cannot load (a chunk missing offline) still lets the page switch: its keys
  // then show in English, and the error is in the console. A failed download is tried again
  // (retry.js), and the page is shown again in that language once it is in.
  return tablesOf(next).then(switchNow, (e) => {
    if (!failedDownload(e)) { console.error('waterline: strings could not be loaded', e); switchNow(); return; }
    console.warn('waterline: strings could not be downloaded; trying again', e);
    switchNow();
    completeLater(next);
  });
}

/** Calls `fn(lang)` whenever the language changes. */
export function onLangChange(fn) {
  listeners.add(fn);
}

/** Looks up `key` and fills {name} placeholders from `params`. */
export function t(key, params = {}) {
  const text = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** True when `language` ("en" or "es") itself has a string for `key` (no fallback). */
export const hasIn = (language, key) => key in (dictionaries[language] ?? {});

/** True when a string exists for `key` (in the current language or English). */
export const has = (key) => key in dictionaries[current] || key in dictionaries.en;

/** Sets the text of every [data-i18n] element under `root`. */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

/** The field an error names (its argument, JSON path, column, id…), as the user reads it; or null. */
export function errorField(error) {
  const d = error?.details ?? {};
  const v = ['argument', 'path', 'field', 'column', 'id', 'name'].map((k) => d[k]).find((x) => typeof x === 'string' && x !== '');
  if (v === undefined) return null;
  return has(`field.${v}`) ? t(`field.${v}`) : v;
}

/**
 * The limit a `too_large` error names and the size that went past it (`requested`, or the
 * file's `rows`, `bytes` or `columns`), or null when it names no limit.
 */
function sizeOf(error) {
  const d = error?.details ?? {};
  if (error?.code !== 'too_large' || !Number.isFinite(d.limit)) return null;
  const requested = ['requested', 'rows', 'bytes', 'columns', 'items'].map((k) => d[k]).find(Number.isFinite);
  return { limit: d.limit, requested: requested ?? null };
}

/**
 * A person-readable message for an engine error { code, details, message }. A parameter the
 * error does not carry never shows as a raw "{placeholder}": it reads as the field the error
 * names, or is left out. With `fieldShown` (the caller names the field itself), the field is
 * not repeated in the message.
 */
export function errorText(error, { fieldShown = false } = {}) {
  const key = `error.${error.code}`;
  if (!has(key)) return error.message || t('error.internal', {});
  const details = {};
  for (const [k, v] of Object.entries(error.details ?? {})) {
    // Parameter names ("x", "n", "level") read as the label the user sees.
    const named = (k === 'name' || k === 'argument') && has(`field.${v}`) ? t(`field.${v}`) : v;
    details[k] = Array.isArray(named) ? named.join(', ') : named;
  }
  const size = sizeOf(error);
  if (size !== null) details.limits = t(size.requested === null ? 'error.limitOnly' : 'error.limitAndSize', { limit: number(size.limit, 0), requested: number(size.requested, 0) });
  const field = errorField(error);
  if (fieldShown) delete details.argument;
  else if (field !== null) details.argument ??= field;
  const template = (dictionaries[current][key] ?? dictionaries.en[key])
    .replace(/\s*\(\{(\w+)\}\)/g, (m, name) => (name in details ? m : ''))
    .replace(/\{(\w+)\}/g, (m, name) => (name in details ? m : '…'));
  return template.replace(/\{(\w+)\}/g, (m, name) => String(details[name]));
}

/** @type {Map<string, any>} formatters made so far, by kind, locale and options */
const formatters = new Map();

/**
 * One formatter per kind, locale and options, made once: constructing an `Intl` formatter costs
 * tens of microseconds, and a report formats thousands of numbers (issue 21 item 5: `percent`
 * making one per call was the page's largest JavaScript cost on the way to the Survey's first
 * result). `options` must list its keys in the same order at each call site.
 * @template {'NumberFormat' | 'DateTimeFormat' | 'PluralRules'} K
 * @param {K} kind @param {string} locale @param {object} [options]
 * @returns {InstanceType<(typeof Intl)[K]>}
 */
export function intl(kind, locale, options = {}) {
  const key = `${kind} ${locale} ${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) formatters.set(key, made = new (/** @type {any} */ (Intl[kind]))(locale, options));
  return made;
}

/** The formatters of `percent` and `number`, by language and digits (no key to build: they are the hot ones). */
const shares = new Map();
const numbers = new Map();

/** Formats a share in [0, 1] as a percentage for the current language. */
export function percent(value, digits = 0) {
  const key = `${current}${digits}`;
  let f = shares.get(key);
  if (!f) shares.set(key, f = new Intl.NumberFormat(current, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }));
  return f.format(value);
}

/**
 * Makes the current language's usual formatters now. The first `Intl` formatter a page makes
 * starts ICU (about 15 ms, 60 ms on a phone's CPU); main.js calls this while the engine
 * downloads, so that the first result does not wait for it (issue 21 item 5).
 */
export function warmFormatters() {
  percent(0);
  percent(0, 1);
  number(0);
}

/** Formats a number for the current language. */
export function number(value, digits = 2) {
  const key = `${current}${digits}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, f = new Intl.NumberFormat(current, { maximumFractionDigits: digits }));
  return f.format(value);
}

register({
  en: {
    'app.skip': 'Skip to content',
    'app.tagline': 'Evaluation for program funders — everything stays on this computer.',
    'app.loading': 'Loading the engine…',
    'app.ready': 'Engine ready',
    'app.updateReady': 'A new version of waterline is ready. Your work is kept when you switch.',
    'app.updateTake': 'Use the new version',
    'app.failed': 'The engine could not start: {message}',
    'app.retryFirst': 'This area could not be downloaded: is the connection down? waterline tries again by itself.',
    'app.retryRest': 'This area works; the rest of waterline could not be downloaded: is the connection down? waterline tries again by itself.',
    'app.version': 'Engine version',
    'app.language': 'Language',
    'app.areas': 'Areas',
    'app.noscript': 'waterline needs JavaScript and WebAssembly.',
    'app.privacy': 'waterline makes no network request: survey answers, reviewer notes and budgets never leave this computer.',
    'project.label': 'Project',
    'project.save': 'Save project file',
    'project.open': 'Open project file…',
    'project.undo': 'Undo open',
    'project.saved': 'All changes saved on this computer ({time}).',
    'project.restored': 'Your work from {time} was restored.',
    'project.replaced': 'Project opened. You can undo this.',
    'project.undone': 'The previous work is back.',
    'project.confirm': 'Opening this file replaces the work in every area. Continue? (You can undo.)',
    'project.notJson': 'This file is not a waterline project (it is not JSON).',
    'error.not_json': 'This file is not a waterline project (it is not JSON).',
    'error.not_a_project': 'This file is not a waterline project file (a model or a round is opened in its own area).',
    'project.saveFailed': 'Autosave failed: {message}. Save a project file to keep your work.',
    'error.unsupported_version': 'This project file has version {version}; this waterline reads versions up to {supported}.',
    'error.cancelled': 'Cancelled.',
    'project.problem': '{area} — {field}: {message}',
    'project.problemArea': '{area}: {message}',
    'project.dismiss': 'Dismiss',
    'project.dismissOne': 'Dismiss this message',
    'project.problems': 'Problems with the saved work',
    'error.unknown_area': 'This project has a part this waterline does not know (“{area}”); it was left out.',
    'area.proposals': 'Proposals',
    'area.toc': 'Theory of change',
    'area.survey': 'Survey',
    // The tab and the button are in the markup from the start; their areas load last.
    'area.evidence': 'Evidence',
    'report.open': 'Evaluation report',
    'field.model': 'the model',
    'field.rubric': 'the rubric',
    'field.round': 'the review round',
    'field.options': 'the options',
    'field.mapping': 'the column mapping',
    'field.codebook': 'the codebook',
    'field.schemaVersion': 'the file’s version (schemaVersion)',
    'field.project': 'the project file',
    'error.bad_input': 'The input could not be read ({argument}).',
    'error.not_finite': '{name} must be a number.',
    'error.invalid_count': '{name} must be a whole number of 0 or more (got {value}).',
    'error.count_exceeds_total': 'The count ({x}) cannot be larger than the number who answered ({n}).',
    'error.empty_sample': 'There must be at least one respondent.',
    'error.level_out_of_range': 'The confidence level must be between 0 and 1, e.g. 0.95 (got {level}).',
    'error.internal': 'Something went wrong inside waterline. Your work is kept; please report this.',
    'error.engine_unavailable': 'This needs the rest of the engine, which is not downloaded yet. Check the connection and try again; your work is kept.',
    'error.too_large': 'This is larger than waterline accepts ({limits}).',
    'error.limitAndSize': '{requested} where the limit is {limit}',
    'error.limitOnly': 'the limit is {limit}',
  },
  es: {
    'app.skip': 'Ir al contenido',
    'app.tagline': 'Evaluación para financiadores de programas: todo se queda en esta computadora.',
    'app.loading': 'Cargando el motor…',
    'app.ready': 'Motor listo',
    'app.updateReady': 'Hay una nueva versión de waterline. Su trabajo se conserva al cambiar.',
    'app.updateTake': 'Usar la nueva versión',
    'app.failed': 'El motor no pudo iniciar: {message}',
    'app.retryFirst': 'No se pudo descargar esta área: ¿se cortó la conexión? waterline lo vuelve a intentar por sí solo.',
    'app.retryRest': 'Esta área funciona; no se pudo descargar el resto de waterline: ¿se cortó la conexión? waterline lo vuelve a intentar por sí solo.',
    'app.version': 'Versión del motor',
    'app.language': 'Idioma',
    'app.areas': 'Áreas',
    'app.noscript': 'waterline necesita JavaScript y WebAssembly.',
    'app.privacy': 'waterline no hace ninguna solicitud de red: las respuestas de las encuestas, las notas de evaluación y los presupuestos nunca salen de esta computadora.',
    'project.label': 'Proyecto',
    'project.save': 'Guardar archivo de proyecto',
    'project.open': 'Abrir archivo de proyecto…',
    'project.undo': 'Deshacer apertura',
    'project.saved': 'Todos los cambios están guardados en esta computadora ({time}).',
    'project.restored': 'Se recuperó su trabajo de {time}.',
    'project.replaced': 'Proyecto abierto. Puede deshacerlo.',
    'project.undone': 'El trabajo anterior está de vuelta.',
    'project.confirm': 'Abrir este archivo reemplaza el trabajo de todas las áreas. ¿Continuar? (Puede deshacerlo.)',
    'project.notJson': 'Este archivo no es un proyecto de waterline (no es JSON).',
    'error.not_json': 'Este archivo no es un proyecto de waterline (no es JSON).',
    'error.not_a_project': 'Este archivo no es un archivo de proyecto de waterline (un modelo o una ronda se abren en su propia área).',
    'project.saveFailed': 'El guardado automático falló: {message}. Guarde un archivo de proyecto para conservar su trabajo.',
    'error.unsupported_version': 'Este archivo de proyecto tiene la versión {version}; este waterline lee versiones hasta la {supported}.',
    'error.cancelled': 'Cancelado.',
    'project.problem': '{area} — {field}: {message}',
    'project.problemArea': '{area}: {message}',
    'project.dismiss': 'Descartar',
    'project.dismissOne': 'Descartar este mensaje',
    'project.problems': 'Problemas con el trabajo guardado',
    'error.unknown_area': 'Este proyecto tiene una parte que este waterline no conoce (“{area}”); se dejó fuera.',
    'area.proposals': 'Propuestas',
    'area.toc': 'Teoría del cambio',
    'area.survey': 'Encuesta',
    'area.evidence': 'Evidencia',
    'report.open': 'Informe de evaluación',
    'field.model': 'el modelo',
    'field.rubric': 'la rúbrica',
    'field.round': 'la ronda de revisión',
    'field.options': 'las opciones',
    'field.mapping': 'la lectura de las columnas',
    'field.codebook': 'el libro de códigos',
    'field.schemaVersion': 'la versión del archivo (schemaVersion)',
    'field.project': 'el archivo de proyecto',
    'error.bad_input': 'No se pudo leer el dato ({argument}).',
    'error.not_finite': '{name} debe ser un número.',
    'error.invalid_count': '{name} debe ser un número entero de 0 o más (se recibió {value}).',
    'error.count_exceeds_total': 'El conteo ({x}) no puede ser mayor que el número de personas que respondieron ({n}).',
    'error.empty_sample': 'Debe haber al menos una persona que responda.',
    'error.level_out_of_range': 'El nivel de confianza debe estar entre 0 y 1, p. ej. 0,95 (se recibió {level}).',
    'error.internal': 'Algo falló dentro de waterline. Su trabajo se conserva; por favor, repórtelo.',
    'error.engine_unavailable': 'Esto necesita el resto del motor, que aún no se ha descargado. Revise la conexión y vuelva a intentarlo; su trabajo se conserva.',
    'error.too_large': 'Esto es más grande de lo que waterline acepta ({limits}).',
    'error.limitAndSize': '{requested} cuando el límite es {limit}',
    'error.limitOnly': 'el límite es {limit}',
  },
});
