import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { awsError, failed, inventory, lambdaFunction, ok } from '../../test/helpers/inventory.js';
import check from './url-cors-any-origin.js';

const url = (
  name: string,
  authType: string,
  allowOrigins: string[] | null,
  allowCredentials: boolean | null = false,
) => ({
  url: `https://${name}abc123.lambda-url.us-east-1.on.aws/`,
  functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
  authType,
  invokeMode: 'BUFFERED',
  cors: allowOrigins ? { allowOrigins, allowCredentials } : null,
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'AuthType NONE with AllowOrigins "*", with credentials, and with the opaque origin "null"',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'open', urlConfigs: ok([url('open', 'NONE', ['*'])]) }),
        lambdaFunction({ name: 'cookies', urlConfigs: ok([url('cookies', 'NONE', ['*'], true)]) }),
        lambdaFunction({
          name: 'sandboxed',
          urlConfigs: ok([url('sandboxed', 'NONE', ['https://app.example.com', 'null'])]),
        }),
      ],
    }),
    expect: [
      { resource: 'open', status: 'fail', message: /origin "\*": any website can call the function[^,]*$/ },
      { resource: 'cookies', status: 'fail', message: 'AllowCredentials true makes the browser send' },
      { resource: 'sandboxed', status: 'fail', message: 'origin "null"' },
    ],
  },
  {
    kind: 'pass',
    name: 'exact origins, or no CORS configuration at all',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'app',
          urlConfigs: ok([url('app', 'NONE', ['https://app.example.com', 'http://localhost:5173'], true)]),
        }),
        lambdaFunction({ name: 'no-cors', urlConfigs: ok([url('no-cors', 'NONE', null)]) }),
      ],
    }),
    expect: [
      { resource: 'app', status: 'pass', message: 'origins https://app.example.com, http://localhost:5173' },
      { resource: 'no-cors', status: 'pass', message: 'no CORS origins' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'AllowOrigins "*" on an AWS_IAM URL: browsers never add SigV4 signatures (Prowler awslambda_function_url_cors_policy fails "*" whatever the AuthType); an origin that merely contains a star-like host',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'signed', urlConfigs: ok([url('signed', 'AWS_IAM', ['*'], true)]) }),
        lambdaFunction({
          name: 'nullish-host',
          urlConfigs: ok([url('nullish-host', 'NONE', ['https://null.example.com'])]),
        }),
      ],
    }),
    expect: [
      { resource: 'signed', status: 'pass', message: 'requires IAM authentication' },
      { resource: 'nullish-host', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'ListFunctionUrlConfigs denied',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'hidden', urlConfigs: failed(awsError('ListFunctionUrlConfigs')) })],
    }),
    expect: [{ resource: 'hidden', status: 'unknown', message: 'the function URLs could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function without a URL',
    inventory: inventory({ functions: [lambdaFunction({ name: 'plain' })] }),
    expect: [{ resource: 'plain', status: 'not_applicable', message: 'no URL' }],
  },
  regionWithoutFunctions(),
]);
