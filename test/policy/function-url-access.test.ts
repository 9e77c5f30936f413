import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyDocument, PolicyStatement } from '../../src/inventory/schema.js';
import { FUNCTION_URL_GRACE_END, functionUrlAccess } from '../../src/policy/function-url-access.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const url: PolicyStatement = {
  Effect: 'Allow',
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunctionUrl'],
  Resource: [ARN],
  Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
};
const invoke: PolicyStatement = {
  Effect: 'Allow',
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [ARN],
  Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } },
};
const docOf = (...Statement: PolicyStatement[]): PolicyDocument => ({ Statement });
const AFTER = new Date('2026-12-01T00:00:00Z');
const BEFORE = new Date('2026-10-01T00:00:00Z');

describe('functionUrlAccess', () => {
  it('open with both grants, latent with one or none after the grace period', () => {
    assert.equal(functionUrlAccess(docOf(url, invoke), AFTER).kind, 'open');
    assert.deepEqual(functionUrlAccess(docOf(url), AFTER), {
      kind: 'latent',
      missing: ['lambda:InvokeFunction (with lambda:InvokedViaFunctionUrl)'],
    });
    assert.deepEqual(functionUrlAccess(docOf(invoke), AFTER), {
      kind: 'latent',
      missing: ['lambda:InvokeFunctionUrl'],
    });
    assert.equal(functionUrlAccess(null, AFTER).kind, 'latent');
  });

  it('before 2026-11-01 the URL grant alone is enough (the pre-October-2025 exception)', () => {
    const a = functionUrlAccess(docOf(url), BEFORE);
    assert.equal(a.kind, 'open');
    assert.ok(a.kind === 'open' && a.byGracePeriod);
    assert.equal(functionUrlAccess(docOf(url), new Date(FUNCTION_URL_GRACE_END)).kind, 'latent');
  });

  it('grants that do not reach an anonymous URL caller do not count', () => {
    const iamOnly: PolicyStatement = {
      ...url,
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } },
    };
    assert.equal(functionUrlAccess(docOf(iamOnly, invoke), AFTER).kind, 'latent');
    const notViaUrl: PolicyStatement = {
      ...invoke,
      Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': ['false'] } },
    };
    assert.equal(functionUrlAccess(docOf(url, notViaUrl), AFTER).kind, 'latent');
    const named: PolicyStatement = { ...invoke, Principal: { AWS: ['210987654321'] } };
    assert.equal(functionUrlAccess(docOf(url, named), AFTER).kind, 'latent');
    // A plain public InvokeFunction (no URL condition) admits the URL path too.
    assert.equal(functionUrlAccess(docOf(url, { ...invoke, Condition: undefined }), AFTER).kind, 'open');
  });

  it('Deny statements: on the URL path, outside the organization, or outside private ranges close it', () => {
    const denyViaUrl: PolicyStatement = {
      ...invoke,
      Effect: 'Deny',
      Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } },
    };
    assert.equal(functionUrlAccess(docOf(url, invoke, denyViaUrl), AFTER).kind, 'latent');
    const denyOutsideOrg: PolicyStatement = {
      ...url,
      Effect: 'Deny',
      Action: ['lambda:*'],
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } },
    };
    assert.equal(functionUrlAccess(docOf(url, invoke, denyOutsideOrg), AFTER).kind, 'latent');
    const publicRange: PolicyStatement = {
      ...invoke,
      Condition: { IpAddress: { 'aws:SourceIp': ['8.8.8.0/24'] } },
    };
    const a = functionUrlAccess(docOf(url, publicRange), AFTER);
    assert.ok(a.kind === 'open' && a.networkOnly);
  });

  it('is a function of the scan time only, and never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const a = functionUrlAccess(docOf(url), new Date(ms));
        return a.kind === (ms < Date.parse(FUNCTION_URL_GRACE_END) ? 'open' : 'latent');
      }),
    );
    assert.equal(
      functionUrlAccess({ Statement: [null as unknown as PolicyStatement] }, AFTER).kind,
      'latent',
    );
  });
});
