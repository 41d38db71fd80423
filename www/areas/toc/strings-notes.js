// The engine's notes on logic-model progress (src/toc/progress.rs), by code, in English and
// Spanish. Rendered with noteText (www/notes.js) by progress.js: goal and indicator ids become
// element names, statuses are translated, and the reason a schedule is missing is the
// schedule's own error, rendered from its code and details.
import { register } from '../../i18n.js';

register({
  en: {
    'note.progress_no_schedule': 'Goals cannot be judged against a schedule, so they show “no data”: {reason}',
    'note.progress_status_mismatch': 'Goal {goal} is recorded as {recorded}, but its activities roll up to {rolled}.',
    'note.progress_target_is_baseline': 'Indicator {indicator}: the target equals the baseline, so no share can be computed.',
    'toc.prog.notes': 'Notes on progress',
    'toc.model.importAt': '{detail} (line {line}, column {column})',
    'toc.prog.scheduleReason': 'the schedule could not be computed ({error}).',
  },
  es: {
    'note.progress_no_schedule': 'Las metas no se pueden evaluar frente a un cronograma, así que muestran «sin datos»: {reason}',
    'note.progress_status_mismatch': 'La meta {goal} figura como {recorded}, pero sus actividades suman {rolled}.',
    'note.progress_target_is_baseline': 'Indicador {indicator}: la meta es igual a la línea de base, así que no se puede calcular el avance.',
    'toc.prog.notes': 'Notas sobre el avance',
    'toc.model.importAt': '{detail} (línea {line}, columna {column})',
    'toc.prog.scheduleReason': 'no se pudo calcular el cronograma ({error}).',
  },
});
