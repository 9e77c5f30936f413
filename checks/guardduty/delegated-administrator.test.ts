import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  detector,
  failed,
  inventory,
  ok,
  regionInventory,
} from '../../test/helpers/inventory.js';
import {
  inOrganization,
  MANAGEMENT,
  MEMBER,
  OUTSIDER,
  organization,
} from '../../test/helpers/organization.js';
import check from './delegated-administrator.js';

const gd = (...detectors: ReturnType<typeof detector>[]) =>
  regionInventory({ guardduty: { status: 'ok', data: { detectors } } });
/** MEMBER is the organization's GuardDuty delegated administrator. */
const admins = (accountId = MEMBER, status = 'ENABLED') =>
  ok({ adminAccounts: [{ accountId, status }], notAnswerable: null });
const none = ok({ adminAccounts: [], notAnswerable: null });
const refused = ok({ adminAccounts: [], notAnswerable: 'caller-not-management-account' as const });
const member = (accountId = MEMBER, relationshipStatus = 'Enabled') => ok({ accountId, relationshipStatus });
const scanned = (
  regions: Record<string, ReturnType<typeof gd>>,
  guardDutyAdministrators: NonNullable<ReturnType<typeof organization>['guardDutyAdministrators']>,
) => inOrganization(inventory({ regions }), organization({ guardDutyAdministrators }));

testCheck(check, [
  {
    kind: 'fail',
    name: 'a standalone detector, one managed by an old invitation-based administrator, one only Invited, and a region with no delegated administrator',
    inventory: scanned(
      {
        'us-east-1': gd(detector({ administrator: ok(null) })),
        'eu-west-1': gd(detector({ administrator: member(MANAGEMENT) })),
        'eu-central-1': gd(detector({ administrator: member(MEMBER, 'Invited') })),
        'ap-south-1': gd(detector({ administrator: ok(null) })),
      },
      {
        'us-east-1': admins(),
        'eu-west-1': admins(),
        'eu-central-1': admins(),
        'ap-south-1': admins(MEMBER, 'DISABLE_IN_PROGRESS'),
      },
    ),
    expect: [
      {
        resource: 'GuardDuty in ap-south-1',
        status: 'fail',
        message: 'no GuardDuty delegated administrator',
      },
      { resource: 'GuardDuty in eu-central-1', status: 'fail', message: 'the membership is Invited' },
      { resource: 'GuardDuty in eu-west-1', status: 'fail', message: `managed by account ${MANAGEMENT}` },
      { resource: 'GuardDuty in us-east-1', status: 'fail', message: 'standalone' },
    ],
  },
  {
    kind: 'fail',
    name: 'an administrator outside the organization fails even when the delegated administrator cannot be listed',
    inventory: scanned(
      { 'us-east-1': gd(detector({ administrator: member(OUTSIDER) })) },
      { 'us-east-1': refused },
    ),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'fail', message: 'outside the organization' }],
  },
  {
    kind: 'pass',
    name: 'a member associated (Enabled) with the delegated administrator',
    inventory: scanned({ 'us-east-1': gd(detector({ administrator: member() })) }, { 'us-east-1': admins() }),
    expect: [
      { resource: 'GuardDuty in us-east-1', status: 'pass', message: `delegated administrator ${MEMBER}` },
    ],
  },
  {
    kind: 'near-miss',
    name: 'the delegated administrator account itself, which has no administrator (Prowler guardduty_centrally_managed fails it until it lists members)',
    inventory: scanned(
      { 'us-east-1': gd(detector({ administrator: ok(null) })) },
      { 'us-east-1': admins(ACCOUNT) },
    ),
    expect: [
      { resource: 'GuardDuty in us-east-1', status: 'pass', message: 'this account is the organization' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the caller was not the management account; ListOrganizationAdminAccounts denied; not read in a region (not among the caller’s); GetAdministratorAccount denied',
    inventory: scanned(
      {
        'us-east-1': gd(detector({ administrator: member() })),
        'eu-west-1': gd(detector({ administrator: ok(null) })),
        'eu-central-1': gd(detector({ administrator: ok(null) })),
        'sa-east-1': gd(
          detector({
            administrator: failed(
              awsError('GetAdministratorAccount', 'access-denied', 'guardduty', 'sa-east-1'),
            ),
          }),
        ),
      },
      {
        'us-east-1': refused,
        'eu-west-1': failed(
          awsError('ListOrganizationAdminAccounts', 'access-denied', 'guardduty', 'eu-west-1'),
        ),
        'sa-east-1': admins(),
      },
    ),
    expect: [
      { resource: 'GuardDuty in eu-central-1', status: 'unknown', message: 'were not read' },
      { resource: 'GuardDuty in eu-west-1', status: 'unknown', message: 'ListOrganizationAdminAccounts' },
      { resource: 'GuardDuty in sa-east-1', status: 'unknown', message: 'GetAdministratorAccount' },
      { resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'only from the management account' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a single-account scan (no organization context), and regions where GuardDuty is off',
    inventory: inventory({ regions: { 'us-east-1': gd(detector({ administrator: ok(null) })) } }),
    expect: [
      {
        resource: 'GuardDuty in us-east-1',
        status: 'not_applicable',
        message: 'scanned as a single account',
      },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'no detector, and a suspended one: guardduty.enabled judges those regions',
    inventory: scanned(
      { 'sa-east-1': gd(), 'us-east-2': gd(detector({ status: 'DISABLED', administrator: member() })) },
      { 'sa-east-1': none, 'us-east-2': admins() },
    ),
    expect: [
      { resource: 'GuardDuty in sa-east-1', status: 'not_applicable', message: 'not enabled' },
      { resource: 'GuardDuty in us-east-2', status: 'not_applicable' },
    ],
  },
]);
