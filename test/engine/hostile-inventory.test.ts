/**
 * Bad input gets a correct result, never a crash: every registered check, run over inventories
 * full of odd but schema-valid data (malformed or exotic policies, strange principal forms,
 * hostile names and ARNs, unknown runtimes), must not throw — a throw would surface as an
 * "internalError" unknown — and must yield only pass, fail or unknown with a message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHECKS } from '../../checks/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { Inventory } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { buildView } from '../../src/view/account-view.js';
import { authorization, iamData, iamRole, inventory, lambdaFunction, ok } from '../helpers/inventory.js';

const principal = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: fc.oneof(fc.constant('*'), fc.string(), fc.array(fc.string(), { maxLength: 3 })) }),
  fc.record({ Service: fc.oneof(fc.constant('s3.amazonaws.com'), fc.string()) }),
  fc.record({ CanonicalUser: fc.string(), Federated: fc.string() }),
  fc.jsonValue(),
);
const statement = fc.record(
  {
    Sid: fc.string(),
    Effect: fc.oneof(fc.constant('Allow'), fc.constant('Deny'), fc.string()),
    Principal: principal,
    NotPrincipal: principal,
    Action: fc.oneof(fc.constant('*'), fc.constant('lambda:Invoke*'), fc.string(), fc.array(fc.string())),
    NotAction: fc.oneof(fc.string(), fc.array(fc.string())),
    Resource: fc.oneof(fc.constant('*'), fc.string()),
    Condition: fc.oneof(
      fc.record({ StringEquals: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))) }),
      fc.record({ ArnLike: fc.record({ 'aws:SourceArn': fc.string() }) }),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: ['Effect'] },
);
const policyText = fc.oneof(
  fc
    .record({
      Version: fc.constant('2012-10-17'),
      Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
    })
    .map((p) => JSON.stringify(p)),
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);
const name = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constant('<img src=x onerror=alert(1)>'),
  fc.constant('__proto__'),
);

describe('every check on hostile inventories', () => {
  it('never throws and yields well-formed results', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name,
            policy: policyText,
            runtime: fc.oneof(fc.constant(null), fc.constant('python3.8'), fc.string()),
            role: fc.oneof(fc.string(), fc.constant('arn:aws:iam::123456789012:role/shared')),
            layer: fc.oneof(fc.string(), fc.constant('arn:aws:lambda:us-east-1:999999999999:layer:x:1')),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        policyText,
        (fns, rolePolicy) => {
          const functions = fns.map((f, i) =>
            lambdaFunction({
              name: `${f.name}-${i}`,
              runtime: f.runtime,
              roleArn: f.role,
              layers: [{ arn: f.layer, codeSize: null }],
              policy: ok(parsePolicy(f.policy)),
            }),
          );
          const roleDoc = parsePolicy(rolePolicy);
          const inv = inventory({
            functions,
            iam: {
              status: 'ok',
              data: iamData({
                authorization: authorization({
                  roles: [iamRole({ name: 'shared', inlinePolicies: [{ name: 'p', policy: roleDoc }] })],
                }),
              }),
            },
          });
          assert.ok(Inventory.safeParse(inv).success);
          const results = evaluate(CHECKS, buildView(inv));
          for (const r of results) {
            assert.ok(!('internalError' in r.evidence), `${r.checkId} threw: ${r.message}`);
            assert.ok(['pass', 'fail', 'unknown', 'not_applicable'].includes(r.status));
            assert.ok(r.message.length > 0);
          }
          // One result per check and resource, even for hostile names and ARNs.
          const ids = results.map((r) => r.findingId);
          assert.equal(new Set(ids).size, ids.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
