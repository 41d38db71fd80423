// Type-checked by `tsc --noEmit` in `make test`: touches every export of pkg/ with the types
// a user would write, so a binding that degrades to `any` or changes shape fails the build.
import init, * as waterline from '../../pkg/waterline.js';
import type { ProportionInterval, WaterlineError } from '../../pkg/waterline.js';

export async function usage(): Promise<void> {
  await init();
  const v: string = waterline.version();

  const ci: ProportionInterval = waterline.wilson(101, 113, { level: 0.95 });
  const method: 'wilson' = ci.method;
  const bounds: [number, number] = [ci.lower, ci.upper];
  waterline.wilson(1, 2, undefined);
  waterline.wilson(1, 2, null);
  // @ts-expect-error the level is a number, not a string
  waterline.wilson(1, 2, { level: '0.95' });

  try {
    waterline.wilson(120, 113, {});
  } catch (e) {
    const err = e as WaterlineError;
    const code: string = err.code;
    const details: Record<string, number | string | Array<number | string>> = err.details;
    console.log(code, details, v, method, bounds);
  }
}
