/**
 * The Content-Security-Policy of a self-contained page (the account report, the organization
 * roll-up): nothing may load; the only scripts that may run and the only stylesheets that may
 * apply are the page's own, each pinned by its SHA-256 (a script injected through data could
 * never match). A page with no script gets script-src 'none'.
 */
import { createHash } from 'node:crypto';

export const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

export function pageCsp(page: { scripts: readonly string[]; styles: readonly string[] }): string {
  const pinned = (texts: readonly string[]) =>
    texts.length === 0 ? "'none'" : texts.map((t) => `'sha256-${sha256Base64(t)}'`).join(' ');
  return `default-src 'none'; script-src ${pinned(page.scripts)}; style-src ${pinned(page.styles)}; img-src data:; base-uri 'none'; form-action 'none'`;
}
