// Writes tests/data/project_v1.json: the project file the page saves with the built-in examples
// loaded, with a few user edits (schema version 1). Kept as a fixture: every later schema must
// still open it (tests/browser/project.test.mjs). Run: node tests/browser/make-project-fixture.mjs
import { writeFileSync, readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

const s = await open();
await load(s);
await s.page.fill('#area-survey input[name="x"]', '62');
await s.page.fill('#area-survey input[name="n"]', '113');
await s.page.waitForTimeout(400);
const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
project.savedAt = '2026-11-24T00:00:00.000Z';
writeFileSync(new URL('../data/project_v1.json', import.meta.url), JSON.stringify(project, null, 2) + '\n');
await s.close();
console.log('wrote tests/data/project_v1.json');
