// A static file server for the repository root, bound to 127.0.0.1 only.
// `/` redirects to the page in www/; the page loads the engine from /pkg/.
// Every response carries the page's Content-Security-Policy as a header: a <meta> policy
// covers the document only, while a header also binds the module worker (www/worker.js and
// its imports, which take their policy from their own response) and can forbid framing
// (`frame-ancestors` is ignored in <meta>). README "Deploying on a static host" lists the
// same headers for other servers.
// Usage: node scripts/serve.mjs [port]   (port 0 picks a free one)
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy sent with every response (the <meta> in www/index.html repeats the document part). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response, the 302 and the 404 included. */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** What is sent compressed (scripts/compress.mjs writes Brotli copies of the same kinds). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.csv', '.svg', '.webmanifest']);
const compressed = new Map();
/** The gzip of `body`, computed once per file version. */
function gzipped(file, etag, body) {
  const hit = compressed.get(file);
  if (hit?.etag === etag) return hit.body;
  const out = gzipSync(body, { level: 9 });
  compressed.set(file, { etag, body: out });
  return out;
}

/** The Brotli copy of `file` (scripts/compress.mjs), if there is one at least as new as it. */
function brotliCopy(file, info) {
  try {
    const br = statSync(`${file}.br`);
    return br.mtimeMs >= info.mtimeMs ? `${file}.br` : null;
  } catch {
    return null;
  }
}

/**
 * Starts the server; resolves to { server, url }. Only the top-level folders in `dirs` are
 * served (the page needs www/ and pkg/; the benchmarks add bench/ and node_modules/). `root`
 * (default: the repository) lets a test serve a copy it changes, as a new deploy would.
 * `brotli: false` sends gzip even to a browser that accepts Brotli (the sizes are gzip's).
 */
export function start(port = 8080, { dirs = ['www', 'pkg'], root = repoRoot, brotli = true } = {}) {
  const server = createServer(async (req, res) => {
    // A test sets `server.cut = true` to act as a lost connection (tests/browser/offline.test.mjs).
    if (/** @type {any} */ (server).cut) { req.socket.destroy(); return; }
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      if (path === '/') {
        res.writeHead(302, { ...SECURITY_HEADERS, location: '/www/' });
        return res.end();
      }
      let file = normalize(join(root, path));
      const top = file.slice(root.length + 1).split(sep)[0];
      if (!file.startsWith(root + sep) || !dirs.includes(top)) throw Object.assign(new Error(), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) { file = join(file, 'index.html'); info = await stat(file); }
      // `no-cache` makes the browser ask every time; the validator turns an unchanged file into
      // a 304 (the service worker's install revalidates what the page has just loaded).
      const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      const headers = {
        ...SECURITY_HEADERS,
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        return res.end();
      }
      const accepts = req.headers['accept-encoding'] ?? '';
      const br = brotli && COMPRESSIBLE.has(extname(file)) && /\bbr\b/.test(accepts) ? brotliCopy(file, info) : null;
      let body = await readFile(br ?? file);
      // Compressed as a static host would (Brotli 11 made by `make build`, else gzip -9 kept per
      // file version): what a phone downloads is what bench/throttled.mjs measures.
      if (br) {
        headers['content-encoding'] = 'br';
        headers.vary = 'accept-encoding';
      } else if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(accepts)) {
        body = gzipped(file, etag, body);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 404 : 500, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    ok({ server, url: `http://127.0.0.1:${server.address().port}/` });
  }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await start(Number(process.argv[2] ?? 8080));
  console.log(`waterline is served at ${url}  (the page: ${url}www/; Ctrl-C stops)`);
}
