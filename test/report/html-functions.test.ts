import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AccessModifier,
  actionsLine,
  embeddedAccess,
  functionModifiers,
  isExposureCheck,
} from '../../src/report/html/functions.js';
import { priorityReason } from '../../src/report/priority.js';
import type { Report } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';

type Access = NonNullable<Report['access']>;

function modifier(name: string, actions: string[] = ['lambda:UpdateFunctionCode']): AccessModifier {
  return {
    kind: 'user',
    name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    categories: ['code'],
    consoleWithoutMfa: false,
    staleKey: false,
    actions: actions.map((action) => ({
      action,
      decision: 'allowed',
      mfaRequired: false,
      undecidedKeys: [],
      statements: [`policy ${name}`],
    })),
  };
}

const [admin, deployer, auditor, team] = ['admin', 'deployer', 'auditor', 'team'].map((n) => modifier(n)) as [
  AccessModifier,
  AccessModifier,
  AccessModifier,
  AccessModifier,
];
/** The deployer, with different grants on the team's functions than on the rest of the region. */
const deployerThere = modifier('deployer', ['lambda:UpdateFunctionCode', 'lambda:AddPermission']);

const access: Access = {
  available: true,
  reason: null,
  regions: [
    { region: 'us-east-1', functionCount: 3, modifiers: [admin, deployer, auditor] },
    { region: 'eu-west-1', functionCount: 1, modifiers: [admin] },
  ],
  functionGroups: [
    {
      region: 'us-east-1',
      functions: ['team-api', 'team-worker'],
      modifiers: [deployerThere, team],
      withoutRegionModifiers: [auditor.arn],
    },
  ],
  unknownPrincipals: [],
};

describe('functionModifiers: a function’s complete list', () => {
  it('is its region’s list for a function in no group', () => {
    assert.deepEqual(functionModifiers(access, 'us-east-1', 'billing'), [admin, deployer, auditor]);
    assert.deepEqual(functionModifiers(access, 'eu-west-1', 'team-api'), [admin], 'groups are per region');
  });

  it('is the region’s, less whom the group lacks or grants differently, plus the group’s', () => {
    assert.deepEqual(functionModifiers(access, 'us-east-1', 'team-worker'), [admin, deployerThere, team]);
  });

  it('is empty for a region that was not analysed', () => {
    assert.deepEqual(functionModifiers(access, 'ap-south-1', 'x'), []);
  });

  it('holds every principal once for every function of the demo account', async () => {
    const demo = (await demoReport()).access;
    assert.ok(demo?.available);
    for (const g of demo.functionGroups) {
      for (const name of g.functions) {
        const arns: string[] = functionModifiers(demo, g.region, name).map((m) => m.arn);
        assert.equal(new Set(arns).size, arns.length);
        for (const m of g.modifiers) assert.ok(arns.includes(m.arn));
        for (const arn of g.withoutRegionModifiers) assert.ok(!arns.includes(arn));
      }
    }
  });
});

describe('embeddedAccess', () => {
  /** Resolves a function's list from the embedded form, as the page script does. */
  function decode(e: ReturnType<typeof embeddedAccess>, region: string, name: string): string[] {
    const list = e.regions.find(([r]) => r === region)?.[1] ?? [];
    const g = e.groups.find(([r, names]) => r === region && names.includes(name));
    if (!g) return list.map((p) => e.principals[p]?.[2] ?? '');
    const drop = new Set([...g[3], ...g[2]].map((p) => e.principals[p]?.[2]));
    return [...list.filter((p) => !drop.has(e.principals[p]?.[2])), ...g[2]].map(
      (p) => e.principals[p]?.[2] ?? '',
    );
  }

  it('resolves to functionModifiers for every function, and embeds a repeated principal once', () => {
    const e = embeddedAccess(access);
    for (const [region, name] of [
      ['us-east-1', 'billing'],
      ['us-east-1', 'team-api'],
      ['eu-west-1', 'x'],
    ] as const) {
      assert.deepEqual(
        decode(e, region, name),
        functionModifiers(access, region, name).map((m) => m.arn),
      );
    }
    // admin in two regions, same grants: one entry; the deployer's two grant sets: two.
    assert.equal(e.principals.filter((p) => p[2] === admin.arn).length, 1);
    assert.equal(e.principals.filter((p) => p[2] === deployer.arn).length, 2);
    assert.equal(e.principals.length, 5);
  });

  it('carries each principal’s flags, categories and actions as the page shows them', () => {
    const risky = { ...admin, consoleWithoutMfa: true, staleKey: true };
    const e = embeddedAccess({
      ...access,
      regions: [{ region: 'us-east-1', functionCount: 1, modifiers: [risky] }],
    });
    assert.deepEqual(e.principals[0], [
      'user',
      'admin',
      admin.arn,
      'code',
      3,
      actionsLine(risky),
      'policy admin',
    ]);
  });

  it('says why there is no analysis', () => {
    const e = embeddedAccess({
      ...access,
      available: false,
      reason: 'GetAccountAuthorizationDetails denied',
    });
    assert.equal(e.reason, 'GetAccountAuthorizationDetails denied');
    assert.deepEqual(e.principals, []);
  });
});

describe('isExposureCheck', () => {
  it('calls exposure what "Fix these first" calls public exposure: public policies and URLs', async () => {
    const demo = await demoReport();
    const exposure = demo.checks.filter((c) => isExposureCheck(c.id)).map((c) => c.id);
    assert.deepEqual(
      exposure,
      demo.checks.filter((c) => priorityReason(c.id) === 'public exposure').map((c) => c.id),
    );
    for (const id of ['lambda.function-url-auth-none', 'lambda.public-resource-policy']) {
      assert.ok(exposure.includes(id), id);
    }
    assert.ok(!exposure.includes('lambda.tracing-not-active'));
  });
});
