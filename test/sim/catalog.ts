/**
 * Vocabularies for the generated account: service names, runtimes, people, AWS-managed policies.
 * Runtimes come from the scanner's own dated table (data/lambda-runtimes.json), split at the
 * account's `now`: the simulator never fixes which runtimes are "current", so no test turns red
 * on the day one is deprecated. Only runtimes whose status is unambiguous around `now` are used
 * (RUNTIME_MARGIN_DAYS either side), so the manifest cannot disagree with a correct scanner about
 * a runtime on its deprecation boundary, even if the scan's clock is a little later.
 */
import { runtimeTable, utcDay } from '../../src/data/runtimes.js';
import { DAY_MS } from '../../src/engine/dates.js';
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

export const RUNTIME_MARGIN_DAYS = 45;
/** Language families to draw from, and the handler each runtime's functions use. */
const FAMILIES: [prefix: string, handler: string][] = [
  ['nodejs', 'index.handler'],
  ['python', 'app.lambda_handler'],
  ['java', 'com.example.Handler::handleRequest'],
  ['ruby', 'function.handler'],
  ['dotnet', 'App::App.Function::Handler'],
  ['go', 'main'],
  ['provided', 'bootstrap'],
];

export interface RuntimeCatalog {
  /** Supported until at least RUNTIME_MARGIN_DAYS after `now`: the newest of up to three families. */
  current: string[];
  /** Deprecated at least RUNTIME_MARGIN_DAYS before `now`: up to four, each of another family. */
  deprecated: string[];
}

/** The .zip runtimes the generator uses at `now`, from the data file. */
export function runtimeCatalog(now: string): RuntimeCatalog {
  const at = Date.parse(now);
  const margin = RUNTIME_MARGIN_DAYS * DAY_MS;
  const zip = runtimeTable().data.runtimes.filter((r) => !r.containerOnly && familyOf(r.identifier));
  const newestFirst = [...zip].sort((a, b) => utcDay(b.deprecation) - utcDay(a.deprecation));
  const onePerFamily = (list: typeof zip, max: number) => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const r of list) {
      const family = familyOf(r.identifier) ?? '';
      if (seen.has(family) || out.length === max) continue;
      seen.add(family);
      out.push(r.identifier);
    }
    return out;
  };
  const current = onePerFamily(
    newestFirst.filter((r) => utcDay(r.deprecation) > at + margin),
    3,
  );
  const deprecated = onePerFamily(
    newestFirst.filter((r) => utcDay(r.deprecation) < at - margin),
    4,
  );
  if (current.length === 0 || deprecated.length === 0) {
    throw new Error(
      `data/lambda-runtimes.json has no ${current.length === 0 ? 'supported' : 'deprecated'} runtime at ${now}: refresh the data file`,
    );
  }
  return { current, deprecated };
}

function familyOf(runtime: string): string | undefined {
  return FAMILIES.find(([prefix]) => runtime.startsWith(prefix))?.[0];
}

/** The handler a function of `runtime` is configured with. */
export function handlerFor(runtime: string): string {
  return FAMILIES.find(([prefix]) => runtime.startsWith(prefix))?.[1] ?? 'index.handler';
}

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
