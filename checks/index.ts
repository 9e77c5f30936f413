/**
 * The explicit, sorted list of every check. `registry.test.ts` asserts it matches the files in
 * checks/ and stays sorted; nothing is registered by import side effects.
 */
import type { Check } from '../src/engine/check.js';
import lambdaFunctionUrlAuthNone from './lambda/function-url-auth-none.js';

export const CHECKS: readonly Check[] = [lambdaFunctionUrlAuthNone];
