/**
 * A roll-up whose every account-chosen string carries a payload: account names, OU paths, the
 * reasons and AWS errors of failed accounts, and the top findings' resource names and messages.
 * Each payload sets window.__pwned if it ever runs; some would also make a request if rendered.
 */
import type { Rollup, RollupAccount } from '../../../src/report/rollup/schema.js';
import { organizationAccounts, wholeRollup } from './fixtures.js';

export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '</style><script>window.__pwned=1</script><style>',
  '</td></tr></table><script>window.__pwned=1</script>',
  '<img src="http://127.0.0.1:9/x.png">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '\u202Egnp.exe\u2066\u200f',
  '<!--',
];
const P = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;

export function hostileRollup(n = 14): Rollup {
  const accounts: RollupAccount[] = organizationAccounts(n).map((a, i) => ({
    ...a,
    name: `${P(i)} prod`,
    organizationalUnit: `Root/${P(i + 1)}/Prod`,
    ...(a.status === 'scanned' ? {} : { reason: `not scanned ${P(i + 2)}` }),
    ...(a.error ? { error: { ...a.error, message: P(i + 3), code: P(i + 4) } } : {}),
    topFindings: a.topFindings.map((f, j) => ({
      ...f,
      title: `${f.title} ${P(i + j)}`,
      message: `message ${P(i + j + 5)}`,
      resource: { ...f.resource, name: `fn ${P(i + j + 6)}`, arn: `${f.resource.arn}${P(i + j + 7)}` },
    })),
  }));
  return wholeRollup(accounts);
}
