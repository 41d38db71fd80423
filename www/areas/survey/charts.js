// SVG charts of the survey report, built with createElementNS and textContent only. Every chart
// is role="img" with a summary in aria-label; the caller puts a data table next to it. Colour
// never carries meaning alone: segments carry their share as text, the legend names each
// colour, and disagreement always sits left of the centre line, agreement right of it.
import { percent } from '../../i18n.js';
import { svg } from '../../svg.js';

// ---- colours: a brown ramp for the disagree side, a blue ramp for the agree side, grey between.
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const toHex = (rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mix = (a, b, f) => toHex(hex(a).map((v, i) => v + (hex(b)[i] - v) * f));
const NEG = ['#7a2e0b', '#f2c4a6'];   // far (strongly disagree) → near
const POS = ['#08425e', '#a9d0e6'];   // far (strongly agree) → near
export const NEUTRAL = '#d9d9d9';
const INK = '#1b2430';

function luminance(h) {
  const [r, g, b] = hex(h).map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
/** White or dark ink, whichever reads better on `fill`. */
export const inkOn = (fill) => (contrast(fill, '#ffffff') >= contrast(fill, INK) ? '#ffffff' : INK);

/** The side of each of `k` ordered points: -1 disagree side, 0 neutral (middle of an odd scale), 1 agree side. */
export const sides = (k) => Array.from({ length: k }, (_, i) => (k % 2 === 1 && i === (k - 1) / 2 ? 0 : i < k / 2 ? -1 : 1));

/** Colours of `k` ordered points, lowest first. */
export function palette(k) {
  const s = sides(k);
  const m = s.filter((v) => v === -1).length;
  return s.map((side, i) => {
    if (side === 0) return NEUTRAL;
    const j = side < 0 ? i : k - 1 - i;            // 0 = far end
    const f = m === 1 ? 0.45 : j / (m - 1);
    return side < 0 ? mix(NEG[0], NEG[1], f) : mix(POS[0], POS[1], f);
  });
}

/** Splits text into at most `lines` lines of about `width` characters (the last one ellipsed). */
function wrap(text, width, lines = 2) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const out = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) { out.push(line); line = w; } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  if (out.length > lines) { out.length = lines; out[lines - 1] = `${out[lines - 1].slice(0, width - 1).trimEnd()}…`; }
  return out;
}

function multiline(text, x, y, /** @type {{ width?: number, lines?: number, anchor?: string, cls?: string, lineHeight?: number }} */ { width, lines = 2, anchor = 'start', cls, lineHeight = 15 } = {}) {
  const parts = wrap(text, width, lines);
  const top = y - ((parts.length - 1) * lineHeight) / 2;
  const node = svg('text', { x, y: top, 'text-anchor': anchor, class: cls, 'dominant-baseline': 'middle' });
  parts.forEach((p, i) => node.append(svg('tspan', { x, dy: i === 0 ? 0 : lineHeight }, p)));
  node.prepend(svg('title', {}, text));
  return node;
}

/**
 * A diverging stacked bar chart. `rows`: [{ label, sublabel?, first? (starts a group), shares:
 * [share per point, lowest point first] }]; all rows share `k` points. `summary` is the
 * aria-label. Returns an <svg>.
 */
export function diverging({ rows, k, summary }) {
  const colours = palette(k);
  const side = sides(k);
  const hasSub = rows.some((r) => r.sublabel);
  const W = 1000, labelW = hasSub ? 300 : 380, subW = hasSub ? 110 : 0, pad = 28;
  const x0 = labelW + subW, barW = W - x0 - pad;
  const rowH = 26, gap = 8, groupGap = 14, axisH = 22;
  // The half-width of the axis: the largest extent on either side, in steps of 25 points.
  const extent = (shares, dir) => shares.reduce((a, s, i) => a + (side[i] === dir ? s : side[i] === 0 ? s / 2 : 0), 0);
  const half = Math.min(1, Math.max(0.5, Math.ceil(Math.max(...rows.map((r) => Math.max(extent(r.shares, -1), extent(r.shares, 1)))) / 0.25 - 1e-9) * 0.25));
  const cx = x0 + barW / 2;
  const scale = barW / 2 / half;
  let y = axisH + 6;
  const ys = rows.map((r, i) => { if (i > 0) y += r.first ? groupGap + gap : gap; const at = y; y += rowH; return at; });
  const H = y + 8;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'survey-chart', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMinYMin meet' });
  // Axis: grid lines every 25 points, labelled with their absolute share.
  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  for (let v = -half; v <= half + 1e-9; v += 0.25) {
    const x = cx + v * scale;
    axis.append(svg('line', { x1: x, x2: x, y1: axisH, y2: H - 6, stroke: v === 0 ? '#1b2430' : '#d7d3ca', 'stroke-width': v === 0 ? 1.5 : 1 }));
    axis.append(svg('text', { x, y: axisH - 8, 'text-anchor': 'middle', class: 'tick' }, percent(Math.abs(v))));
  }
  root.append(axis);
  rows.forEach((r, i) => {
    const top = ys[i], mid = top + rowH / 2;
    if (r.label) {
      const span = r.first && rows[i + 1] && !rows[i + 1].first && rows[i + 1].label === '' ? (rowH + gap) / 2 : 0;
      root.append(multiline(r.label, 0, mid + span, { width: Math.floor(labelW / 7.2), cls: 'row-label' }));
    }
    if (r.sublabel) root.append(svg('text', { x: x0 - 8, y: mid, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'sub-label' }, r.sublabel));
    // Neutral centred on the axis, then each side outwards from the centre.
    const segs = [];
    const neutral = side.indexOf(0);
    const nw = neutral >= 0 ? r.shares[neutral] * scale : 0;
    if (neutral >= 0) segs.push({ i: neutral, x: cx - nw / 2, w: nw });
    let left = cx - nw / 2;
    for (let j = side.lastIndexOf(-1); j >= 0; j--) { const w = r.shares[j] * scale; left -= w; segs.push({ i: j, x: left, w }); }
    let right = cx + nw / 2;
    for (let j = side.indexOf(1); j >= 0 && j < k; j++) { const w = r.shares[j] * scale; segs.push({ i: j, x: right, w }); right += w; }
    for (const s of segs) {
      if (s.w <= 0) continue;
      root.append(svg('rect', { x: s.x.toFixed(2), y: top, width: s.w.toFixed(2), height: rowH, fill: colours[s.i], stroke: '#ffffff', 'stroke-width': 1 }));
      if (s.w >= 34) {
        root.append(svg('text', { x: (s.x + s.w / 2).toFixed(2), y: mid, 'text-anchor': 'middle', 'dominant-baseline': 'central', class: 'seg-label', fill: inkOn(colours[s.i]) }, percent(r.shares[s.i])));
      }
    }
  });
  return root;
}

/**
 * Ranked horizontal bars from 0 to 100% with interval whiskers: rows [{ label, share, lower,
 * upper, text }] in the order to draw. Returns an <svg>.
 */
export function ranked({ rows, summary }) {
  const W = 1000, labelW = 380, textW = 150, pad = 12, rowH = 24, gap = 10, axisH = 22;
  const x0 = labelW, barW = W - labelW - textW - pad;
  const H = axisH + 6 + rows.length * (rowH + gap) + 4;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'survey-chart', role: 'img', 'aria-label': summary, preserveAspectRatio: 'xMinYMin meet' });
  const axis = svg('g', { 'aria-hidden': 'true' });
  for (let v = 0; v <= 1 + 1e-9; v += 0.25) {
    const x = x0 + v * barW;
    axis.append(svg('line', { x1: x, x2: x, y1: axisH, y2: H - 4, stroke: v === 0 ? '#1b2430' : '#d7d3ca' }));
    axis.append(svg('text', { x, y: axisH - 8, 'text-anchor': 'middle', class: 'tick' }, percent(v)));
  }
  root.append(axis);
  rows.forEach((r, i) => {
    const top = axisH + 6 + i * (rowH + gap), mid = top + rowH / 2;
    root.append(multiline(r.label, 0, mid, { width: Math.floor(labelW / 7.2), cls: 'row-label' }));
    root.append(svg('rect', { x: x0, y: top + 3, width: (r.share * barW).toFixed(2), height: rowH - 6, fill: mix(POS[0], POS[1], 0.6) }));
    if (r.lower !== null && r.upper !== null) {
      const a = x0 + r.lower * barW, b = x0 + r.upper * barW;
      root.append(svg('line', { x1: a, x2: b, y1: mid, y2: mid, stroke: INK, 'stroke-width': 2 }));
      for (const x of [a, b]) root.append(svg('line', { x1: x, x2: x, y1: mid - 7, y2: mid + 7, stroke: INK, 'stroke-width': 2 }));
    }
    root.append(svg('text', { x: x0 + barW + 10, y: mid, 'dominant-baseline': 'middle', class: 'bar-value' }, r.text));
  });
  return root;
}
