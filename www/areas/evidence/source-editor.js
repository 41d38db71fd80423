// The indicator editor's "source" fields (#18): what feeds the indicator — a survey item with
// the statistic read from its report, the indicator's own series, or values typed by hand —
// and which side of the target is good. Used by the Theory of change editor; the item list
// comes from the survey the Survey area last published.
import { t } from '../../i18n.js';
import { published } from './bus.js';
import './strings.js';

const STATISTICS = ['share_agreeing', 'share_improved', 'mean', 'paired_shift'];

/**
 * The fields, built with the editor's own `choice` and `text` helpers; `apply(fn, opts)`
 * commits an edit of the indicator.
 */
export function sourceFields(x, { choice, text, apply }) {
  const src = x.source ?? null;
  const set = (fn, f, rebuild = false) => apply((i) => { i.source = fn({ ...(i.source ?? { kind: 'series' }) }); }, { field: f, rebuild });
  const kind = choice('evidence.src.kind',
    [['', t('evidence.src.none')], ...['survey_item', 'series', 'by_hand'].map((k) => [k, t(`evidence.src.${k}`)])],
    src?.kind ?? '',
    (v, f) => apply((i) => { i.source = v ? { ...(i.source ?? {}), kind: v } : null; }, { field: f, rebuild: true }),
    { key: 'source.kind' });
  if (!src) return [kind];
  const direction = choice('evidence.src.direction',
    [['', t('evidence.src.fromBaseline')], ['increase', t('evidence.src.increase')], ['decrease', t('evidence.src.decrease')]],
    src.direction ?? '', (v, f) => set((s) => ({ ...s, direction: v || null }), f), { key: 'source.direction' });
  if (src.kind !== 'survey_item') return [kind, direction];
  const survey = published('survey');
  const items = survey?.report
    ? [...new Set([...survey.report.items.map((i) => i.item), ...survey.report.shifts.map((s) => s.pair)])]
    : [];
  if (src.item && !items.includes(src.item)) items.unshift(src.item);
  return [kind,
    text('evidence.src.survey', src.survey ?? survey?.id ?? '', (v, f) => set((s) => ({ ...s, survey: v.trim() || null }), f), { key: 'source.survey', event: 'change' }),
    choice('evidence.src.item', [['', '–'], ...items.map((i) => [i, i])], src.item ?? '',
      (v, f) => set((s) => ({ ...s, item: v || null, survey: s.survey ?? survey?.id ?? null }), f), { key: 'source.item' }),
    choice('evidence.src.statistic', [['', '–'], ...STATISTICS.map((s) => [s, t(`term.${s}`)])], src.statistic ?? '',
      (v, f) => set((s) => ({ ...s, statistic: v || null }), f), { key: 'source.statistic' }),
    direction];
}
