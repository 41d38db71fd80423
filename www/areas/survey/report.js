// The survey report: the engine's results laid out as sentences, diverging bars with their
// data tables, a table of shifts, ranked multi-select shares, change items, other questions,
// subgroups with small-cell suppression as the engine marks it, scales and warnings.
// Every number comes from the engine's report object; nothing here computes a statistic.
import { el } from '../../dom.js';
import { lang, t } from '../../i18n.js';
import { diverging, palette, ranked } from './charts.js';
import { count, fixed, methodName, pct, plural, pValue, range, signed, signedPoints, tr } from './format.js';
import { noteLine, noticeText } from './notices.js';
import { weightCell, weightFlag, weightedShiftText, weightingPanel } from './weights.js';
import { methodCard } from '../../methodcard.js';

const th = (text, scope = 'col', cls) => el('th', { scope, class: cls, text });
const td = (text, cls) => el('td', { class: cls, text });
const num = 'num';
let tableIds = 0;
/** The report being rendered: its level and p-value adjustment go on every method card. */
let shown = null;

/** The method card of one result (an item, shift, wave, scale or subgroup): its test's method
 *  and the engine's reference when it has a test, else its own. */
function card(r, sizes = {}) {
  return methodCard({
    method: r.test?.method ?? r.method ?? 'none',
    reference: r.test?.reference ?? r.reference ?? null,
    defaults: { level: shown?.level, adjust: r.test ? shown?.adjustment.method : null, minCell: r.minCell },
    sizes: { n: r.nUsed, ...sizes },
    what: tr(r.text),
  });
}

function table(caption, head, rows, attrs = {}) {
  return el('table', { class: 'data', ...attrs },
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, el('tr', {}, head.map((h) => (h instanceof Node ? h : th(h))))),
    el('tbody', {}, rows));
}

/** A <details> holding the data table of a chart (opened for printing). */
const dataTable = (tbl) => el('details', { class: 'survey-datatable' }, el('summary', { text: t('survey.report.dataTable') }), tbl);

const STAT = { weighted_difference: 'z', mcnemar_exact: 'b', wilcoxon_signed_rank: 'V', paired_t: 't', two_proportions: 'χ²', mann_whitney: 'W', chi_square_independence: 'χ²' };
function testText(test) {
  if (!test) return '—';
  const stat = STAT[test.method];
  const df = test.df === null || test.df === undefined ? '' : `(${fixed(test.df, Number.isInteger(test.df) ? 0 : 1)})`;
  return `${methodName(test.method)}${stat ? ` · ${stat}${df} = ${fixed(test.statistic, Number.isInteger(test.statistic) ? 0 : 2)}` : ''}`;
}
function effectText(test, kind) {
  if (!test) return '—';
  const points = test.effectName === 'difference' && kind !== 'numeric';
  const value = points ? `${signedPoints(test.effect)} ${t('survey.report.pts')}` : (test.effectName === 'difference' ? signed(test.effect) : fixed(test.effect, 2));
  return `${methodName(test.effectName)} = ${value}`;
}

// ---------------------------------------------------------------- diverging blocks

const ORDINAL = new Set(['likert', 'binary', 'change']);
const signature = (it) => `${it.kind}|${it.distribution.map((d) => d.label.en).join('|')}`;

/** Groups the items into chart blocks: paired items, waves, then single items by scale. */
function blocks(report, mapping) {
  const results = report.items.filter((it) => ORDINAL.has(it.kind) && it.distribution.length >= 2);
  const used = new Set();
  const byKey = new Map();
  const add = (key, title, row) => {
    if (!byKey.has(key)) byKey.set(key, { title, rows: [] });
    byKey.get(key).rows.push(...row);
  };
  // Paired items (then-test, pre/post in one row): before and after bars together.
  for (const s of report.shifts) {
    if (s.before === s.after) continue;
    const b = results.find((it) => it.item === s.before && it.wave === null);
    const a = results.find((it) => it.item === s.after && it.wave === null);
    if (!b || !a || signature(a) !== signature(b)) continue;
    used.add(b.item); used.add(a.item);
    const [first, second] = s.design === 'then_test' ? ['survey.report.before', 'survey.report.now'] : ['survey.report.pre', 'survey.report.post'];
    add(`pair|${s.design}|${signature(b)}`, t(s.design === 'then_test' ? 'survey.report.blockThenTest' : 'survey.report.blockPrePost'), [
      { result: b, label: tr(s.text), sublabel: t(first), first: true },
      { result: a, label: '', sublabel: t(second) },
    ]);
  }
  // Waves: one bar per wave.
  const waved = new Map();
  for (const it of results.filter((r) => r.wave !== null)) {
    if (!waved.has(it.item)) waved.set(it.item, []);
    waved.get(it.item).push(it);
  }
  for (const [id, list] of waved) {
    used.add(id);
    add(`waves|${signature(list[0])}`, t('survey.report.blockWaves'), list.map((it, i) => ({ result: it, label: i === 0 ? tr(it.text) : '', sublabel: it.wave, first: i === 0 })));
  }
  // Single items, by scale (or by kind and points).
  const scales = mapping?.instrument?.scales ?? [];
  for (const it of results) {
    if (used.has(it.item)) continue;
    const scale = scales.find((s) => s.items.includes(it.item));
    const title = scale ? tr(scale.text) : t(`survey.report.block.${it.kind}`);
    add(`single|${scale?.id ?? ''}|${signature(it)}`, title, [{ result: it, label: tr(it.text), first: true }]);
  }
  return [...byKey.values()];
}

function blockView(block, report) {
  const k = block.rows[0].result.distribution.length;
  const points = block.rows[0].result.distribution.map((d) => tr(d.label));
  const colours = palette(k);
  const legend = el('ul', { class: 'survey-legend', 'aria-hidden': 'true' }, points.map((p, i) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colours[i];
    return el('li', {}, swatch, p);
  }));
  const labelled = block.rows.map((r, i) => {
    let label = r.label;
    for (let j = i; !label && j >= 0; j--) label = block.rows[j].label;
    return { ...r, full: [label, r.sublabel].filter(Boolean).join(' — ') };
  });
  const summary = t('survey.report.chartSummary', {
    title: block.title,
    rows: labelled.map((r) => `${r.full}: ${r.result.distribution.map((d) => `${tr(d.label)} ${pct(d.share)}`).join(', ')}`).join('; '),
  });
  const chart = diverging({ rows: block.rows.map((r) => ({ label: r.label, sublabel: r.sublabel, first: r.first, shares: r.result.distribution.map((d) => d.share) })), k, summary });
  const topLabel = tr(block.rows[0].result.topBox?.label);
  const head = [t('survey.report.question'), ...points, t('survey.report.n')];
  if (topLabel) head.push(t('survey.report.topBox', { label: topLabel }));
  if (report.weighting) head.push(t('survey.w.column'));
  const rows = labelled.map((r) => el('tr', {},
    th(r.full, 'row'),
    r.result.distribution.map((d) => td(`${pct(d.share)} (${count(d.count)})`, num)),
    td(count(r.result.nUsed), num),
    topLabel ? td(r.result.topBox ? `${pct(r.result.topBox.interval.estimate)} (${range(r.result.topBox.interval.lower, r.result.topBox.interval.upper)})` : '—', num) : null,
    report.weighting ? weightCell(report, r.result) : null));
  return el('div', { class: 'survey-block', 'data-figure': 'survey-bars' },
    el('h5', { text: block.title }),
    legend, chart, card(block.rows[0].result, { items: block.rows.length }),
    dataTable(table(t('survey.report.tableOf', { title: block.title }), head, rows, { 'data-testid': 'survey-bars-table' })));
}

// ---------------------------------------------------------------- sections

function section(key, testid, ...children) {
  const id = `survey-sec-${++tableIds}`;
  // An optional attributes object first among the children (e.g. `data-figure`).
  const attrs = children[0] && !(children[0] instanceof Node) && !Array.isArray(children[0]) && typeof children[0] === 'object' ? children.shift() : {};
  return el('section', { class: 'survey-section', 'aria-labelledby': id, 'data-testid': testid, ...attrs },
    el('h4', { id, text: t(key) }), ...children);
}

function sentences(report) {
  // Outcomes first; who answered (category questions such as residence) last.
  const list = [
    ...report.items.filter((it) => it.kind !== 'category').map((it) => it.sentence),
    ...report.shifts.map((s) => s.sentence),
    ...report.waves.map((w) => w.sentence),
    ...report.scales.map((s) => s.sentence),
    ...report.items.filter((it) => it.kind === 'category').map((it) => it.sentence),
  ].map(tr).filter(Boolean);
  // The sentences' shares carry Wilson intervals; each test a sentence names has its card in
  // the shifts table below.
  return section('survey.report.sentences', 'survey-sentences', { 'data-figure': 'survey-sentences' },
    methodCard({ method: 'wilson', defaults: { level: report.level, adjust: report.adjustment.method }, sizes: { rows: report.rows, tests: report.adjustment.m } }),
    el('ul', { class: 'survey-sentences' }, list.map((s) => el('li', { text: s }))));
}

function shiftsTable(report) {
  if (!report.shifts.length && !report.waves.length) return null;
  const head = [t('survey.report.question'), t('survey.report.design'), t('survey.report.n'), t('survey.report.beforeCol'), t('survey.report.afterCol'),
    t('survey.report.change'), t('survey.report.movement'), t('survey.report.test'), t('survey.report.p'), t('survey.report.pAdj'), t('survey.report.effect')];
  if (report.weighting) head.push(t('survey.w.shift'), t('survey.w.column'));
  const weighted = (s) => (report.weighting ? [td(s.weightedShift || s.weightedDifference ? weightedShiftText(s) : '—', num), weightCell(report, s)] : []);
  const rows = report.shifts.map((s) => {
    const numeric = s.kind === 'numeric';
    const before = numeric ? fixed(s.meanBefore) : pct(s.topBefore?.estimate);
    const after = numeric ? fixed(s.meanAfter) : pct(s.topAfter?.estimate);
    const change = numeric
      ? (s.pairedT ? `${signed(s.pairedT.meanDifference)} (${signed(s.pairedT.lower)} ${t('survey.report.to')} ${signed(s.pairedT.upper)})` : '—')
      : (s.topChange ? `${signedPoints(s.topChange.estimate)} ${t('survey.report.pts')} (${signedPoints(s.topChange.lower)} ${t('survey.report.to')} ${signedPoints(s.topChange.upper)})` : '—');
    const movement = s.improved ? `${pct(s.improved.share)} / ${pct(s.same?.share)} / ${pct(s.worse?.share)}` : '—';
    return el('tr', { dataset: { pair: s.pair } },
      th(tr(s.text), 'row'), td(t(`survey.design.short.${s.design}`)), td(count(s.nUsed), num), td(before, num), td(after, num),
      td(change, num), td(movement, num), td(testText(s.test)), td(pValue(s.test?.pValue), num), td(pValue(s.test?.pAdjusted), num), td(effectText(s.test)), ...weighted(s));
  });
  for (const w of report.waves) {
    const tp = w.twoProportions;
    rows.push(el('tr', { dataset: { wave: w.item } },
      th(tr(w.text), 'row'), td(t('survey.design.short.waves', { from: w.from, to: w.to })), td(`${count(w.nFrom)} + ${count(w.nTo)}${w.sizesAssumed ? ' *' : ''}`, num),
      td(pct(w.shareFrom?.estimate), num), td(pct(w.shareTo?.estimate), num),
      td(tp ? `${signedPoints(tp.difference)} ${t('survey.report.pts')} (${signedPoints(tp.lower)} ${t('survey.report.to')} ${signedPoints(tp.upper)})` : '—', num),
      td('—', num), td(testText(w.test)), td(pValue(w.test?.pValue), num), td(pValue(w.test?.pAdjusted), num), td(effectText(w.test, w.kind)), ...weighted(w)));
  }
  const notes = [];
  notes.push(el('p', { class: 'survey-note', text: t('survey.report.designNote') }));
  if (report.shifts.some((s) => s.design === 'then_test')) notes.push(el('p', { class: 'survey-note', text: t('survey.report.thenTestNote') }));
  for (const w of report.waves.filter((x) => x.sizesAssumed)) {
    notes.push(el('p', { class: 'survey-assumed', 'data-testid': 'survey-assumed', text: t('survey.report.assumed', { from: w.from, to: w.to, n1: count(w.nFrom), n2: count(w.nTo) }) }));
    if (w.sensitivity.length) {
      notes.push(table(t('survey.report.sensitivityCaption', { question: tr(w.text) }),
        [t('survey.report.perWave'), t('survey.report.counts'), t('survey.report.change'), t('survey.report.p')],
        w.sensitivity.map((r) => el('tr', {}, th(count(r.nPerWave), 'row', num), td(`${count(r.xFrom)} → ${count(r.xTo)}`, num),
          td(`${signedPoints(r.difference)} ${t('survey.report.pts')} (${signedPoints(r.lower)} ${t('survey.report.to')} ${signedPoints(r.upper)})`, num), td(pValue(r.pValue), num))),
        { 'data-testid': 'survey-sensitivity' }));
    }
  }
  return section('survey.report.shifts', 'survey-shifts', { 'data-figure': 'survey-shifts' },
    el('p', { class: 'survey-note', text: t('survey.report.shiftsNote', { method: report.adjustment.method === 'none' ? t('survey.adjust.none') : t(`survey.adjust.${report.adjustment.method}`), tests: plural('survey.count.tests', report.adjustment.m) }) }),
    el('div', { class: 'survey-scroll' }, table(null, head, rows, { 'data-testid': 'survey-shifts-table' })),
    el('div', { class: 'methodcards' }, report.shifts.map((s) => card(s, { tests: report.adjustment.m })),
      report.waves.map((w) => card({ ...w, method: w.test?.method ?? 'newcombe', nUsed: w.nFrom + w.nTo }, { tests: report.adjustment.m }))), ...notes);
}

function multiSelect(report) {
  const items = report.items.filter((it) => it.kind === 'multi_select');
  if (!items.length) return null;
  return section('survey.report.multi', 'survey-multi', items.map((it) => {
    const sorted = [...it.distribution].sort((a, b) => b.share - a.share);
    const rows = sorted.map((d) => ({ label: tr(d.label), share: d.share, lower: d.lower, upper: d.upper, text: `${pct(d.share)} (${range(d.lower, d.upper)})` }));
    const summary = t('survey.report.rankedSummary', { question: tr(it.text), rows: rows.map((r) => `${r.label} ${r.text}`).join('; ') });
    return el('div', { class: 'survey-block', 'data-figure': 'survey-multi' },
      el('h5', { text: `${tr(it.text)} (n = ${count(it.nUsed)})${report.weighting ? ` · ${weightFlag(report, it)}` : ''}` }),
      el('p', { class: 'survey-axis-note', text: t('survey.report.rankedNote') }),
      ranked({ rows, summary }), card(it),
      dataTable(table(tr(it.text), [t('survey.report.choice'), t('survey.report.share'), t('survey.report.ci', { level: pct(report.level) }), t('survey.report.count'), t('survey.report.n')],
        sorted.map((d) => el('tr', {}, th(tr(d.label), 'row'), td(pct(d.share), num), td(range(d.lower, d.upper), num), td(count(d.count), num), td(count(d.n), num))),
        { 'data-testid': 'survey-multi-table' })));
  }));
}

function changeItems(report) {
  const items = report.items.filter((it) => it.kind === 'change');
  if (!items.length) return null;
  const share = (it, key) => it.distribution.find((d) => d.key === key);
  const cell = (d, withCi) => (d ? `${pct(d.share)}${withCi ? ` (${range(d.lower, d.upper)})` : ''}` : '—');
  return section('survey.report.changeTitle', 'survey-change', { 'data-figure': 'survey-change' },
    el('div', { class: 'methodcards' }, items.map((it) => card(it))),
    table(null, [t('survey.report.question'), t('survey.report.improved'), t('survey.report.same'), t('survey.report.worse'), t('survey.report.n'), ...(report.weighting ? [t('survey.w.column')] : [])],
      items.map((it) => el('tr', {}, th(tr(it.text) + (it.wave ? ` (${it.wave})` : ''), 'row'),
        td(cell(share(it, '1'), true), num), td(cell(share(it, '0')), num), td(cell(share(it, '-1')), num), td(count(it.nUsed), num),
        report.weighting ? weightCell(report, it) : null)),
      { 'data-testid': 'survey-change-table' }));
}

function otherItems(report) {
  const cats = report.items.filter((it) => it.kind === 'category');
  const nums = report.items.filter((it) => it.kind === 'numeric');
  if (!cats.length && !nums.length) return null;
  const parts = [];
  if (cats.length) {
    parts.push(el('div', { class: 'survey-grid' }, cats.map((it) => table(`${tr(it.text)}${it.wave ? ` (${it.wave})` : ''} — n = ${count(it.nUsed)}${report.weighting ? ` · ${weightFlag(report, it)}` : ''}`,
      [t('survey.report.answer'), t('survey.report.share'), t('survey.report.ci', { level: pct(report.level) }), t('survey.report.count')],
      it.distribution.map((d) => el('tr', {}, th(tr(d.label), 'row'), td(pct(d.share), num), td(range(d.lower, d.upper), num), td(count(d.count), num)))))));
  }
  if (nums.length) {
    parts.push(table(null, [t('survey.report.question'), t('survey.report.n'), t('survey.report.mean'), t('survey.report.sd'), t('survey.report.median'), t('survey.report.iqr'), t('survey.report.minmax'), ...(report.weighting ? [t('survey.w.column')] : [])],
      nums.map((it) => el('tr', {}, th(tr(it.text) + (it.wave ? ` (${it.wave})` : ''), 'row'), td(count(it.nUsed), num),
        td(it.mean === null ? '—' : `${fixed(it.mean)} (${fixed(it.meanLower)} ${t('survey.report.to')} ${fixed(it.meanUpper)})`, num),
        td(fixed(it.sd), num), td(fixed(it.median), num), td(it.q1 === null ? '—' : `${fixed(it.q1)}–${fixed(it.q3)}`, num),
        td(it.min === null ? '—' : `${fixed(it.min)}–${fixed(it.max)}`, num), report.weighting ? weightCell(report, it) : null))));
  }
  parts.push(el('div', { class: 'methodcards' }, [...cats, ...nums].map((it) => card(it))));
  return section('survey.report.other', 'survey-other', { 'data-figure': 'survey-other' }, parts);
}

/** Questions held as codes nobody declared: their codes and counts, never a share who agree. */
function codesItems(report) {
  const items = report.items.filter((it) => it.kind === 'codes');
  if (!items.length) return null;
  return section('survey.report.codesTitle', 'survey-codes',
    el('p', { class: 'survey-note', text: t('survey.report.codesNote') }),
    el('div', { class: 'survey-grid' }, items.map((it) => table(`${tr(it.text)}${it.wave ? ` (${it.wave})` : ''} — n = ${count(it.nUsed)}`,
      [t('survey.scale.code'), t('survey.report.count'), t('survey.report.share')],
      it.distribution.map((d) => el('tr', {}, th(tr(d.label) || d.key, 'row'), td(count(d.count), num), td(pct(d.share), num)))))));
}

/** Every withheld headline, from the notices' codes (one line per notice). */
function notices(report, mapping) {
  const all = [...(report.notices ?? [])];
  for (const r of [...report.items, ...report.shifts, ...report.waves]) for (const n of r.notices ?? []) all.push(n);
  const seen = new Set();
  const lines = [];
  for (const n of all) {
    const key = JSON.stringify([n.code, n.params]);
    if (seen.has(key)) continue;
    seen.add(key);
    const id = n.params?.item ?? n.params?.before;
    lines.push(el('li', { dataset: { code: n.code } }, noticeText(n, mapping), id ? [' ', el('button', {
      type: 'button', class: 'secondary small no-print', 'data-testid': 'survey-notice-fix', text: t('survey.notice.fix'),
      onclick: () => {
        // The scale editor of that question, opened and focused.
        const box = /** @type {HTMLDetailsElement | null} */ (document.querySelector(`[data-testid="survey-scale-item"][data-item="${CSS.escape(id)}"]`));
        if (!box) return;
        box.open = true;
        box.scrollIntoView({ block: 'start' });
        /** @type {HTMLElement | null} */ (box.querySelector('select, input, button'))?.focus();
      },
    })] : null));
  }
  if (!lines.length) return null;
  return section('survey.notice.title', 'survey-notices', el('ul', { class: 'survey-warnings' }, lines));
}

function subgroups(report) {
  if (!report.subgroups.length) return null;
  const groups = new Map();
  for (const s of report.subgroups) {
    if (!groups.has(s.group)) groups.set(s.group, []);
    groups.get(s.group).push(s);
  }
  const minCell = report.subgroups[0].minCell;
  const mark = (s) => (s === 'small' ? '†' : s === 'complementary' ? '‡' : '');
  const tables = [...groups.values()].map((list) => {
    const levels = [];
    for (const s of list) for (const r of s.rows) if (!levels.some((l) => l.en === r.level.en)) levels.push(r.level);
    const rows = list.map((s) => el('tr', {},
      th(tr(s.text), 'row'),
      levels.map((lv) => {
        const r = s.rows.find((x) => x.level.en === lv.en);
        if (!r) return td('—', num);
        const cell = el('td', { class: `num${r.suppressed ? ' suppressed' : ''}`, dataset: r.suppressed ? { suppressed: r.suppressed } : {} }, r.display);
        if (r.suppressed) {
          cell.append(el('span', { class: 'mark', 'aria-hidden': 'true', text: ` ${mark(r.suppressed)}` }),
            el('span', { class: 'visually-hidden', text: ` ${t(`survey.report.suppressed.${r.suppressed}`, { min: minCell })}` }));
        } else if (r.n !== null) cell.append(el('span', { class: 'cell-n', text: ` n = ${count(r.n)}` }));
        return cell;
      }),
      td(pValue(s.test?.pAdjusted ?? s.test?.pValue), num)));
    const flag = report.weighting ? ` · ${weightFlag(report, list[0])}` : '';
    return el('div', { class: 'survey-scroll' }, table(t('survey.report.byGroup', { group: tr(list[0].groupText) }) + flag,
      [t('survey.report.question'), ...levels.map((lv) => tr(lv)), report.adjustment.method === 'none' ? t('survey.report.p') : t('survey.report.pAdj')], rows));
  });
  const sentencesList = el('details', { class: 'survey-datatable' }, el('summary', { text: t('survey.report.subgroupSentences') }),
    el('ul', { class: 'survey-sentences small' }, report.subgroups.map((s) => el('li', { text: tr(s.sentence) }))));
  return section('survey.report.subgroups', 'survey-subgroups', { 'data-figure': 'survey-subgroups' },
    el('div', { class: 'methodcards' }, [...groups.values()].map((list) => card({ ...list[0], nUsed: Math.max(...list.map((x) => x.nUsed)) }, { items: list.length }))),
    el('p', { class: 'survey-note', text: t('survey.report.subgroupsNote', { min: minCell }) }),
    el('p', { class: 'survey-note' }, el('span', { 'aria-hidden': 'true', text: '† ' }), t('survey.report.suppressed.small', { min: minCell }), ' · ',
      el('span', { 'aria-hidden': 'true', text: '‡ ' }), t('survey.report.suppressed.complementary', { min: minCell })),
    tables, sentencesList);
}

function scales(report) {
  if (!report.scales.length) return null;
  return section('survey.report.scales', 'survey-scales', { 'data-figure': 'survey-scales' },
    el('div', { class: 'methodcards' }, report.scales.map((s) => card(s, { items: s.items.length }))), table(null,
    [t('survey.report.scale'), t('survey.report.items'), report.weighting ? t('survey.w.alphaUnweighted') : t('survey.report.alpha'), t('survey.report.stdAlpha'), t('survey.report.omega'), t('survey.report.scaleMean'), t('survey.report.n'), ...(report.weighting ? [t('survey.w.alpha'), t('survey.w.column')] : [])],
    report.scales.map((s) => el('tr', {}, th(tr(s.text), 'row'), td(count(s.items.length), num),
      td(s.alpha ? `${fixed(s.alpha.alpha)} (${fixed(s.alpha.lower)} ${t('survey.report.to')} ${fixed(s.alpha.upper)})` : '—', num),
      td(fixed(s.alpha?.standardizedAlpha), num),
      td(fixed(s.omega?.omegaTotal), num),
      td(s.mean === null ? '—' : `${fixed(s.mean)} (${t('survey.report.sd')} ${fixed(s.sd)})`, num),
      td(`${count(s.nUsed)}${s.nExcluded ? ` (${t('survey.report.excluded', { n: count(s.nExcluded) })})` : ''}`, num),
      report.weighting ? td(fixed(s.weightedAlpha), num) : null,
      report.weighting ? weightCell(report, s) : null)),
    { 'data-testid': 'survey-scales-table' }));
}

/** The engine's notes of the report, each rendered from its code; the same note on several
 *  results is listed once, naming them all. */
function warnings(report, mapping) {
  const byKey = new Map();
  const push = (what, list) => {
    for (const w of list ?? []) {
      const key = JSON.stringify([w.code, w.params]);
      if (!byKey.has(key)) byKey.set(key, { note: w, whats: [] });
      const entry = byKey.get(key);
      if (what && !entry.whats.includes(what)) entry.whats.push(what);
    }
  };
  push(null, report.warnings);
  for (const it of report.items) push(tr(it.text), it.warnings);
  for (const s of report.shifts) push(tr(s.text), s.warnings);
  for (const w of report.waves) push(tr(w.text), w.warnings);
  for (const s of report.scales) push(tr(s.text), s.warnings);
  const sub = report.subgroups.flatMap((s) => s.warnings.map((w) => ({ whats: [`${tr(s.text)} × ${tr(s.groupText)}`], note: w })));
  if (!byKey.size && !sub.length) return null;
  const line = ({ whats, note }) => el('li', { dataset: { code: note.code } },
    whats.length ? el('strong', { text: `${whats.join('; ')}: ` }) : null, noteLine(note, mapping));
  return section('survey.report.warnings', 'survey-warnings',
    el('ul', { class: 'survey-warnings' }, [...byKey.values()].map(line)),
    sub.length ? el('details', { class: 'survey-datatable' }, el('summary', { text: t('survey.report.subgroupWarnings', { n: count(sub.length) }) }),
      el('ul', { class: 'survey-warnings' }, sub.map(line))) : null);
}

/** Builds the report view. `actions` are the export/print buttons to show in its head. */
export function renderReport(report, { mapping, actions, source }) {
  tableIds = 0;
  shown = report;
  const meta = t('survey.report.meta', {
    n: count(report.rows), level: pct(report.level),
    adjust: report.adjustment.method === 'none' ? t('survey.adjust.none') : t(`survey.adjust.${report.adjustment.method}`), tests: plural('survey.count.tests', report.adjustment.m),
  });
  const barBlocks = blocks(report, mapping);
  return el('div', { class: 'survey-report-body' },
    el('div', { class: 'survey-report-head' },
      el('div', {},
        el('h3', { text: tr(report.title) || t('survey.report.untitled') }),
        report.synthetic ? el('p', { class: 'survey-synthetic', 'data-testid': 'survey-synthetic', text: t(source === 'staff' ? 'survey.synthetic.staff' : 'survey.synthetic.report') }) : null,
        el('p', { class: 'survey-meta', 'data-testid': 'survey-meta', text: meta })),
      el('div', { class: 'survey-actions no-print' }, actions)),
    weightingPanel(report, mapping),
    notices(report, mapping),
    sentences(report),
    barBlocks.length ? section('survey.report.bars', 'survey-bars', el('p', { class: 'survey-axis-note', text: t('survey.report.axisNote') }), barBlocks.map((b) => blockView(b, report))) : null,
    shiftsTable(report),
    multiSelect(report),
    changeItems(report),
    otherItems(report),
    codesItems(report),
    subgroups(report),
    scales(report),
    warnings(report, mapping));
}
