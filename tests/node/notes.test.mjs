// Every note code the engine can emit has a text in English and in Spanish (issue 16): the
// page never falls back to a code, and never to the other language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as engine from '../../www/engine.js';
import { hasIn, loadAll } from '../../www/i18n.js';

const www = fileURLToPath(new URL('../../www/', import.meta.url));

/** Every string table of the page: www/notes*.js and every strings*.js under www/. */
function stringModules(dir = www) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...stringModules(path));
    else if (/^(strings[^/]*|notes[^/]*)\.js$/.test(name)) found.push(path);
  }
  return found;
}

test('the page renders every note code in English and Spanish', async () => {
  for (const path of stringModules()) await import(pathToFileURL(path).href);
  await loadAll(); // the tables that load per language (i18n.registerLanguages)
  await engine.ready;
  const codes = engine.wasm.noteCodes();
  assert.ok(codes.length > 0);
  const missing = [];
  for (const code of codes) {
    for (const language of ['en', 'es']) {
      if (!hasIn(language, `note.${code}`)) missing.push(`${language}: note.${code}`);
    }
  }
  assert.deepEqual(missing, [], `strings missing (tables read: ${stringModules().map((p) => relative(www, p)).join(', ')})`);
});
