/** The JSON report: the document itself, 2-space indented, with a trailing newline. */
import type { Report } from './schema.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
