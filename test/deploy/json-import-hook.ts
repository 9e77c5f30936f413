/**
 * A module-load hook for one test: @actions/workflow-parser imports its JSON schema without
 * `with { type: 'json' }`, which bundlers accept and Node refuses (ERR_IMPORT_ASSERTION_TYPE_MISSING).
 * This adds the attribute for that package's JSON files only, so GitHub's own workflow parser can
 * validate the example workflow under plain Node. Registered with module.register().
 */
import type { LoadHook } from 'node:module';

export const load: LoadHook = (url, context, nextLoad) => {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/') && !context.importAttributes.type)
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return nextLoad(url, context);
};
