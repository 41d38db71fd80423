// www/style.css stays well formed: every block closes before the next area's section begins.
// (An unclosed `@media print {` once swallowed the whole Proposals and Survey sections, whose
// rules then applied only when printing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../www/style.css', import.meta.url), 'utf8');

test('every block of style.css closes before the next section header', () => {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (ch === '\n') line++;
    else if (ch === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      assert.ok(end > 0, `unclosed comment at line ${line}`);
      const comment = css.slice(i, end + 2);
      if (comment.startsWith('/* ==')) assert.equal(depth, 0, `section header at line ${line} inside an open block`);
      line += comment.split('\n').length - 1;
      i = end + 1;
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      assert.ok(depth >= 0, `unmatched } at line ${line}`);
    }
  }
  assert.equal(depth, 0, 'a block is still open at the end of the file');
});
