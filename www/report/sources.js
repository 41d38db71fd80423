// What the areas last showed, for the evaluation report: an area publishes the result it has
// just rendered (the survey its engine report) so the report never recomputes or re-reads it.
// Plain data only; the report reads it when it is opened.

/** @type {Map<string, any>} */
const latest = new Map();

/** Records `data` as the latest result of `area` (null: nothing to report). */
export function publish(area, data) {
  latest.set(area, data ?? null);
}

/** The latest result `area` published, or null. */
export const latestOf = (area) => latest.get(area) ?? null;
