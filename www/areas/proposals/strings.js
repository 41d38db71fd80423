// The Proposals area's set-up, notes and decision strings, one table per language
// (strings.en.js, strings.es.js, with the same keys): the page downloads only the language it
// shows, and the other once every area is mounted (issue 21, a small first load;
// i18n.registerLanguages). Its other modules still register their strings inline.
import { registerLanguages } from '../../i18n.js';

registerLanguages({ en: () => import('./strings.en.js'), es: () => import('./strings.es.js') });
