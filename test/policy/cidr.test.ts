import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cidrContains, internetReach, parseCidr } from '../../src/policy/cidr.js';

const reach = (text: string) => {
  const c = parseCidr(text);
  assert.ok(c, `${text} parses`);
  return internetReach(c);
};

describe('parseCidr', () => {
  it('reads IPv4 blocks and bare addresses, clearing host bits', () => {
    assert.deepEqual(parseCidr('10.1.2.3/8'), { version: 4, network: 10n << 24n, prefix: 8 });
    assert.deepEqual(parseCidr('203.0.113.7'), { version: 4, network: 0xcb007107n, prefix: 32 });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { version: 4, network: 0n, prefix: 0 });
  });

  it('reads IPv6 with ::, full groups and an embedded IPv4 tail', () => {
    assert.deepEqual(parseCidr('::/0'), { version: 6, network: 0n, prefix: 0 });
    assert.deepEqual(parseCidr('::1'), { version: 6, network: 1n, prefix: 128 });
    assert.equal(parseCidr('2001:db8::/32')?.network, 0x20010db8n << 96n);
    assert.equal(
      parseCidr('2001:0db8:0000:0000:0000:0000:0000:0001/128')?.network,
      (0x20010db8n << 96n) | 1n,
    );
    assert.equal(parseCidr('::ffff:192.0.2.1')?.network, (0xffffn << 32n) | 0xc0000201n);
  });

  it('refuses what is not a CIDR, without throwing', () => {
    for (const bad of [
      '',
      '10.0.0.300/8',
      '10.0.0/8',
      '10.0.0.0/33',
      '10.0.0.0/-1',
      '10.0.0.0/',
      '010.0.0.0/8',
      '1.2.3.4.5',
      '::1::/128',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      'fe80::/129',
      'gggg::/16',
      '1.2.3.4::/64',
      '__proto__',
      'constructor',
      '*',
    ]) {
      assert.equal(parseCidr(bad), null, bad);
    }
  });

  it('never throws, and a parsed block round-trips its prefix bounds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef.:/'.split('')) }), (s) => {
        const c = parseCidr(s);
        if (c) return c.prefix >= 0 && c.prefix <= (c.version === 4 ? 32 : 128);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('internetReach', () => {
  it('ranges no internet caller has: private, loopback, link-local, CGNAT, documentation, ULA', () => {
    for (const c of [
      '10.0.0.0/8',
      '10.20.30.0/24',
      '172.16.0.0/12',
      '172.31.255.255',
      '192.168.1.0/24',
      '127.0.0.1',
      '169.254.169.254/32',
      '100.64.0.0/10',
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '::1',
      'fc00::/7',
      'fd12:3456::/48',
      'fe80::/10',
      '2001:db8::/32',
      '2001:db8:1::/48',
    ]) {
      assert.equal(reach(c), 'none', c);
    }
  });

  it('public networks are "some"; a block wider than a private range reaches the internet', () => {
    for (const c of [
      '8.8.8.0/24',
      '52.94.0.0/16',
      '10.0.0.0/7',
      '172.15.0.0/16',
      '100.128.0.0/10',
      '2600::/16',
    ])
      assert.equal(reach(c), 'some', c);
  });

  it('0.0.0.0/0 and ::/0 are everyone', () => {
    assert.equal(reach('0.0.0.0/0'), 'all');
    assert.equal(reach('::/0'), 'all');
  });

  it('containment is by prefix and version', () => {
    const a = parseCidr('10.0.0.0/8');
    const b = parseCidr('10.1.0.0/16');
    const v6 = parseCidr('::a00:0/104');
    assert.ok(a && b && v6);
    assert.ok(cidrContains(a, b));
    assert.ok(!cidrContains(b, a));
    assert.ok(!cidrContains(a, v6));
  });

  it('any block inside 10.0.0.0/8 is "none"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), fc.integer({ min: 8, max: 32 }), (host, prefix) => {
        const text = `10.${(host >> 16) & 255}.${(host >> 8) & 255}.${host & 255}/${prefix}`;
        return reach(text) === 'none';
      }),
    );
  });
});
