// The streaming import's strings (#22; survey/stream.js, the worker op `surveyStream`) in
// English and Spanish.
import { register } from '../../i18n.js';

register({
  en: {
    'survey.busy.streaming': 'Reading a large file in chunks',
    'survey.busy.stream': 'read {done} of {total} MB, {rows} rows',
    'survey.stage.stream': 'reading the file in chunks…',
    'survey.status.streamed': '“{name}” read in chunks: {rows} rows. The import checks above describe the file’s first 4 MiB; the answer shares cover every row.',
    'note.stream_sections_pending': 'This file was read in chunks (it is larger than 128 MiB or 250,000 rows), so this report has the answer shares of each question only. Not computed yet: {shifts} paired shifts, {waves} wave comparisons, {subgroups} subgroup breakdowns, {scales} scales and {otherItems} number or multiple-choice questions; a file within the in-memory limits gets them all.',
  },
  es: {
    'survey.busy.streaming': 'Leyendo un archivo grande por partes',
    'survey.busy.stream': 'leídos {done} de {total} MB, {rows} filas',
    'survey.stage.stream': 'leyendo el archivo por partes…',
    'survey.status.streamed': '«{name}» leído por partes: {rows} filas. Las comprobaciones de importación de arriba describen los primeros 4 MiB del archivo; los porcentajes de respuesta cubren todas las filas.',
    'note.stream_sections_pending': 'Este archivo se leyó por partes (supera 128 MiB o 250.000 filas), así que este informe solo tiene los porcentajes de respuesta de cada pregunta. Aún no calculados: {shifts} cambios pareados, {waves} comparaciones entre oleadas, {subgroups} desgloses por subgrupo, {scales} escalas y {otherItems} preguntas numéricas o de opción múltiple; un archivo dentro de los límites en memoria los tiene todos.',
  },
});
