// The service worker: waterline works offline after its first visit, and an update never mixes
// a new page with an old engine.
//
// `sw-version.js` (written by `make build`, scripts/precache.mjs) lists every file of one build
// with its SHA-256. Installing a build fetches that whole list (revalidated, so unchanged files
// cost a 304), checks every body against its hash, and stores the set in a cache named for the
// build; a file that does not match (a deploy half done) fails the install and the old build
// stays. The page is then served from its own build's cache only; a new build waits until the
// page asks for it (the "new version" notice in the page) or every tab is closed, and its
// activation deletes the older caches. The browser notices a new build because it compares
// imported scripts byte for byte when it checks this worker for updates.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
worker.importScripts('./sw-version.js');

/** @type {{version: string, files: Record<string, string>}} */
const BUILD = /** @type {any} */ (worker).WATERLINE_BUILD;
const PREFIX = 'waterline-';
const CACHE = PREFIX + BUILD.version;

async function hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches and checks every file of the build, then stores them all, or none. */
async function install() {
  const entries = await Promise.all(Object.entries(BUILD.files).map(async ([path, sha]) => {
    const url = new URL(path, worker.location.href).href;
    const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.clone().arrayBuffer();
    if (await hex(body) !== sha) throw new Error(`${path}: not the file of build ${BUILD.version}`);
    return /** @type {[string, Response]} */ ([url, response]);
  }));
  const cache = await caches.open(CACHE);
  await Promise.all(entries.map(([url, response]) => cache.put(url, response)));
}

worker.addEventListener('install', (event) => {
  event.waitUntil(install());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // The first build takes over the page that installed it, so that page already works offline.
    await worker.clients.claim();
  })());
});

// The page's "new version" notice asks the waiting build to take over.
worker.addEventListener('message', (event) => {
  if (event.data?.type === 'activate') worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Queries are ignored: every cached file is static, and the engine imports its glue a second
    // time as `waterline.js?instance=1` for a spare instance (www/engine.js).
    const hit = await cache.match(request, { ignoreSearch: true });
    return hit ?? fetch(request);
  })());
});
