/**
 * Configuration drift between two inventories: each kind of change with its before/after, what a
 * policy change newly opens, statements compared as sets, and the reads that cannot be compared
 * (unread in a scan, a region that could not be listed) kept apart rather than called unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory, LambdaFunction } from '../../src/inventory/schema.js';
import { inventoryDrift } from '../../src/report/drift.js';
import { DriftSection } from '../../src/report/schema.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
  parsedDoc,
} from '../helpers/inventory.js';

const ARN = (n: string) => `arn:aws:lambda:us-east-1:123456789012:function:${n}`;
const invokeBy = (principal: string, sid = 'Invoke') =>
  ok(
    parsedDoc({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: [principal] },
      Action: ['lambda:InvokeFunction'],
      Resource: [ARN('api')],
    }),
  );

function scan(functions: LambdaFunction[]): Inventory {
  return inventory({ functions });
}

describe('inventoryDrift', () => {
  const base = {
    codeSha256: 'sha-1',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    roleArn: 'arn:aws:iam::123456789012:role/api',
    environment: ok([
      { name: 'TABLE', secret: null },
      { name: 'DB_PASSWORD', secret: { detector: 'name-heuristic:PASSWORD', fingerprint: 'aaaaaaaaaaaa' } },
    ]),
    policy: ok(null),
    urlConfigs: ok([]),
    codeSigningConfigArn: ok('arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1'),
  } satisfies Partial<LambdaFunction>;
  const before = scan([
    lambdaFunction({ name: 'api', ...base }),
    lambdaFunction({ name: 'old', ...base }),
    lambdaFunction({ name: 'same', ...base }),
  ]);
  const after = scan([
    lambdaFunction({
      name: 'api',
      ...base,
      codeSha256: 'sha-2',
      roleArn: 'arn:aws:iam::123456789012:role/admin',
      environment: ok([
        { name: 'TABLE', secret: null },
        { name: 'STRIPE_KEY', secret: { detector: 'pattern:stripe', fingerprint: 'bbbbbbbbbbbb' } },
      ]),
      policy: invokeBy('*'),
      urlConfigs: ok([
        {
          url: 'https://api.lambda-url.us-east-1.on.aws/',
          functionArn: ARN('api'),
          authType: 'NONE',
          invokeMode: null,
          cors: null,
        },
      ]),
      codeSigningConfigArn: ok(null),
    }),
    lambdaFunction({ name: 'same', ...base }),
    lambdaFunction({ name: 'new', ...base }),
  ]);
  const drift = inventoryDrift(before, after);

  it('is a valid report section', () => {
    assert.doesNotThrow(() => DriftSection.parse(drift));
  });

  it('counts functions added, removed, changed and unchanged', () => {
    assert.deepEqual(drift.functions, { added: 1, removed: 1, changed: 1, unchanged: 1 });
    assert.equal(drift.notCompared, 0);
  });

  it('reports each change of the changed function, with before and after', () => {
    const kinds = drift.items.filter((i) => i.name === 'api').map((i) => i.kind);
    assert.deepEqual(kinds, [
      'code-changed',
      'configuration-changed',
      'policy-changed',
      'url-added',
      'code-signing-removed',
    ]);
    const config = drift.items.find((i) => i.kind === 'configuration-changed');
    assert.deepEqual(config?.before, {
      roleArn: 'arn:aws:iam::123456789012:role/api',
      environmentVariablesRemoved: ['DB_PASSWORD'],
    });
    assert.deepEqual(config?.after, {
      roleArn: 'arn:aws:iam::123456789012:role/admin',
      environmentVariablesAdded: ['STRIPE_KEY'],
    });
  });

  it('says what a policy change opens', () => {
    const policy = drift.items.find((i) => i.kind === 'policy-changed');
    assert.deepEqual(policy?.opened, ['public']);
    assert.equal((policy?.after?.statementsAdded as unknown[] | undefined)?.length, 1);
  });

  it('names functions added and removed', () => {
    assert.deepEqual(
      drift.items.filter((i) => i.kind.startsWith('function-')).map((i) => [i.kind, i.name]),
      [
        ['function-added', 'new'],
        ['function-removed', 'old'],
      ],
    );
  });

  it('never carries a value or a fingerprint: environment variables compare by name', () => {
    const text = JSON.stringify(drift);
    assert.ok(!text.includes('aaaaaaaaaaaa'));
    assert.ok(!text.includes('bbbbbbbbbbbb'));
  });

  it('a grant to another account opens that account; the same statement reordered is no change', () => {
    const a = scan([lambdaFunction({ name: 'api', policy: invokeBy('arn:aws:iam::111122223333:root') })]);
    const b = scan([lambdaFunction({ name: 'api', policy: invokeBy('arn:aws:iam::444455556666:root') })]);
    const opened = inventoryDrift(a, b).items.find((i) => i.kind === 'policy-changed');
    assert.deepEqual(opened?.opened, ['account:444455556666']);

    const listed = ok(
      parsedDoc({
        Sid: 'Two',
        Effect: 'Allow',
        Principal: { Service: ['s3.amazonaws.com'] },
        Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
        Resource: [ARN('api')],
      }),
    );
    const reordered = ok(
      parsedDoc({
        Resource: [ARN('api')],
        Action: ['lambda:GetFunction', 'lambda:InvokeFunction'],
        Principal: { Service: ['s3.amazonaws.com'] },
        Effect: 'Allow',
        Sid: 'Two',
      }),
    );
    const same = inventoryDrift(
      scan([lambdaFunction({ name: 'api', policy: listed })]),
      scan([lambdaFunction({ name: 'api', policy: reordered })]),
    );
    assert.deepEqual(same.items, []);
  });

  it('a read that failed in either scan is not compared, not called unchanged', () => {
    const a = scan([lambdaFunction({ name: 'api', policy: invokeBy('*') })]);
    const b = scan([lambdaFunction({ name: 'api', policy: failed(awsError('GetPolicy', 'throttled')) })]);
    const d = inventoryDrift(a, b);
    assert.deepEqual(d.items, []);
    assert.equal(d.notCompared, 1);
  });

  it('a region the newer scan could not list removes nothing', () => {
    const a = scan([lambdaFunction({ name: 'api' })]);
    const b = { ...a, regions: { 'us-east-1': failedLambdaRegion('us-east-1') } } as Inventory;
    const d = inventoryDrift(a, b);
    assert.deepEqual(d.functions, { added: 0, removed: 0, changed: 0, unchanged: 0 });
    assert.deepEqual(d.unreadRegions, ['us-east-1']);
  });

  describe('environment value drift under a fingerprint key', () => {
    const env = (fp: Record<string, string>) =>
      ok(Object.entries(fp).map(([name, valueFingerprint]) => ({ name, secret: null, valueFingerprint })));
    const keyed = (keyId: string | undefined, fp: Record<string, string>): Inventory => {
      const inv = scan([lambdaFunction({ name: 'api', environment: env(fp) })]);
      if (keyId !== undefined) inv.scan.fingerprintKeyId = keyId;
      return inv;
    };
    const changedOf = (d: ReturnType<typeof inventoryDrift>) =>
      d.items.find((i) => i.kind === 'configuration-changed')?.after?.environmentValuesChanged;

    it('names the variables whose value changed, never a fingerprint', () => {
      const d = inventoryDrift(
        keyed('k1', { TABLE: '111111111111', API_TOKEN: '222222222222', MODE: '333333333333' }),
        keyed('k1', { TABLE: '111111111111', API_TOKEN: '999999999999', MODE: '444444444444' }),
      );
      assert.deepEqual(changedOf(d), ['API_TOKEN', 'MODE']);
      const text = JSON.stringify(d);
      for (const fp of ['222222222222', '999999999999', '333333333333', '444444444444'])
        assert.ok(!text.includes(fp));
    });

    it('compares values only under one key: another key, or none, says nothing about them', () => {
      const a = { TABLE: '111111111111' };
      const b = { TABLE: '999999999999' };
      assert.equal(changedOf(inventoryDrift(keyed('k1', a), keyed('k2', b))), undefined);
      assert.equal(changedOf(inventoryDrift(keyed(undefined, a), keyed(undefined, b))), undefined);
      assert.equal(changedOf(inventoryDrift(keyed('k1', a), keyed('k1', a))), undefined);
    });
  });
});

describe('a code change and the published versions', () => {
  const version = (n: string, codeSha256: string) => ({
    version: n,
    arn: `${ARN('api')}:${n}`,
    codeSha256,
    lastModified: '2026-10-01T00:00:00.000Z',
    runtime: 'nodejs22.x',
    roleArn: 'arn:aws:iam::123456789012:role/api',
  });
  const changed = (over: Partial<LambdaFunction>) =>
    inventoryDrift(
      scan([lambdaFunction({ name: 'api', codeSha256: 'sha-1' })]),
      scan([lambdaFunction({ name: 'api', codeSha256: 'sha-2', ...over })]),
    ).items.find((i) => i.kind === 'code-changed');

  it('new code that no published version carries is unpublished', () => {
    const item = changed({ versions: ok([version('1', 'sha-1')]) });
    assert.equal(item?.codePublished, 'unpublished');
    assert.deepEqual(item?.after?.publishedAs, []);
  });

  it('new code published as a version names it', () => {
    const item = changed({ versions: ok([version('1', 'sha-1'), version('2', 'sha-2')]) });
    assert.equal(item?.codePublished, 'published');
    assert.deepEqual(item?.after?.publishedAs, ['2']);
  });

  it('a rollback to the code of a version published long before is published, not drift without a version', () => {
    const item = changed({ versions: ok([version('7', 'sha-2'), version('9', 'sha-1')]) });
    assert.equal(item?.codePublished, 'published');
    assert.deepEqual(item?.after?.publishedAs, ['7']);
  });

  it('versions not read (a scan without --deep), or a failed listing: unknown, never unpublished', () => {
    const notRead = changed({});
    assert.equal(notRead?.codePublished, 'unknown');
    assert.equal(notRead?.after?.publishedAs, undefined);
    assert.equal(
      changed({ versions: failed(awsError('ListFunctions', 'throttled')) })?.codePublished,
      'unknown',
    );
  });

  it('only code changes carry the field, and the section stays valid', () => {
    const d = inventoryDrift(
      scan([
        lambdaFunction({ name: 'api', codeSha256: 'sha-1', roleArn: 'arn:aws:iam::123456789012:role/a' }),
      ]),
      scan([
        lambdaFunction({ name: 'api', codeSha256: 'sha-2', roleArn: 'arn:aws:iam::123456789012:role/b' }),
      ]),
    );
    assert.doesNotThrow(() => DriftSection.parse(d));
    assert.equal(d.items.find((i) => i.kind === 'configuration-changed')?.codePublished, undefined);
  });
});
