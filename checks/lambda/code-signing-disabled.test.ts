import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  failed,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './code-signing-disabled.js';

const CSC_ENFORCE = `arn:aws:lambda:us-east-1:${ACCOUNT}:code-signing-config:csc-0a1b2c3d4e5f6a7b8`;
const CSC_WARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:code-signing-config:csc-9f8e7d6c5b4a39281`;
const PROFILE = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/release/3zAbCdEfGh`;

const configs = ok([
  { arn: CSC_ENFORCE, allowedPublisherProfiles: [PROFILE], untrustedArtifactOnDeployment: 'Enforce' },
  { arn: CSC_WARN, allowedPublisherProfiles: [PROFILE], untrustedArtifactOnDeployment: 'Warn' },
]);

testCheck(check, [
  {
    kind: 'fail',
    name: 'a .zip function without a code signing config',
    inventory: inventory({ functions: [lambdaFunction({ name: 'unsigned' })] }),
    expect: [{ resource: 'unsigned', status: 'fail', message: 'no code signing config' }],
  },
  {
    kind: 'fail',
    name: 'a code signing config in Warn mode does not enforce anything',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory(
          [lambdaFunction({ name: 'warn-only', codeSigningConfigArn: ok(CSC_WARN) })],
          {
            codeSigningConfigs: configs,
          },
        ),
      },
    }),
    expect: [{ resource: 'warn-only', status: 'fail', message: 'not enforced' }],
  },
  {
    kind: 'pass',
    name: 'an enforcing code signing config',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory(
          [lambdaFunction({ name: 'signed', codeSigningConfigArn: ok(CSC_ENFORCE) })],
          {
            codeSigningConfigs: configs,
          },
        ),
      },
    }),
    expect: [{ resource: 'signed', status: 'pass', message: 'enforced (1 allowed signing profile(s))' }],
  },
  {
    kind: 'near-miss',
    name: 'a signed .zip function beside a container-image function, which cannot have a code signing config (checkov#7448 flagged image functions)',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory(
          [
            lambdaFunction({ name: 'signed', codeSigningConfigArn: ok(CSC_ENFORCE) }),
            lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null }),
          ],
          { codeSigningConfigs: configs },
        ),
      },
    }),
    expect: [
      { resource: 'signed', status: 'pass' },
      { resource: 'image-fn', status: 'not_applicable', message: '.zip packages only' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a container-image function: Lambda code signing does not apply',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null })],
    }),
    expect: [{ resource: 'image-fn', status: 'not_applicable', message: 'sign images in ECR' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'GetFunctionCodeSigningConfig denied; and a CSC attached while ListCodeSigningConfigs failed',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory(
          [
            lambdaFunction({
              name: 'denied',
              codeSigningConfigArn: failed(awsError('GetFunctionCodeSigningConfig')),
            }),
            lambdaFunction({ name: 'attached', codeSigningConfigArn: ok(CSC_ENFORCE) }),
            lambdaFunction({ name: 'plain' }),
          ],
          { codeSigningConfigs: failed(awsError('ListCodeSigningConfigs')) },
        ),
      },
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'attached', status: 'unknown', message: 'whether it is enforced is unknown' },
      { resource: 'plain', status: 'fail' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the attached CSC is missing from the region’s list',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([
          lambdaFunction({ name: 'dangling', codeSigningConfigArn: ok(CSC_ENFORCE) }),
        ]),
      },
    }),
    expect: [{ resource: 'dangling', status: 'unknown', message: 'was not among' }],
  },
  {
    kind: 'unknown',
    name: 'code signing was not collected',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'unplanned', codeSigningConfigArn: undefined })],
    }),
    expect: [{ resource: 'unplanned', status: 'unknown', message: 'was not collected' }],
  },
]);
