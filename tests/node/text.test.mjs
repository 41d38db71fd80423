// www/text.js: the page's one way to pick the English or Spanish side of a { en, es } text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pick, pickText } from '../../www/text.js';

test('the asked language when it has text, else the other one, with the language returned', () => {
  assert.deepEqual(pick({ en: 'Goal', es: 'Meta' }, 'es'), { text: 'Meta', lang: 'es' });
  assert.deepEqual(pick({ en: 'Goal', es: 'Meta' }, 'en'), { text: 'Goal', lang: 'en' });
  assert.deepEqual(pick({ en: 'Goal', es: null }, 'es'), { text: 'Goal', lang: 'en' });
  assert.deepEqual(pick({ en: 'Goal', es: '  ' }, 'es'), { text: 'Goal', lang: 'en' });
  assert.deepEqual(pick({ en: '', es: 'Meta' }, 'en'), { text: 'Meta', lang: 'es' });
  assert.deepEqual(pick({ en: '', es: null }, 'es'), { text: '', lang: 'es' });
});

test('plain strings pass through with an unknown language; null is empty', () => {
  assert.deepEqual(pick('Female', 'es'), { text: 'Female', lang: null });
  assert.deepEqual(pick(null, 'es'), { text: '', lang: 'es' });
  assert.equal(pickText(undefined, 'en'), '');
  assert.equal(pickText({ en: 'Yes', es: 'Sí' }, 'es'), 'Sí');
});
