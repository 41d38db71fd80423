// What the page's JavaScript (www/, checked by www/tsconfig.json) uses beyond the DOM: engine.js
// reads the wasm file with node:fs when it runs under Node (tests/node), never in the browser.
declare module 'node:fs/promises' {
  export function readFile(path: URL): Promise<Uint8Array<ArrayBuffer>>;
}
