// "Proposals meet evidence" (#18): for each proposal that links to a logic model, its
// reviewers' mean score per condition beside what the model's evidence says. One short block
// in the Proposals area, from the engine's `proposalEvidence`.
import { call } from '../../engine.js';
import { el, replace } from '../../dom.js';
import { number, lang, onLangChange, t } from '../../i18n.js';
import { pick } from '../../text.js';
import { lazily, onPublish, project, published } from './bus.js';
import './strings.js';

/** The block: a node that re-renders when the round, the model or the survey changes. */
export function proposalEvidenceBlock() {
  const node = el('div', { class: 'proposal-evidence', 'data-testid': 'proposal-evidence' });
  function render() {
    const p = published('proposals');
    const linked = (p?.round?.proposals ?? []).filter((x) => x.tocModelId);
    if (!linked.length) { replace(node, el('p', { class: 'muted', text: t('evidence.proposal.none') })); return; }
    const blocks = linked.map((prop) => {
      const r = call('proposalEvidence', project(), p.round, prop.id);
      if (!r.ok) return null;
      const v = r.value;
      const claimed = v.conditions.filter((c) => c.verdict !== 'not_claimed');
      return el('div', { class: 'proposal-evidence-one', dataset: { evProposal: prop.id } },
        el('h4', {}, el('span', { text: prop.title }), ' — ', t('evidence.proposal.model', { model: v.model ?? prop.tocModelId })),
        el('ul', {}, claimed.map((c) => {
          const name = pick(c.name, lang()).text;
          return el('li', { dataset: { evCondition: c.condition, verdict: c.verdict } },
            el('strong', { text: name }), ': ',
            c.mean === null ? t('evidence.proposal.unscored') : t('evidence.proposal.score', { mean: number(c.mean, 1) }),
            ' · ', t(`evidence.verdict.${c.verdict}`, { condition: name, clears: c.clears, straddles: c.straddles, short: c.fallsShort, none: c.noData + c.ungraded, indicators: c.indicators }));
        })));
    });
    replace(node, el('h3', { text: t('evidence.proposal.title') }), blocks);
  }
  // The block is built before its card is in the page: the first render waits for it.
  let lazy = null;
  let tries = 0;
  const schedule = () => {
    if (!lazy) {
      if (!node.isConnected) { if (++tries < 200) setTimeout(schedule, 50); return; }
      lazy = lazily(node, render);
    }
    lazy();
  };
  schedule();
  onPublish(schedule);
  onLangChange(schedule);
  return node;
}
