/**
 * The HTML report's markup primitives, shared by the page (html.ts) and its sections in html/:
 * `html`, a tagged template that escapes (escape-goat) every interpolated value unless it is an
 * `Html` built by these modules, links made only of https:// URLs, and the formatting every
 * section writes the same way (counts, times, badges).
 */
import { htmlEscape } from 'escape-goat';

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}
export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function partToString(part: Part): string {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(partToString).join('');
  if (part === null || part === undefined || part === false || part === true) return '';
  return htmlEscape(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < parts.length; i++) out += partToString(parts[i] as Part) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** An https link, escaped; anything else is shown as plain text, never as a link. */
export function link(url: string, text: string = url): Html {
  if (!/^https:\/\/[^\s]+$/i.test(url)) return html`${text}`;
  return html`<a href="${url}" rel="noopener noreferrer">${text}</a>`;
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const num = (n: number) => n.toLocaleString('en-US');

/** An ISO time as the page writes every time: "2026-11-01 12:00:00 UTC" (the page script too). */
export function timeText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function badge(kind: string, text: string): Html {
  return html`<span class="badge b-${kind}">${text}</span>`;
}
