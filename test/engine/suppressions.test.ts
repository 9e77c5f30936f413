import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Check, Status } from '../../src/engine/check.js';
import type { Result } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { applySuppressions, parseSuppressions, type SuppressionRule } from '../../src/engine/suppressions.js';
import { repoRoot } from '../helpers/paths.js';

const ACCOUNT = '123456789012';

function result(checkId: string, status: Status, name: string, region: string | null = 'us-east-1'): Result {
  const arn =
    region === null
      ? `arn:aws:iam::${ACCOUNT}:user/${name}`
      : `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
  return {
    findingId: `${checkId.replace(/\W/g, '')}${name}`.padEnd(32, '0').slice(0, 32),
    checkId,
    status,
    severity: 'high',
    practice: 'BP7',
    accountId: ACCOUNT,
    resource: { arn, name, region, type: 'AWS::Lambda::Function' },
    message: status,
    evidence: {},
  };
}

/** Only what matching reads of a check: its id and former ids. */
const checks = [
  { id: 'lambda.function-url-auth-none', aliases: ['lambda.public-url'] },
  { id: 'iam.user-console-no-mfa' },
] as unknown as Check[];

const at = (iso: string) => new Date(iso);
const rules = (...r: SuppressionRule[]) => r;

describe('suppression rules', () => {
  it('mark the failing and unknown results they cover, first matching rule first, never a pass', () => {
    const results = [
      result('lambda.function-url-auth-none', 'fail', 'public-site'),
      result('lambda.function-url-auth-none', 'unknown', 'public-api', 'eu-west-1'),
      result('lambda.function-url-auth-none', 'pass', 'public-ok'),
      result('lambda.function-url-auth-none', 'fail', 'internal'),
      result('iam.user-console-no-mfa', 'fail', 'break-glass', null),
    ];
    const uses = applySuppressions(
      results,
      rules(
        {
          check: 'lambda.public-url',
          resource: 'arn:aws:lambda:*:function:public-*',
          reason: 'static sites',
        },
        { check: 'lambda.*', reason: 'second rule: never reached for public-*' },
        { check: 'iam.*', region: 'us-east-1', reason: 'IAM is account-wide: has no region' },
      ),
      checks,
      at('2026-12-01T00:00:00Z'),
    );
    assert.deepEqual(
      results.map((r) => r.suppression?.rule ?? null),
      [1, 1, null, 2, null],
    );
    assert.equal(results[0]?.suppression?.reason, 'static sites');
    assert.deepEqual(uses, [
      { rule: 1, state: 'active', matched: 2 },
      { rule: 2, state: 'active', matched: 1 },
      { rule: 3, state: 'unused', matched: 0 },
    ]);
  });

  it('match an account, a region glob and an exact finding id', () => {
    const results = [
      result('lambda.function-url-auth-none', 'fail', 'a'),
      result('lambda.function-url-auth-none', 'fail', 'b', 'eu-west-1'),
    ];
    const id = results[1]?.findingId as string;
    applySuppressions(
      results,
      rules({ findingId: id, account: ACCOUNT, region: 'eu-*', reason: 'exactly this one' }),
      checks,
      at('2026-12-01T00:00:00Z'),
    );
    assert.deepEqual(
      results.map((r) => r.suppression?.rule ?? null),
      [null, 1],
    );
    const other = [result('lambda.function-url-auth-none', 'fail', 'a')];
    applySuppressions(
      other,
      rules({ check: 'lambda.*', account: '210987654321', reason: 'another account' }),
      checks,
      at('2026-12-01T00:00:00Z'),
    );
    assert.equal(other[0]?.suppression, undefined);
  });

  it('hold through their expiry day (UTC), then stop suppressing and say so', () => {
    const rule = rules({ check: 'lambda.*', reason: 'until the migration', expires: '2027-03-01' });
    const lastMinute = [result('lambda.function-url-auth-none', 'fail', 'x')];
    assert.deepEqual(applySuppressions(lastMinute, rule, checks, at('2027-03-01T23:59:59Z')), [
      { rule: 1, state: 'active', matched: 1 },
    ]);
    assert.deepEqual(lastMinute[0]?.suppression, {
      rule: 1,
      reason: 'until the migration',
      expires: '2027-03-01',
    });
    const nextDay = [result('lambda.function-url-auth-none', 'fail', 'x')];
    assert.deepEqual(applySuppressions(nextDay, rule, checks, at('2027-03-02T00:00:00Z')), [
      { rule: 1, state: 'expired', matched: 1 },
    ]);
    assert.equal(nextDay[0]?.suppression, undefined);
  });

  it('an expired rule lets a later rule suppress the same finding', () => {
    const results = [result('lambda.function-url-auth-none', 'fail', 'x')];
    const uses = applySuppressions(
      results,
      rules(
        { check: 'lambda.*', reason: 'old', expires: '2026-01-01' },
        { check: 'lambda.*', reason: 'renewed' },
      ),
      checks,
      at('2026-12-01T00:00:00Z'),
    );
    assert.equal(results[0]?.suppression?.reason, 'renewed');
    assert.deepEqual(
      uses.map((u) => u.state),
      ['expired', 'active'],
    );
  });

  it('take suppressed results out of the score and the failure counts', () => {
    const results = [
      result('lambda.function-url-auth-none', 'fail', 'site'),
      result('lambda.function-url-auth-none', 'pass', 'ok'),
    ];
    assert.equal(score(results).overall.score, 50);
    applySuppressions(
      results,
      rules({ resource: '*:function:site', reason: 'accepted' }),
      checks,
      at('2026-12-01T00:00:00Z'),
    );
    const s = score(results);
    assert.equal(s.overall.score, 100);
    assert.equal(s.failuresBySeverity.high, 0);
  });
});

describe('suppression rules by tag', () => {
  const SANDBOX = 'arn:aws:lambda:us-east-1:123456789012:function:sandbox';
  const tagsByArn = new Map<string, Record<string, string> | null>([
    [SANDBOX, { env: 'sandbox-7', team: 'data' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:prod', { env: 'prod', team: 'data' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:unread', null],
  ]);
  // As run.ts builds it: a function's qualifier ARNs share its tags; other resources have none.
  const tagsOf = (arn: string) => tagsByArn.get(arn.replace(/(:function:[^:]+):[^:]+$/, '$1'));

  it('cover the results of functions carrying every tag named, qualifiers included, and nothing else', () => {
    const results = [
      result('lambda.function-url-auth-none', 'fail', 'sandbox'),
      {
        ...result('lambda.function-url-auth-none', 'fail', 'sandbox'),
        resource: { ...result('x', 'fail', 'sandbox').resource, arn: `${SANDBOX}:live` },
      },
      result('lambda.function-url-auth-none', 'fail', 'prod'),
      result('iam.user-console-no-mfa', 'fail', 'sandbox', null),
    ];
    const uses = applySuppressions(
      results,
      rules({ tags: { env: 'sandbox-*', team: 'data' }, reason: 'throwaway sandbox functions' }),
      checks,
      at('2026-12-01T00:00:00Z'),
      tagsOf,
    );
    assert.deepEqual(
      results.map((r) => r.suppression?.rule ?? null),
      [1, 1, null, null],
    );
    assert.deepEqual(uses, [{ rule: 1, state: 'active', matched: 2 }]);
  });

  it('a tag key must be there: a glob of * does not match a function without the key', () => {
    const results = [result('lambda.function-url-auth-none', 'fail', 'prod')];
    applySuppressions(
      results,
      rules({ tags: { 'cost-center': '*' }, reason: 'any cost centre' }),
      checks,
      at('2026-12-01T00:00:00Z'),
      tagsOf,
    );
    assert.equal(results[0]?.suppression, undefined);
  });

  it('unknown tags never match: the findings stay and the rule says how many it could not decide', () => {
    const results = [
      result('lambda.function-url-auth-none', 'fail', 'unread'),
      result('lambda.function-url-auth-none', 'unknown', 'unread'),
      result('lambda.function-url-auth-none', 'pass', 'unread'),
    ];
    const uses = applySuppressions(
      results,
      rules({ tags: { env: 'sandbox-*' }, reason: 'sandbox' }),
      checks,
      at('2026-12-01T00:00:00Z'),
      tagsOf,
    );
    assert.ok(results.every((r) => r.suppression === undefined));
    assert.deepEqual(uses, [{ rule: 1, state: 'unused', matched: 0, undecided: 2 }]);
  });
});

describe('the suppressions file', () => {
  it("accepts the README's example as it is", () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const example = /```yaml\n(# accepted\.yaml[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README shows an example suppressions file');
    const parsed = parseSuppressions('accepted.yaml', example);
    assert.equal(parsed.length, 3);
    assert.equal(parsed[0]?.expires, '2027-03-01');
    assert.deepEqual(parsed[2]?.tags, { stage: 'sandbox-*', team: 'data' });
  });

  it('reads YAML and JSON', () => {
    const yaml = parseSuppressions(
      'accepted.yaml',
      'version: 1\nsuppressions:\n  - check: lambda.function-url-auth-none\n    resource: "arn:aws:lambda:us-east-1:123456789012:function:site"\n    reason: public website, reviewed 2026-11\n    expires: 2027-03-01\n',
    );
    assert.deepEqual(yaml, [
      {
        check: 'lambda.function-url-auth-none',
        resource: 'arn:aws:lambda:us-east-1:123456789012:function:site',
        reason: 'public website, reviewed 2026-11',
        expires: '2027-03-01',
      },
    ]);
    assert.deepEqual(parseSuppressions('a.json', '{"suppressions":[{"check":"iam.*","reason":"r"}]}'), [
      { check: 'iam.*', reason: 'r' },
    ]);
  });

  it('rejects a rule without a reason, too broad, with a bad date or an unknown key, naming the rule', () => {
    const bad: [string, RegExp][] = [
      ['suppressions:\n  - check: iam.*\n', /rule 1 reason: /],
      ['suppressions:\n  - check: iam.*\n    reason: "   "\n', /rule 1 reason: say why/],
      [
        'suppressions:\n  - check: iam.*\n    reason: r\n  - account: "123456789012"\n    reason: everything\n',
        /rule 2: a rule names at least a check, a resource, a finding id or tags/,
      ],
      [
        'suppressions:\n  - check: iam.*\n    reason: r\n    expires: next week\n',
        /rule 1 expires: expires is a date/,
      ],
      [
        'suppressions:\n  - check: iam.*\n    reason: r\n    labels: {env: prod}\n',
        /rule 1: unknown key "labels" \(a rule takes check, resource, account, region, findingId, tags,/,
      ],
      ['suppressions:\n  - tags: {}\n    reason: r\n', /rule 1 tags: tags names at least one tag/],
      ['suppressions:\n  - tags: {env: [a, b]}\n    reason: r\n', /rule 1 tags env: /],
      ['suppressions: [\n', /not valid YAML/],
      ['rules: []\n', /unknown key|suppressions/],
    ];
    for (const [body, message] of bad) {
      assert.throws(
        () => parseSuppressions('accepted.yaml', body),
        (e: Error) =>
          e.name === 'SuppressionsError' &&
          /^--suppressions accepted\.yaml: /.test(e.message) &&
          message.test(e.message),
        body,
      );
    }
  });
});
