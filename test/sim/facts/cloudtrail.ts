/**
 * Ground truth for the change checks (--changes-since; see group.ts), from the final model.
 *
 * plant() writes CloudTrail event history into the first region with at least six functions,
 * from the group's own stream, as the records CloudTrail writes (userIdentity, sourceIPAddress,
 * userAgent, requestParameters, responseElements):
 *
 * - a root UpdateFunctionCode from an untrusted address (changed-by-root, changed-by-non-deployer,
 *   changed-from-untrusted-ip);
 * - an IAM user's UpdateFunctionConfiguration with a long-term key, no MFA, from a trusted
 *   address, whose requestParameters.environment holds a planted secret (changed-without-mfa,
 *   changed-by-non-deployer); the secret must never reach the inventory or the report;
 * - an AddPermission to "*" by the CI role (public-permission-added);
 * - a function CloudFormation deploys (the CI role through it) whose code a person then replaced
 *   in the console, in an IAM Identity Center session (code-changed-outside-pipeline,
 *   changed-by-non-deployer), and a console configuration change by that person to another
 *   CloudFormation-deployed function (changed-by-non-deployer; not code, so a look-alike for
 *   code-changed-outside-pipeline);
 * - look-alikes: the CI role's code update through CloudFormation (its service name as source
 *   address) and the CLI's update-function-code from a CodeBuild build of the CI role on the same
 *   function, an AddPermission to s3.amazonaws.com, a root attempt denied (AccessDenied), a root
 *   change eight days ago (outside a 7-day window), and read-only events (GetFunction,
 *   ListFunctions, 60 more reads so LookupEvents takes two pages) the collector must drop.
 *
 * Misconfigurations are planted only when the account's rate is above 0; the look-alikes always.
 * The scan must be run with CHANGE_ARGS, which the judgements below assume.
 */
import type { GenContext, SimAccount, SimCloudTrailEvent } from '../account.js';
import { daysAgo } from '../account.js';
import { chars, fork, HEX, int, LOWER_ALNUM } from '../prng.js';
import { CHANGES_SINCE_DAYS, CI_ROLE_NAME, PLANTED_ENV_SECRET } from './cloudtrail-settings.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'lambda.changed-by-root',
  'lambda.changed-without-mfa',
  'lambda.changed-by-non-deployer',
  'lambda.public-permission-added',
  'lambda.changed-from-untrusted-ip',
  'lambda.code-changed-outside-pipeline',
] as const;
type Id = (typeof IDS)[number];

const SOURCE = 'lambda.amazonaws.com';

type Who = Record<string, unknown>;

type Actor = 'root' | 'user' | 'ci' | 'codebuild' | 'sso';

/** An IAM Identity Center permission set's role: its sessions are people. */
const SSO_ROLE_NAME = 'AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6a7b';
/** CodeBuild names a build's role session AWSCodeBuild-<build id>. */
const CODEBUILD_SESSION = 'AWSCodeBuild-5c0ffee0-1d2e-4f3a-8b4c-5d6e7f8a9b0c';

function roleSession(
  accountId: string,
  roleName: string,
  issuerPath: string,
  session: string,
): { identity: Who; username: string } {
  return {
    identity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEROLE00001:${session}`,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`,
      accountId,
      accessKeyId: 'ASIAEXAMPLEKEY000001',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEROLE00001',
          arn: `arn:aws:iam::${accountId}:role/${issuerPath}${roleName}`,
          accountId,
          userName: roleName,
        },
        attributes: { creationDate: '2026-01-01T00:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    username: session,
  };
}

function who(accountId: string, kind: Actor): { identity: Who; username: string } {
  if (kind === 'codebuild') return roleSession(accountId, CI_ROLE_NAME, '', CODEBUILD_SESSION);
  if (kind === 'sso')
    return roleSession(accountId, SSO_ROLE_NAME, 'aws-reserved/sso.amazonaws.com/', 'dev-bob@example.com');
  if (kind === 'root')
    return {
      identity: { type: 'Root', principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId },
      username: 'root',
    };
  if (kind === 'user')
    return {
      identity: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEUSER00001',
        arn: `arn:aws:iam::${accountId}:user/ops-alice`,
        accountId,
        accessKeyId: 'AKIAEXAMPLEKEY000001',
        userName: 'ops-alice',
      },
      username: 'ops-alice',
    };
  return roleSession(accountId, CI_ROLE_NAME, '', 'gha-run');
}

interface PlantSpec {
  eventName: string;
  fn: string;
  actor: Actor;
  ip: string;
  /** The user agent, when not the CLI's (drawn) or the calling service's name. */
  ua?: string;
  days: number;
  params?: Record<string, unknown>;
  errorCode?: string;
  readOnly?: boolean;
}

export const cloudTrailFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [...IDS],
  plant(account: SimAccount, ctx: GenContext) {
    const rng = fork(ctx.seed, 'cloudtrail');
    const region = account.regions.find((r) => (account.lambda[r]?.functions.length ?? 0) >= 6);
    account.cloudtrail = {};
    if (!region) return;
    const fns = account.lambda[region]?.functions.map((f) => f.name) ?? [];
    const first = int(rng, 0, fns.length - 1);
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => fns[(first + i) % fns.length] ?? '');
    const untrusted = `198.51.100.${int(rng, 2, 250)}`;
    const trusted = `203.0.113.${int(rng, 2, 250)}`;
    const specs: PlantSpec[] = [
      // Look-alikes, always.
      {
        eventName: 'UpdateFunctionCode20150331v2',
        fn: c ?? '',
        actor: 'ci',
        ip: 'cloudformation.amazonaws.com',
        days: 2,
      },
      {
        eventName: 'AddPermission20150331v2',
        fn: e ?? '',
        actor: 'ci',
        ip: trusted,
        days: 3,
        params: {
          principal: 's3.amazonaws.com',
          action: 'lambda:InvokeFunction',
          statementId: 's3-invoke',
          sourceArn: 'arn:aws:s3:::uploads',
        },
      },
      {
        eventName: 'UpdateFunctionCode20150331v2',
        fn: c ?? '',
        actor: 'root',
        ip: untrusted,
        days: 1,
        errorCode: 'AccessDenied',
      },
      {
        eventName: 'UpdateFunctionCode20150331v2',
        fn: c ?? '',
        actor: 'root',
        ip: untrusted,
        days: CHANGES_SINCE_DAYS + 1,
      },
      {
        eventName: 'GetFunction20150331v2',
        fn: c ?? '',
        actor: 'user',
        ip: untrusted,
        days: 1,
        readOnly: true,
      },
      { eventName: 'ListFunctions20150331', fn: '', actor: 'user', ip: untrusted, days: 1, readOnly: true },
    ];
    // Read-only noise, as a real account's history is mostly reads (LookupEvents filters by one
    // attribute, so they come back with the changes): more than a page, so the scan pages.
    for (let i = 0; i < 60; i++) {
      specs.push({
        eventName: i % 2 === 0 ? 'GetFunction20150331v2' : 'ListVersionsByFunction20150331',
        fn: fns[int(rng, 0, fns.length - 1)] ?? '',
        actor: 'ci',
        ip: trusted,
        days: int(rng, 0, CHANGES_SINCE_DAYS - 1) + 0.5,
        readOnly: true,
      });
    }
    if (ctx.m > 0) {
      specs.push(
        { eventName: 'UpdateFunctionCode20150331v2', fn: a ?? '', actor: 'root', ip: untrusted, days: 2 },
        {
          eventName: 'UpdateFunctionConfiguration20150331v2',
          fn: b ?? '',
          actor: 'user',
          ip: trusted,
          days: 4,
          params: { environment: { variables: { DB_PASSWORD: PLANTED_ENV_SECRET } }, timeout: 30 },
        },
        {
          eventName: 'AddPermission20150331v2',
          fn: d ?? '',
          actor: 'ci',
          ip: trusted,
          days: 5,
          params: { principal: '*', action: 'lambda:InvokeFunction', statementId: 'public' },
        },
      );
    }
    // lambda.code-changed-outside-pipeline, appended last so every event above keeps its draws:
    // f is deployed through CloudFormation and its code then replaced in the console by a person
    // (an Identity Center session); c, which CloudFormation deploys, also gets the CLI's
    // update-function-code from a CodeBuild build of the CI role (a tool: a look-alike) and a
    // console configuration change (not code: a look-alike here, a non-deployer's change there).
    const f = fns[(first + 5) % fns.length] ?? '';
    specs.push({
      eventName: 'UpdateFunctionCode20150331v2',
      fn: c ?? '',
      actor: 'codebuild',
      ip: trusted,
      days: 1.5,
    });
    if (ctx.m > 0) {
      specs.push(
        {
          eventName: 'UpdateFunctionCode20150331v2',
          fn: f,
          actor: 'ci',
          ip: 'cloudformation.amazonaws.com',
          days: 6,
        },
        {
          eventName: 'UpdateFunctionCode20150331v2',
          fn: f,
          actor: 'sso',
          ip: trusted,
          ua: 'console.amazonaws.com',
          days: 1,
        },
        {
          eventName: 'UpdateFunctionConfiguration20150331v2',
          fn: c ?? '',
          actor: 'sso',
          ip: trusted,
          ua: 'console.amazonaws.com',
          days: 0.5,
          params: { timeout: 60 },
        },
      );
    }
    account.cloudtrail[region] = specs.map((s, i): SimCloudTrailEvent => {
      const { identity, username } = who(account.accountId, s.actor);
      const eventTime = daysAgo(ctx, s.days + i / 1000);
      const eventId = `${chars(rng, HEX, 8)}-${chars(rng, HEX, 4)}-4${chars(rng, HEX, 3)}-a${chars(rng, HEX, 3)}-${chars(rng, HEX, 12)}`;
      const fnArn = `arn:aws:lambda:${region}:${account.accountId}:function:${s.fn}`;
      const params = s.fn
        ? { functionName: s.eventName.startsWith('Add') ? s.fn : fnArn, ...(s.params ?? {}) }
        : null;
      return {
        eventId,
        eventName: s.eventName,
        eventTime,
        eventSource: SOURCE,
        username,
        functionName: s.fn || null,
        record: {
          eventVersion: '1.09',
          userIdentity: identity,
          eventTime,
          eventSource: SOURCE,
          eventName: s.eventName,
          awsRegion: region,
          sourceIPAddress: s.ip,
          userAgent:
            s.ua ??
            (s.ip.endsWith('.amazonaws.com')
              ? s.ip
              : `aws-cli/2.15.${int(rng, 0, 40)} md/${chars(rng, LOWER_ALNUM, 6)}`),
          ...(s.errorCode ? { errorCode: s.errorCode, errorMessage: 'User is not authorized' } : {}),
          requestParameters: params,
          responseElements:
            s.readOnly || s.errorCode
              ? null
              : {
                  functionName: s.fn,
                  environment: (params as { environment?: unknown } | null)?.environment ?? null,
                },
          requestID: chars(rng, HEX, 32),
          eventID: eventId,
          readOnly: s.readOnly === true,
          eventType: 'AwsApiCall',
          managementEvent: true,
          recipientAccountId: account.accountId,
        },
      };
    });
  },
  facts(account: SimAccount, sink: FactSink<Id>) {
    const windowStart = Date.parse(account.now) - CHANGES_SINCE_DAYS * 86_400_000;
    const ciRoleArn = `arn:aws:iam::${account.accountId}:role/${CI_ROLE_NAME}`;
    for (const region of account.regions) {
      const fns = account.lambda[region]?.functions ?? [];
      const events = (account.cloudtrail?.[region] ?? []).filter(
        (e) =>
          Date.parse(e.eventTime) >= windowStart &&
          e.record.readOnly !== true &&
          e.record.errorCode === undefined &&
          e.functionName !== null,
      );
      for (const fn of fns) {
        const mine = events.filter((e) => e.functionName === fn.name);
        if (mine.length === 0) {
          for (const id of IDS) sink.notApplicable(id, fn.arn, 'no change in the window');
          continue;
        }
        const identity = (e: SimCloudTrailEvent) => e.record.userIdentity as Who;
        const type = (e: SimCloudTrailEvent) => identity(e).type;
        const ip = (e: SimCloudTrailEvent) => String(e.record.sourceIPAddress);
        const judge = (id: Id, failing: boolean, note: string) =>
          failing ? sink.finding(id, fn.arn, region, note) : sink.lookAlike(id, fn.arn, note);
        judge(
          'lambda.changed-by-root',
          mine.some((e) => type(e) === 'Root'),
          'root change in the window',
        );
        judge(
          'lambda.changed-without-mfa',
          mine.some((e) => type(e) === 'IAMUser'),
          'IAM user with a long-term key',
        );
        const issuer = (e: SimCloudTrailEvent) =>
          (identity(e).sessionContext as { sessionIssuer?: Who } | undefined)?.sessionIssuer?.arn;
        const byCiRole = (e: SimCloudTrailEvent) => issuer(e) === ciRoleArn;
        judge(
          'lambda.changed-by-non-deployer',
          mine.some((e) => !byCiRole(e)),
          'a change by someone other than the CI role',
        );
        judge(
          'lambda.public-permission-added',
          mine.some((e) => (e.record.requestParameters as Who | null)?.principal === '*'),
          'AddPermission to "*"',
        );
        judge(
          'lambda.changed-from-untrusted-ip',
          mine.some((e) => ip(e).startsWith('198.51.100.')),
          'a change from outside 203.0.113.0/24',
        );
        // Code is only UpdateFunctionCode here (nothing plants CreateFunction); a tool deployment
        // is CloudFormation as the source, or the CI role (the configured deployer) by any client.
        const code = mine.filter((e) => e.eventName.startsWith('UpdateFunctionCode'));
        const byTool = (e: SimCloudTrailEvent) => ip(e) === 'cloudformation.amazonaws.com' || byCiRole(e);
        if (!code.some(byTool))
          sink.notApplicable(
            'lambda.code-changed-outside-pipeline',
            fn.arn,
            code.length === 0 ? 'no code change in the window' : 'no tool deployment in the window',
          );
        else
          judge(
            'lambda.code-changed-outside-pipeline',
            code.some((e) => !byTool(e)),
            'code replaced in the console beside CloudFormation deployments',
          );
      }
    }
  },
};
