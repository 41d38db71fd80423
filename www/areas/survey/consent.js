// Consent by construction: everything the project stores of a survey (autosave, project file,
// the keystroke journal, the undo copy) goes through `surveyForStore`. Unless the user ticked
// "save answers in the project", it keeps only the instrument — questions, scales, pairs, the
// codebook — and never a value read from respondents' answers:
//
// - the CSV text is dropped;
// - a point or choice label (a category level, a multi-select choice, a scale point) is kept
//   only when the report on screen counted it for at least `minCell` respondents (the
//   report's minimum cell size, the same threshold as small-cell suppression); every other
//   label is withheld, so names, ids, free text mapped as a category and rare answers
//   ("What is your immigration status?") are never stored;
// - aliases (spellings copied from the answers) are withheld;
// - the wave values are kept only when every wave has at least `minCell` respondents.
//
// What was withheld is recorded by item id (never by value) so that, when the same file is
// loaded again, `refill` takes the withheld labels back from the file itself. The counts kept
// with the state are aggregates that passed the threshold; they let a state restored without
// its file be stored again without losing what was already known to be safe.
//
// Synthetic built-in examples hold no respondent's answer; their mapping is kept as is.

const clone = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

/**
 * A label's name in the counts: its point value (or choice id) with its English label, so that
 * a count is never applied to another label put under the same value by an unapplied edit.
 */
const labelKey = (key, label) => `${key}=${label?.en ?? ''}`;

/**
 * Respondent counts per label from a report: { items: { id: { labelKey: n } }, waves: { value: n } }.
 * Per-wave item results are summed; a wave's size is its largest item count (used + excluded).
 */
export function countsFromReport(report) {
  const items = {}, waves = {};
  for (const it of report?.items ?? []) {
    const byKey = (items[it.item] ??= {});
    for (const d of it.distribution ?? []) {
      const k = labelKey(d.key, d.label);
      byKey[k] = (byKey[k] ?? 0) + (d.count ?? 0);
    }
    if (it.wave !== null && it.wave !== undefined) {
      waves[it.wave] = Math.max(waves[it.wave] ?? 0, (it.nUsed ?? 0) + (it.nExcluded ?? 0));
    }
  }
  return { items, waves };
}

const countOf = (counts, id, key) => {
  const byKey = counts?.items?.[id];
  const n = byKey && Object.hasOwn(byKey, key) ? byKey[key] : 0;
  return Number.isFinite(n) ? n : 0;
};
const waveCount = (counts, value) => {
  const n = counts?.waves && Object.hasOwn(counts.waves, value) ? counts.waves[value] : 0;
  return Number.isFinite(n) ? n : 0;
};

/**
 * A mapping (or an unapplied draft) without any label seen by fewer than `minCell` respondents.
 * Returns { mapping, withheld: { items: [ids], waves: { column, sizesAssumed } | null }, kept }
 * where `kept` holds the counts of what was kept (to be stored beside it).
 */
export function scrubMapping(mapping, counts, minCell) {
  if (!mapping || typeof mapping !== 'object' || !mapping.instrument) return { mapping: null, withheld: { items: [], waves: null }, kept: { items: {}, waves: {} } };
  const { columns, ...rest } = mapping;
  void columns;
  const m = clone(rest);
  const ins = m.instrument;
  const withheld = { items: [], waves: null };
  const kept = { items: {}, waves: {} };
  const keep = (id, key, label) => {
    key = labelKey(key, label);
    const n = countOf(counts, id, key);
    if (n < minCell) return false;
    (kept.items[id] ??= {})[key] = n;
    return true;
  };
  for (const it of Array.isArray(ins.items) ? ins.items : []) {
    const before = (it.points?.length ?? 0) + (it.choices?.length ?? 0);
    const aliases = [...(it.points ?? []), ...(it.choices ?? [])].some((p) => p.aliases?.length);
    if (Array.isArray(it.points)) it.points = it.points.filter((p) => keep(it.id, String(p.value), p.label)).map((p) => ({ ...p, aliases: [] }));
    if (Array.isArray(it.choices)) it.choices = it.choices.filter((c) => keep(it.id, String(c.id), c.label)).map((c) => ({ ...c, aliases: [] }));
    if (aliases || (it.points?.length ?? 0) + (it.choices?.length ?? 0) < before) withheld.items.push(it.id);
  }
  if (ins.waves && typeof ins.waves === 'object') {
    const order = Array.isArray(ins.waves.order) ? ins.waves.order : [];
    if (!order.every((w) => waveCount(counts, w) >= minCell)) {
      withheld.waves = { column: ins.waves.column, sizesAssumed: !!ins.waves.sizesAssumed };
      ins.waves = null;
    } else for (const w of order) kept.waves[w] = waveCount(counts, w);
  }
  for (const p of Array.isArray(ins.pairs) ? ins.pairs : []) {
    for (const k of ['fromWave', 'toWave']) if (p[k] !== null && p[k] !== undefined && !Object.hasOwn(kept.waves, p[k])) p[k] = null;
  }
  return { mapping: m, withheld, kept };
}

const merge = (a, b) => ({
  items: Object.fromEntries([...new Set([...Object.keys(a.items), ...Object.keys(b.items)])].map((id) => [id, { ...a.items[id], ...b.items[id] }])),
  waves: { ...a.waves, ...b.waves },
});

/**
 * The survey state as the project may store it. `state` is everything the area holds (its CSV
 * text included); `consent` is the "save answers" box; `minCell` the report's minimum cell
 * size; `report` the report on screen (its counts decide which labels may be kept) or null;
 * `synthetic` true for a built-in example.
 */
export function surveyForStore(state, { consent, minCell, report, synthetic }) {
  if (consent) return { ...state, includeAnswers: true };
  const out = { ...state, includeAnswers: false };
  delete out.csv;
  const threshold = Number.isInteger(minCell) && minCell >= 1 ? minCell : 10;
  const scrub = (holder, counts) => {
    const withheld = { items: [], waves: null };
    let kept = { items: {}, waves: {} };
    for (const k of ['mapping', 'draft']) {
      if (!holder[k]) continue;
      const r = scrubMapping(holder[k], counts, threshold);
      holder[k] = r.mapping;
      withheld.items = [...new Set([...withheld.items, ...r.withheld.items])];
      withheld.waves ??= r.withheld.waves;
      kept = merge(kept, r.kept);
    }
    holder.withheld = withheld;
    holder.counts = kept;
  };
  if (!synthetic && (out.mapping || out.draft)) scrub(out, report ? countsFromReport(report) : out.counts);
  else { delete out.withheld; delete out.counts; }
  if (out.pendingFile) {
    out.pendingFile = { ...out.pendingFile };
    scrub(out.pendingFile, out.pendingFile.counts);
  }
  return out;
}

/**
 * Takes labels withheld from a stored mapping back from the file's detected mapping (same
 * item id or column, same type), so that a mapping saved without the answers applies to the
 * same file again as it was.
 */
export function refill(mapping, detected, withheld) {
  if (!mapping?.instrument || !detected?.instrument || !withheld) return mapping;
  const m = clone(mapping);
  const ins = m.instrument;
  const ids = new Set(Array.isArray(withheld.items) ? withheld.items : []);
  for (const it of ins.items ?? []) {
    if (!ids.has(it.id)) continue;
    const d = detected.instrument.items.find((x) => x.type === it.type && (x.id === it.id || (it.column && x.column === it.column)));
    if (!d) continue;
    if (it.type === 'multi_select') {
      const have = new Set(it.choices.map((c) => c.id));
      it.choices = [...it.choices, ...clone(d.choices).filter((c) => !have.has(c.id))];
    } else {
      const have = new Set(it.points.map((p) => p.value));
      it.points = [...it.points, ...clone(d.points).filter((p) => !have.has(p.value))].sort((a, b) => a.value - b.value);
    }
  }
  const w = withheld.waves;
  if (w && !ins.waves && detected.instrument.waves?.column === w.column) {
    ins.waves = { ...clone(detected.instrument.waves), sizesAssumed: !!w.sizesAssumed };
  }
  return m;
}
