/**
 * Cutting text to a Security Hub field limit. Limits are counted here in UTF-16 code units, which
 * are never fewer than the characters AWS counts, so a cut string fits either way; a cut never
 * ends between the two halves of a surrogate pair (that would leave a lone surrogate, which is
 * not valid Unicode text), and it says it was cut.
 */
export const TRUNCATION_MARKER = ' …[truncated]';

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATION_MARKER.length) return TRUNCATION_MARKER.slice(0, max);
  let end = max - TRUNCATION_MARKER.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARKER;
}
