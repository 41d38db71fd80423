// Text fitting for the area's SVG charts: labels are wrapped into the boxes the engine laid
// out, measured with a canvas. SVG elements come from the page's one builder, www/svg.js.

import { svg } from '../../svg.js';

/** The page's one SVG builder (www/svg.js), re-exported for the area's charts. */
export { svg };

let context = null;
let family = null;
const cache = new Map();

/** Width in CSS pixels of `text` at `size` px (optionally bold) in the page's font. */
export function textWidth(text, size, bold = false) {
  if (!context) {
    context = document.createElement('canvas').getContext('2d');
    family = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
  }
  const key = `${size}|${bold}|${text}`;
  let w = cache.get(key);
  if (w === undefined) {
    context.font = `${bold ? '600 ' : ''}${size}px ${family}`;
    w = context.measureText(text).width;
    if (cache.size > 20000) cache.clear();
    cache.set(key, w);
  }
  return w;
}

/** Greedy word wrap of `text` into lines no wider than `width` (long words are broken). */
export function wrap(text, width, size, bold = false) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const lines = [];
  let line = '';
  for (let word of words) {
    while (textWidth(word, size, bold) > width && word.length > 1) {
      // Break an over-long word at the widest prefix that fits (with a hyphen).
      let cut = word.length - 1;
      while (cut > 1 && textWidth(`${word.slice(0, cut)}-`, size, bold) > width) cut--;
      if (line) { lines.push(line); line = ''; }
      lines.push(`${word.slice(0, cut)}-`);
      word = word.slice(cut);
    }
    const next = line ? `${line} ${word}` : word;
    if (!line || textWidth(next, size, bold) <= width) line = next;
    else { lines.push(line); line = word; }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Fits `text` into a box `width` × `height` (inner size): tries font sizes from `sizes`,
 * largest first; at the smallest, cuts the last line with an ellipsis.
 * Returns { size, lineHeight, lines, cut }.
 */
export function fit(text, width, height, sizes = [12, 11, 10], bold = false) {
  for (const size of sizes) {
    const lineHeight = size + 4;
    const max = Math.max(1, Math.floor((height + 4) / lineHeight));
    const lines = wrap(text, width, size, bold);
    if (lines.length <= max) return { size, lineHeight, lines, cut: false };
    if (size === sizes.at(-1)) {
      const kept = lines.slice(0, max);
      let last = kept[max - 1];
      while (last.length > 1 && textWidth(`${last}…`, size, bold) > width) last = last.slice(0, -1);
      kept[max - 1] = `${last}…`;
      return { size, lineHeight, lines: kept, cut: true };
    }
  }
  return { size: sizes.at(-1), lineHeight: sizes.at(-1) + 4, lines: [text], cut: false };
}

/** A <text> of wrapped lines centred vertically on `cy`, starting at x (or centred on x with anchor). */
export function textBlock(fitted, x, cy, attrs = {}, lang = null) {
  const top = cy - (fitted.lines.length * fitted.lineHeight) / 2 + fitted.size - 1;
  return svg('text', { x, y: top, 'font-size': fitted.size, lang, ...attrs },
    fitted.lines.map((line, i) => svg('tspan', { x, dy: i === 0 ? 0 : fitted.lineHeight, text: line })));
}
