/**
 * Every report format: a plain map from format name to its file name and pure renderer. Each
 * renderer is a function of the finished report alone, in its own module; the writer streams
 * what it yields, so none holds a large account's whole file in memory.
 */
import { ASFF_FILE_NAME, renderAsff } from './asff.js';
import { CSV_FILE_NAME, renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJsonChunks } from './json.js';
import { JUNIT_FILE_NAME, renderJunit } from './junit.js';
import { OCSF_FILE_NAME, renderOcsf } from './ocsf.js';
import { renderSarif, SARIF_FILE } from './sarif.js';
import type { Report } from './schema.js';

export interface Renderer {
  fileName: string;
  /** The file's text, whole or in chunks (the writer streams chunks to disk). */
  render(report: Report): string | Iterable<string>;
}

export type ReportFormat = 'json' | 'html' | 'sarif' | 'ocsf' | 'asff' | 'csv' | 'junit';

export const RENDERERS: Record<ReportFormat, Renderer> = {
  json: { fileName: 'report.json', render: renderJsonChunks },
  html: { fileName: 'report.html', render: renderHtml },
  sarif: { fileName: SARIF_FILE, render: renderSarif },
  ocsf: { fileName: OCSF_FILE_NAME, render: renderOcsf },
  asff: { fileName: ASFF_FILE_NAME, render: renderAsff },
  csv: { fileName: CSV_FILE_NAME, render: renderCsv },
  junit: { fileName: JUNIT_FILE_NAME, render: renderJunit },
};
