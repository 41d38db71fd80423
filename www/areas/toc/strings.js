// The Theory-of-change area's strings, one table per language (strings-en.js, strings-es.js, with
// the same keys): the page downloads only the language it shows, and the other when the reader
// switches (issue 21, a small first load; i18n.registerLanguages).
import { registerLanguages } from '../../i18n.js';

registerLanguages({ en: () => import('./strings-en.js'), es: () => import('./strings-es.js') });
