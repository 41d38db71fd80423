// The page's one SVG builder: elements made with createElementNS, user text only ever as a
// text node (never innerHTML), used by every chart of the three areas.

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an SVG element. `attrs`: `text` sets textContent, `dataset` fills data-*, `true`
 * writes an empty attribute, null/undefined/false are skipped, anything else becomes an
 * attribute string. Children: nodes, or strings and numbers (as text nodes); arrays are
 * flattened and null/undefined/false skipped.
 */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return node;
}
