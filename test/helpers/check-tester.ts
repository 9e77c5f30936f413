/**
 * Our RuleTester: a check's cases are data, and one harness asserts them exactly. Every check must
 * supply the four kinds of case (fail, pass, near-miss, unknown); the harness refuses to run with
 * one missing, so no check can ship with only the easy tests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, Status } from '../../src/engine/check.js';
import { contextOf, runCheck } from '../../src/engine/evaluate.js';
import { Inventory } from '../../src/inventory/schema.js';

export type CaseKind = 'fail' | 'pass' | 'near-miss' | 'unknown';

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

const REQUIRED: CaseKind[] = ['fail', 'pass', 'near-miss', 'unknown'];

export function testCheck(check: Check, cases: CheckCase[]): void {
  describe(check.id, () => {
    it('has a fail, a pass, a near-miss and an unknown case', () => {
      const kinds = new Set(cases.map((c) => c.kind));
      assert.deepEqual(
        REQUIRED.filter((k) => !kinds.has(k)),
        [],
        'missing case kinds',
      );
    });
    for (const c of cases) {
      it(`${c.kind}: ${c.name}`, () => {
        // The builders must produce what a real collection could: validate against the schema.
        const parsed = Inventory.safeParse(c.inventory);
        assert.ok(parsed.success, `fixture is not a valid inventory: ${parsed.error?.message}`);
        const results = runCheck(check, c.inventory, contextOf(c.inventory));
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
        for (const r of results) {
          assert.ok(r.message.length > 0, 'every result has a message');
          if (r.status === 'unknown') assert.ok(r.message.length > 10, 'unknown results say why');
        }
        if (c.kind === 'unknown') {
          assert.ok(
            results.some((r) => r.status === 'unknown'),
            'an unknown case must yield at least one unknown',
          );
          assert.ok(
            !results.some(
              (r) => r.status === 'pass' && c.expect.every((e) => e.resource !== r.resource.name),
            ),
          );
        }
        if (c.kind === 'near-miss' || c.kind === 'pass') {
          assert.ok(
            results.some((r) => r.status === 'pass'),
            `a ${c.kind} case must yield a pass`,
          );
        }
        if (c.kind === 'fail')
          assert.ok(
            results.some((r) => r.status === 'fail'),
            'a fail case must yield a fail',
          );
      });
    }
  });
}

const byResource = (a: { resource: string; status: string }, b: { resource: string; status: string }) =>
  a.resource === b.resource ? a.status.localeCompare(b.status) : a.resource < b.resource ? -1 : 1;
