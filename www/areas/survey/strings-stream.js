// The streaming import's strings (#22; survey/stream.js, the worker op `surveyStream`) in
// English and Spanish.
import { register } from '../../i18n.js';

register({
  en: {
    'survey.busy.streaming': 'Reading a large file in chunks',
    'survey.busy.stream': 'read {done} of {total} MB, {rows} rows',
    'survey.stage.stream': 'reading the file in chunks…',
    'survey.status.streamed': '“{name}” read in chunks: {rows} rows. The import checks above describe the file’s first 4 MiB; the report covers every row.',
  },
  es: {
    'survey.busy.streaming': 'Leyendo un archivo grande por partes',
    'survey.busy.stream': 'leídos {done} de {total} MB, {rows} filas',
    'survey.stage.stream': 'leyendo el archivo por partes…',
    'survey.status.streamed': '«{name}» leído por partes: {rows} filas. Las comprobaciones de importación de arriba describen los primeros 4 MiB del archivo; el informe cubre todas las filas.',
  },
});
