import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertReportResult, reportResultProblem } from '../../src/report/result-shape.js';
import { ReportResult } from '../../src/report/schema.js';

const valid = {
  findingId: '0123456789abcdef0123456789abcdef',
  checkId: 'lambda.public-resource-policy',
  status: 'fail',
  severity: 'critical',
  practice: 'BP7',
  accountId: '123456789012',
  resource: {
    arn: 'arn:aws:lambda:us-east-1:123456789012:function:api',
    name: 'api',
    region: 'us-east-1',
    type: 'AWS::Lambda::Function',
  },
  message: 'anyone can invoke api',
  evidence: { statements: ['AllowAll'] },
  error: {
    class: 'access-denied',
    code: 'AccessDeniedException',
    message: 'denied',
    service: 'lambda',
    operation: 'GetPolicy',
    region: 'us-east-1',
  },
  occurrences: [
    '7e3f0c2a-1b4d-4c5e-9f60-0a1b2c3d4e5f',
    '2026-11-30T10:00:00.000Z|UpdateFunctionCode20150331v2|',
  ],
  suppression: { rule: 2, reason: 'accepted: public by design', expires: '2027-03-01' },
};

/** Paths of every field the schema constrains, to be replaced by arbitrary values. */
const PATHS = [
  [],
  ['findingId'],
  ['checkId'],
  ['status'],
  ['severity'],
  ['practice'],
  ['accountId'],
  ['resource'],
  ['resource', 'arn'],
  ['resource', 'name'],
  ['resource', 'region'],
  ['resource', 'type'],
  ['message'],
  ['evidence'],
  ['error'],
  ['error', 'class'],
  ['error', 'code'],
  ['error', 'message'],
  ['error', 'service'],
  ['error', 'operation'],
  ['error', 'region'],
  ['occurrences'],
  ['occurrences', '0'],
  ['suppression'],
  ['suppression', 'rule'],
  ['suppression', 'reason'],
  ['suppression', 'expires'],
];

function withValueAt(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> = structuredClone(valid);
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** Values near each field's edge: the right type, the wrong one, the enums' members. */
const candidate = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    undefined,
    null,
    '',
    'pass',
    'not_applicable',
    'medium',
    'BP3',
    'BP8',
    'throttled',
    'ABCDEF0123456789abcdef0123456789',
    'abcdef0123456789abcdef012345678',
    [],
    {},
    { arn: 'a', name: 'n', region: null, type: 't' },
    { class: 'other', code: '', message: '', service: '', operation: '' },
    0,
    1,
    1.5,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    { rule: 1, reason: '' },
    ['a', 'b'],
    ['a', 1],
  ),
);

describe('the report result check', () => {
  it('accepts the valid result, with and without its optional members', () => {
    assert.equal(reportResultProblem(valid), null);
    assert.equal(reportResultProblem(withValueAt(['error'], undefined)), null);
    assert.equal(reportResultProblem(withValueAt(['occurrences'], undefined)), null);
    assert.equal(reportResultProblem(withValueAt(['resource', 'region'], null)), null);
  });

  it('agrees with the ReportResult schema on every field replaced by any value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), candidate, (path, value) => {
        const subject = withValueAt(path, value);
        const schemaSays = ReportResult.safeParse(subject).success;
        assert.equal(
          reportResultProblem(subject) === null,
          schemaSays,
          `${path.join('.')} = ${fc.stringify(value)}`,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('names the check and the field it rejects, never the value', () => {
    assert.throws(
      () => assertReportResult(withValueAt(['status'], 'secret-looking-value')),
      (e: Error) =>
        e.message.includes('lambda.public-resource-policy') &&
        e.message.includes('(status)') &&
        !e.message.includes('secret-looking-value'),
    );
  });
});
