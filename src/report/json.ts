/** The JSON report: the document itself, 2-space indented, with a trailing newline. */
import { jsonChunks } from '../io/json-chunks.js';
import type { Report } from './schema.js';

/**
 * In chunks, for the writer: a large account's report exceeds V8's longest string. Indented,
 * except that each result is one line (see JsonChunksOptions.lineArrays).
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  yield* jsonChunks(report, 2, { lineArrays: ['results'] });
  yield '\n';
}

/** The whole text, for small reports and tests. */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
