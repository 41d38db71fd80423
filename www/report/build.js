// The evaluation report's document (issue 18): one <article> in the page's language, assembled
// from the project — the program (logic model and the proposal linked to it), the context
// series and campaign timeline (drawn by the toc area's own chart code), the survey findings as
// headlines with their method notes, the evidence map (when the engine has it) and how the
// numbers were computed. It reads what the areas hold (store.areaState) and what they last
// showed (sources.js); it computes no statistic itself.
import { el } from '../dom.js';
import { call, wasm } from '../engine.js';
import { intl, lang, percent, t } from '../i18n.js';
import { areaState } from '../store.js';
import { pick, pickText } from '../text.js';
import { methodCard, methodLines } from '../methodcard.js';
import { drawSeriesCharts } from '../areas/toc/charts.js';
import { drawTimeline } from '../areas/toc/timeline.js';
import { fmtDate } from '../areas/toc/gantt.js';
import { renderEvidenceMap } from '../areas/evidence/render.js';
import { latestOf } from './sources.js';
import { COLUMNS, cellText, otherSentences, surveyFindings } from './findings.js';
import './strings.js';

/** Text in the reader's language, marked with its own language when it fell back. */
function txt(tag, text, attrs = {}) {
  const p = pick(text, lang());
  return el(tag, { ...attrs, lang: p.lang && p.lang !== lang() ? p.lang : null, text: p.text });
}

const section = (id, titleKey, ...children) => el('section', { class: 'report-section', 'data-report': id },
  el('h2', { text: t(titleKey) }), ...children);

/** The engine's LogicModel of the toc area's model, used and freed by `fn`. */
function withModel(model, fn) {
  if (!model || typeof wasm.LogicModel !== 'function') return null;
  let lm = null;
  try {
    lm = new wasm.LogicModel(model);
    return fn(lm);
  } catch (e) {
    console.warn('report: logic model', e);
    return null;
  } finally {
    try { lm?.free(); } catch { /* already freed */ }
  }
}

function programSection(model, schedule) {
  const parts = [];
  if (!model) parts.push(el('p', { text: t('report.noModel') }));
  else {
    const title = pick(model.title, lang());
    parts.push(el('p', {}, `${t('report.model')}: `, el('strong', { lang: title.lang !== lang() ? title.lang : null, text: title.text })));
    parts.push(el('p', { text: t('report.modelCounts', { goals: (model.goals ?? []).length, outcomes: (model.outcomes ?? []).length, indicators: (model.indicators ?? []).length }) }));
    if (schedule && schedule.projectStart) {
      parts.push(el('p', { text: t('report.schedule', { start: fmtDate(schedule.projectStart, lang()), finish: fmtDate(schedule.projectFinish, lang()), days: schedule.durationDays, path: schedule.criticalPath.join(' → ') || '—' }) }),
        methodCard({ method: schedule.method, sizes: { goals: schedule.nGoals } }));
    }
  }
  const proposals = areaState('proposals');
  const round = proposals?.round;
  const linked = model && round ? (round.proposals ?? []).filter((p) => p.tocModelId && p.tocModelId === model.id) : [];
  if (model && !linked.length) parts.push(el('p', { class: 'report-muted', text: t('report.noProposal') }));
  if (linked.length) {
    const a = call('analyzeRound', proposals.rubric, round, null);
    for (const p of linked) {
      const money = intl('NumberFormat', lang(), { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(p.amountRequested);
      parts.push(el('p', { 'data-testid': 'report-proposal', text: t('report.proposal', { id: p.id, title: p.title, applicant: p.applicant, community: p.community, amount: money }) }));
      const i = a.ok ? a.value.scores.proposals.findIndex((s) => s.proposalId === p.id) : -1;
      const s = i >= 0 ? a.value.scores.proposals[i] : null;
      if (s && s.score !== null) {
        parts.push(el('p', { text: t('report.proposalScore', { score: intl('NumberFormat', lang(), { maximumFractionDigits: 1 }).format(s.score), reviewers: s.reviewers, rank: a.value.ranks.raw[i] ?? '—', n: a.value.proposals }) }),
          methodCard({ method: a.value.scores.method, sizes: { proposals: a.value.proposals, reviewers: a.value.reviewers, scores: a.value.reviews } }));
      } else parts.push(el('p', { text: t('report.proposalUnscored') }));
    }
  }
  return section('program', 'report.program', parts);
}

function contextSection(model, data) {
  if (!model || !data) return section('context', 'report.context', el('p', { text: t('report.noCharts') }));
  const charts = drawSeriesCharts({ data, model, exportButtons: null, lang: lang() });
  const timeline = drawTimeline({ data, model, axis: charts.axis, lang: lang(), exportButtons: null });
  if (!charts.charts.size && !timeline.svg) return section('context', 'report.context', el('p', { text: t('report.noCharts') }));
  return section('context', 'report.context', timeline.svg ? timeline.element : null, charts.charts.size ? charts.element : null);
}

function surveySection() {
  const s = latestOf('survey');
  if (!s?.report) return { node: section('survey', 'report.survey', el('p', { text: t('report.noSurvey') })), findings: [], report: null };
  const report = s.report;
  const findings = surveyFindings(report);
  const others = otherSentences(report);
  const table = el('table', { class: 'data report-findings', 'data-testid': 'report-findings' },
    el('caption', { text: t('report.findingsTable') }),
    el('thead', {}, el('tr', {}, COLUMNS.map(([, key]) => el('th', { scope: 'col', text: t(key) })))),
    el('tbody', {}, findings.map((f) => el('tr', {}, COLUMNS.map(([key]) => (key === 'question'
      ? el('th', { scope: 'row', text: f.row.question })
      : el('td', { class: key === 'measure' || key === 'method' ? null : 'num', text: cellText(key, f.row) })))))));
  const node = section('survey', 'report.survey',
    report.synthetic ? el('p', { class: 'report-synthetic', text: t('report.synthetic') }) : null,
    el('p', { class: 'report-muted' }, `${t('report.surveyLabel')}: `, txt('span', report.title), ` — ${t('report.respondents', { n: report.rows })}`),
    el('ol', { class: 'report-headlines', 'data-testid': 'report-headlines' }, findings.map((f) => el('li', { class: f.withheld ? 'withheld' : null },
      el('p', { class: 'report-headline', text: f.headline }),
      el('p', { class: 'report-method-note', text: f.note })))),
    others.length ? [el('h3', { text: t('report.otherFindings') }), el('ul', {}, others.map((x) => el('li', { text: x })))] : null,
    el('div', { class: 'report-scroll' }, table));
  return { node, findings, report };
}

/**
 * The evidence map, filled in when it is ready: the project it needs is assembled by the
 * evidence view's bus (www/areas/evidence/bus.js, the evmap branch), loaded only once the engine
 * has the `evidenceMap` export, so this branch works before and after the map lands. Until
 * then the section is left out.
 */
function evidenceSection() {
  if (typeof (/** @type {any} */ (wasm)).evidenceMap !== 'function') return null;
  const box = el('div', { class: 'report-evidence', 'data-testid': 'report-evidence' });
  const node = section('evidence', 'report.evidence', box);
  const language = lang();
  import('../areas/evidence/bus.js').then((bus) => {
    const project = bus.project();
    const r = call('evidenceMap', project);
    if (!r.ok) { node.remove(); console.warn('report: evidence map', r.error); return; }
    // `models` names each outcome's model (the evidence view's renderer takes it; the stub here does not).
    renderEvidenceMap(box, r.value, /** @type {any} */ ({ lang: language, printable: true, models: project.models }));
    node.dataset.ready = 'true';
  }).catch((e) => { node.remove(); console.warn('report: evidence map', e); });
  return node;
}

function methodsSection(survey) {
  const items = [];
  if (survey.report) {
    for (const f of survey.findings) {
      items.push(el('li', {}, el('strong', { text: f.row.question }), ' ', f.note,
        f.reference ? [' ', el('span', { lang: 'en', class: 'report-ref', text: f.reference })] : null));
    }
  }
  const level = survey.report ? percent(survey.report.level) : percent(0.95);
  const adjust = survey.report?.adjustment;
  const general = adjust ? methodLines({ method: adjust.method === 'none' ? 'none' : 'wilson', defaults: { level: survey.report.level } }) : [];
  return section('methods', 'report.methods',
    el('p', { text: t('report.methodsIntro', { level }) }),
    items.length ? el('ul', { class: 'report-methods' }, items) : null,
    general.length ? el('p', { class: 'report-muted', text: general.map(([k, v]) => `${k}: ${v}`).join(' · ') }) : null);
}

/** The engine's built-in models by id, which a proposal's `tocModelId` may name (as the
 *  evidence view's bus reads them). */
const BUILT_IN = { alianza: 'exampleAlianzaModel', pass: 'examplePassModel' };

/**
 * The logic model the report concerns: the one open in Theory of change when a proposal of the
 * round links to it (or none links anywhere); else the built-in model a proposal links to —
 * on first load the example round's restorative-justice proposal names Alianza while Theory
 * of change opens PASS, and the report follows the proposal's chain.
 */
function reportModel() {
  const open = areaState('toc')?.model ?? null;
  const links = (areaState('proposals')?.round?.proposals ?? []).map((p) => p.tocModelId).filter(Boolean);
  if (!links.length || (open && links.includes(open.id))) return open;
  const id = links.find((x) => x in BUILT_IN);
  const r = id ? call(BUILT_IN[id]) : null;
  return r?.ok ? r.value : open;
}

/**
 * Builds the report in the page's current language: `{ node, findings, title }`, where
 * `findings` are the survey table's rows (for the CSV/JSON exports).
 */
export function buildReport() {
  const model = reportModel();
  const got = withModel(model, (lm) => ({
    data: (() => { try { return lm.chartData(null); } catch { return null; } })(),
    schedule: (() => { try { return (model.goals ?? []).length ? lm.schedule(null) : null; } catch { return null; } })(),
  })) ?? { data: null, schedule: null };
  const version = call('version');
  const title = model ? pickText(model.title, lang()) : '';
  const survey = surveySection();
  const node = el('article', { class: 'report-doc', lang: lang(), 'data-testid': 'report-doc' },
    el('header', {},
      el('h1', { text: t('report.title') }),
      title ? txt('p', model.title, { class: 'report-subtitle' }) : null,
      el('p', { class: 'report-muted', text: t('report.generated', { version: version.ok ? version.value : '?', date: new Date().toLocaleDateString(lang(), { year: 'numeric', month: 'long', day: 'numeric' }) }) })),
    programSection(model, got.schedule),
    contextSection(model, got.data),
    survey.node,
    evidenceSection(),
    methodsSection(survey));
  return { node, findings: survey.findings.map((f) => f.row), title };
}
