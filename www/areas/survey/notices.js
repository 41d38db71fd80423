// The engine's coded reasons and notices as text in the current language. Each has a stable
// `code` and typed `params` (ids, codes, counts); ids are turned into the question's statement
// from the mapping. Nothing here reads the engine's English.
import { has, t } from '../../i18n.js';
import { count, pct, tr } from './format.js';

const list = (v) => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? count(x) : String(x))).join(', ') : typeof v === 'number' ? count(v) : String(v ?? ''));

/** The statement of an item, pair or scale id in the current language (else the id). */
export function nameOf(mapping, id) {
  const ins = mapping?.instrument;
  const found = ins?.items.find((i) => i.id === id) ?? ins?.pairs.find((p) => p.id === id) ?? ins?.scales.find((s) => s.id === id);
  return (found && tr(found.text)) || String(id ?? '');
}

/** A template's name ("agreement, 5 points"). */
export const templateName = (tpl) => (has(`survey.template.${tpl}`) ? t(`survey.template.${tpl}`) : String(tpl));

/** A proposal's reason as a sentence fragment. */
export function reasonText(reason) {
  const p = reason.params ?? {};
  const params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, list(v)]));
  for (const k of ['template', 'common']) if (p[k] !== undefined) params[k] = templateName(p[k]);
  if (p.reason !== undefined) params.reason = has(`survey.nonAnswer.${p.reason}`) ? t(`survey.nonAnswer.${p.reason}`) : String(p.reason);
  const key = `survey.reason.${reason.code}`;
  return has(key) ? t(key, params) : reason.code;
}

/** A report notice (why a headline is withheld) as a sentence. */
export function noticeText(notice, mapping) {
  const p = notice.params ?? {};
  const params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, list(v)]));
  for (const k of ['item', 'pair', 'before', 'after', 'scale']) if (p[k] !== undefined) params[k] = nameOf(mapping, p[k]);
  params.what = p.pair !== undefined ? `“${nameOf(mapping, p.pair)}”` : p.scale !== undefined ? `“${nameOf(mapping, p.scale)}”` : t('survey.notice.thisComparison');
  params.code = notice.code;
  params.item ??= params.pair ?? '';
  const key = `survey.notice.${notice.code}`;
  return has(key) ? t(key, params) : t('survey.notice.other', params);
}

/** A confidence from 0 to 1 as a percentage. */
export const confidenceText = (c) => pct(c);
