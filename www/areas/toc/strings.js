// English and Spanish strings of the Theory-of-change area, registered when the area loads.
import { register } from '../../i18n.js';
import en from './strings-en.js';
import es from './strings-es.js';

register({ en, es });
