// www/worker.js recovers from a trap too (issue 15): run in Node with a stand-in for the
// worker global, the engine instance is broken on purpose, the failing operation reports
// `internal` with `details.restarted`, the worker takes a new instance name (old handles fail
// with `stale_handle`) and later operations work.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const messages = [];
globalThis.self = new EventTarget();
self.postMessage = (message) => messages.push(message);
const engine = await import('../../www/engine.js');
await import('../../www/worker.js');

let nextId = 1;
async function send(op, args) {
  const id = nextId++;
  self.dispatchEvent(Object.assign(new Event('message'), { data: { id, op, args } }));
  for (let i = 0; i < 500; i++) {
    const reply = messages.find((m) => m.id === id && !m.progress);
    if (reply) return reply;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no reply to ${op}`);
}

test('after a trap the worker answers with a fresh instance and refuses old handles', async () => {
  await engine.ready;
  for (let i = 0; i < 200 && !engine.health().spare; i++) await new Promise((r) => setTimeout(r, 10));
  const first = (await send('instance')).value;
  const handle = (await send('create', { cls: 'Survey', args: [engine.wasm.exampleSurveyCsv()] })).value;
  assert.equal((await send('checked', { instance: first, op: 'invoke', args: { handle, method: 'issues', args: [] } })).ok, true);
  const raw = engine.wasm.initSync();
  for (let i = 1; i <= 400000; i++) {
    try { raw.survey_issues(0); } catch { /* leaks stack until the instance traps */ }
    if (i % 5000 === 0) {
      try { engine.wasm.wilson(1, 2); } catch (e) { if (e instanceof WebAssembly.RuntimeError) break; }
    }
  }
  const trapped = await send('call', { name: 'wilson', args: [1, 2] });
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'internal');
  assert.equal(trapped.error.details.restarted, 'yes');
  const second = (await send('instance')).value;
  assert.notEqual(second, first);
  const stale = await send('checked', { instance: first, op: 'invoke', args: { handle, method: 'issues', args: [] } });
  assert.equal(stale.error.code, 'stale_handle');
  const ok = await send('call', { name: 'wilson', args: [1, 2] });
  assert.equal(ok.value.estimate, 0.5);
});
