// Shared set-up for browser tests: the local static server, Debian's Chromium driven by
// playwright-core, a fresh user-data dir, and a log of every request the page makes.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../../scripts/serve.mjs';

export const screenshots = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

/**
 * Starts server + browser; returns { page, url, requests, errors, close }. The service worker
 * is blocked unless `serviceWorkers: 'allow'` (tests/browser/offline.test.mjs), so the other
 * tests see the network as the page makes its requests; `root` serves a copy of the repository;
 * `brotli: false` has the server send gzip only (scripts/serve.mjs).
 */
export async function open({ lang, bypassCSP = false, serviceWorkers = 'block', root, brotli = true } = {}) {
  const { server, url } = await start(0, { ...(root ? { root } : {}), brotli });
  const profile = mkdtempSync(join(tmpdir(), 'waterline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: lang ?? 'en-US',
    viewport: { width: 1280, height: 900 },
    bypassCSP,
    serviceWorkers,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const origin = new URL(url).origin;
  return {
    page, url, origin, requests, errors, server, context,
    /** Every request went to the local server (or was a data:/blob: URL). */
    foreignRequests: () => requests.filter((r) => !r.startsWith(origin + '/') && !/^(data|blob):/.test(r)),
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Loads the page and waits until the engine reports ready. */
export async function load(session, hash = '') {
  await session.page.goto(`${session.url}www/${hash}`);
  await session.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 15000 });
}
