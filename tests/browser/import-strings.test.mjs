// Every coded message the engine's survey import sends has its text in English and Spanish:
// import issue codes (the ImportIssueCode type of the bindings) and proposal reasons (the codes
// the Rust sources construct); report notices are notes, see tests/node/notes.test.mjs. The page renders them only from these
// tables, so a code without a string would show as a bare code. (Runs without a browser.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');

/** The keys of a table (`export default { 'key': text, … }`). */
const keysOf = (path) => new Set([...read(path).matchAll(/^\s+'([\w.-]+)':/gm)].map((m) => m[1]));
/** The Survey area's tables, one per language (www/areas/survey/strings.{en,es}.js). */
const tables = () => ({ en: keysOf('www/areas/survey/strings.en.js'), es: keysOf('www/areas/survey/strings.es.js') });

const { en, es } = tables();

function rustCodes(pattern) {
  const out = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(new URL(dir, root), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}${e.name}/`);
      else if (e.name.endsWith('.rs')) for (const m of read(`${dir}${e.name}`).matchAll(pattern)) out.add(m[1]);
    }
  };
  walk('src/survey/');
  return [...out];
}

test('the Survey area\'s strings exist in both languages', () => {
  const t = tables();
  assert.deepEqual([...t.en].filter((k) => !t.es.has(k)), [], 'English keys missing in Spanish');
  assert.deepEqual([...t.es].filter((k) => !t.en.has(k)), [], 'Spanish keys missing in English');
});

test('every import issue code has a name and a meaning, in English and Spanish', () => {
  // The codes an import issue can carry are listed in the doc comment of `Issue::code`
  // (src/survey/issues.rs; the generated type is the whole ErrorCode union).
  const rs = read('src/survey/issues.rs');
  const at = rs.indexOf('/// Stable code:');
  const doc = rs.slice(at, rs.indexOf('pub code: Code', at));
  const codes = [...doc.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
  assert.ok(codes.includes('replacement_character') && codes.includes('duplicate_resubmission'), codes.join());
  for (const code of codes) {
    for (const key of [`survey.issue.${code}`, `survey.issueText.${code}`]) {
      assert.ok(en.has(key), `${key} (en)`);
      assert.ok(es.has(key), `${key} (es)`);
    }
  }
});

test('every proposal reason the engine constructs has its text', () => {
  // Report notices are notes now (`note.<code>`, checked for every NoteCode by
  // tests/node/notes.test.mjs).
  const reasons = rustCodes(/Reason::new\("([a-z_]+)"\)/g);
  assert.ok(reasons.includes('direction_assumed'));
  for (const code of reasons) for (const d of [en, es]) assert.ok(d.has(`survey.reason.${code}`), `survey.reason.${code}`);
});
