// Domain workloads and the domain targets of the issues, timed from JavaScript (data crossing
// into WebAssembly included). Each returns { id, name, ms, target, detail }.
import { rng } from './data.mjs';
import { seriesBenchmark } from './series.mjs';

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Synthetic survey export like benches/survey.rs: id, community, 34 agreement items (a quarter
 * of rows in Spanish), 2 then-test yes/no pairs, a multi-select and a number = 40 items. */
export function surveyCsv(rows, seed = 7) {
  const u = rng(seed);
  const agree = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
  const acuerdo = ['Totalmente en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Totalmente de acuerdo'];
  const places = ['Salton City', 'Thermal', 'Desert Shores', 'Coachella', 'Mecca'];
  const head = ['Respondent ID', 'Community'];
  for (let k = 0; k < 34; k++) head.push(`How much do you agree? [Statement ${k}]`);
  for (let k = 0; k < 2; k++) head.push(`Activity ${k} (before)`, `Activity ${k} (now)`);
  head.push('What changed? (select all)', 'Hours volunteered');
  const lines = [head.join(',')];
  for (let r = 0; r < rows; r++) {
    const base = Math.floor(u() * 5);
    const labels = r % 4 === 0 ? acuerdo : agree;
    const row = [`R${r}`, places[Math.floor(u() * 5)]];
    for (let k = 0; k < 34; k++) row.push(labels[Math.min(4, Math.max(0, base + Math.floor(u() * 3) - 1))]);
    for (let k = 0; k < 2; k++) {
      const before = u() < 1 / 3, after = before || u() < 0.5;
      row.push(before ? 'Yes' : 'No', after ? 'Yes' : 'No');
    }
    const m = Math.floor(u() * 8);
    const picks = ['Confidence', 'Advocacy', 'Leadership'].filter((_, i) => (m >> i) & 1);
    row.push(picks.length ? picks.join(';') : 'Confidence', String(Math.floor(u() * 40)));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/** A review round: `nProposals` proposals, `nReviewers` reviewers, each proposal read by
 * `perProposal` reviewers, scores 0–4 on every condition of the rubric; as score objects, or as
 * `scoreColumns` (typed arrays) when `columns` is true. */
export function reviewRound(rubric, nProposals, nReviewers, perProposal, seed = 11, columns = false) {
  const u = rng(seed);
  const conditions = rubric.conditions.map((c) => c.id);
  const proposals = [], reviewers = [], scores = [];
  const n = nProposals * perProposal * conditions.length;
  const cols = columns ? {
    reviewerIds: [], proposalIds: [], conditionIds: conditions,
    reviewer: new Uint32Array(n), proposal: new Uint32Array(n), condition: new Uint32Array(n), value: new Float64Array(n),
  } : null;
  let at = 0;
  for (let r = 0; r < nReviewers; r++) {
    reviewers.push({ id: `r${r}`, name: `Reviewer ${r}` });
    cols?.reviewerIds.push(`r${r}`);
  }
  const harsh = Array.from({ length: nReviewers }, () => Math.floor(u() * 3) - 1);
  for (let p = 0; p < nProposals; p++) {
    proposals.push({ id: `p${p}`, title: `Proposal ${p}`, applicant: `Applicant ${p}`, community: ['Mecca', 'Thermal', 'Oasis', 'North Shore'][p % 4], amountRequested: 20_000 + Math.floor(u() * 230) * 1000 });
    cols?.proposalIds.push(`p${p}`);
    const quality = u() * 4;
    const first = Math.floor(u() * nReviewers);
    for (let k = 0; k < perProposal; k++) {
      const r = (first + k) % nReviewers;
      for (let c = 0; c < conditions.length; c++) {
        const v = Math.round(Math.min(4, Math.max(0, quality + harsh[r] * 0.5 + (u() - 0.5) * 1.5)));
        if (cols) {
          cols.reviewer[at] = r; cols.proposal[at] = p; cols.condition[at] = c; cols.value[at] = v; at++;
        } else scores.push({ reviewerId: `r${r}`, proposalId: `p${p}`, conditionId: conditions[c], value: v });
      }
    }
  }
  return { title: 'benchmark round', synthetic: true, proposals, reviewers, conflicts: [], scores, ...(cols ? { scoreColumns: cols } : {}) };
}

function timeIt(fn, runs) {
  fn();
  const ts = [];
  let value;
  for (let i = 0; i < runs; i++) { const t0 = now(); value = fn(); ts.push(now() - t0); }
  return { ms: median(ts), value };
}

/** Domain benchmarks; `memory` (optional) is the wasm memory, for the high-water mark. */
export async function domainBenchmarks(wl, { runs = 5, memory = null } = {}) {
  const out = [];
  const has = (name) => typeof wl[name] === 'function';

  if (has('Survey')) {
    const csv = surveyCsv(100_000);
    // The page hands the engine the file's bytes (it decodes them itself), so W5 does too.
    const bytes = new TextEncoder().encode(csv);
    const fromBytes = typeof wl.Survey.fromBytes === 'function';
    const parse = [], report = [];
    let items = 0;
    for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
      const t0 = now();
      const survey = fromBytes ? wl.Survey.fromBytes(bytes) : new wl.Survey(csv);
      const t1 = now();
      const r = survey.report();
      const t2 = now();
      items = r.items?.length ?? 0;
      survey.free();
      parse.push(t1 - t0); report.push(t2 - t1);
    }
    const p = median(parse), r = median(report);
    out.push({ id: 'W5', name: `survey: ${fromBytes ? 'bytes' : 'CSV'} parse + full report (100,000 respondents × 40 items, ${(bytes.length / 1e6).toFixed(0)} MB)`,
      ms: p + r, target: 'target < 1000 ms in Chromium',
      detail: `parse ${p.toFixed(0)} ms + report ${r.toFixed(0)} ms; ${items} items${memory ? `; wasm memory high-water ${(memory.buffer.byteLength / 2 ** 20).toFixed(0)} MiB` : ''}` });
  } else out.push({ id: 'W5', name: 'survey report', ms: undefined, detail: 'no Survey export yet' });

  if (has('defaultRubric') && has('analyzeRound')) {
    // The issue's size has 9 conditions: the default rubric's 8 plus one custom condition.
    const base = wl.defaultRubric();
    const extra = { ...structuredClone(base.conditions[0]), id: 'custom-equity', provenance: 'custom' };
    const rubric = wl.editRubric(base, { op: 'add', condition: extra });
    // The complete design: every reviewer scores every proposal on every condition, passed as
    // scoreColumns (typed arrays); 1.8 million score objects would take seconds to decode.
    const big = reviewRound(rubric, 10_000, 20, 20, 11, true);
    const t = timeIt(() => wl.analyzeRound(rubric, big), Math.min(runs, 3));
    out.push({ id: 'W6', name: `proposals: aggregate + calibrate + agreement (10,000 proposals × 20 reviewers × ${rubric.conditions.length} conditions, complete: ${big.scoreColumns.value.length.toLocaleString('en')} scores in scoreColumns)`,
      ms: t.ms, target: 'target < 1000 ms in Chromium' });
    const mid = reviewRound(rubric, 500, 20, 3, 13);
    const b = timeIt(() => wl.bootstrapRanks(rubric, mid, { resamples: 1000, seed: 1, topK: 10 }), Math.min(runs, 3));
    out.push({ id: 'P1', name: 'proposals: bootstrap ranks, 1,000 resamples × 500 proposals', ms: b.ms, target: 'target < 1000 ms' });
    const f = timeIt(() => wl.fundWithinBudget(rubric, mid, { budget: 10_000_000 }), runs);
    out.push({ id: 'P2', name: 'proposals: exact budget optimisation, 500 proposals, $10M (whole dollars)', ms: f.ms, target: 'target < 200 ms',
      detail: `optimal: ${f.value?.optimal}` });
    if (has('decideFunding')) {
      // #20: the three decision rules on W6's round (raw scores: the calibrated bootstrap refits
      // the additive model in every resample), one run (it includes 1,000 resamples).
      const options = { budget: 100_000_000, seed: 1, resamples: 1000, calibrated: false };
      let row;
      try {
        const d = timeIt(() => wl.decideFunding(rubric, big, options), 1);
        row = { ms: d.ms, detail: `band ${d.value.audit.band.length}; max score optimal: ${d.value.maxScore.optimal}` };
      } catch (e) {
        row = { ms: undefined, detail: `refused: ${e.code} ${JSON.stringify(e.details)}` };
      }
      out.push({ id: 'P3', name: 'proposals: decision rules side by side (10,000 proposals × 20 reviewers × 9 conditions, 1,000 resamples, $100M)',
        target: 'target < 2000 ms in Chromium', ...row });
    }
  }

  if (has('examplePassModel') && has('validateModel') && has('scheduleModel') && has('layoutModel')) {
    const { big, layout500 } = tocModels();
    // A large model is decoded once (LogicModel) and then validated and scheduled after each
    // edit; the two costs are timed apart.
    const d = timeIt(() => { const m = new wl.LogicModel(big); m.free(); return null; }, runs);
    const m = new wl.LogicModel(big);
    const v = timeIt(() => { m.validate(); return m.schedule({ start: '2021-01-04' }); }, runs);
    m.free();
    const nLinks = big.links.length + big.goals.reduce((sum, g) => sum + g.dependsOn.length, 0);
    const nElements = big.goals.length + big.activities.length + big.outputs.length + big.outcomes.length;
    out.push({ id: 'T1', name: `theory of change: validate + schedule (${nElements} elements, ${nLinks.toLocaleString('en')} links)`,
      ms: v.ms, target: 'target < 100 ms', detail: `decoding the model once (new LogicModel): ${d.ms.toFixed(0)} ms more` });
    const l = timeIt(() => wl.layoutModel(layout500), runs);
    out.push({ id: 'T2', name: 'theory of change: diagram layout, 500 elements', ms: l.ms, target: 'target < 100 ms', detail: `${l.value?.crossings} crossings` });
  }
  if (has('importSeriesCsvColumns') && has('exampleAlianzaModel')) out.push(seriesBenchmark(wl, { runs: Math.min(runs, 3) }));
  return out;
}

/** A large logic model (10,000 elements, 50,000 links) and a 500-element one. */
export function tocModels() {
  const u = rng(5);
  const text = (s) => ({ en: s, es: null });
  const make = (nGoals, nAct, nOut, nOc, links, deps) => {
    const goals = [], activities = [], outputs = [], outcomes = [], ls = [];
    for (let i = 0; i < nGoals; i++) {
      const dependsOn = [];
      for (let k = 0; k < deps && i > 0; k++) dependsOn.push({ goal: `g${Math.floor(u() * i)}`, provenance: null });
      const uniq = [...new Map(dependsOn.map((d) => [d.goal, d])).values()];
      goals.push({ id: `g${i}`, title: text(`Goal ${i}`), owner: null, phase: null, start: null, end: null,
        durationDays: { value: 1 + Math.floor(u() * 30), provenance: null }, dependsOn: uniq, status: 'not_started', provenance: null });
    }
    for (let i = 0; i < nAct; i++) activities.push({ id: `a${i}`, title: text(`Activity ${i}`), goal: nGoals ? `g${i % nGoals}` : null, component: null, status: 'not_started', provenance: null });
    for (let i = 0; i < nOut; i++) outputs.push({ id: `o${i}`, title: text(`Output ${i}`), component: null, provenance: null });
    const terms = ['short', 'intermediate', 'long'];
    for (let i = 0; i < nOc; i++) outcomes.push({ id: `c${i}`, title: text(`Outcome ${i}`), term: terms[i % 3], component: null, conditions: [], provenance: null });
    const seen = new Set();
    const add = (from, to) => { const k = `${from}>${to}`; if (!seen.has(k)) { seen.add(k); ls.push({ from, to, provenance: null }); } };
    for (let i = 0; i < nAct; i++) add(`a${i}`, `o${i % nOut}`);
    for (let i = 0; i < nOut; i++) add(`o${i}`, `c${3 * Math.floor(u() * (nOc / 3))}`);
    while (ls.length < links) {
      const r = u();
      if (r < 0.5) add(`a${Math.floor(u() * nAct)}`, `o${Math.floor(u() * nOut)}`);
      else if (r < 0.8) add(`o${Math.floor(u() * nOut)}`, `c${3 * Math.floor(u() * (nOc / 3))}`);
      else { const s = Math.floor(u() * (nOc / 3)); add(`c${3 * s}`, `c${3 * Math.floor(u() * (nOc / 3)) + 1}`); }
    }
    return { schemaVersion: 1, id: 'bench', title: text('benchmark model'), source: null, phases: [], goals, components: [], inputs: [],
      activities, outputs, outcomes, impacts: [], links: ls, assumptions: [], indicators: [] };
  };
  return { big: make(2000, 4000, 2000, 2000, 40_000, 5), layout500: make(0, 200, 150, 150, 900, 0) };
}
