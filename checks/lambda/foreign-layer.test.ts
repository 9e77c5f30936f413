import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };
import { PublisherTable, publisherTable } from '../../src/data/layer-publishers.js';
import type { Inventory, LambdaFunction } from '../../src/inventory/schema.js';
import { parseLayerArn } from '../../src/policy/arn.js';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT, failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './foreign-layer.js';

const layer = (arn: string) => ({ arn, codeSize: 1024 });
const layerArn = (account: string, name: string, version = 1, region = 'us-east-1', partition = 'aws') =>
  `arn:${partition}:lambda:${region}:${account}:layer:${name}:${version}`;

/** Not AWS, not the scanned account: a vendor, or a sibling account of the same organization. */
const VENDOR = '464622532012';
const SIBLING = '210987654321';

// Layer ARNs as the AWS and Powertools documentation gives them (see data/trusted-layer-publishers.json).
const PARAMS_SECRETS_US_EAST_1 = layerArn('177933569100', 'AWS-Parameters-and-Secrets-Lambda-Extension', 11);
const PARAMS_SECRETS_ARM_EU_WEST_1 = layerArn(
  '015030872274',
  'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
  12,
  'eu-west-1',
);
const POWERTOOLS_TS = layerArn('094274105915', 'AWSLambdaPowertoolsTypeScriptV2', 44, 'eu-west-1');
const POWERTOOLS_PY = layerArn('017000801446', 'AWSLambdaPowertoolsPythonV3-python312-x86_64', 7);
const INSIGHTS_EU_WEST_1 = layerArn('580247275435', 'LambdaInsightsExtension', 53, 'eu-west-1');
const APPCONFIG_US_EAST_1 = layerArn('027255383542', 'AWS-AppConfig-Extension', 207);

/** The same inventory, scanned in another partition (the builders always write `aws`). */
function inPartition(inv: Inventory, partition: string): Inventory {
  return {
    ...inv,
    scan: { ...inv.scan, partition, callerArn: `arn:${partition}:iam::${ACCOUNT}:user/auditor` },
  };
}

function fn(name: string, layers: string[], over: Partial<LambdaFunction> = {}): LambdaFunction {
  return lambdaFunction({ name, layers: layers.map(layer), ...over });
}

testCheck(check, [
  {
    kind: 'fail',
    name: 'a layer from a third-party account',
    inventory: inventory({ functions: [fn('vendored', [layerArn(VENDOR, 'vendor-extension', 63)])] }),
    expect: [
      {
        resource: 'vendored',
        status: 'fail',
        message: `1 layer(s) published by another AWS account (${VENDOR})`,
      },
    ],
  },
  {
    kind: 'fail',
    name: 'own and AWS layers beside a foreign one: only the foreign one is listed',
    inventory: inventory({
      functions: [
        fn('mixed', [
          layerArn(ACCOUNT, 'shared-utils', 4),
          PARAMS_SECRETS_US_EAST_1,
          layerArn(VENDOR, 'vendor-extension', 63),
          layerArn(SIBLING, 'org-common', 2),
        ]),
      ],
    }),
    expect: [
      {
        resource: 'mixed',
        status: 'fail',
        message: new RegExp(
          `^2 layer\\(s\\) published by another AWS account \\(${VENDOR}, ${SIBLING}\\).*:layer:vendor-extension:63, .*:layer:org-common:2$`,
        ),
      },
    ],
  },
  {
    kind: 'fail',
    name: 'a sibling account of the same organization cannot be told apart from the inventory',
    inventory: inventory({ functions: [fn('org-shared', [layerArn(SIBLING, 'org-common', 2)])] }),
    expect: [{ resource: 'org-shared', status: 'fail', message: SIBLING }],
  },
  {
    kind: 'fail',
    name: 'an AWS publisher account id in the wrong partition is not that publisher',
    // 580247275435 publishes Lambda Insights in the commercial partition; in aws-cn it is another account.
    inventory: inPartition(
      inventory({
        functions: [
          fn('cn-fn', [layerArn('580247275435', 'LambdaInsightsExtension', 9, 'cn-north-1', 'aws-cn')], {
            region: 'cn-north-1',
            arn: `arn:aws-cn:lambda:cn-north-1:${ACCOUNT}:function:cn-fn`,
          }),
        ],
      }),
      'aws-cn',
    ),
    expect: [{ resource: 'cn-fn', status: 'fail', message: '580247275435' }],
  },
  {
    kind: 'pass',
    name: 'a layer published by the scanned account itself',
    inventory: inventory({ functions: [fn('own-layer', [layerArn(ACCOUNT, 'shared-utils', 4)])] }),
    expect: [
      { resource: 'own-layer', status: 'pass', message: 'all 1 layer(s) are trusted: 1 from this account' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'no layers, and a container image function (which cannot have layers)',
    inventory: inventory({
      functions: [
        fn('plain', []),
        fn('image-fn', [], { packageType: 'Image', runtime: null, handler: null }),
      ],
    }),
    expect: [
      { resource: 'plain', status: 'not_applicable', message: 'the function has no layers' },
      { resource: 'image-fn', status: 'not_applicable', message: 'container image function' },
    ],
  },
  regionWithoutFunctions(),
  {
    kind: 'near-miss',
    name: 'the AWS Parameters and Secrets extension from the AWS account for us-east-1 (flagged as cross-account by naive checks)',
    inventory: inventory({ functions: [fn('reads-secrets', [PARAMS_SECRETS_US_EAST_1])] }),
    expect: [
      {
        resource: 'reads-secrets',
        status: 'pass',
        message: '1 from AWS-owned publishers (AWS Parameters and Secrets Lambda Extension)',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'per-region AWS accounts and Powertools in eu-west-1, beside an own layer',
    inventory: inventory({
      functions: [
        fn(
          'observed',
          [
            PARAMS_SECRETS_ARM_EU_WEST_1,
            POWERTOOLS_TS,
            INSIGHTS_EU_WEST_1,
            layerArn(ACCOUNT, 'app-deps', 3, 'eu-west-1'),
          ],
          { region: 'eu-west-1', arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:observed` },
        ),
        fn('py', [POWERTOOLS_PY, APPCONFIG_US_EAST_1]),
      ],
    }),
    expect: [
      {
        resource: 'observed',
        status: 'pass',
        message:
          '1 from this account, 3 from AWS-owned publishers (AWS Parameters and Secrets Lambda Extension; ' +
          'Powertools for AWS Lambda (TypeScript); Amazon CloudWatch Lambda Insights extension)',
      },
      {
        resource: 'py',
        status: 'pass',
        message: 'Powertools for AWS Lambda (Python); AWS AppConfig Lambda extension',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'GovCloud: the Parameters and Secrets extension from its us-gov-west-1 account',
    inventory: inPartition(
      inventory({
        functions: [
          fn(
            'gov-fn',
            [
              layerArn(
                '127562683043',
                'AWS-Parameters-and-Secrets-Lambda-Extension',
                4,
                'us-gov-west-1',
                'aws-us-gov',
              ),
            ],
            {
              region: 'us-gov-west-1',
              arn: `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:gov-fn`,
            },
          ),
        ],
      }),
      'aws-us-gov',
    ),
    expect: [{ resource: 'gov-fn', status: 'pass', message: 'AWS Parameters and Secrets Lambda Extension' }],
  },
  {
    kind: 'unknown',
    name: 'a layer ARN that cannot be parsed, another function readable',
    inventory: inventory({
      functions: [
        fn('garbled', [PARAMS_SECRETS_US_EAST_1, 'arn:aws:lambda:us-east-1:not-an-account:layer:x:1']),
        fn('unversioned', [`arn:aws:lambda:us-east-1:${VENDOR}:layer:vendor-extension`]),
        fn('readable', [POWERTOOLS_PY]),
      ],
    }),
    expect: [
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
      { resource: 'unversioned', status: 'unknown', message: 'their publisher is unknown' },
      { resource: 'readable', status: 'pass' },
    ],
  },
  {
    kind: 'fail',
    name: 'an unparsable ARN does not hide a foreign layer beside it',
    inventory: inventory({
      functions: [fn('both', ['not-an-arn', layerArn(VENDOR, 'vendor-extension', 63)])],
    }),
    expect: [{ resource: 'both', status: 'fail', message: VENDOR }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({
      regions: {
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);

describe('lambda.foreign-layer data and parsing', () => {
  it('the data file validates, is dated and cites an https source for every account', () => {
    const { data } = publisherTable();
    assert.match(data.retrievedAt, /^\d{4}-\d{2}-\d{2}$/);
    for (const p of data.publishers) assert.ok(p.source.startsWith('https://'), p.accountId);
  });

  it('holds the per-region AWS accounts of the near-miss cases', () => {
    const { byAccount } = publisherTable();
    const expected: [string, string, string][] = [
      ['aws:177933569100', 'us-east-1', 'AWS Parameters and Secrets Lambda Extension'],
      ['aws:015030872274', 'eu-west-1', 'AWS Parameters and Secrets Lambda Extension'],
      ['aws-us-gov:127562683043', 'us-gov-west-1', 'AWS Parameters and Secrets Lambda Extension'],
      ['aws:580247275435', 'eu-west-1', 'Amazon CloudWatch Lambda Insights extension'],
      ['aws:027255383542', 'us-east-1', 'AWS AppConfig Lambda extension'],
    ];
    for (const [key, region, publisher] of expected) {
      const entry = byAccount.get(key);
      assert.equal(entry?.publisher, publisher, key);
      assert.ok(entry?.regions?.includes(region), `${key} in ${region}`);
    }
    for (const key of ['aws:017000801446', 'aws:094274105915', 'aws:901920570463']) {
      assert.equal(byAccount.get(key)?.regions, null, `${key} publishes in every commercial region`);
    }
  });

  it('rejects a duplicate account, a malformed account id and a non-https source', () => {
    const entry = {
      accountId: '177933569100',
      partition: 'aws',
      regions: ['us-east-1'],
      publisher: 'X',
      source: 'https://docs.aws.amazon.com/',
    };
    const base = { retrievedAt: publisherData.retrievedAt };
    assert.equal(PublisherTable.safeParse({ ...base, publishers: [entry] }).success, true);
    assert.equal(PublisherTable.safeParse({ ...base, publishers: [entry, entry] }).success, false);
    assert.equal(
      PublisherTable.safeParse({ ...base, publishers: [{ ...entry, accountId: '17793356910' }] }).success,
      false,
    );
    assert.equal(
      PublisherTable.safeParse({ ...base, publishers: [{ ...entry, source: 'http://example.com/' }] })
        .success,
      false,
    );
  });

  it('parses layer version ARNs and refuses everything else', () => {
    assert.deepEqual(parseLayerArn(PARAMS_SECRETS_ARM_EU_WEST_1), {
      arn: PARAMS_SECRETS_ARM_EU_WEST_1,
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '015030872274',
      name: 'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
      version: 12,
    });
    for (const bad of [
      'not-an-arn',
      `arn:aws:lambda:us-east-1:${VENDOR}:layer:x`, // no version
      `arn:aws:lambda:us-east-1:${VENDOR}:function:x`,
      `arn:aws:s3:::bucket`,
      'arn:aws:lambda:us-east-1::layer:x:1', // no account
      `arn:aws:lambda::${VENDOR}:layer:x:1`, // no region
    ]) {
      assert.equal(parseLayerArn(bad), null, bad);
    }
  });

  it('evidence names the owning accounts on a fail and the publisher on a pass', () => {
    const inv = inventory({
      functions: [
        fn('bad', [layerArn(VENDOR, 'v', 1), layerArn(VENDOR, 'w', 2)]),
        fn('ok', [PARAMS_SECRETS_US_EAST_1]),
      ],
    });
    const results = evaluateCheck(check, inv);
    const bad = results.find((r) => r.resource.name === 'bad');
    assert.deepEqual(bad?.evidence.foreignAccounts, [VENDOR]);
    const ok = results.find((r) => r.resource.name === 'ok');
    assert.deepEqual(ok?.evidence.publishers, ['AWS Parameters and Secrets Lambda Extension']);
    assert.deepEqual(ok?.evidence.layers, [
      {
        arn: PARAMS_SECRETS_US_EAST_1,
        accountId: '177933569100',
        name: 'AWS-Parameters-and-Secrets-Lambda-Extension',
        version: 11,
        owner: 'aws',
        publisher: 'AWS Parameters and Secrets Lambda Extension',
        publisherSource:
          'https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html#ps-integration-lambda-extensions-add',
        documentedForRegion: true,
      },
    ]);
  });
});
