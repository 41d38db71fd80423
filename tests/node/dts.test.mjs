// pkg/waterline.d.ts gives real types for every export: no `any` in the signature of an
// exported function or class method (wasm-bindgen's own init helpers excepted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const dts = readFileSync(new URL('../../pkg/waterline.d.ts', import.meta.url), 'utf8');
const body = dts.split('export type InitInput')[0];

test('no export of pkg/waterline.d.ts is typed any', () => {
  const signatures = body.split('\n').filter((l) => /^\s*(export function|export class|\s+[a-zA-Z]+\(.*\):)/.test(l));
  assert.ok(signatures.length > 40, `${signatures.length} signatures`);
  const loose = signatures.filter((l) => /\bany\b/.test(l));
  assert.deepEqual(loose, []);
});
