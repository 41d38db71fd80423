// Proposals area (funders): systems-change condition scoring of a round of proposals.
import { el, replace } from '../dom.js';
import { onLangChange, register, t } from '../i18n.js';

register({
  en: {
    'proposals.title': 'Proposals',
    'proposals.intro': 'Score a round of grant proposals against FSG\'s six systems-change conditions and Alianza\'s community-led ones, with several reviewers.',
  },
  es: {
    'proposals.title': 'Propuestas',
    'proposals.intro': 'Califique una ronda de propuestas según las seis condiciones de cambio de sistemas de FSG y las condiciones comunitarias de Alianza, con varios evaluadores.',
  },
});

/** Mounts the Proposals area into `root`. */
export function mount(root) {
  replace(root, el('h2', { 'data-i18n': 'proposals.title' }), el('p', { class: 'intro', 'data-i18n': 'proposals.intro' }));
  const refresh = () => { for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n); };
  onLangChange(refresh);
  refresh();
}
