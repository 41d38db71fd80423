// The page's first script (www/index.html, before the page's own modules; it imports nothing,
// so it runs as soon as it arrives): asks at once for the engine build the opened area needs.
//
// Why (issue 21 item 5, the first result on a slow phone): that build is most of the bytes
// before the first result (287–336 KiB gzipped of 380–425), yet it used to be requested only
// once main.app.js and the modules it imports had arrived and run: two round trips later, about
// 0.45 s at 150 ms latency, with the link idle meanwhile (bench/throttled.mjs).
//
// www/engine.js takes the response when it loads the same URL, and fetches for itself when it
// loads another one: should this guess ever differ from main.js's choice, it costs bytes, never
// a wrong engine (tests/browser/first-load.test.mjs fails if a second build is fetched before
// the first result). The rule is main.js's: the area named by the URL's hash (#proposals, #toc,
// #evidence; Evidence needs the whole engine), else Survey.

/** The build each area loads first (www/engine.js BUILDS, www/main.js FIRST_RESULT). */
const FIRST_BUILD = { survey: '../pkg/survey/', proposals: '../pkg/proposals/', toc: '../pkg/toc/', evidence: '../pkg/' };

// This script is `async` (it runs as soon as it arrives, not after the style sheet), so on a
// fast network main.app.js may run first: engine.js then leaves `{ taken: true }` and fetches
// for itself, and this script asks for nothing (the engine is never downloaded twice).
if (!(/** @type {any} */ (globalThis).waterlineEarly?.taken)) {
  const area = location.hash.slice(1);
  const dir = Object.hasOwn(FIRST_BUILD, area) ? FIRST_BUILD[area] : FIRST_BUILD.survey;
  const url = new URL(`${dir}waterline_bg.wasm`, import.meta.url).href;
  const response = fetch(url);
  response.catch(() => {}); // engine.js reports a failed load (it fetches again and says why)
  /** Read once by www/engine.js (`early`). */
  /** @type {any} */ (globalThis).waterlineEarly = { url, response };
}
