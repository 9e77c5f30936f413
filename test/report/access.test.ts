/**
 * The report's "who can change each function" section: compact (region-wide modifiers once, a
 * function only when its list differs), complete for the functions it lists, honest when IAM
 * could not be read, and escaped in HTML whatever the names hold.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { score } from '../../src/engine/score.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { accessSection } from '../../src/report/access.js';
import { buildReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import { ReportSchema } from '../../src/report/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { iamInventory, inline, userRow } from '../helpers/iam-fixtures.js';
import { awsError, failed, iamRole, iamUser, lambdaFunction } from '../helpers/inventory.js';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

function account(): Inventory {
  return iamInventory({
    users: [
      iamUser({
        name: 'dev',
        inlinePolicies: [
          inline('deploy', { Effect: 'Allow', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] }),
        ],
      }),
    ],
    roles: [
      iamRole({
        name: 'billing-deployer',
        inlinePolicies: [
          inline(HOSTILE, {
            Effect: 'Allow',
            Action: ['lambda:UpdateFunctionConfiguration'],
            Resource: ['arn:aws:lambda:us-east-1:123456789012:function:billing*'],
          }),
        ],
      }),
    ],
    rows: [userRow('dev', { console: true, mfa: false })],
    functions: [
      lambdaFunction({ name: 'api' }),
      lambdaFunction({ name: 'billing' }),
      lambdaFunction({ name: 'billing-jobs' }),
    ],
  });
}

describe('report access section', () => {
  it('lists region-wide modifiers once, and functions whose list differs in groups, as a difference', () => {
    const section = accessSection(buildView(account()));
    assert.equal(section.available, true);
    assert.deepEqual(
      section.regions.map((r) => [r.region, r.functionCount, r.modifiers.map((m) => m.name)]),
      [['us-east-1', 3, ['dev']]],
    );
    const dev = section.regions[0]?.modifiers[0];
    assert.equal(dev?.consoleWithoutMfa, true);
    assert.deepEqual(dev?.categories, ['code']);
    // The group gives the difference from the region's list: billing-deployer is added; dev, who
    // can modify every function, is in the region list and not repeated.
    assert.deepEqual(
      section.functionGroups.map((g) => [
        g.functions,
        g.modifiers.map((m) => m.name),
        g.withoutRegionModifiers,
      ]),
      [[['billing', 'billing-jobs'], ['billing-deployer'], []]],
    );
  });

  it('says why when IAM could not be read, instead of listing nobody', () => {
    const inv = account();
    if (inv.iam.status === 'ok')
      inv.iam.data.authorization = failed(
        awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined),
      );
    const section = accessSection(buildView(inv));
    assert.equal(section.available, false);
    assert.match(section.reason ?? '', /GetAccountAuthorizationDetails/);
  });

  it('validates against the report schema and renders escaped, with its heading, in HTML', () => {
    const inv = account();
    const report = buildReport({
      inventory: inv,
      checks: [],
      results: [],
      scores: score([]),
      mode: 'scan',
      evaluatedAt: new Date('2026-11-01T12:00:00Z'),
      toolVersion: 't',
      dataFiles: [],
      access: accessSection(buildView(inv)),
    });
    ReportSchema.parse(report);
    const page = renderHtml(report);
    assert.match(page, /<h2 id="h-access">Who can change your functions<\/h2>/);
    assert.ok(!page.includes(HOSTILE) && !page.includes('<img src=x'), 'the policy name is escaped');
    assert.match(page, /user dev<\/code> <span class="badge b-critical">console, no MFA<\/span>/);
  });
});
