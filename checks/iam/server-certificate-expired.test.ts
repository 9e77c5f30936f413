import type { ServerCertificate } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  daysBefore,
  failed,
  iamData,
  inventory,
  ok,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './server-certificate-expired.js';

const cert = (name: string, expiresAt: string | null): ServerCertificate => ({
  name,
  arn: `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`,
  id: `ASCA${name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(17, 'X')
    .slice(0, 17)}`,
  path: '/',
  uploadedAt: daysBefore(SCAN_TIME, 800),
  expiresAt,
});
const withCerts = (
  serverCertificates: ReturnType<typeof ok<ServerCertificate[]>> | ReturnType<typeof failed>,
) => inventory({ iam: { status: 'ok', data: iamData({ serverCertificates }) } });
const inOneHour = new Date(Date.parse(SCAN_TIME) + 3_600_000).toISOString();

testCheck(check, [
  {
    kind: 'fail',
    name: 'one certificate expired 30 days before the scan, one valid',
    inventory: withCerts(
      ok([cert('legacy-api', daysBefore(SCAN_TIME, 30)), cert('www', daysBefore(SCAN_TIME, -200))]),
    ),
    expect: [
      { resource: 'legacy-api', status: 'fail', message: 'expired on' },
      { resource: 'www', status: 'pass' },
    ],
  },
  {
    kind: 'pass',
    name: 'a certificate valid for another year',
    inventory: withCerts(ok([cert('www', daysBefore(SCAN_TIME, -365))])),
    expect: [{ resource: 'www', status: 'pass', message: 'valid until' }],
  },
  {
    kind: 'near-miss',
    name: 'expires an hour after the scan: valid now (a check that compares calendar days, or uses today’s clock, flags it)',
    inventory: withCerts(ok([cert('edge', inOneHour)])),
    expect: [{ resource: 'edge', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'ListServerCertificates denied',
    inventory: withCerts(failed(awsError('ListServerCertificates', 'access-denied', 'iam', undefined))),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown', message: 'iam:ListServerCertificates' }],
  },
  {
    kind: 'not-applicable',
    name: 'the account stores no server certificates',
    inventory: withCerts(ok([])),
    expect: [
      { resource: `account ${ACCOUNT}`, status: 'not_applicable', message: 'no IAM server certificates' },
    ],
  },
]);
