/**
 * Just enough HCL to test Terraform examples without Terraform: top-level and nested blocks by
 * type and labels, and a block's own attributes as their expression text. Strings (with `${…}`
 * templates, which may hold quotes of their own) and `#`, `//`, `/* *\/` comments are skipped
 * when matching braces, so a brace in a string never ends a block. Heredocs are not supported (the
 * examples use none): one is an error rather than a wrong reading.
 */
import assert from 'node:assert/strict';

export interface Block {
  type: string;
  labels: string[];
  /** The text between the braces. */
  body: string;
}

/** Index just past the string that starts at `i` (on its opening quote). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else if (c === '$' && text[j + 1] === '{') j = skipBalanced(text, j + 1, '{', '}');
    else j++;
  }
  throw new Error(`unterminated string at ${i}`);
}

/** Index just past the comment at `i`, or `i` when none starts there. */
function skipComment(text: string, i: number): number {
  if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (text[i] === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    assert.ok(end >= 0, 'unterminated /* comment');
    return end + 2;
  }
  return i;
}

/** A heredoc (`<<EOT`, `<<-EOT`) would hide braces and quotes from this reader: refuse it. */
function rejectHeredoc(text: string, i: number): void {
  if (/^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) throw new Error(`heredocs are not supported (at ${i})`);
}

/** Index just past the bracket that closes the one at `i`. */
function skipBalanced(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text[j];
    const afterComment = skipComment(text, j);
    if (afterComment !== j) j = afterComment;
    else if (c === '"') j = skipString(text, j);
    else {
      rejectHeredoc(text, j);
      if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
      j++;
    }
  }
  throw new Error(`unbalanced ${open} at ${i}`);
}

/** The blocks directly inside `text` (a file, or a block's body), in order. */
export function blocks(text: string): Block[] {
  const found: Block[] = [];
  const header = /([A-Za-z_][\w-]*)((?:\s+"[^"]*")*)\s*\{/y;
  let i = 0;
  while (i < text.length) {
    const afterComment = skipComment(text, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    const c = text[i] ?? '';
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      i = skipBalanced(text, i, c, c === '{' ? '}' : c === '[' ? ']' : ')');
      continue;
    }
    rejectHeredoc(text, i);
    header.lastIndex = i;
    const m = /[A-Za-z_]/.test(c) && (i === 0 || /[\s}]/.test(text[i - 1] ?? '')) ? header.exec(text) : null;
    if (m) {
      const open = i + m[0].length - 1;
      const end = skipBalanced(text, open, '{', '}');
      const labels = [...(m[2] ?? '').matchAll(/"([^"]*)"/g)].map((l) => l[1] ?? '');
      found.push({ type: m[1] ?? '', labels, body: text.slice(open + 1, end - 1) });
      i = end;
      continue;
    }
    i++;
  }
  return found;
}

/** The one block of this type and labels; fails when there is none or more than one. */
export function block(text: string, type: string, ...labels: string[]): Block {
  const matches = blocks(text).filter(
    (b) => b.type === type && labels.every((l, k) => b.labels[k] === l) && b.labels.length >= labels.length,
  );
  assert.equal(matches.length, 1, `expected one ${type} ${labels.join(' ')} block, found ${matches.length}`);
  return matches[0] as Block;
}

/** The text with every comment replaced by spaces (newlines kept), strings untouched. */
function blankComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const end = skipComment(text, i);
    if (end !== i) {
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else if (text[i] === '"') {
      const close = skipString(text, i);
      out += text.slice(i, close);
      i = close;
    } else out += text[i++];
  }
  return out;
}

/** A block's own attributes (not those of its nested blocks): name → expression text, trimmed. */
export function attributes(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = blankComments(body);
  const nested = blocks(rest);
  // Blank out nested blocks so their attributes are not read as this block's.
  for (const b of nested) {
    const start = rest.indexOf(b.body);
    rest = `${rest.slice(0, start)}${' '.repeat(b.body.length)}${rest.slice(start + b.body.length)}`;
  }
  const attr = /^\s*([A-Za-z_][\w-]*)\s*=\s*/gm;
  for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
    let j = m.index + m[0].length;
    const from = j;
    // The expression runs to the end of the line, or past the bracket it opens.
    while (j < rest.length && rest[j] !== '\n') {
      const c = rest[j] ?? '';
      if (c === '"') j = skipString(rest, j);
      else if (c === '{' || c === '[' || c === '(')
        j = skipBalanced(rest, j, c, c === '{' ? '}' : c === '[' ? ']' : ')');
      else j++;
    }
    out[m[1] ?? ''] = rest.slice(from, j).trim();
    attr.lastIndex = j;
  }
  return out;
}

/** The value of a plain string literal expression (`"text"`), without templates. */
export function stringLiteral(expr: string | undefined): string {
  assert.ok(expr !== undefined && /^"[^"$\\]*"$/.test(expr), `not a plain string literal: ${expr}`);
  return expr.slice(1, -1);
}
