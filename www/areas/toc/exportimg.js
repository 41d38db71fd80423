// Export of a drawn chart as an SVG or PNG file (issue 17): the series charts, the timeline,
// the logic-model diagram and the Gantt chart. The SVG is a copy whose computed styles are
// written inline as presentation attributes (the file needs no stylesheet and looks as on the
// page); the PNG draws that SVG, loaded as an <img> from a blob URL, on a <canvas> (2× for
// sharpness) and saves canvas.toBlob. Downloads go through an object URL — no network request.
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { downloadBlob } from '../../store.js';

const NS = 'http://www.w3.org/2000/svg';
/** Computed properties written onto every element of the copy. */
const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'paint-order'];
const DEFAULTS = { 'fill-opacity': '1', 'stroke-opacity': '1', opacity: '1', visibility: 'visible', 'font-style': 'normal', 'stroke-dasharray': 'none',
  'paint-order': 'normal', 'dominant-baseline': 'auto', 'stroke-linecap': 'butt', 'stroke-linejoin': 'miter' };

/** Size of an <svg> in user units: its viewBox, else its drawn size. */
function sizeOf(node) {
  const vb = node.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = node.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

/** A standalone copy of `node` (an <svg> on the page) with its styles written inline. */
export function standaloneSvg(node) {
  const copy = node.cloneNode(true);
  const from = [node, ...node.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((src, i) => {
    const dst = to[i];
    if (!(src instanceof SVGElement) || !dst) return;
    const cs = getComputedStyle(src);
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v && DEFAULTS[p] !== v && !(p === 'display' && v !== 'none')) dst.setAttribute(p, v);
    }
    dst.removeAttribute('class');
    dst.removeAttribute('tabindex');
  });
  const { width, height } = sizeOf(node);
  copy.setAttribute('xmlns', NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // A white background, unless the drawing has one.
  const bg = document.createElementNS(NS, 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: '#ffffff' })) bg.setAttribute(k, String(v));
  copy.insertBefore(bg, copy.firstChild);
  return { copy, width, height };
}

/** The SVG file text of `node`. */
export function svgText(node) {
  const { copy } = standaloneSvg(node);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** A PNG blob of `node` at `scale` × its size. */
export function pngBlob(node, scale = 2) {
  const { copy, width, height } = standaloneSvg(node);
  const text = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('png'))), 'image/png');
    };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('svg')); };
    img.src = url;
  });
}

/**
 * Two buttons, "SVG" and "PNG", that export `getNode()` (an <svg>, or null when nothing is
 * drawn) as `<name>.svg` / `<name>.png`; `what` names the picture for the accessible labels.
 * `onDone(text, isError)` reports the result.
 */
export function exportButtons({ getNode, name, what, onDone }) {
  const run = async (format) => {
    const node = getNode();
    if (!node) return;
    const file = `${name()}.${format}`;
    try {
      const blob = format === 'svg' ? new Blob([svgText(node)], { type: 'image/svg+xml;charset=utf-8' }) : await pngBlob(node);
      downloadBlob(file, blob);
      onDone?.(t('toc.img.done', { file }), false);
    } catch {
      onDone?.(t('toc.img.failed', { file }), true);
    }
  };
  const box = el('div', { class: 'toc-img-buttons no-print' },
    ['svg', 'png'].map((f) => el('button', { type: 'button', class: 'secondary toc-small', 'data-img': f, 'data-testid': `toc-img-${f}`,
      'aria-label': t(`toc.img.${f}`, { what: what() }), text: f.toUpperCase(), onclick: () => run(f) })));
  naming.set(box, what);
  return box;
}

const naming = new WeakMap();

/** Re-labels the export buttons under `root` in the current language. */
export function relabelImageButtons(root) {
  for (const box of root.querySelectorAll('.toc-img-buttons')) {
    const what = naming.get(box);
    if (what) for (const b of box.querySelectorAll('[data-img]')) b.setAttribute('aria-label', t(`toc.img.${b.dataset.img}`, { what: what() }));
  }
}
