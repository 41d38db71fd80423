// The method cards' text (www/methodcard.js), one module per language: strings.en.js and
// strings.es.js. The page downloads the language it shows (issue 21, a small first load;
// i18n.registerLanguages), the other when it switches or once every area is mounted.
import { registerLanguages } from '../i18n.js';

registerLanguages({ en: () => import('./strings.en.js'), es: () => import('./strings.es.js') });
