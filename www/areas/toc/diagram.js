// The logic-model diagram: draws exactly what the engine's layoutModel computed (columns, boxes,
// polylines), once per change, plus its text equivalent (a list per column with "leads to").
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { labelOf } from './model.js';
import { pick } from '../../text.js';
import { fit, svg, textBlock, textWidth } from './svg.js';

/** Height of the column-name strip above the diagram. */
export const HEAD = 34;
const PAD_X = 9;
const PAD_Y = 10;

/**
 * Builds the diagram SVG and its column-name strip.
 * Returns { head, svg, nodes: Map id → <g>, edges: [{ from, to, el }] }.
 * `index` is the model's id → { kind, item } map.
 */
export function drawDiagram({ layout, index, links, title, lang }) {
  const assumedLinks = assumedSet(links);
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  // Column names in their own strip, which stays at the top while the diagram scrolls.
  const head = svg('svg', { class: 'toc-diagram-head', width, height: HEAD, viewBox: `0 0 ${width} ${HEAD}`, 'aria-hidden': 'true' },
    layout.columns.map((c) => [
      svg('rect', { class: 'toc-column-band', x: c.x - 12, y: 4, width: c.width + 24, height: HEAD, rx: 8 }),
      svg('text', { class: 'toc-column-label', x: c.x + c.width / 2, y: 24, 'text-anchor': 'middle', text: t(`toc.col.${c.key}`) })]));
  const root = svg('svg', {
    class: 'toc-diagram-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': t('toc.diagram.label', { title, nodes: layout.nodes.length, columns: layout.columns.length, edges: layout.edges.length }),
  });
  root.append(svg('defs', {},
    svg('marker', { id: 'toc-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'toc-arrowhead' })),
    svg('marker', { id: 'toc-arrow-hl', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'toc-arrowhead-hl' }))));

  const bands = svg('g', { class: 'toc-columns' });
  for (const c of layout.columns) {
    bands.append(
      svg('rect', { class: 'toc-column-band', x: c.x - 12, y: -8, width: c.width + 24, height: height + 4, rx: 8 }));
  }
  root.append(bands);

  const body = svg('g', {});
  const edgeLayer = svg('g', { class: 'toc-edges' });
  const edges = [];
  for (const e of layout.edges) {
    const points = e.points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
    const assumed = assumedLinks.has(`${e.from}\u0000${e.to}`);
    const line = svg('polyline', { points, class: `toc-edge toc-edge-${e.route}${assumed ? ' toc-edge-assumed' : ''}`, 'marker-end': 'url(#toc-arrow)' });
    edgeLayer.append(line);
    edges.push({ from: e.from, to: e.to, el: line });
  }
  const nodeLayer = svg('g', { class: 'toc-nodes' });
  const nodes = new Map();
  const assumedLabel = t('toc.prov.assumed');
  const badgeWidth = Math.ceil(textWidth(assumedLabel, 10, true)) + 12;
  for (const n of layout.nodes) {
    const item = index.get(n.id)?.item;
    const label = pick(labelOf(item), lang);
    const assumed = item?.provenance?.origin === 'assumed';
    const fitted = fit(label.text || n.id, n.width - 2 * PAD_X, n.height - 2 * PAD_Y);
    const g = svg('g', { class: `toc-node${assumed ? ' toc-assumed' : ''}`, 'data-id': n.id, 'data-kind': n.kind },
      svg('title', { text: `${label.text} (${n.id})` }),
      svg('rect', { class: 'toc-node-box', x: n.x, y: n.y, width: n.width, height: n.height, rx: 6 }),
      textBlock(fitted, n.x + PAD_X, n.y + n.height / 2, { class: 'toc-node-text' }, label.lang !== lang ? label.lang : null));
    if (assumed) {
      const bx = n.x + n.width - badgeWidth - 6;
      g.append(svg('g', { class: 'toc-badge' },
        svg('rect', { x: bx, y: n.y - 8, width: badgeWidth, height: 15, rx: 7 }),
        svg('text', { x: bx + badgeWidth / 2, y: n.y + 3, 'text-anchor': 'middle', text: assumedLabel })));
    }
    nodeLayer.append(g);
    nodes.set(n.id, g);
  }
  body.append(edgeLayer, nodeLayer);
  root.append(body);
  return { head, svg: root, nodes, edges };
}

const round = (v) => Math.round(v * 10) / 10;
/** Links whose provenance says "assumed", as "from\0to" keys. */
const assumedSet = (links) => new Set((links ?? []).filter((l) => l.provenance?.origin === 'assumed').map((l) => `${l.from}\u0000${l.to}`));

/** The text equivalent: one list per column, each element with what it leads to. */
export function diagramText({ layout, index, links, lang }) {
  const assumedLinks = assumedSet(links);
  const out = new Map();
  for (const e of layout.edges) {
    if (!out.has(e.from)) out.set(e.from, []);
    out.get(e.from).push(e.to);
  }
  const name = (id) => {
    const label = pick(labelOf(index.get(id)?.item), lang);
    return { text: label.text || id, lang: label.lang !== lang ? label.lang : null };
  };
  const select = (id) => {
    const n = name(id);
    return el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id },
      el('span', { lang: n.lang, text: n.text }), ` (${id})`);
  };
  const columns = layout.columns.map((c) => {
    const members = layout.nodes.filter((n) => n.column === c.key).sort((a, b) => a.order - b.order);
    return el('section', { class: 'toc-textcol' },
      el('h4', { text: `${t(`toc.col.${c.key}`)} (${members.length})` }),
      el('ul', {}, members.map((n) => {
        const item = index.get(n.id)?.item;
        const targets = out.get(n.id) ?? [];
        return el('li', {},
          select(n.id),
          item?.provenance?.origin === 'assumed' ? el('span', { class: 'toc-badge-text', text: t('toc.prov.assumed') }) : null,
          el('div', { class: 'toc-leads' }, `${t('toc.diagram.leadsTo')}: `, targets.length ? null : t('toc.diagram.nothing')),
          targets.length ? el('ul', { class: 'toc-leads-list' }, targets.map((id) => el('li', {}, select(id),
            assumedLinks.has(`${n.id}\u0000${id}`) ? el('span', { class: 'toc-badge-text', text: t('toc.diagram.assumedLink') }) : null))) : null);
      })));
  });
  return columns;
}
