// www/csv.js: the page's one CSV writer (issue 16). RFC 4180 quoting — a field is quoted when it
// holds a comma, a double quote, CR or LF, inner quotes doubled, CRLF record ends — plus the
// formula guard (a leading apostrophe). Expected strings are written out by hand from RFC 4180.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvCellEs, csvText, csvTextEs } from '../../www/csv.js';

test('fields are quoted exactly when RFC 4180 needs it', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(csvCell('semi;colon'), 'semi;colon');
  assert.equal(csvCell(' padded '), ' padded ');
  assert.equal(csvCell('año, niño'), '"año, niño"');
});

test('numbers stay numbers; null, undefined and non-finite are empty', () => {
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(2.5), '2.5');
  assert.equal(csvCell(0), '0');
  for (const v of [null, undefined, Number.NaN, Infinity]) assert.equal(csvCell(v), '');
});

test('formula starts get an apostrophe, then the RFC 4180 quoting', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('＝SUM(A1)'), "'＝SUM(A1)");
  assert.equal(csvCell(' =HYPERLINK("x")'), `"' =HYPERLINK(""x"")"`);
  assert.equal(csvCell('=a,b'), `"'=a,b"`);
  assert.equal(csvCell('\nx'), `"'\nx"`);
  assert.equal(csvCell('a=b'), 'a=b');
});

test('csvText joins fields with commas and ends every record with CRLF', () => {
  assert.equal(csvText([['id', 'name'], [1, 'a,b'], [2, null]]), 'id,name\r\n1,"a,b"\r\n2,\r\n');
});

// Issue 18: CSV that Excel opens correctly in a Spanish locale, where the list separator is
// ";" and the decimal separator ",", and a UTF-8 file needs its byte-order mark.
test('csvTextEs: BOM, semicolons, decimal commas, CRLF; text with ; is quoted', () => {
  assert.equal(csvTextEs([['Pregunta', 'Antes', 'n'], ['Reuniones; distrito', 0.29, 113], ['Niño', -1.5, null]]),
    '\ufeffPregunta;Antes;n\r\n"Reuniones; distrito";0,29;113\r\nNiño;-1,5;\r\n');
  assert.equal(csvCellEs(1234.5), '1234,5');
  assert.equal(csvCellEs(Number.NaN), '');
  assert.equal(csvCellEs('a,b'), '"a,b"');
  assert.equal(csvCellEs('=SUM(A1)'), "'=SUM(A1)");
  assert.equal(csvCellEs('say "hi"; bye'), '"say ""hi""; bye"');
});
