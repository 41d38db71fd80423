// importSeriesCsvColumns (issue 17, T3) carries exactly what importSeriesCsv carries, in typed
// arrays: the same series, periods and values, NaN for every missing count — also for a wide
// file, whose counts the engine no longer copies but fills on the JavaScript side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

const LONG = 'Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate\n'
  + '2018-19,Bobby Duke Middle,All Students,1000,92,9.2\n2013-14,Bobby Duke Middle,All Students,1000,135,13.5\n'
  + '2013-14,Toro,All Students,,,10.0\n2013-14,Toro,All Students,800,80,10\n';
const WIDE = 'entity,group,2014,2013-14,2015\nA,g,1,2,\nB,,,,\nC,h,3,x,4.5\n';

function objects(cols) {
  return cols.entities.map((entity, k) => {
    const points = [];
    for (let i = cols.offsets[k]; i < cols.offsets[k + 1]; i++) {
      const num = (x) => (Number.isNaN(x) ? null : x);
      points.push({ period: cols.periods[cols.periodIndex[i]], value: num(cols.value[i]),
        numerator: num(cols.numerator[i]), denominator: num(cols.denominator[i]) });
    }
    return { entity, group: cols.groups[k], points };
  });
}

for (const [name, text] of [['long', LONG], ['wide', WIDE]]) {
  test(`the columns of a ${name} file are the objects importSeriesCsv gives`, () => {
    const cols = w.importSeriesCsvColumns(text);
    const obj = w.importSeriesCsv(text);
    assert.equal(cols.shape, obj.shape);
    assert.equal(cols.nRows, obj.nRows);
    assert.deepEqual(cols.issues, obj.issues);
    const n = cols.value.length;
    for (const k of ['periodIndex', 'numerator', 'denominator']) assert.equal(cols[k].length, n, k);
    const expected = obj.series.map((s) => ({ entity: s.entity, group: s.group ?? null,
      points: s.points.map((p) => ({ period: p.period, value: p.value ?? null, numerator: p.numerator ?? null, denominator: p.denominator ?? null })) }));
    assert.deepEqual(objects(cols), expected);
  });
}
