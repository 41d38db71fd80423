// A generated battery of hostile arguments over every export and class method of
// pkg/waterline.js (issue 15): deep nests, cycles, throwing getters, Proxies with throwing
// traps, revoked Proxies, detached and BigInt typed arrays, freed objects, huge/NaN/negative
// numbers, wrong types, Map/Date/array/function as options, inherited properties. Every call
// must return or throw an `Error` with a string `code`, and the instance must stay healthy
// (`wilson(1, 2)` still works) — also after 20,000 JavaScript-exception errors in a row.
// Seeded (BATTERY_SEED, default 15) and bounded (BATTERY_CALLS per export, default 40).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

const SEED = Number(process.env.BATTERY_SEED ?? 15);
const CALLS = Number(process.env.BATTERY_CALLS ?? 40);

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isClass = (f) => /^class\b/.test(Function.prototype.toString.call(f));
const functions = Object.keys(w).filter((k) => typeof w[k] === 'function' && !isClass(w[k])
  && k !== 'initSync' && k !== 'default');
const classes = Object.keys(w).filter((k) => typeof w[k] === 'function' && isClass(w[k]));

function healthy(context) {
  const r = w.wilson(1, 2);
  assert.equal(r.estimate, 0.5, `unhealthy after ${context}`);
}

/** Calls `f`; it must return, or throw an Error with a string code. */
function coded(context, f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error, `${context}: threw a non-Error ${String(e)}`);
    assert.equal(typeof e.code, 'string', `${context}: threw without a code: ${e.message}`);
    return e;
  }
  return null;
}

function deep(n, wrap) {
  let v = 1;
  for (let i = 0; i < n; i++) v = wrap(v);
  return v;
}

function detached() {
  const a = new Float64Array([1, 2, 3]);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

/** A freed instance of one of the classes (methods on it must fail with a code). */
function freed() {
  const s = new w.Survey(w.exampleSurveyCsv());
  s.free();
  return s;
}

/** Valid values each argument position may get, so that calls reach past the first check. */
const good = () => [
  0, 1, 2, 0.5, 10, 113, 0.95, 'x', '', w.exampleSurveyCsv?.(), w.defaultRubric?.(),
  w.exampleRound?.(), w.examplePassModel?.(), new Float64Array([1, 2, 3, 4]), [1, 2, 3, 4],
  { level: 0.9 }, {}, undefined, null,
];

/** Hostile values, made fresh for each call (some are consumed: detached, revoked, freed). */
const hostile = [
  () => deep(5000, (v) => ({ a: v })),
  () => deep(100000, (v) => [v]),
  () => { const o = { op: 'reweight', id: 'policies', weight: 2 }; o.self = o; return o; },
  () => { const a = [1]; a.push(a); return a; },
  () => ({ get level() { throw new Error('getter'); } }),
  () => ({ op: 'reweight', get id() { throw 42; } }),
  () => new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } }),
  () => new Proxy({ level: 0.5 }, { get() { throw new Error('get'); } }),
  () => new Proxy({}, { getPrototypeOf() { throw new Error('proto'); } }),
  () => new Proxy([1, 2], { get(t, k) { if (k === 'length') throw new Error('length'); return t[k]; } }),
  () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; },
  () => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; },
  detached,
  () => new BigInt64Array(3),
  () => new Int8Array(3),
  () => new DataView(new ArrayBuffer(8)),
  () => Object.defineProperty(new Float64Array(2), 'length', { value: 9 }),
  () => { const a = new Float64Array(2); Object.defineProperty(a, 'length', { get() { throw new Error('len'); } }); return a; },
  freed,
  () => 1e308, () => -1e308, () => NaN, () => Infinity, () => -Infinity, () => -1, () => -0,
  () => 2 ** 53 + 2, () => 1e-320, () => 4294967296,
  () => 'x'.repeat(100000), () => '\u{0}\u{d800}', () => Symbol('s'), () => 10n,
  () => function f() {}, () => () => 1, () => new Map([['level', 0.5]]), () => new Set([1]),
  () => new Date(0), () => /re/, () => new Error('e'), () => Promise.resolve(1),
  () => [0.5], () => [], () => { const a = []; a.length = 1e7; return a; }, () => Object.create({ level: 0.5 }),
  () => Object.create(null), () => new (class Options { constructor() { this.level = 0.5; } })(),
  () => ({ level: '0.5' }), () => ({ level: 0.5, extra: 1 }), () => ({ toJSON() { return 1; } }),
  () => new Number(1), () => new String('s'), () => true, () => null, () => undefined,
  () => ({ [Symbol('k')]: 1 }), () => ({ __proto__: { op: 'remove' }, id: 'policies' }),
];

function argsFor(random, arity) {
  const n = Math.max(arity, 1) + (random() < 0.2 ? 1 : 0);
  const pool = good();
  return Array.from({ length: n }, () => (random() < 0.5
    ? hostile[Math.floor(random() * hostile.length)]()
    : pool[Math.floor(random() * pool.length)]));
}

test('every export answers hostile arguments with a result or a coded Error', () => {
  assert.ok(functions.length > 40, `found ${functions.length} functions`);
  const random = rng(SEED);
  for (const name of functions) {
    for (let i = 0; i < CALLS; i++) {
      const args = argsFor(random, w[name].length);
      coded(`${name} #${i}`, () => w[name](...args));
    }
    healthy(name);
  }
});

test('every class method answers hostile arguments, on live and on freed objects', () => {
  const random = rng(SEED + 1);
  const makers = {
    Survey: () => new w.Survey(w.exampleSurveyCsv()),
    LogicModel: () => new w.LogicModel(w.examplePassModel()),
    SurveyStream: () => { const s = new w.Survey(w.exampleSurveyCsv()); const m = s.mapping(); s.free(); return new w.SurveyStream(m); },
  };
  assert.deepEqual(classes.sort(), Object.keys(makers).sort());
  for (const cls of classes) {
    for (let i = 0; i < CALLS; i++) {
      const args = argsFor(random, w[cls].length);
      coded(`new ${cls} #${i}`, () => new w[cls](...args));
    }
    const methods = Object.getOwnPropertyNames(w[cls].prototype)
      .filter((m) => m !== 'constructor' && !m.startsWith('__') && typeof w[cls].prototype[m] === 'function');
    const live = makers[cls]();
    for (const m of methods.filter((m) => m !== 'free')) {
      for (let i = 0; i < CALLS; i++) {
        const args = argsFor(random, live[m].length);
        coded(`${cls}.${m} #${i}`, () => live[m](...args));
      }
      const dead = makers[cls]();
      dead.free();
      const e = coded(`freed ${cls}.${m}`, () => dead[m](...argsFor(random, 0)));
      assert.ok(e, `freed ${cls}.${m} must throw`);
      healthy(`${cls}.${m}`);
    }
    live.free();
  }
  healthy('classes');
});

test('20,000 JavaScript exceptions in a row leave the instance healthy', () => {
  const rubric = w.defaultRubric();
  const survey = new w.Survey(w.exampleSurveyCsv());
  const dead = freed();
  const cases = [
    () => w.wilson(1, 2, { get level() { throw new Error('getter'); } }),
    () => w.wilson(1, 2, new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } })),
    () => w.wilsonMany(detached(), new Float64Array([2, 2, 2])),
    () => w.editRubric(rubric, { op: 'reweight', id: 'policies', weight: 2, get extra() { throw 1; } }),
    () => survey.report({ get level() { throw new Error('getter'); } }),
    () => survey.setMapping(new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } })),
    () => dead.report(),
    () => dead.setMapping({}),
  ];
  for (let i = 0; i < 20000; i++) {
    const e = coded(`exception #${i}`, cases[i % cases.length]);
    assert.ok(e, `case ${i % cases.length} must throw`);
  }
  healthy('20,000 exceptions');
  // The survey object is still usable (no borrow was left behind).
  survey.setMapping(survey.mapping());
  assert.ok(survey.report());
  survey.free();
});
