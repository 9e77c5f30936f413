/** Dates as AWS APIs send them, turned into the inventory's ISO form. */

/**
 * A date string of an AWS API as a UTC ISO string, or null when it does not parse. Lambda writes
 * LastModified and a layer's CreatedDate as `2024-01-01T00:00:00.000+0000`, which is not RFC 3339
 * (the offset lacks its colon); RFC 3339 strings (GuardDuty's UpdatedAt) pass through unchanged.
 */
export function awsDateToIso(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
