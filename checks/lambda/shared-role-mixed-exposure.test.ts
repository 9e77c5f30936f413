import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './shared-role-mixed-exposure.js';

const FN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const ROLE = (name: string, path = '/') => `arn:aws:iam::123456789012:role${path}${name}`;
const publicInvoke = (name: string) => ({
  Sid: 'AllowPublicInvoke',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [FN(name)],
});
const urlGrant = (name: string) => ({
  Sid: 'FunctionURLAllowPublicAccess',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunctionUrl'],
  Resource: [FN(name)],
  Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
});
const noneUrl = (name: string) => ({
  url: `https://${name}abc123.lambda-url.us-east-1.on.aws/`,
  functionArn: FN(name),
  authType: 'NONE',
  invokeMode: 'BUFFERED',
  cors: null,
});
const pub = (name: string, role: string) =>
  lambdaFunction({ name, roleArn: role, policy: doc(publicInvoke(name)) });
const priv = (name: string, role: string) => lambdaFunction({ name, roleArn: role });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a public API and an internal worker run as one role (the role written with and without a path)',
    inventory: inventory({
      functions: [
        pub('public-api', ROLE('app-role')),
        priv('billing-worker', ROLE('app-role', '/service-role/')),
        priv('own', ROLE('own-role')),
      ],
    }),
    expect: [
      { resource: 'app-role', status: 'fail', message: '1 function(s) anyone can invoke (public-api)' },
      { resource: 'own-role', status: 'not_applicable', message: 'one function only' },
    ],
  },
  {
    kind: 'pass',
    name: 'a role shared by two internal functions, another by two public ones',
    inventory: inventory({
      functions: [
        priv('a', ROLE('internal')),
        priv('b', ROLE('internal')),
        pub('c', ROLE('edge')),
        pub('d', ROLE('edge')),
      ],
    }),
    expect: [
      { resource: 'internal', status: 'pass', message: 'all of which nobody outside can invoke' },
      { resource: 'edge', status: 'pass', message: 'all of which anyone can invoke' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'an AuthType NONE URL lacking the lambda:InvokeFunction grant is not public (Prowler awslambda_function_url_public fails it on AuthType alone), nor is Principal "*" pinned to an API by AWS:SourceArn',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'latent',
          roleArn: ROLE('shared'),
          urlConfigs: ok([noneUrl('latent')]),
          policy: doc(urlGrant('latent')),
        }),
        lambdaFunction({
          name: 'behind-api',
          roleArn: ROLE('shared'),
          policy: doc({
            ...publicInvoke('behind-api'),
            Condition: {
              ArnLike: { 'AWS:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:abc123/*/POST/x'] },
            },
          }),
        }),
        priv('worker', ROLE('shared')),
      ],
    }),
    expect: [{ resource: 'shared', status: 'pass', message: 'shared by 3 functions' }],
  },
  {
    kind: 'unknown',
    name: 'a sharer whose policy could not be read (no mix proven), and a role of one function whose policy could not be read',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'unreadable',
          roleArn: ROLE('shared'),
          policy: failed(awsError('GetPolicy')),
        }),
        priv('worker', ROLE('shared')),
        lambdaFunction({ name: 'alone', roleArn: ROLE('alone'), policy: failed(awsError('GetPolicy')) }),
      ],
    }),
    expect: [
      {
        resource: 'shared',
        status: 'unknown',
        message: 'whether unreadable is publicly invokable is unknown',
      },
      { resource: 'alone', status: 'unknown', message: 'the resource policy could not be read' },
    ],
  },
  {
    kind: 'unknown',
    name: 'another region could not be read: an all-private shared role may have a public sharer there; a proven mix still fails',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([
          priv('a', ROLE('internal')),
          priv('b', ROLE('internal')),
          pub('c', ROLE('mixed')),
          priv('d', ROLE('mixed')),
        ]),
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [
      { resource: 'internal', status: 'unknown', message: 'eu-west-1 could not be read' },
      { resource: 'mixed', status: 'fail' },
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
    ],
  },
  regionWithoutFunctions(),
]);
