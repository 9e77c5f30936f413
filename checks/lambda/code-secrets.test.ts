import type { CodeScan, CodeSecret } from '../../src/inventory/schema.js';
import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { awsError, failed, inventory, lambdaFunction, ok } from '../../test/helpers/inventory.js';
import check from './code-secrets.js';

const secret = (path: string, line: number, detector: string): CodeSecret => ({
  path,
  line,
  detector,
  confidence: 'value-match',
  fingerprint: '0123456789ab',
});

const scanned = (over: Partial<CodeScan> = {}): CodeScan => ({
  packageBytes: 20_480,
  entries: 12,
  filesScanned: 10,
  skippedBinary: 1,
  skippedLarge: 0,
  unsafePaths: 0,
  placeholders: 0,
  secrets: [],
  ...over,
});

const capError = (code: string, message: string) => ({
  class: 'other' as const,
  code,
  message,
  service: 'lambda',
  operation: 'GetFunction code download',
  region: 'us-east-1',
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'an AWS access key in a nested config module and a Stripe key in a bundled .env',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          code: ok(
            scanned({
              secrets: [
                secret('.env', 2, 'pattern:stripe-secret-key'),
                secret('src/lib/config/aws.js', 3, '@secretlint/secretlint-rule-aws'),
              ],
            }),
          ),
        }),
      ],
    }),
    expect: [
      {
        resource: 'orders',
        status: 'fail',
        message:
          /2 secret-shaped string\(s\) in the deployment package: \.env:2 .*src\/lib\/config\/aws\.js:3/,
      },
    ],
  },
  {
    kind: 'pass',
    name: 'a package with no secret-shaped string',
    inventory: inventory({ functions: [lambdaFunction({ name: 'resize', code: ok(scanned()) })] }),
    expect: [{ resource: 'resize', status: 'pass', message: 'none of the 10 scanned file(s)' }],
  },
  {
    kind: 'near-miss',
    name: 'a test fixture with AKIAIOSFODNN7EXAMPLE and a .env.example of placeholders pass (recognised at scan time, counted; plain regex scanners such as trufflehog-style entropy rules flag them)',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'starter', code: ok(scanned({ placeholders: 4 })) })],
    }),
    expect: [
      {
        resource: 'starter',
        status: 'pass',
        message: '4 placeholder or documented example value(s) recognised',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'an entry named ../../etc/passwd without a secret passes, and says so (never extracted)',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'odd', code: ok(scanned({ unsafePaths: 1 })) })],
    }),
    expect: [{ resource: 'odd', status: 'pass', message: 'climbing out of the package' }],
  },
  {
    kind: 'not-applicable',
    name: 'a container image has no package to download',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'img', packageType: 'Image', runtime: null, code: ok(null) })],
    }),
    expect: [{ resource: 'img', status: 'not_applicable', message: 'container image' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'a compression bomb is unknown with its reason, never a pass',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'bomb',
          code: failed(capError('CompressionBomb', 'an entry inflates 1019 times … a compression bomb')),
        }),
      ],
    }),
    expect: [{ resource: 'bomb', status: 'unknown', message: 'compression bomb' }],
  },
  {
    kind: 'unknown',
    name: 'the download was refused (expired presigned URL)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'x',
          code: failed({
            ...capError('DownloadFailed', 'the package download answered HTTP 403'),
            class: 'access-denied',
          }),
        }),
      ],
    }),
    expect: [{ resource: 'x', status: 'unknown', message: 'HTTP 403' }],
  },
  {
    kind: 'unknown',
    name: 'GetFunction denied',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'x', code: failed(awsError('GetFunction')) })],
    }),
    expect: [{ resource: 'x', status: 'unknown', message: 'deployment package could not be read' }],
  },
  {
    kind: 'unknown',
    name: 'not collected (a scan without --scan-code)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'x' })] }),
    expect: [{ resource: 'x', status: 'unknown', message: 'not collected' }],
  },
]);
