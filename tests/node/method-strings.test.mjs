// The method cards' text (www/methods/strings.{en,es}.js), one module per language since issue 21:
// the two tables have the same keys, no empty text, and a name for every method tag the engine
// gives a reference for (src/method_info.rs TABLE), so no card falls back to a bare tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import en from '../../www/methods/strings.en.js';
import es from '../../www/methods/strings.es.js';

test('the English and Spanish method tables have the same keys and no empty text', () => {
  assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  for (const [key, text] of [...Object.entries(en), ...Object.entries(es)]) assert.ok(text.trim(), key);
});

test('every method tag the engine references has a name and a description in both languages', () => {
  const source = readFileSync(new URL('../../src/method_info.rs', import.meta.url), 'utf8');
  const tags = [...source.matchAll(/info\(\s*[SCT],\s*"([a-z0-9_]+)"/g)].map((m) => m[1]);
  assert.ok(tags.length > 40, `${tags.length} tags read`);
  const missing = tags.filter((tag) => !en[`method.name.${tag}`] || !en[`method.about.${tag}`]);
  assert.deepEqual(missing, []);
});
