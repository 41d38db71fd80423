// The edit lists: every element of one kind (or every link) with Edit and Delete buttons.
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { labelOf } from './model.js';
import { pick } from '../../text.js';

/** A table of `items` of `kind` ("link" for links); `onDelete(index, label)` deletes one. */
export function editList(kind, items, { lang, onDelete }) {
  if (!items.length) return el('p', { class: 'toc-muted', text: t('toc.edit.noneYet') });
  const del = (i, label) => el('button', { type: 'button', class: 'secondary toc-small', 'data-key': `del-${kind}-${i}`,
    'aria-label': `${t('toc.edit.delete')} ${label}`, text: t('toc.edit.delete'), onclick: () => onDelete(i, label) });
  const go = (id) => el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id, text: id });
  if (kind === 'link') {
    return el('table', { class: 'data toc-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('toc.edit.from') }), el('th', { scope: 'col', text: t('toc.edit.to') }), el('td', {}))),
      el('tbody', {}, items.map((l, i) => el('tr', {},
        el('th', { scope: 'row' }, go(l.from)), el('td', {}, go(l.to)), el('td', {}, del(i, `${l.from} → ${l.to}`))))));
  }
  return el('table', { class: 'data toc-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('toc.edit.id') }), el('th', { scope: 'col', text: t('toc.edit.titleCol') }), el('td', {}))),
    el('tbody', {}, items.map((x, i) => {
      const label = pick(labelOf(x), lang);
      return el('tr', {},
        el('th', { scope: 'row', text: x.id }),
        el('td', { lang: label.lang !== lang ? label.lang : null, text: label.text }),
        el('td', { class: 'toc-actions' },
          el('button', { type: 'button', class: 'secondary toc-small', 'data-select': x.id, 'data-key': `edit-${kind}-${i}`,
            'aria-label': `${t('toc.edit.edit')} ${x.id}`, text: t('toc.edit.edit') }),
          ' ', del(i, x.id)));
    })));
}
