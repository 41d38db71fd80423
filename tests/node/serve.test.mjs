// The local server's compression (scripts/serve.mjs, scripts/compress.mjs): a browser that
// accepts Brotli gets the `.br` copy `make build` wrote, byte for byte the file once decoded;
// one that does not, or a `.br` older than its file, gets gzip; `brotli: false` sends gzip only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { start } from '../../scripts/serve.mjs';

const body = 'export const x = 1;\n'.repeat(500);

function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, bytes: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

/** A copy of the repository with www/a.js and its Brotli copy, `brOffset` seconds newer than it. */
function root(brOffset) {
  const dir = mkdtempSync(join(tmpdir(), 'waterline-serve-'));
  mkdirSync(join(dir, 'www'));
  const file = join(dir, 'www', 'a.js');
  writeFileSync(file, body);
  writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(body)));
  const now = Date.now() / 1000;
  utimesSync(file, now, now);
  utimesSync(`${file}.br`, now + brOffset, now + brOffset);
  return dir;
}

test('Brotli when accepted and up to date; gzip otherwise; the same file either way', async () => {
  const dir = root(10);
  const { server, url } = await start(0, { root: dir });
  const plain = await start(0, { root: dir, brotli: false });
  try {
    const br = await get(`${url}www/a.js`, 'gzip, deflate, br, zstd');
    assert.equal(br.encoding, 'br');
    assert.equal(br.vary, 'accept-encoding');
    assert.equal(brotliDecompressSync(br.bytes).toString(), body);
    const gz = await get(`${url}www/a.js`, 'gzip, deflate');
    assert.equal(gz.encoding, 'gzip');
    assert.equal(gunzipSync(gz.bytes).toString(), body);
    const forced = await get(`${plain.url}www/a.js`, 'gzip, br');
    assert.equal(forced.encoding, 'gzip');
  } finally {
    server.close();
    plain.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Brotli copy older than its file is never sent', async () => {
  const dir = root(-10);
  const { server, url } = await start(0, { root: dir });
  try {
    const r = await get(`${url}www/a.js`, 'gzip, br');
    assert.equal(r.encoding, 'gzip');
    assert.equal(gunzipSync(r.bytes).toString(), body);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
