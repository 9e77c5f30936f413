/**
 * Our RuleTester: a check's cases are data, and one harness asserts them exactly. Every check must
 * supply the four kinds of case (fail, pass, near-miss, unknown) and, unless it can never answer
 * "not applicable", a not-applicable case; the harness refuses to run with one missing, so no
 * check can ship with only the easy tests. Each case's inventory is validated against the schema
 * and evaluated through the account view, exactly as a scan does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, Status } from '../../src/engine/check.js';
import { contextOf, type Result, runCheck } from '../../src/engine/evaluate.js';
import { Inventory } from '../../src/inventory/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { inventory, lambdaRegionInventory } from './inventory.js';

export type CaseKind = 'fail' | 'pass' | 'near-miss' | 'unknown' | 'not-applicable';

export interface ExpectedResult {
  /** The resource's name (function name, user name, region scope name, …). */
  resource: string;
  status: Status;
  /** Optional: a substring the message must contain. */
  message?: string | RegExp;
}

export interface CheckCase {
  kind: CaseKind;
  name: string;
  inventory: Inventory;
  /** The exact, complete list of results (order-insensitive). */
  expect: ExpectedResult[];
}

export interface TestCheckOptions {
  /**
   * Why the check can never answer not_applicable (every scope it walks is always applicable).
   * Without it a not-applicable case is required; with it, no case may yield one.
   */
  neverNotApplicable?: string;
}

/**
 * The not-applicable case every function check shares: a readable region with no function is
 * one not_applicable result for the region (it is listed, and takes no part in the score).
 */
export function regionWithoutFunctions(): CheckCase {
  return {
    kind: 'not-applicable',
    name: 'a readable region without functions',
    inventory: inventory({ regions: { 'eu-west-1': lambdaRegionInventory([]) } }),
    expect: [
      { resource: 'Lambda functions in eu-west-1', status: 'not_applicable', message: 'no Lambda functions' },
    ],
  };
}

const REQUIRED: CaseKind[] = ['fail', 'pass', 'near-miss', 'unknown'];

/** Evaluates one check over an inventory the way a scan does: view, then the check. */
export function evaluateCheck(check: Check, inventory: Inventory): Result[] {
  const view = buildView(inventory);
  return runCheck(check, view, contextOf(view));
}

export function testCheck(check: Check, cases: CheckCase[], options: TestCheckOptions = {}): void {
  describe(check.id, () => {
    it(`has a fail, a pass, a near-miss and an unknown case${options.neverNotApplicable ? '' : ', and a not-applicable one'}`, () => {
      const kinds = new Set(cases.map((c) => c.kind));
      const required = options.neverNotApplicable ? REQUIRED : [...REQUIRED, 'not-applicable'];
      assert.deepEqual(
        required.filter((k) => !kinds.has(k as CaseKind)),
        [],
        'missing case kinds',
      );
      if (options.neverNotApplicable) assert.ok(!kinds.has('not-applicable'));
    });
    for (const c of cases) {
      it(`${c.kind}: ${c.name}`, () => {
        // The builders must produce what a real collection could: validate against the schema.
        const parsed = Inventory.safeParse(c.inventory);
        assert.ok(parsed.success, `fixture is not a valid inventory: ${parsed.error?.message}`);
        const results = evaluateCheck(check, c.inventory);
        const actual = results.map((r) => ({ resource: r.resource.name, status: r.status })).sort(byResource);
        const expected = c.expect.map((e) => ({ resource: e.resource, status: e.status })).sort(byResource);
        assert.deepEqual(actual, expected);
        for (const e of c.expect) {
          if (!e.message) continue;
          const r = results.find((x) => x.resource.name === e.resource && x.status === e.status);
          if (!r) assert.fail(`no result for ${e.resource}`);
          if (typeof e.message === 'string')
            assert.ok(r.message.includes(e.message), `message was: ${r.message}`);
          else assert.match(r.message, e.message);
        }
        assertWellFormed(check, c.inventory, results);
        if (options.neverNotApplicable) {
          assert.ok(
            !results.some((r) => r.status === 'not_applicable'),
            `declared never not-applicable (${options.neverNotApplicable})`,
          );
        }
        const has = (s: Status) => results.some((r) => r.status === s);
        if (c.kind === 'unknown') {
          assert.ok(has('unknown'), 'an unknown case must yield at least one unknown');
        }
        if (c.kind === 'near-miss' || c.kind === 'pass') {
          assert.ok(has('pass'), `a ${c.kind} case must yield a pass`);
          assert.ok(!has('fail'), `a ${c.kind} case must not yield a fail`);
        }
        if (c.kind === 'fail') assert.ok(has('fail'), 'a fail case must yield a fail');
        if (c.kind === 'not-applicable') {
          assert.ok(has('not_applicable'), 'a not-applicable case must yield a not_applicable');
          assert.ok(!has('fail'), 'a not-applicable case must not yield a fail');
        }
      });
    }
  });
}

/** What every result must carry, whatever the check: ids, account, type, a message that says why. */
function assertWellFormed(check: Check, inventory: Inventory, results: Result[]): void {
  const ids = results.map((r) => r.findingId);
  assert.equal(new Set(ids).size, ids.length, 'one result per resource: finding ids are unique');
  for (const r of results) {
    assert.equal(r.checkId, check.id);
    assert.equal(r.accountId, inventory.scan.accountId);
    assert.match(r.findingId, /^[0-9a-f]{32}$/);
    assert.ok(r.resource.type.startsWith('AWS::'), `resource type ${r.resource.type}`);
    assert.ok(r.message.length > 0, 'every result has a message');
    if (r.status === 'unknown') assert.ok(r.message.length > 10, 'unknown results say why');
    assert.ok(!('internalError' in r.evidence), `the check threw: ${r.message}`);
  }
}

const byResource = (a: { resource: string; status: string }, b: { resource: string; status: string }) =>
  a.resource === b.resource ? (a.status < b.status ? -1 : 1) : a.resource < b.resource ? -1 : 1;
