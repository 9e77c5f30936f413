import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import {
  actionMatches,
  allowedActions,
  appliesToAllResources,
  appliesToNoResource,
  coversEveryAction,
  coversService,
  globMatch,
  statementAllowsAction,
  statementCoversAction,
} from '../../src/policy/actions.js';

/** The obvious (but regex-based) definition the matcher must agree with. */
function reference(pattern: string, action: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((c) =>
      c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(action.toLowerCase());
}

/** Short strings over an alphabet where wildcards and colons are frequent, so matches happen. */
const patternish = fc.string({
  unit: fc.constantFrom('*', '?', ':', 'a', 'B', 'i', 'M', '.', '-'),
  maxLength: 12,
});
const actionish = fc.string({ unit: fc.constantFrom(':', 'a', 'b', 'I', 'm', '*', '?', '.'), maxLength: 12 });

describe('actionMatches', () => {
  it('applies IAM wildcards, case-insensitively in service prefix and action name', () => {
    assert.ok(actionMatches('lambda:Invoke*', 'lambda:InvokeFunction'));
    assert.ok(actionMatches('lambda:Invoke*', 'LAMBDA:invokefunctionurl'));
    assert.ok(actionMatches('Lambda:*', 'lambda:GetFunction'));
    assert.ok(actionMatches('*', 'iam:CreateUser'));
    assert.ok(actionMatches('*:*', 'iam:CreateUser'));
    assert.ok(actionMatches('s3:Get?bject', 's3:GetObject'));
    assert.ok(!actionMatches('s3:Get?bject', 's3:GetObjectAcl'));
    assert.ok(!actionMatches('lambda:Invoke', 'lambda:InvokeFunction'));
    assert.ok(!actionMatches('iam:*', 'iamx:CreateUser'));
    assert.ok(!actionMatches('lambda:Get*', 'lambda:InvokeFunction'));
  });

  it('agrees with a reference regex (wildcard-heavy alphabet)', () => {
    fc.assert(
      fc.property(patternish, actionish, (p, a) => actionMatches(p, a) === reference(p, a)),
      { numRuns: 3000 },
    );
  });

  it('agrees with a reference regex and never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (p, a) => actionMatches(p, a) === reference(p, a),
      ),
      { numRuns: 2000 },
    );
  });

  it('a pattern always matches itself when it has no wildcard', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[*?]/.test(s)),
        (s) => actionMatches(s, s.toUpperCase()) === actionMatches(s, s),
      ),
    );
  });

  it('stays fast on adversarial star patterns', () => {
    const started = Date.now();
    assert.ok(!globMatch(`${'*a'.repeat(40)}*b`, 'a'.repeat(5000)));
    assert.ok(Date.now() - started < 1000);
  });
});

describe('coversEveryAction / coversService', () => {
  it('recognizes full wildcards and service-wide patterns', () => {
    for (const p of ['*', '**', '*:*']) assert.ok(coversEveryAction(p), p);
    for (const p of ['iam:*', 'lambda:*', '*:Get*', 'i*']) assert.ok(!coversEveryAction(p), p);
    assert.ok(coversService('iam:*', 'iam'));
    assert.ok(coversService('IAM:*', 'iam'));
    assert.ok(coversService('i?m:*', 'iam'));
    assert.ok(coversService('*', 'iam'));
    assert.ok(!coversService('iam:Get*', 'iam'));
    assert.ok(!coversService('iam:*', 's3'));
  });

  it('a service-covering pattern matches every action of that service', () => {
    fc.assert(
      fc.property(
        patternish,
        fc.constantFrom('iam', 'lambda', 's3'),
        fc.string({ maxLength: 10 }),
        (p, service, name) => {
          fc.pre(coversService(p, service));
          return actionMatches(p, `${service}:${name}`);
        },
      ),
    );
  });

  it('an every-action pattern matches every service:action', () => {
    fc.assert(
      fc.property(patternish, fc.string(), fc.string(), (p, service, name) => {
        fc.pre(coversEveryAction(p));
        return actionMatches(p, `${service}:${name}`);
      }),
    );
  });
});

describe('statementAllowsAction', () => {
  const allow = (over: Partial<PolicyStatement>): PolicyStatement => ({ Effect: 'Allow', ...over });

  it('reads Action, NotAction and Effect', () => {
    assert.ok(statementAllowsAction(allow({ Action: ['lambda:Invoke*'] }), 'lambda:InvokeFunction'));
    assert.ok(!statementAllowsAction({ Effect: 'Deny', Action: ['*'] }, 'lambda:InvokeFunction'));
    assert.ok(statementAllowsAction(allow({ NotAction: ['lambda:GetPolicy'] }), 'lambda:InvokeFunction'));
    assert.ok(!statementAllowsAction(allow({ NotAction: ['lambda:*'] }), 'lambda:InvokeFunction'));
    assert.ok(!statementAllowsAction(allow({}), 'lambda:InvokeFunction'));
    assert.deepEqual(
      allowedActions(allow({ Action: ['lambda:Get*'] }), ['lambda:InvokeFunction', 'lambda:GetFunction']),
      ['lambda:GetFunction'],
    );
  });

  it('NotAction is the complement of Action', () => {
    fc.assert(
      fc.property(fc.array(patternish, { maxLength: 4 }), actionish, (patterns, action) => {
        const a = statementAllowsAction(allow({ Action: patterns }), action);
        const n = statementAllowsAction(allow({ NotAction: patterns }), action);
        return a !== n;
      }),
    );
  });

  it('treats Resource "*" and a NotResource excluding some resources as all resources', () => {
    assert.ok(appliesToAllResources(allow({ Resource: ['*'] })));
    assert.ok(appliesToAllResources(allow({ NotResource: ['arn:aws:s3:::secret/*'] })));
    assert.ok(!appliesToAllResources(allow({ Resource: ['arn:aws:s3:::bucket/*'] })));
    assert.ok(!appliesToAllResources(allow({})));
  });

  it('NotResource "*" covers no resource at all', () => {
    assert.ok(!appliesToAllResources(allow({ NotResource: ['*'] })));
    assert.ok(!appliesToAllResources(allow({ NotResource: ['arn:aws:s3:::a', '*'] })));
    assert.ok(appliesToNoResource(allow({ NotResource: ['*'] })));
    assert.ok(appliesToNoResource({ Effect: 'Deny', NotResource: ['**'] }));
    assert.ok(!appliesToNoResource(allow({ NotResource: ['arn:aws:s3:::a'] })));
    assert.ok(!appliesToNoResource(allow({ Resource: ['*'] })));
  });

  it('statementCoversAction reads Action and NotAction whatever the Effect', () => {
    assert.ok(statementCoversAction({ Effect: 'Deny', Action: ['lambda:*'] }, 'lambda:InvokeFunction'));
    assert.ok(statementCoversAction({ Effect: 'Deny', NotAction: ['lambda:Get*'] }, 'lambda:InvokeFunction'));
    assert.ok(!statementCoversAction({ Effect: 'Deny', NotAction: ['lambda:*'] }, 'lambda:InvokeFunction'));
    assert.ok(!statementCoversAction({ Effect: 'Deny' }, 'lambda:InvokeFunction'));
  });
});
