/**
 * The IAM credential report as AWS writes it: a CSV with one row per user after the root row
 * `<root_account>`, where columns that do not apply hold N/A, not_supported or no_information
 * instead of a date. Dates look like 2026-11-20T10:00:00+00:00.
 */
import type { SimAccessKey, SimAccount } from './account.js';
import { DAY_MS } from './account.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** ISO → the report's `+00:00` form, seconds precision. */
export const reportDate = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}+00:00`;

function keyColumns(k: SimAccessKey | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(k.active),
    reportDate(k.createdAt),
    k.lastUsed ? reportDate(k.lastUsed.at) : 'N/A',
    k.lastUsed ? k.lastUsed.region : 'N/A',
    k.lastUsed ? k.lastUsed.service : 'N/A',
  ];
}

const NO_CERTS = ['false', 'N/A', 'false', 'N/A'];

function certColumns(certs: { active: boolean; uploadedAt: string }[] | undefined): string[] {
  return [0, 1].flatMap((i) => {
    const c = certs?.[i];
    return c ? [String(c.active), reportDate(c.uploadedAt)] : ['false', 'N/A'];
  });
}

export function credentialReportCsv(account: SimAccount): string {
  const { root, users, passwordPolicy } = account.iam;
  const rows: string[][] = [[...CREDENTIAL_REPORT_COLUMNS]];
  rows.push([
    '<root_account>',
    root.arn,
    reportDate(root.createdAt),
    'not_supported',
    root.passwordLastUsed ? reportDate(root.passwordLastUsed) : 'no_information',
    'not_supported',
    'not_supported',
    String(root.mfa),
    ...keyColumns(root.accessKeys[0]),
    ...keyColumns(root.accessKeys[1]),
    ...certColumns(root.signingCertificates),
  ]);
  const maxAge = passwordPolicy?.ExpirePasswords ? passwordPolicy.MaxPasswordAge : undefined;
  for (const u of users) {
    const pw = u.password;
    rows.push([
      u.name,
      u.arn,
      reportDate(u.createdAt),
      String(pw !== null),
      pw ? (pw.lastUsed ? reportDate(pw.lastUsed) : 'no_information') : 'N/A',
      pw ? reportDate(pw.lastChanged) : 'N/A',
      pw && maxAge ? reportDate(new Date(Date.parse(pw.lastChanged) + maxAge * DAY_MS).toISOString()) : 'N/A',
      String(u.mfa),
      ...keyColumns(u.accessKeys[0]),
      ...keyColumns(u.accessKeys[1]),
      ...NO_CERTS,
    ]);
  }
  return rows.map((r) => r.join(',')).join('\n');
}
