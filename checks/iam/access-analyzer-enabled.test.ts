import type { AccessAnalyzer, RegionInventory } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT, awsError, inventory, regionInventory, SCAN_TIME } from '../../test/helpers/inventory.js';
import check from './access-analyzer-enabled.js';

function analyzer(over: Partial<AccessAnalyzer> & { region?: string } = {}): AccessAnalyzer {
  const { region = 'us-east-1', ...rest } = over;
  const name = rest.name ?? 'external-access';
  return {
    arn: `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/${name}`,
    name,
    type: 'ACCOUNT',
    status: 'ACTIVE',
    statusReason: null,
    createdAt: SCAN_TIME,
    ...rest,
  };
}

const withAnalyzers = (...analyzers: AccessAnalyzer[]): RegionInventory =>
  regionInventory({ accessAnalyzer: { status: 'ok', data: { analyzers } } });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'no analyzer in eu-west-1, an active account analyzer in us-east-1',
      inventory: inventory({
        regions: { 'us-east-1': withAnalyzers(analyzer()), 'eu-west-1': withAnalyzers() },
      }),
      expect: [
        { resource: 'IAM Access Analyzer in eu-west-1', status: 'fail', message: 'no analyzer' },
        { resource: 'IAM Access Analyzer in us-east-1', status: 'pass' },
      ],
    },
    {
      kind: 'fail',
      name: "only an ACTIVE unused-access analyzer: finds no external access (Prowler's accessanalyzer_enabled passes any ACTIVE analyzer, whatever its type)",
      inventory: inventory({
        regions: {
          'us-east-1': withAnalyzers(
            analyzer({ name: 'UnusedAccess-ConsoleAnalyzer', type: 'ACCOUNT_UNUSED_ACCESS' }),
          ),
        },
      }),
      expect: [
        {
          resource: 'IAM Access Analyzer in us-east-1',
          status: 'fail',
          message: 'only ACCOUNT_UNUSED_ACCESS',
        },
      ],
    },
    {
      kind: 'fail',
      name: 'only organization unused-access and internal-access analyzers',
      inventory: inventory({
        regions: {
          'us-east-1': withAnalyzers(
            analyzer({ name: 'org-unused', type: 'ORGANIZATION_UNUSED_ACCESS' }),
            analyzer({ name: 'internal', type: 'ACCOUNT_INTERNAL_ACCESS' }),
          ),
        },
      }),
      expect: [
        {
          resource: 'IAM Access Analyzer in us-east-1',
          status: 'fail',
          message: 'only ACCOUNT_INTERNAL_ACCESS, ORGANIZATION_UNUSED_ACCESS',
        },
      ],
    },
    {
      kind: 'fail',
      name: 'an organization analyzer disabled when its delegated administrator was deregistered, one still creating',
      inventory: inventory({
        regions: {
          'us-east-1': withAnalyzers(
            analyzer({
              name: 'org-external',
              type: 'ORGANIZATION',
              status: 'DISABLED',
              statusReason: 'DELEGATED_ADMINISTRATOR_DEREGISTERED',
            }),
            analyzer({ name: 'new', status: 'CREATING' }),
            analyzer({
              name: 'broken',
              status: 'FAILED',
              statusReason: 'SERVICE_LINKED_ROLE_CREATION_FAILED',
            }),
          ),
        },
      }),
      expect: [
        {
          resource: 'IAM Access Analyzer in us-east-1',
          status: 'fail',
          message: 'org-external is DISABLED (DELEGATED_ADMINISTRATOR_DEREGISTERED), new is CREATING',
        },
      ],
    },
    {
      kind: 'pass',
      name: 'an active account analyzer beside an unused-access one',
      inventory: inventory({
        regions: {
          'us-east-1': withAnalyzers(
            analyzer({ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }),
            analyzer({ name: 'external-access' }),
          ),
        },
      }),
      expect: [
        {
          resource: 'IAM Access Analyzer in us-east-1',
          status: 'pass',
          message: 'ACCOUNT analyzer external-access',
        },
      ],
    },
    {
      kind: 'near-miss',
      name: "a member account covered only by the delegated administrator's ORGANIZATION analyzer (Prowler's accessanalyzer_enabled passes it too: it passes any listed ACTIVE analyzer)",
      inventory: inventory({
        regions: {
          'eu-central-1': withAnalyzers(
            analyzer({
              region: 'eu-central-1',
              name: 'org-external',
              type: 'ORGANIZATION',
              arn: 'arn:aws:access-analyzer:eu-central-1:210987654321:analyzer/org-external',
            }),
          ),
        },
      }),
      expect: [
        {
          resource: 'IAM Access Analyzer in eu-central-1',
          status: 'pass',
          message: 'ORGANIZATION analyzer org-external',
        },
      ],
    },
    {
      kind: 'unknown',
      name: 'ListAnalyzers denied in one region',
      inventory: inventory({
        regions: {
          'us-east-1': withAnalyzers(analyzer()),
          'ap-south-1': regionInventory({
            accessAnalyzer: {
              status: 'error',
              error: awsError('ListAnalyzers', 'access-denied', 'access-analyzer', 'ap-south-1'),
            },
          }),
        },
      }),
      expect: [
        { resource: 'IAM Access Analyzer in ap-south-1', status: 'unknown', message: 'access-denied' },
        { resource: 'IAM Access Analyzer in us-east-1', status: 'pass' },
      ],
    },
    {
      kind: 'unknown',
      name: 'not collected (an older inventory, or a plan without the read)',
      inventory: inventory(),
      expect: [{ resource: 'IAM Access Analyzer in us-east-1', status: 'unknown', message: 'not collected' }],
    },
  ],
  {
    neverNotApplicable:
      'an analyzer belongs in every region: a resource shared outside the account may be in any',
  },
);
