/**
 * Fixed vocabularies for the generated account: service names, runtimes, people, AWS-managed
 * policies. Runtime status follows AWS's Lambda runtime table as it stands in 2026-11; only
 * runtimes whose status is unambiguous at that date are used, so the manifest cannot disagree
 * with a correct scanner about a runtime on its deprecation boundary.
 */
import type { PolicyDoc } from './account.js';

export const SERVICES = [
  'orders-api',
  'thumbnailer',
  'payments-webhook',
  'user-signup',
  'report-generator',
  'image-resizer',
  'email-sender',
  'inventory-sync',
  'search-indexer',
  'audit-logger',
  'session-cleaner',
  'pdf-renderer',
  'notification-fanout',
  'billing-export',
  'geo-lookup',
  'cart-service',
  'auth-authorizer',
  'feature-flags',
  'metrics-aggregator',
  'log-shipper',
] as const;

export const STAGES = ['prod', 'staging', 'dev'] as const;

/** Supported (no deprecation date passed by 2026-11). */
export const CURRENT_RUNTIMES = ['nodejs22.x', 'python3.13', 'java21'] as const;
/** Deprecated (deprecation date passed long before 2026-11). */
export const DEPRECATED_RUNTIMES = ['python3.8', 'nodejs16.x', 'go1.x', 'ruby2.7'] as const;

export const HANDLERS: Record<string, string> = {
  'nodejs22.x': 'index.handler',
  'nodejs16.x': 'index.handler',
  'python3.13': 'app.lambda_handler',
  'python3.8': 'app.lambda_handler',
  java21: 'com.example.Handler::handleRequest',
  'go1.x': 'main',
  'ruby2.7': 'function.handler',
};

export const FIRST_NAMES = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yuki',
] as const;

export const LAST_NAMES = [
  'smith',
  'jones',
  'garcia',
  'chen',
  'patel',
  'muller',
  'rossi',
  'novak',
  'silva',
  'kim',
  'okafor',
  'larsen',
  'dubois',
  'tanaka',
  'haddad',
] as const;

export const ALLOW_ALL: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const BASIC_EXECUTION: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
};

export const READ_ONLY_LAMBDA: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['lambda:Get*', 'lambda:List*', 'iam:GetRole', 'iam:ListRoles', 'logs:DescribeLogGroups'],
      Resource: '*',
    },
  ],
};

/** The AWS-managed policies the account can attach; ids are the real ones' shape, not their values. */
export const AWS_MANAGED = {
  admin: {
    name: 'AdministratorAccess',
    path: '/',
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    document: ALLOW_ALL,
    description: 'Provides full access to AWS services and resources.',
  },
  basicExecution: {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    id: 'ANPAJNCQGXC42545SKXIK',
    document: BASIC_EXECUTION,
    description: 'Provides write permissions to CloudWatch Logs.',
  },
  lambdaReadOnly: {
    name: 'AWSLambda_ReadOnlyAccess',
    path: '/',
    id: 'ANPAZKAPJZG4HH4NVTNJQ',
    document: READ_ONLY_LAMBDA,
    description: 'Grants read-only access to AWS Lambda service.',
  },
} as const;

export const AWS_MANAGED_CREATED = '2015-02-06T18:39:46.000Z';

/** Regions that must be opted into; DescribeRegions reports them as opted-in when enabled. */
export const OPT_IN_REGIONS = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);
