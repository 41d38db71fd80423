// The round: its title, a plain "synthetic" label for the example, counts, round files
// (save / open JSON, the example, an empty round) and an editor for proposals, reviewers and
// conflicts of interest. Every edit is checked by the engine (validateRound) before it applies.
import { el, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { downloadText } from '../../store.js';
import { fileButton, keepFocus, messageBox, money, parseDollars, problemText, th } from './util.js';

/** A list of engine problems in the user's language. */
export function problemList(ctx, problems, notListed = 0) {
  return el('ul', { class: 'problems', 'data-testid': 'problems' },
    problems.map((p) => el('li', { 'data-code': p.code }, problemText(p, ctx.names))),
    notListed > 0 ? el('li', { text: t('proposals.round.more', { n: notListed }) }) : null);
}

export function roundCard(ctx) {
  const heading = el('h3', { tabindex: '-1', 'data-i18n': 'proposals.round.title' });
  const summary = el('div', { 'data-testid': 'round-summary' });
  const message = messageBox('notice');
  const problems = el('div', { role: 'alert' });
  const editor = el('div', { class: 'round-editor' });

  const say = (text) => { replace(problems); message.show(text); };
  const reject = (r, key = 'proposals.round.rejected') => {
    message.clear();
    replace(problems, el('p', { class: 'error', 'data-i18n': key, text: t(key) }), problemList(ctx, r.problems, r.notListed));
  };
  const setRound = (round, label, okText) => {
    const r = ctx.apply({ round }, { label });
    if (r.ok) say(okText ?? ''); else reject(r);
    return r;
  };

  const openRound = async (file) => {
    let round;
    try { round = JSON.parse(await file.text()); } catch { say(''); replace(problems, el('p', { class: 'error', text: t('proposals.round.notJson') })); return; }
    const title = String(round?.title ?? file.name);
    setRound(round, { key: 'proposals.label.round', params: { title } }, t('proposals.round.opened', { title }));
  };
  const saveButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.round.save' });
  saveButton.addEventListener('click', () => downloadText('waterline-round.json', JSON.stringify(ctx.round, null, 2), 'application/json'));
  const exampleButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.round.example' });
  exampleButton.addEventListener('click', () => setRound(ctx.example, { key: 'proposals.label.example' }));
  const emptyButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.round.empty' });
  emptyButton.addEventListener('click', () => setRound({ title: t('proposals.round.title'), synthetic: false, proposals: [], reviewers: [], conflicts: [], scores: [] }, { key: 'proposals.label.empty' }));

  const node = el('section', { class: 'card', 'aria-labelledby': 'proposals-round-h' },
    heading, summary,
    el('div', { class: 'buttons no-print' }, saveButton, fileButton('proposals.round.open', '.json,application/json', openRound, 'round-open'), exampleButton, emptyButton),
    message.node, problems,
    el('details', { class: 'no-print' }, el('summary', { 'data-i18n': 'proposals.round.edit' }), editor));
  heading.id = 'proposals-round-h';

  // ---- editor
  const edit = (mutate, label, { drop = false } = {}) => {
    const round = structuredClone(ctx.round);
    mutate(round);
    const r = ctx.apply({ round }, { label: label ?? { key: 'proposals.label.editRound' }, dropInvalidScores: drop });
    if (r.ok) say(''); else { reject(r, 'proposals.round.editRejected'); renderEditor(); }
    return r;
  };
  const input = (key, value, labelText, onChange, attrs = {}) => {
    const field = el('input', { type: 'text', value: value ?? '', 'data-key': key, 'aria-label': labelText, autocomplete: 'off', ...attrs });
    field.addEventListener('change', () => onChange(field.value));
    return field;
  };
  const removeButton = (what, onClick) => {
    const b = el('button', { type: 'button', class: 'secondary small', 'data-key': `remove-${what}`, 'aria-label': t('proposals.round.removeWhat', { what }), text: t('proposals.round.remove') });
    b.addEventListener('click', onClick);
    return b;
  };
  const removeWith = (what, keep) => {
    const before = ctx.round.scores?.length ?? 0;
    const r = edit(keep, { key: 'proposals.label.remove', params: { what } });
    if (r.ok) say(t('proposals.round.removed', { what, n: before - (ctx.round.scores?.length ?? 0) }));
  };

  function renderEditor() {
    const round = ctx.round;
    const titleField = input('round-title', round.title, t('proposals.round.roundTitle'), (v) => edit((r) => { r.title = v; }));
    const proposalRows = round.proposals.map((p, i) => {
      const label = (f) => `${t(f)} — ${p.id}`;
      const set = (field, parse) => (v) => edit((r) => { r.proposals[i][field] = parse ? parse(v) : v; });
      return el('tr', {},
        el('th', { scope: 'row', text: p.id }),
        el('td', {}, input(`p-${p.id}-title`, p.title, label('proposals.round.proposalTitle'), set('title'), { class: 'wide' })),
        el('td', {}, input(`p-${p.id}-applicant`, p.applicant, label('proposals.round.applicant'), set('applicant'))),
        el('td', {}, input(`p-${p.id}-community`, p.community, label('proposals.round.community'), set('community'), { size: 10 })),
        el('td', {}, input(`p-${p.id}-req`, String(p.amountRequested), label('proposals.round.requested'), set('amountRequested', parseDollars), { size: 9, inputmode: 'numeric' })),
        el('td', {}, input(`p-${p.id}-min`, p.minimumAmount == null ? '' : String(p.minimumAmount), label('proposals.round.minimum'),
          set('minimumAmount', (v) => (v.trim() === '' ? null : parseDollars(v))), { size: 9, inputmode: 'numeric' })),
        el('td', {}, removeButton(p.id, () => removeWith(p.id, (r) => {
          r.proposals = r.proposals.filter((x) => x.id !== p.id);
          r.scores = (r.scores ?? []).filter((s) => s.proposalId !== p.id);
          r.conflicts = (r.conflicts ?? []).filter((c) => c.proposalId !== p.id);
        }))));
    });
    const newP = { id: '', title: '', applicant: '', community: '', amountRequested: '', minimumAmount: '' };
    const addProposalFields = Object.keys(newP).map((f) => {
      const labelKey = { id: 'proposals.round.id', title: 'proposals.round.proposalTitle', applicant: 'proposals.round.applicant', community: 'proposals.round.community', amountRequested: 'proposals.round.requested', minimumAmount: 'proposals.round.minimum' }[f];
      const field = el('input', { type: 'text', name: `new-${f}`, 'data-key': `new-p-${f}`, autocomplete: 'off', size: f === 'title' ? 24 : 10 });
      field.addEventListener('input', () => { newP[f] = field.value; });
      return el('div', { class: 'field' }, el('label', {}, t(labelKey), field));
    });
    const addProposal = el('button', { type: 'button', class: 'secondary', 'data-key': 'add-proposal', text: t('proposals.round.add') });
    addProposal.addEventListener('click', () => {
      if (!newP.id.trim()) { say(t('proposals.round.needId')); return; }
      edit((r) => {
        r.proposals.push({
          id: newP.id.trim(), title: newP.title, applicant: newP.applicant, community: newP.community,
          amountRequested: parseDollars(newP.amountRequested), minimumAmount: newP.minimumAmount.trim() === '' ? null : parseDollars(newP.minimumAmount),
        });
      }, { key: 'proposals.label.add', params: { what: newP.id.trim() } });
    });

    const reviewerRows = round.reviewers.map((rv, i) => el('tr', {},
      el('th', { scope: 'row', text: rv.id }),
      el('td', {}, input(`r-${rv.id}-name`, rv.name, `${t('proposals.round.name')} — ${rv.id}`, (v) => edit((r) => { r.reviewers[i].name = v; }))),
      el('td', {}, removeButton(rv.id, () => removeWith(rv.id, (r) => {
        r.reviewers = r.reviewers.filter((x) => x.id !== rv.id);
        r.scores = (r.scores ?? []).filter((s) => s.reviewerId !== rv.id);
        r.conflicts = (r.conflicts ?? []).filter((c) => c.reviewerId !== rv.id);
      })))));
    const newR = { id: '', name: '' };
    const addReviewerFields = ['id', 'name'].map((f) => {
      const field = el('input', { type: 'text', name: `new-reviewer-${f}`, 'data-key': `new-r-${f}`, autocomplete: 'off', size: 12 });
      field.addEventListener('input', () => { newR[f] = field.value; });
      return el('div', { class: 'field' }, el('label', {}, t(f === 'id' ? 'proposals.round.id' : 'proposals.round.name'), field));
    });
    const addReviewer = el('button', { type: 'button', class: 'secondary', 'data-key': 'add-reviewer', text: t('proposals.round.add') });
    addReviewer.addEventListener('click', () => {
      if (!newR.id.trim()) { say(t('proposals.round.needId')); return; }
      edit((r) => { r.reviewers.push({ id: newR.id.trim(), name: newR.name }); }, { key: 'proposals.label.add', params: { what: newR.id.trim() } });
    });

    const conflicts = round.conflicts ?? [];
    const conflictRows = conflicts.map((c, i) => el('tr', {},
      el('td', { text: ctx.names.reviewer(c.reviewerId) }),
      el('td', { text: c.proposalId }),
      el('td', {}, input(`c-${i}-reason`, c.reason ?? '', `${t('proposals.round.reason')} — ${c.reviewerId}, ${c.proposalId}`, (v) => edit((r) => { r.conflicts[i].reason = v || null; }))),
      el('td', {}, removeButton(`${c.reviewerId}/${c.proposalId}`, () => edit((r) => { r.conflicts.splice(i, 1); },
        { key: 'proposals.label.remove', params: { what: `${c.reviewerId}/${c.proposalId}` } })))));
    const select = (name, options) => el('select', { name, 'data-key': `new-c-${name}` }, options.map(([v, label]) => el('option', { value: v, text: label })));
    const cReviewer = select('reviewer', round.reviewers.map((r) => [r.id, ctx.names.reviewer(r.id)]));
    const cProposal = select('proposal', round.proposals.map((p) => [p.id, `${p.id} — ${p.title}`]));
    const cReason = el('input', { type: 'text', name: 'new-reason', 'data-key': 'new-c-reason', autocomplete: 'off' });
    const addConflict = el('button', { type: 'button', class: 'secondary', 'data-key': 'add-conflict', text: t('proposals.round.add') });
    addConflict.addEventListener('click', () => {
      if (!cReviewer.value || !cProposal.value) return;
      const before = ctx.round.scores?.length ?? 0;
      const r = edit((x) => { (x.conflicts ??= []).push({ reviewerId: cReviewer.value, proposalId: cProposal.value, reason: cReason.value || null }); },
        { key: 'proposals.label.add', params: { what: `${cReviewer.value}/${cProposal.value}` } }, { drop: true });
      if (r.ok && r.dropped.length) say(t('proposals.round.conflictDropped', { n: before - ctx.round.scores.length }));
    });

    keepFocus(editor, () => replace(editor,
      el('div', { class: 'field' }, el('label', {}, t('proposals.round.roundTitle'), titleField)),
      el('h4', { text: t('proposals.round.proposals') }),
      el('div', { class: 'scroll' }, el('table', { class: 'data compact' },
        el('thead', {}, el('tr', {}, th(t('proposals.round.id')), th(t('proposals.round.proposalTitle')), th(t('proposals.round.applicant')),
          th(t('proposals.round.community')), th(t('proposals.round.requested')), th(t('proposals.round.minimum')), el('td', {}))),
        el('tbody', {}, proposalRows))),
      el('fieldset', { class: 'add' }, el('legend', { text: t('proposals.round.addProposal') }), el('div', { class: 'fields' }, addProposalFields, addProposal)),
      el('h4', { text: t('proposals.round.reviewers') }),
      el('table', { class: 'data compact' },
        el('thead', {}, el('tr', {}, th(t('proposals.round.id')), th(t('proposals.round.name')), el('td', {}))),
        el('tbody', {}, reviewerRows)),
      el('fieldset', { class: 'add' }, el('legend', { text: t('proposals.round.addReviewer') }), el('div', { class: 'fields' }, addReviewerFields, addReviewer)),
      el('h4', { text: t('proposals.round.conflicts') }),
      el('table', { class: 'data compact' },
        el('thead', {}, el('tr', {}, th(t('proposals.round.reviewer')), th(t('proposals.round.proposal')), th(t('proposals.round.reason')), el('td', {}))),
        el('tbody', {}, conflictRows)),
      el('fieldset', { class: 'add' }, el('legend', { text: t('proposals.round.addConflict') }), el('div', { class: 'fields' },
        el('div', { class: 'field' }, el('label', {}, t('proposals.round.reviewer'), cReviewer)),
        el('div', { class: 'field' }, el('label', {}, t('proposals.round.proposal'), cProposal)),
        el('div', { class: 'field' }, el('label', {}, t('proposals.round.reason'), cReason)),
        addConflict))));
  }

  function update() {
    const round = ctx.round;
    const v = ctx.validation;
    const requested = round.proposals.reduce((sum, p) => sum + (Number.isFinite(p.amountRequested) ? p.amountRequested : 0), 0);
    // The built-in example's own title and note are English data: show them in the user's language.
    const note = round.note && round.note === ctx.example.note ? t('proposals.round.exampleNote') : round.note;
    const title = round.title === ctx.example.title ? t('proposals.round.exampleTitle') : round.title;
    replace(summary,
      el('p', { class: 'round-title', 'data-testid': 'round-title', text: title }),
      round.synthetic ? el('p', { class: 'synthetic', 'data-testid': 'synthetic' },
        el('strong', { class: 'badge', text: t('proposals.round.synthetic') }), ' ', t('proposals.round.syntheticText')) : null,
      note ? el('p', { class: 'round-note', text: note }) : null,
      el('p', { class: 'counts', text: t('proposals.round.counts', {
        proposals: round.proposals.length, reviewers: round.reviewers.length, conflicts: (round.conflicts ?? []).length,
        reviews: v?.reviews ?? '?', scores: v?.scores ?? (round.scores ?? []).length, requested: money(requested),
      }) }));
    renderEditor();
  }

  return { node, update };
}
