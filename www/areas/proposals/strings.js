// The Proposals area's strings, one table per language (strings.en.js, strings.es.js, with the
// same keys; a section per module): the page downloads only the language it shows, and the
// other once every area is mounted (issue 21, a small first load; i18n.registerLanguages, and
// www/main.js waits for them before mounting the area). No module registers strings inline.
import { registerLanguages } from '../../i18n.js';

registerLanguages({ en: () => import('./strings.en.js'), es: () => import('./strings.es.js') });
