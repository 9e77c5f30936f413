/**
 * Terminal text: ANSI styles, and stripping control characters from anything that came from an
 * account or a file (a crafted name must not drive the terminal). Shared by the run summary, the
 * comparison lines and the `diff` command.
 */
const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  green: '\x1b[32m',
};
export type Style = Exclude<keyof typeof ANSI, 'reset'>;
export type Paint = (text: string, ...styles: Style[]) => string;

/** Styles text when `color` is on; returns it as it is otherwise. */
export function painter(color: boolean): Paint {
  return (text, ...styles) =>
    color && styles.length > 0 ? `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}` : text;
}

/** Drops control characters (C0, DEL and C1). */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
