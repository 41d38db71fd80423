// Checked with the page (www/tsconfig.json, `make types`): the page reads engine results
// through www/engine.js `call`, whose value has the export's generated result type, so a
// field the engine does not send is a tsc error in the page's JavaScript.
import { call } from '../../www/engine.js';

export function pageUsage() {
  const a = call('analyzeRound', null, null, null);
  if (!a.ok) return a.error.code;
  /** @type {number} */
  const reviews = a.value.reviews;
  // @ts-expect-error the round analysis has no field `reviewCount`
  const wrong = a.value.reviewCount;
  const m = call('examplePassModel');
  // @ts-expect-error a logic model's goals have `dependsOn`, not `depends_on`
  const deps = m.ok ? m.value.goals[0].depends_on : null;
  return [reviews, wrong, deps];
}
