import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  arnGlobMatches,
  ipInCidr,
  isDeployer,
  isServiceSource,
  isValidCidr,
} from '../../src/engine/change-review.js';
import { changeEvent, userChange } from '../helpers/changes.js';

describe('change review settings', () => {
  it('ARN globs: * spans any run of characters, the rest is literal', () => {
    assert.ok(arnGlobMatches('arn:aws:iam::*:role/ci-*', 'arn:aws:iam::123456789012:role/ci-deploy'));
    assert.ok(!arnGlobMatches('arn:aws:iam::*:role/ci-*', 'arn:aws:iam::123456789012:role/prod-ci-deploy'));
    assert.ok(!arnGlobMatches('arn:aws:iam::1.3:role/x', 'arn:aws:iam::123:role/x'), 'a dot is literal');
  });

  it('an assumed-role session is a deployer by its issuer, a user by its own ARN', () => {
    assert.ok(isDeployer(changeEvent(), ['arn:aws:iam::123456789012:role/github-deploy']));
    assert.ok(!isDeployer(userChange('alice'), ['arn:aws:iam::123456789012:role/github-deploy']));
    assert.ok(isDeployer(userChange('alice'), ['arn:aws:iam::*:user/alice']));
  });

  it('CIDRs: IPv4 and IPv6, prefixes, bare addresses; anything else is invalid', () => {
    assert.ok(ipInCidr('203.0.113.7', '203.0.113.0/24'));
    assert.ok(!ipInCidr('203.0.114.7', '203.0.113.0/24'));
    assert.ok(ipInCidr('10.1.2.3', '0.0.0.0/0'));
    assert.ok(ipInCidr('2001:db8::1', '2001:db8::/32'));
    assert.ok(!ipInCidr('2001:db9::1', '2001:db8::/32'));
    assert.ok(ipInCidr('192.0.2.1', '192.0.2.1'));
    assert.ok(!ipInCidr('203.0.113.7', '2001:db8::/32'), 'families never mix');
    assert.ok(!ipInCidr('cloudformation.amazonaws.com', '0.0.0.0/0'));
    for (const bad of ['203.0.113.0/33', '999.0.0.1/8', 'example.com', '10.0.0.0/8/1', '', '2001:db8::/129'])
      assert.equal(isValidCidr(bad), false, bad);
    assert.ok(isValidCidr('2001:db8::/32') && isValidCidr('10.0.0.0/8'));
  });

  it('an AWS service name as source address is a service, not an IP', () => {
    assert.ok(isServiceSource('cloudformation.amazonaws.com'));
    assert.ok(!isServiceSource('203.0.113.7'));
    assert.ok(!isServiceSource('AWS Internal'));
  });
});
