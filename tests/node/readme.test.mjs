// Runs every ```js block of README.md and docs/api.md in Node against pkg/, so the documented examples cannot
// rot. A block may `import ... from './pkg/waterline.js'` and read './pkg/…' files: the paths
// are resolved against the repository root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = ['README.md', 'docs/api.md'];
const blocks = docs.flatMap((doc) => [...readFileSync(join(root, doc), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)]
  .map((m, i) => ({ doc, i, source: m[1] })));

test('the README and docs/api.md have JavaScript examples', () => {
  for (const doc of docs) assert.ok(blocks.some((b) => b.doc === doc), doc);
});

for (const { doc, i, source } of blocks) {
  test(`${doc} example ${i + 1} runs in Node`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'waterline-readme-'));
    const file = join(dir, `example-${i + 1}.mjs`);
    const code = source.replaceAll("'./pkg/", `'${pathToFileURL(join(root, 'pkg')).href}/`);
    writeFileSync(file, code);
    try {
      execFileSync(process.execPath, [file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      assert.fail(`${doc} example ${i + 1} failed:\n${source}\n${e.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
