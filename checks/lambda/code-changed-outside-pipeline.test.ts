import type { FunctionChangeEvent } from '../../src/inventory/schema.js';
import { CI_ROLE, changeEvent, changeInventory, userChange } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT } from '../../test/helpers/inventory.js';
import check from './code-changed-outside-pipeline.js';

const at = (day: number, hour = 9) =>
  `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** CloudFormation updating the stack's function: the service's name as source and user agent. */
const cfnDeploy = (day: number, over: Partial<FunctionChangeEvent> = {}) =>
  changeEvent({
    eventTime: at(day),
    sourceIpAddress: 'cloudformation.amazonaws.com',
    userAgent: 'cloudformation.amazonaws.com',
    ...over,
  });

const SSO_ROLE = 'AWSReservedSSO_AdministratorAccess_0123456789abcdef';
/** A person in the console through an IAM Identity Center permission set. */
const consoleChange = (day: number, over: Partial<FunctionChangeEvent> = {}) =>
  changeEvent({
    eventTime: at(day),
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com`,
    sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`,
    sourceIpAddress: '198.51.100.20',
    userAgent: 'console.amazonaws.com',
    ...over,
  });

/** The AWS CLI in a CodeBuild build, under the project's service role. */
const codeBuildDeploy = (day: number) =>
  changeEvent({
    eventTime: at(day),
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/codebuild-api-service-role/AWSCodeBuild-6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d`,
    sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/service-role/codebuild-api-service-role`,
    sourceIpAddress: '3.91.0.12',
    userAgent:
      'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11.8 exec-env/AWS_ECS_EC2',
  });

const TERRAFORM_AGENT =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6';

testCheck(check, [
  {
    kind: 'fail',
    name: 'CloudFormation deploys it; someone replaced the code in the console since',
    inventory: changeInventory({ events: [consoleChange(29), cfnDeploy(27), cfnDeploy(26)] }),
    expect: [
      {
        resource: 'api',
        status: 'fail',
        message: new RegExp(
          `1 time\\(s\\) outside any deployment tool, last by arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com via console .*cloudformation deployed it 2 time\\(s\\).*no tool deployment has replaced it since`,
        ),
      },
    ],
  },
  {
    kind: 'fail',
    name: 'a hand-made change a later pipeline run replaced is still reported, and said to be replaced',
    inventory: changeInventory({ events: [codeBuildDeploy(30), userChange('bob', { eventTime: at(28) })] }),
    expect: [
      {
        resource: 'api',
        status: 'fail',
        message: /the CLI or an SDK .*a tool deployment has replaced it since/,
      },
    ],
  },
  {
    kind: 'fail',
    name: 'deleted and created again by hand: the CreateFunction replaced the pipeline’s code',
    inventory: changeInventory({
      events: [
        userChange('bob', { eventName: 'CreateFunction20150331', eventTime: at(29, 10) }),
        userChange('bob', { eventName: 'DeleteFunction20150331', eventTime: at(29, 9) }),
        cfnDeploy(26, { eventName: 'CreateFunction20150331' }),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail', message: 'code changed 1 time(s) outside' }],
  },
  {
    kind: 'fail',
    name: 'a user agent claiming CloudFormation from an IP address is a client’s string, not CloudFormation',
    inventory: changeInventory({
      events: [
        userChange('mallory', { eventTime: at(29), userAgent: 'cloudformation.amazonaws.com' }),
        cfnDeploy(26),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail', message: `user/mallory` }],
  },
  {
    kind: 'fail',
    name: 'Terraform’s user agent from a person’s own access key is not the pipeline',
    inventory: changeInventory({
      events: [userChange('carol', { eventTime: at(29), userAgent: TERRAFORM_AGENT }), cfnDeploy(26)],
    }),
    expect: [{ resource: 'api', status: 'fail', message: 'user/carol' }],
  },
  {
    kind: 'pass',
    name: 'every code change through CloudFormation',
    inventory: changeInventory({ events: [cfnDeploy(29), cfnDeploy(27)] }),
    expect: [
      {
        resource: 'api',
        status: 'pass',
        message: '2 code change(s) in the window, all through cloudformation',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a CloudFormation stack update by a person (their session forwarded by CloudFormation) of a function CodePipeline deploys',
    inventory: changeInventory({
      events: [
        cfnDeploy(29, {
          principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com`,
          sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`,
        }),
        changeEvent({
          eventTime: at(27),
          principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/codepipeline-api-role/1730000000000`,
          sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/codepipeline-api-role`,
          sourceIpAddress: 'codepipeline.amazonaws.com',
          userAgent: 'codepipeline.amazonaws.com',
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass', message: 'all through cloudformation, codepipeline' }],
  },
  {
    kind: 'near-miss',
    name: 'CodeBuild running `aws lambda update-function-code` (the CLI’s user agent) under the pipeline’s role, no deployers configured',
    inventory: changeInventory({ events: [codeBuildDeploy(29), cfnDeploy(27)] }),
    expect: [{ resource: 'api', status: 'pass', message: 'all through codebuild, cloudformation' }],
  },
  {
    kind: 'near-miss',
    name: 'a console configuration change (and a URL created in the console) on a pipeline-deployed function is not a code change',
    inventory: changeInventory({
      events: [
        consoleChange(30, { eventName: 'CreateFunctionUrlConfig20211031' }),
        consoleChange(29, { eventName: 'UpdateFunctionConfiguration20150331v2' }),
        cfnDeploy(27),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass', message: '1 code change(s)' }],
  },
  {
    kind: 'near-miss',
    name: 'the configured deployer’s session (GitHub Actions, the CLI) and Terraform from an unlisted CI role',
    inventory: changeInventory({
      deployers: [CI_ROLE],
      events: [
        changeEvent({ eventTime: at(30) }),
        changeEvent({
          eventTime: at(29),
          principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/terraform-apply/GitHubActions`,
          sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/terraform-apply`,
          userAgent: TERRAFORM_AGENT,
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass', message: 'all through deployer, terraform' }],
  },
  {
    kind: 'near-miss',
    name: 'created by hand before the pipeline took it over, and a hand-made update that was denied',
    inventory: changeInventory({
      events: [
        userChange('bob', { eventTime: at(30), errorCode: 'AccessDeniedException' }),
        cfnDeploy(28),
        consoleChange(26, { eventName: 'CreateFunction20150331' }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass', message: '1 code change(s)' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents denied: unknown, never "no changes"',
    inventory: changeInventory({ functions: ['api'], lookupFailed: 'access-denied' }),
    expect: [
      {
        resource: 'Lambda changes in us-east-1',
        status: 'unknown',
        message: 'cloudtrail:LookupEvents failed',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'an unparsed event could be a hand-made code change: the region is unknown beside the judged function',
    inventory: changeInventory({ events: [cfnDeploy(29)], unparsedEvents: 2 }),
    expect: [
      { resource: 'Lambda changes in us-east-1', status: 'unknown', message: '2 Lambda event(s)' },
      { resource: 'api', status: 'pass' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'code changed only by hand (no tool in the window), only configuration changed, or nothing changed',
    inventory: changeInventory({
      functions: ['api', 'config-only', 'quiet'],
      events: [
        userChange('bob', { eventTime: at(29) }),
        consoleChange(28, {
          functionName: 'config-only',
          eventName: 'UpdateFunctionConfiguration20150331v2',
        }),
      ],
    }),
    expect: [
      { resource: 'api', status: 'not_applicable', message: 'never through a deployment tool' },
      { resource: 'config-only', status: 'not_applicable', message: 'none that replaced its code' },
      { resource: 'quiet', status: 'not_applicable', message: 'no change to the function' },
    ],
  },
]);
