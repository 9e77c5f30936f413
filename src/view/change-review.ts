/**
 * The change-review settings (--deployers, --trusted-ip-ranges, or `deployers:` and
 * `trusted-ip-ranges:` in the config file) and the pure tests the change checks make with them.
 * The settings are recorded in the inventory (`scan.changeReview`), so evaluating a saved
 * inventory judges by the settings the scan had, not by the evaluating machine's config.
 */
import { isIP } from 'node:net';
import type { FunctionChangeEvent } from '../inventory/schema.js';

/** An ARN glob: `*` matches any run of characters (a colon or slash included), the rest literally. */
export function arnGlobMatches(glob: string, arn: string): boolean {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`).test(arn);
}

/** The principal a change is judged by: an assumed-role session by the role that issued it. */
export function actingPrincipal(e: FunctionChangeEvent): string | null {
  return e.identityType === 'AssumedRole' ? (e.sessionIssuerArn ?? e.principalArn) : e.principalArn;
}

export function isDeployer(e: FunctionChangeEvent, deployers: readonly string[]): boolean {
  const candidates = [actingPrincipal(e), e.principalArn].filter((a): a is string => a !== null);
  return candidates.some((arn) => deployers.some((g) => arnGlobMatches(g, arn)));
}

type Parsed = { family: 4 | 6; bits: bigint };

function parseIp(text: string): Parsed | null {
  const family = isIP(text);
  if (family === 4) {
    const bits = text.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
    return { family: 4, bits };
  }
  if (family === 6) {
    let t = text;
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
    if (v4?.[1]) {
      const p = parseIp(v4[1]);
      if (!p) return null;
      const n = Number(p.bits);
      t = `${t.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
    }
    const [head = '', tail] = t.split('::');
    const h = head ? head.split(':') : [];
    const tl = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
    if (groups.length !== 8) return null;
    const bits = groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || '0', 16)), 0n);
    return { family: 6, bits };
  }
  return null;
}

/** A CIDR (or a bare address) is valid when its address parses and its prefix fits its family. */
export function isValidCidr(cidr: string): boolean {
  return parseCidr(cidr) !== null;
}

function parseCidr(cidr: string): { ip: Parsed; prefix: number } | null {
  const [addr = '', prefixText, extra] = cidr.trim().split('/');
  if (extra !== undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > max) return null;
  return { ip, prefix };
}

/** Is `address` inside `cidr`? Not an IP address (a service name such as lambda.amazonaws.com): no. */
export function ipInCidr(address: string, cidr: string): boolean {
  const ip = parseIp(address);
  const range = parseCidr(cidr);
  if (!ip || !range || ip.family !== range.ip.family) return false;
  const width = BigInt(ip.family === 4 ? 32 : 128);
  const shift = width - BigInt(range.prefix);
  return ip.bits >> shift === range.ip.bits >> shift;
}

/** True for an address CloudTrail writes as a service name ("lambda.amazonaws.com"), not an IP. */
export function isServiceSource(source: string): boolean {
  return isIP(source) === 0 && /\.amazonaws\.com$/.test(source);
}
