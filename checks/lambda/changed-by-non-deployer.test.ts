import { CI_ROLE, changeEvent, changeInventory, userChange } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import check from './changed-by-non-deployer.js';

const deployers = [CI_ROLE, 'arn:aws:iam::123456789012:role/cdk-*-deploy-role-*'];

testCheck(check, [
  {
    kind: 'fail',
    name: 'an IAM user changed the code beside the pipeline',
    inventory: changeInventory({ deployers, events: [userChange('alice'), changeEvent()] }),
    expect: [{ resource: 'api', status: 'fail', message: 'arn:aws:iam::123456789012:user/alice' }],
  },
  {
    kind: 'pass',
    name: 'only the CI role, matched by its session issuer',
    inventory: changeInventory({ deployers, events: [changeEvent()] }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a CDK deploy role session matches its glob whatever the session name',
    inventory: changeInventory({
      deployers,
      events: [
        changeEvent({
          principalArn:
            'arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-deploy-role-123456789012-us-east-1/aws-cdk-alice',
          sessionIssuerArn: 'arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012-us-east-1',
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Lambda itself (AWSService) publishing a version for a deployment is not a principal outside the deployers',
    inventory: changeInventory({
      deployers,
      events: [changeEvent({ identityType: 'AWSService', principalArn: null, sessionIssuerArn: null })],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents denied: unknown',
    inventory: changeInventory({ deployers, functions: ['api'], lookupFailed: 'access-denied' }),
    expect: [{ resource: 'Lambda changes in us-east-1', status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'no deployers configured: not applicable, with that reason',
    inventory: changeInventory({ events: [userChange('alice')] }),
    expect: [
      {
        resource: 'Lambda changes in us-east-1',
        status: 'not_applicable',
        message: 'no deployers are configured',
      },
    ],
  },
]);
