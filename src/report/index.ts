/** Every report format: a plain map from format name to its file name and pure renderer. */
import { renderHtml } from './html.js';
import { renderJsonChunks } from './json.js';
import type { Report } from './schema.js';

export interface Renderer {
  fileName: string;
  /** The file's text, whole or in chunks (the writer streams chunks to disk). */
  render(report: Report): string | Iterable<string>;
}

export type ReportFormat = 'json' | 'html';

export const RENDERERS: Record<ReportFormat, Renderer> = {
  json: { fileName: 'report.json', render: renderJsonChunks },
  html: { fileName: 'report.html', render: renderHtml },
};
