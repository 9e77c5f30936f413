/** Every report format: a plain map from format name to its file name and pure renderer. */
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import type { Report } from './schema.js';

export interface Renderer {
  fileName: string;
  render(report: Report): string;
}

export type ReportFormat = 'json' | 'html';

export const RENDERERS: Record<ReportFormat, Renderer> = {
  json: { fileName: 'report.json', render: renderJson },
  html: { fileName: 'report.html', render: renderHtml },
};
