// The smallest hook between areas (#18): the survey, toc and proposals areas publish their
// current data here when it changes; the evidence view (and the proposals' evidence block)
// read it and recompute. Data only: no area reaches into another's internals.
import { call } from '../../engine.js';

/** The engine's built-in models by id, which a proposal's `tocModelId` may name. */
const BUILT_IN = { alianza: 'exampleAlianzaModel', pass: 'examplePassModel' };

/** @type {{survey: {id: string, report: any} | null, toc: {model: any} | null, proposals: {rubric: any, round: any} | null}} */
const state = { survey: null, toc: null, proposals: null };
const listeners = new Set();

/** An area's current data changed. */
export function publish(/** @type {'survey'|'toc'|'proposals'} */ area, data) {
  state[area] = data;
  for (const fn of listeners) fn(area);
}

/** Calls `fn(area)` whenever an area publishes. */
export function onPublish(fn) { listeners.add(fn); }

/**
 * The last data an area published (or null).
 * @param {'survey'|'toc'|'proposals'} area
 * @returns {any}
 */
export const published = (area) => state[area];

/**
 * The models of the project: the one open in Theory of change, and every built-in model a
 * proposal of the round links to by id that is not the open one (the example round's
 * restorative-justice proposal links to the built-in Alianza model, so the whole chain shows
 * on first load while Theory of change opens PASS). `builtIn` lists the ids taken from the
 * built-ins, so the page can say so.
 */
export function projectModels() {
  const open = state.toc?.model ?? null;
  const models = open ? [open] : [];
  const builtIn = [];
  for (const p of state.proposals?.round?.proposals ?? []) {
    const id = p.tocModelId;
    if (!id || !(id in BUILT_IN) || models.some((m) => m.id === id)) continue;
    const r = call(BUILT_IN[id]);
    if (r.ok) { models.push(r.value); builtIn.push(id); }
  }
  return { models, builtIn };
}

/** The project the engine's `evidenceMap` takes, from what the areas published. */
export function project() {
  const survey = state.survey;
  return {
    models: projectModels().models,
    surveys: survey?.report ? [{ id: survey.id, report: survey.report }] : [],
    rubric: state.proposals?.rubric ?? null,
  };
}

/**
 * A recompute that runs only while `node`'s area is shown, at most once per burst of changes
 * (typing a title in Theory of change publishes on every keystroke): returns `schedule()`.
 * A change made while the area is hidden is run when the area is shown again.
 * @param {HTMLElement} node
 * @param {() => void} fn
 */
export function lazily(node, fn, delay = 150) {
  let dirty = false;
  let timer = null;
  const shown = () => node.isConnected && !node.closest('[hidden]');
  const run = () => { timer = null; if (shown()) { dirty = false; fn(); } else dirty = true; };
  const area = node.closest('.area');
  if (area) {
    new MutationObserver(() => { if (dirty && shown()) run(); }).observe(area, { attributes: true, attributeFilter: ['hidden'] });
  }
  return () => {
    dirty = true;
    if (timer === null) timer = setTimeout(run, delay);
  };
}
