/**
 * CIDR blocks as IAM's `IpAddress` / `NotIpAddress` operators read them, for one question: which
 * callers from the internet can a `aws:SourceIp` value describe? A small parser of our own (no
 * dependency): IPv4 dotted quads and IPv6 (with `::` and an embedded IPv4 tail), each with an
 * optional `/prefix`; a bare address is a single host (/32 or /128), as in IAM.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 *
 * Nothing here throws: a string that is not a CIDR gives null.
 */

export interface Cidr {
  version: 4 | 6;
  /** The network address (host bits cleared), as an unsigned integer of 32 or 128 bits. */
  network: bigint;
  prefix: number;
}

/**
 * How many internet callers a block can describe:
 * - `none`: it lies inside a range no internet caller has (private, loopback, link-local,
 *   shared CGNAT, documentation, unique-local): a request from the internet never matches it;
 * - `some`: part of the public address space (a network, not everyone);
 * - `all`: `0.0.0.0/0` or `::/0`.
 */
export type InternetReach = 'none' | 'some' | 'all';

/**
 * Ranges that are never the source address of a request arriving from the internet. IPv4:
 * RFC 1918 private, RFC 1122 loopback and "this network", RFC 3927 link-local, RFC 6598 shared
 * address space (CGNAT), RFC 5737 documentation. IPv6: RFC 4291 loopback, RFC 4193 unique local,
 * RFC 4291 link-local, RFC 3849 documentation.
 * https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
 */
const NON_INTERNET: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '192.0.2.0/24',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  '2001:db8::/32',
];

let nonInternet: Cidr[] | undefined;
function nonInternetRanges(): Cidr[] {
  nonInternet ??= NON_INTERNET.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== null);
  return nonInternet;
}

/** `a.b.c.d[/n]` or an IPv6 address `[/n]`; null for anything else (including out-of-range prefixes). */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return null;
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash < 0 ? null : trimmed.slice(slash + 1);
  const v4 = parseIpv4(address);
  const value = v4 ?? parseIpv6(address);
  if (value === null) return null;
  const version = v4 !== null ? 4 : 6;
  const width = version === 4 ? 32 : 128;
  let prefix = width;
  if (prefixText !== null) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > width) return null;
  }
  return { version, network: value & mask(prefix, width), prefix };
}

function mask(prefix: number, width: number): bigint {
  if (prefix === 0) return 0n;
  const all = (1n << BigInt(width)) - 1n;
  return (all >> BigInt(width - prefix)) << BigInt(width - prefix);
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    // Decimal octets only: a leading zero would be octal to some parsers, so it is refused.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): bigint[] | null => {
    if (s === '') return [];
    const out: bigint[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(BigInt(Number.parseInt(p, 16)));
      }
    }
    return out;
  };
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (head === null || tail === null) return null;
  // An embedded IPv4 may only end the address.
  if (halves.length === 2 && (halves[0] as string).includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Is `inner` entirely inside `outer` (same IP version)? */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const width = outer.version === 4 ? 32 : 128;
  return (inner.network & mask(outer.prefix, width)) === outer.network;
}

/** How many internet callers the block describes (see InternetReach). */
export function internetReach(cidr: Cidr): InternetReach {
  if (cidr.prefix === 0) return 'all';
  return nonInternetRanges().some((r) => cidrContains(r, cidr)) ? 'none' : 'some';
}
