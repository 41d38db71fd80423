// Theory of change, evidence over time (issue 17): the Alianza example opens with the
// suspension charts (seed Figure 2), the middle/high ratio computed by the engine (Figure 7),
// the campaign timeline (Figure 4); a missing year breaks the line; every picture exports as
// SVG and PNG; a DataQuest-shaped CSV imports and a bad one shows a positioned error; events
// and values are edited in the page; events import from a CSV (bad rows listed by code, Undo);
// Spanish; 375 px has no horizontal scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

const SHOTS = '/tmp/shots-h/';
mkdirSync(SHOTS, { recursive: true });

let s;
before(async () => {
  s = await open();
  await load(s, '#toc');
  await s.page.waitForSelector('#area-toc .toc-diagram-svg');
  await $('[data-testid="toc-example"]').selectOption('alianza');
  await $('[data-testid="toc-load"]').click();
  await s.page.waitForSelector('#area-toc [data-testid="toc-chart-ind_susp_gap"]');
});
after(async () => { await s?.close(); });

const $ = (selector) => s.page.locator(`#area-toc ${selector}`);
const chart = (id) => $(`[data-testid="toc-chart-${id}"]`);
async function download(locator) {
  const [d] = await Promise.all([s.page.waitForEvent('download'), locator.click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}
const csv = (name, text) => $('[data-testid="toc-csv-file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('Alianza opens as of its own window, with Figure 2 (suspensions), Figure 7 (ratio from data) and Figure 4 (timeline)', async () => {
  assert.equal(await $('[data-testid="toc-asof"]').inputValue(), '2020-06-30');
  // Figure 2: middle- and high-school suspension rates, 10% and 6% in 2013-14.
  for (const [id, value] of [['ind_susp_middle', '10'], ['ind_susp_high', '6']]) {
    const row = chart(id).locator('tbody tr:not(.toc-chart-gap)', { hasText: '2013-14' });
    assert.equal(await row.locator('td').first().textContent(), value);
    assert.match(await chart(id).locator('svg').getAttribute('aria-label'), /Suspension rate.*2013-14 \(/);
  }
  // Figure 7: the ratio is computed by the engine from the two series (10 / 6), the source's 1.8 beside it;
  // 2018-19 has no high-school rate, so the source's 1.3 is shown as stated.
  const gap = chart('ind_susp_gap');
  assert.match(await gap.locator('figcaption').textContent(), /ratio computed by the engine/);
  const first = gap.locator('tbody tr:not(.toc-chart-gap)', { hasText: '2013-14' });
  assert.equal(await first.locator('td').first().textContent(), (10 / 6).toFixed(2));
  assert.match(await first.textContent(), /computed \(the source states 1\.8\)/);
  const last = gap.locator('tbody tr:not(.toc-chart-gap)', { hasText: '2018-19' }).last();
  assert.equal(await last.locator('td').first().textContent(), '1.3');
  assert.match(await last.textContent(), /stated in the source/);
  assert.equal(await gap.locator('[data-testid="toc-chart-target"]').count(), 1);
  // Figure 4: the timeline strip above the charts, dated events placed, the undated ones listed.
  const strip = $('[data-testid="toc-timeline-svg"]');
  assert.match(await strip.getAttribute('aria-label'), /4 dated events from 2014 to 2018-19; 9 more without a date/);
  assert.equal(await $('.toc-timeline-event').count(), 4);
  const kinds = await $('.toc-timeline-event').evaluateAll((gs) => gs.map((g) => [g.dataset.kind, g.querySelector('circle, path').tagName]));
  assert.ok(kinds.some(([k, tag]) => k === 'milestone' && tag === 'path') && kinds.some(([k]) => k === 'flashpoint'));
  assert.equal(await $('[data-testid="toc-timeline-legend"] li').count(), 3);
  assert.match(await $('[data-testid="toc-timeline-table"]').textContent(), /RJ is included in the LCAP.*no date in the source/);
  const [tl, ch] = await Promise.all([strip.boundingBox(), chart('ind_susp_middle').locator('svg').boundingBox()]);
  assert.ok(tl.y < ch.y, 'the timeline stands above the charts');
  assert.equal(Math.round(tl.x), Math.round(ch.x), 'same time axis: same left edge');
  assert.equal(Math.round(tl.width), Math.round(ch.width), 'same time axis: same width');
  await $('[data-testid="toc-evidence-card"]').screenshot({ path: `${SHOTS}evidence-en-desktop.png` });
  assert.deepEqual(s.errors, []);
});

test('a missing year breaks the line: no line through 2014-15 … 2017-18, the table says so', async () => {
  const middle = chart('ind_susp_middle');
  assert.equal(await middle.locator('[data-line="series"]').count(), 0);
  assert.equal(await middle.locator('circle[data-period]').count(), 2);
  assert.match(await middle.locator('[data-testid="toc-chart-gap"]').textContent(), /No data between 2013-14 and 2018-19/);
});

test('every picture exports as SVG and PNG (a file, no network)', async () => {
  const svgFile = await download(chart('ind_susp_gap').locator('[data-testid="toc-img-svg"]'));
  assert.equal(svgFile.name, 'alianza-ind_susp_gap.svg');
  const text = svgFile.bytes.toString('utf8');
  assert.match(text, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(!/class=/.test(text), 'styles are inline, no stylesheet classes');
  const png = await download(chart('ind_susp_gap').locator('[data-testid="toc-img-png"]'));
  assert.equal(png.name, 'alianza-ind_susp_gap.png');
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const timeline = await download($('[data-testid="toc-timeline"] [data-testid="toc-img-png"]'));
  assert.equal(timeline.name, 'alianza-timeline.png');
  assert.ok(timeline.bytes.length > 1000);
  const diagram = await download($('.toc-diagram-card [data-testid="toc-img-svg"]'));
  assert.equal(diagram.name, 'alianza-diagram.svg');
  assert.match(diagram.bytes.toString('utf8'), /<svg[^>]*width="\d+"/);
  const diagramPng = await download($('.toc-diagram-card [data-testid="toc-img-png"]'));
  assert.deepEqual([...diagramPng.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});

test('a DataQuest-shaped CSV imports, with a positioned issue; its counts give an interval band', async () => {
  await $('[data-testid="toc-csv-edit"] summary').click();
  await csv('dataquest.csv', [
    'Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate',
    '2015-16,Bobby Duke Middle,All Students,1012,121,12.0',
    '2016-17,Bobby Duke Middle,All Students,998,104,10.4',
    '2017-18,Bobby Duke Middle,All Students,1003,oops,9.6',
  ].join('\n'));
  assert.match(await $('[data-testid="toc-csv-summary"]').textContent(), /a long file, 3 data rows, 1 series, 1 rows or cells left out/);
  const issue = $('[data-testid="toc-csv-issues"] tbody tr').first();
  assert.equal(await issue.getAttribute('data-code'), 'not_a_number');
  assert.match(await issue.textContent(), /^4.*5 \(Suspension Count\).*not a number.*oops/);
  await $('[data-testid="toc-csv-map"]').first().selectOption('ind_bobby_duke');
  await $('[data-testid="toc-csv-add"]').click();
  await s.page.waitForFunction(() => document.querySelector('#area-toc [data-testid="toc-chart-ind_bobby_duke"] polygon'));
  const bobby = chart('ind_bobby_duke');
  assert.equal(await bobby.locator('[data-line="series"]').count(), 1);
  const row = bobby.locator('tbody tr:not(.toc-chart-gap)', { hasText: '2015-16' });
  // The file states the rate (12.0); the counts give the Wilson interval around 121 / 1012.
  const [, lo, hi] = (await row.textContent()).match(/^2015-1612(\d+\.\d) – (\d+\.\d)/);
  assert.ok(Number(lo) < 100 * 121 / 1012 && 100 * 121 / 1012 < Number(hi), `${lo} – ${hi}`);
  // A bad file: no year column. The error names the header row and the missing column.
  await csv('bad.csv', 'School Name,Suspension Rate\nBobby Duke,9.2\n');
  assert.match(await $('[data-testid="toc-csv-error"]').textContent(), /bad\.csv could not be imported: the header \(row 1\) has no year column/);
  assert.deepEqual(s.errors, []);
});

test('events and values are edited in the page; a period the engine cannot read is refused', async () => {
  await $('[data-testid="toc-events-edit"] summary').click();
  const before = await $('.toc-timeline-event').count();
  await $('[data-testid="toc-event-period"]').fill('2015-17');
  await $('[data-testid="toc-event-en"]').fill('Parent leaders meet the new superintendent');
  await $('[data-testid="toc-event-save"]').click();
  assert.match(await $('[data-testid="toc-event-msg"]').textContent(), /not kept/);
  await $('[data-testid="toc-event-period"]').fill('2016-17');
  await $('[data-testid="toc-event-kind"]').selectOption('flashpoint');
  await $('[data-testid="toc-event-save"]').click();
  await s.page.waitForFunction((n) => document.querySelectorAll('#area-toc .toc-timeline-event').length === n + 1, before);
  assert.match(await $('[data-testid="toc-evidence-status"]').textContent(), /Event ev_\d+ saved/);
  await $('[data-testid="toc-points-edit"] summary').click();
  await $('[data-testid="toc-point-indicator"]').selectOption('ind_susp_high');
  await $('[data-testid="toc-point-period"]').fill('2018-19');
  await $('[data-testid="toc-point-value"]').fill('6.6');
  await $('[data-testid="toc-point-add"]').click();
  // Now both rates exist for 2018-19: the engine computes the ratio (9.9 / 6.6) beside the stated 1.3.
  await s.page.waitForFunction(() => (document.querySelector('#area-toc [data-testid="toc-chart-table-ind_susp_gap"]')?.textContent ?? '').includes('the source states 1.3'));
  const last = chart('ind_susp_gap').locator('tbody tr:not(.toc-chart-gap)', { hasText: '2018-19' }).last();
  assert.equal(await last.locator('td').first().textContent(), '1.5');
  assert.deepEqual(s.errors, []);
});

test('Spanish, and 375 px without horizontal scroll', async () => {
  await s.page.click('[data-lang="es"]');
  await s.page.waitForFunction(() => document.querySelector('#area-toc [data-testid="toc-evidence-card"] h3')?.textContent === 'Evidencia en el tiempo');
  assert.match(await $('[data-testid="toc-timeline"] figcaption').textContent(), /Cronología de la campaña/);
  assert.match(await $('[data-testid="toc-timeline-svg"]').getAttribute('aria-label'), /eventos con fecha de 2014 a 2018-19/);
  assert.match(await chart('ind_susp_middle').locator('[data-testid="toc-chart-gap"]').textContent(), /Sin datos entre 2013-14 y 2018-19/);
  assert.match(await chart('ind_susp_gap').locator('figcaption').textContent(), /razón calculada por el motor/);
  assert.equal(await chart('ind_susp_gap').locator('[data-testid="toc-img-svg"]').getAttribute('aria-label'), 'Guardar ind_susp_gap como SVG');
  assert.equal(await $('.toc-diagram-card [data-testid="toc-img-png"]').getAttribute('aria-label'), 'Guardar Modelo lógico como PNG');
  await $('[data-testid="toc-evidence-card"]').screenshot({ path: `${SHOTS}evidence-es-desktop.png` });
  await s.page.setViewportSize({ width: 375, height: 800 });
  await s.page.waitForTimeout(200);
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal scroll of ${overflow}px at 375 px`);
  await $('[data-testid="toc-evidence-card"]').screenshot({ path: `${SHOTS}evidence-es-375.png` });
  await s.page.click('[data-lang="en"]');
  await s.page.waitForFunction(() => document.querySelector('#area-toc [data-testid="toc-evidence-card"] h3')?.textContent === 'Evidence over time');
  await $('[data-testid="toc-evidence-card"]').screenshot({ path: `${SHOTS}evidence-en-375.png` });
  await s.page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(s.errors, []);
});

test('the Gantt chart exports too (PASS); a model without goals shows no Gantt export', async () => {
  assert.equal(await $('.toc-schedule-card .toc-img-buttons').isVisible(), false);
  await $('[data-testid="toc-example"]').selectOption('pass');
  await $('[data-testid="toc-load"]').click();
  await s.page.waitForSelector('#area-toc .toc-gantt-svg');
  const gantt = await download($('.toc-schedule-card [data-testid="toc-img-svg"]'));
  assert.match(gantt.name, /-gantt\.svg$/);
  assert.match(gantt.bytes.toString('utf8'), /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*critical/);
  const png = await download($('.toc-schedule-card [data-testid="toc-img-png"]'));
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(s.errors, []);
});

test('events import from a CSV with Spanish headers: 2 good rows are added (Undo takes them out), the bad row is listed by row, column and code', async () => {
  await $('[data-testid="toc-example"]').selectOption('alianza');
  await $('[data-testid="toc-load"]').click();
  await s.page.waitForSelector('#area-toc [data-testid="toc-chart-ind_susp_gap"]');
  const details = $('[data-testid="toc-events-edit"]');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  const before = await $('.toc-timeline-event').count();
  await $('[data-testid="toc-events-csv-file"]').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from([
    'fecha,tipo,título_en,título_es,se_refiere_a,fuente,cita',
    '2015-16,Hito,A new superintendent,Una nueva superintendente,,Seed 000,"a new board and superintendent"',
    '2016-03-01,flashpoint,Bobby Duke demonstration,Manifestación en Bobby Duke,a_issue_trainings,,',
    '2015-17,milestone,Bad period,Periodo malo,nope,,',
  ].join('\n')) });
  await s.page.waitForFunction((n) => document.querySelectorAll('#area-toc .toc-timeline-event').length === n + 2, before);
  assert.match(await $('[data-testid="toc-events-csv-summary"]').textContent(), /events\.csv: 3 data rows, 2 events added, 1 rows left out/);
  const issues = $('[data-testid="toc-events-csv-issues"] tbody tr');
  assert.deepEqual(await issues.evaluateAll((rs) => rs.map((r) => r.dataset.code)), ['invalid_date', 'unknown_id']);
  assert.match(await issues.nth(0).textContent(), /^41 \(fecha\)the date cannot be read.*2015-17$/);
  assert.match(await issues.nth(1).textContent(), /^45 \(se_refiere_a\)the model has no activity, output or outcome with this id.*nope$/);
  assert.match(await $('[data-testid="toc-evidence-status"]').textContent(), /2 events added from events\.csv/);
  await $('[data-testid="toc-undo"]').click();
  await s.page.waitForFunction((n) => document.querySelectorAll('#area-toc .toc-timeline-event').length === n, before);
  assert.deepEqual(s.errors, []);
});
