// Theory-of-change area (program staff): logic models, schedules and progress.
import { el, replace } from '../dom.js';
import { onLangChange, register, t } from '../i18n.js';

register({
  en: {
    'toc.title': 'Theory of change',
    'toc.intro': 'Model a program\'s theory of change — phases, goals, activities, outputs and outcomes — then validate, schedule and track it. The example is PASS, Parents Advocating for Student Success.',
  },
  es: {
    'toc.title': 'Teoría del cambio',
    'toc.intro': 'Modele la teoría del cambio de un programa — fases, metas, actividades, productos y resultados — y luego valídela, prográmela y dé seguimiento. El ejemplo es PASS, Padres Abogando por el Éxito Estudiantil.',
  },
});

/** Mounts the Theory-of-change area into `root`. */
export function mount(root) {
  replace(root, el('h2', { 'data-i18n': 'toc.title' }), el('p', { class: 'intro', 'data-i18n': 'toc.intro' }));
  const refresh = () => { for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n); };
  onLangChange(refresh);
  refresh();
}
