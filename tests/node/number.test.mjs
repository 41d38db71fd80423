// www/number.js: the page's one reader of typed numbers (issue 16). Expected values are the
// plain readings of each string by the rules in the module's header, written out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, parseNumber, relocalize } from '../../www/number.js';

const cases = (lang, options, table) => {
  for (const [text, want] of table) {
    const got = parseNumber(text, { lang, ...options });
    if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${lang} ${JSON.stringify(text)} -> ${got}, want NaN`);
    else assert.equal(got, want, `${lang} ${JSON.stringify(text)}`);
  }
};

test('Spanish: decimal comma, thousands point, and the decimal point still works', () => {
  cases('es', {}, [
    ['2,5', 2.5], [' 0,95 ', 0.95], ['2.5', 2.5], ['0.950', 0.95], ['1.500', 1500], ['1.234,5', 1234.5],
    ['1.234.567', 1234567], ['1\u00a0234,5', 1234.5], ['1 234', 1234], ['-3,25', -3.25], ['+4', 4], [',5', 0.5],
    ['1e3', 1000], ['12', 12], ['1,234', 1.234],
  ]);
});

test('English: decimal point, thousands comma, and a decimal comma is accepted', () => {
  cases('en', {}, [
    ['2.5', 2.5], ['2,5', 2.5], ['1,500', 1500], ['1,234.5', 1234.5], ['1,234,567', 1234567], ['1.234', 1.234],
    ['-0.5', -0.5], ['.5', 0.5], ['1.5e-3', 0.0015], ['0,950', 0.95], ['1.234,5', 1234.5],
  ]);
});

test('no lang means English', () => {
  assert.equal(parseNumber('1,500'), 1500);
  assert.equal(parseNumber('2,5'), 2.5);
});

test('what is not a number is NaN', () => {
  for (const lang of ['en', 'es']) {
    cases(lang, {}, [
      ['', NaN], ['  ', NaN], ['abc', NaN], ['1,2,3', NaN], ['12,34,567', NaN], ['1.2.3', NaN], ['1,23.4', NaN],
      ['1.000,000.5', NaN], ['--1', NaN], ['+', NaN], ['2,5e3,1', NaN], ['1e', NaN], ['Infinity', NaN], ['0x10', NaN],
      [null, NaN], [undefined, NaN], ['1 2,5.3', NaN], ['$5', NaN], ['5 %', NaN],
    ]);
  }
});

test('currency: US$, $ and USD, with either separator grouping thousands', () => {
  for (const lang of ['en', 'es']) {
    cases(lang, { currency: true }, [
      ['$800,000', 800000], ['US$800.000', 800000], ['800 000', 800000], ['800000', 800000], ['1.234 USD', 1234],
      ['-$5', -5], ['US$ 800 USD', 800], ['$1,234.50', 1234.5], ['$12.5', 12.5], ['US$', NaN], ['€5', NaN],
    ]);
  }
});

test('percent: a share from "20", "20 %" or "12,5"', () => {
  cases('es', { percent: true }, [['20', 0.2], ['20 %', 0.2], ['12,5', 0.125], ['12,5%', 0.125], ['%', NaN], ['x', NaN]]);
  cases('en', { percent: true }, [['12.5 %', 0.125], ['100', 1]]);
});

test('formatNumber writes what parseNumber reads back, with a decimal comma in Spanish', () => {
  assert.equal(formatNumber(0.95, { lang: 'es' }), '0,95');
  assert.equal(formatNumber(0.95, { lang: 'en' }), '0.95');
  assert.equal(formatNumber(1500, { lang: 'es' }), '1500');
  assert.equal(formatNumber(null), '');
  assert.equal(formatNumber(Number.NaN), '');
  for (const v of [0.95, 1.234, 123.456, 1234.5, 1234.567, -2.5, 1500, 1e-7, 1.5e-7, 2.5e21, 0]) {
    for (const lang of ['en', 'es']) assert.equal(parseNumber(formatNumber(v, { lang }), { lang }), v, `${lang} ${v}`);
  }
});

test('relocalize rewrites a field for a language switch and keeps text that is not a number', () => {
  assert.equal(relocalize('0.95', 'en', 'es'), '0,95');
  assert.equal(relocalize('0,95', 'es', 'en'), '0.95');
  assert.equal(relocalize('1,500', 'en', 'es'), '1500');
  assert.equal(relocalize('1.500', 'es', 'en'), '1500');
  assert.equal(relocalize('12', 'en', 'es'), '12');
  assert.equal(relocalize('', 'en', 'es'), '');
  assert.equal(relocalize('0.9x', 'en', 'es'), '0.9x');
});
