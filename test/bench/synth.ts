/**
 * A large inventory without scanning: the simulator's generator builds the account (same
 * distributions of runtimes, policies, URLs, secrets, shared and admin roles as the scan
 * benchmark), and this module turns its facts into the Inventory a full scan of it would
 * produce, through the scanner's own parsers where one exists (mapConfiguration for function
 * configurations, parsePolicy for every document, classifyEnvironments for variables,
 * parseCredentialReport for the simulator's CSV). Scanning 100,000 functions at AWS's quotas
 * takes ~37 minutes of simulated time per region; this takes seconds.
 *
 * Only for the benchmark: the scan benchmark measures collection, this feeds `evaluate`.
 */
import { randomBytes } from 'node:crypto';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { isChangeEvent, keepEvent } from '../../src/collect/cloudtrail.js';
import { scanZipBuffer } from '../../src/collect/code-scan.js';
import { parseCredentialReport } from '../../src/collect/credential-report.js';
import { classifyEnvironments } from '../../src/collect/env-vars.js';
import { mapConfiguration } from '../../src/collect/lambda.js';
import { ReadPlan } from '../../src/inventory/reads.js';
import {
  type AwsErrorInfo,
  type ChangeReview,
  type CloudTrailRegion,
  type CodeScan,
  type Fetched,
  type FunctionUrlConfig,
  type HighSeverityFindings,
  type IamData,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type LambdaFunction,
  type LayerCodeScan,
  type ManagedPolicy,
  type RegionInventory,
} from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import {
  type GenerateOptions,
  generateAccount,
  type PolicyDoc,
  type SimAccount,
  type SimFunction,
  type SimFunctionUrl,
  type SimGuardDutyFinding,
  type SimPackage,
} from '../sim/account.js';
import { credentialReportCsv } from '../sim/credential-report.js';
import { CHANGES_SINCE_DAYS, DEPLOYERS, TRUSTED_RANGE } from '../sim/facts/cloudtrail-settings.js';
import { layerPackageOf, packageOf } from '../sim/facts/lambda-code.js';
import { buildZip, zipBomb } from '../sim/zip.js';

/** A simulated package scanned in memory, as the collector scans a download; null: an image. */
async function scanSimPackage(
  pkg: SimPackage | null,
  salt: Buffer,
  region: string,
): Promise<Fetched<CodeScan | null>> {
  if (pkg === null) return { ok: true, value: null };
  const zip = pkg.kind === 'bomb' ? zipBomb() : buildZip(pkg.files);
  return scanZipBuffer(zip, salt, { operation: 'GetFunction', region });
}

export interface SynthStats {
  functions: number;
  users: number;
  roles: number;
  policies: number;
  withPolicy: number;
  withUrl: number;
  withEnv: number;
  secretVars: number;
  generateMs: number;
  convertMs: number;
}

export async function synthesizeInventory(
  opts: GenerateOptions,
): Promise<{ inventory: Inventory; stats: SynthStats }> {
  const t0 = performance.now();
  const { account } = generateAccount(opts);
  addTeamDeployers(account);
  const t1 = performance.now();
  const inventory = await toInventory(account);
  const t2 = performance.now();
  const fns = Object.values(account.lambda).flatMap((r) => r.functions);
  let secretVars = 0;
  for (const region of Object.values(inventory.regions)) {
    if (region.lambda.status !== 'ok') continue;
    for (const fn of region.lambda.data.functions) {
      if (fn.environment?.ok) secretVars += fn.environment.value.filter((v) => v.secret).length;
    }
  }
  return {
    inventory,
    stats: {
      functions: fns.length,
      users: account.iam.users.length,
      roles: account.iam.roles.length,
      policies: account.iam.policies.length,
      withPolicy: fns.filter((f) => f.policy).length,
      withUrl: fns.filter((f) => f.url).length,
      withEnv: fns.filter((f) => f.env && Object.keys(f.env).length > 0).length,
      secretVars,
      generateMs: t1 - t0,
      convertMs: t2 - t1,
    },
  };
}

/** Lambda's timestamp format, as ListFunctions returns it. */
const lambdaTime = (iso: string) => new Date(iso).toISOString().replace('Z', '+0000');

/** The FunctionConfiguration ListFunctions would return (the fields the collector reads). */
function configurationOf(fn: SimFunction): FunctionConfiguration {
  const c: FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Role: fn.roleArn,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTime(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    TracingConfig: { Mode: fn.tracing },
    PackageType: fn.packageType,
    Architectures: fn.architectures as FunctionConfiguration['Architectures'],
  };
  if (fn.runtime) c.Runtime = fn.runtime as FunctionConfiguration['Runtime'];
  if (fn.handler) c.Handler = fn.handler;
  if (fn.layers.length > 0) c.Layers = fn.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSize }));
  if (fn.vpc) {
    c.VpcConfig = {
      SubnetIds: fn.vpc.subnetIds,
      SecurityGroupIds: fn.vpc.securityGroupIds,
      VpcId: fn.vpc.vpcId,
    };
  }
  if (fn.deadLetterArn) c.DeadLetterConfig = { TargetArn: fn.deadLetterArn };
  if (fn.kmsKeyArn) c.KMSKeyArn = fn.kmsKeyArn;
  return c;
}

/** A URL config as the collector maps it. */
function urlOf(url: SimFunctionUrl, functionArn: string, region: string): FunctionUrlConfig {
  return {
    url: `https://${url.id}.lambda-url.${region}.on.aws/`,
    functionArn,
    authType: url.authType,
    invokeMode: url.invokeMode,
    cors: url.cors
      ? { allowOrigins: [...url.cors.AllowOrigins], allowCredentials: url.cors.AllowCredentials }
      : null,
  };
}

/** A qualifier's policy as GetPolicy returns it, parsed (null: none). */
const policyOf = (policy: PolicyDoc | null) =>
  ({ ok: true, value: policy ? parsePolicy(JSON.stringify(policy)) : null }) as const;

export async function toInventory(account: SimAccount): Promise<Inventory> {
  const salt = randomBytes(32);
  // The settings the simulated scans run with (CHANGE_ARGS), over the window ending at `now`.
  const changeReview: ChangeReview = {
    startTime: new Date(Date.parse(account.now) - CHANGES_SINCE_DAYS * 86_400_000).toISOString(),
    endTime: new Date(account.now).toISOString(),
    deployers: [DEPLOYERS],
    trustedIpRanges: [TRUSTED_RANGE],
  };
  const regions: Record<string, RegionInventory> = {};
  for (const region of account.regions) {
    const data = account.lambda[region];
    if (!data) continue;
    const reservedSum = data.functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
    const unreserved = data.concurrentExecutions - reservedSum;
    const noneReserved = unreserved === data.concurrentExecutions;
    // One batch per region, as the collector's coalescing does for a region's functions.
    const envs = await classifyEnvironments(
      data.functions.map((f) => f.env ?? undefined),
      salt,
    );
    const functions: LambdaFunction[] = data.functions.map((fn, i) => ({
      ...mapConfiguration(configurationOf(fn), region),
      environment: { ok: true, value: envs[i] ?? [] },
      codeSigningConfigArn: { ok: true, value: fn.codeSigningConfigArn },
      policy: { ok: true, value: fn.policy ? parsePolicy(JSON.stringify(fn.policy)) : null },
      urlConfigs: {
        ok: true,
        value: [
          ...(fn.url ? [urlOf(fn.url, fn.arn, region)] : []),
          ...(fn.aliases ?? []).flatMap((a) =>
            a.url
              ? [
                  {
                    ...urlOf(a.url, `${fn.arn}:${a.name}`, region),
                    // As the collector reads it: the alias's policy for a URL that is not AWS_IAM.
                    ...(a.url.authType === 'AWS_IAM' ? {} : { policy: policyOf(a.policy) }),
                  },
                ]
              : [],
          ),
        ],
      },
      versions: {
        ok: true,
        value: (fn.versions ?? []).map((v) => ({
          version: v.version,
          arn: `${fn.arn}:${v.version}`,
          codeSha256: v.codeSha256,
          lastModified: new Date(v.lastModified).toISOString(),
          runtime: fn.runtime,
          roleArn: fn.roleArn,
          policy: policyOf(v.policy),
        })),
      },
      aliases: {
        ok: true,
        value: (fn.aliases ?? []).map((a) => ({
          name: a.name,
          arn: `${fn.arn}:${a.name}`,
          functionVersion: a.functionVersion,
          additionalVersions: Object.entries(a.additionalVersionWeights ?? {}).map(([version, weight]) => ({
            version,
            weight,
          })),
          policy: policyOf(a.policy),
        })),
      },
      reservedConcurrency: {
        ok: true,
        value: noneReserved
          ? { value: null, source: 'account-settings' as const }
          : { value: fn.reservedConcurrency, source: 'GetFunction' as const },
      },
      tags: {
        ok: true,
        value: Object.fromEntries(Object.entries(fn.tags).sort(([a], [b]) => (a < b ? -1 : 1))),
      },
      eventInvokeConfigs: {
        ok: true,
        value: (fn.eventInvokeConfigs ?? []).map((c) => ({
          functionArn: `${fn.arn}:$LATEST`,
          onFailure: c.onFailure,
          onSuccess: c.onSuccess,
          maximumRetryAttempts: c.maximumRetryAttempts,
          maximumEventAgeInSeconds: c.maximumEventAgeInSeconds,
        })),
      },
      recursiveLoop: { ok: true, value: fn.recursiveLoop ?? 'Terminate' },
    }));
    // --scan-code: the packages the simulator serves, scanned in memory as the collector would.
    for (const [i, fn] of data.functions.entries()) {
      const mapped = functions[i];
      if (mapped)
        mapped.code = await scanSimPackage(fn.packageType === 'Image' ? null : packageOf(fn), salt, region);
    }
    const layerArns = [...new Set(data.functions.flatMap((f) => f.layers.map((l) => l.arn)))].sort();
    const layerCode: LayerCodeScan[] = [];
    for (const arn of layerArns) {
      const scan = await scanSimPackage(layerPackageOf(account, arn), salt, region);
      layerCode.push({
        arn,
        scan: scan.ok
          ? scan.value
            ? { ok: true, value: scan.value }
            : { ok: false, error: { code: 'NoPackage' } as AwsErrorInfo }
          : scan,
      });
    }
    functions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const detector = account.guardduty[region]?.detector ?? null;
    regions[region] = {
      lambda: {
        status: 'ok',
        data: {
          accountSettings: {
            functionCount: data.functions.length,
            concurrentExecutions: data.concurrentExecutions,
            unreservedConcurrentExecutions: unreserved,
            codeSizeZipped: 52_428_800,
            totalCodeSize: data.functions.reduce((n, f) => n + f.codeSize, 0),
          },
          functions,
          eventSourceMappings: {
            ok: true,
            value: data.eventSourceMappings.map((m) => ({
              uuid: m.uuid,
              functionArn: m.functionArn,
              eventSourceArn: m.eventSourceArn,
              state: m.state,
            })),
          },
          codeSigningConfigs: {
            ok: true,
            value: data.codeSigningConfigs.map((c) => ({
              arn: c.arn,
              allowedPublisherProfiles: [...c.signingProfileVersionArns],
              untrustedArtifactOnDeployment: c.untrustedArtifactOnDeployment,
            })),
          },
          layers: {
            ok: true,
            value: (data.layers ?? [])
              .filter((l) => l.versions.length > 0)
              .map((l) => ({
                name: l.name,
                arn: l.arn,
                versions: {
                  ok: true as const,
                  value: l.versions.map((v) => ({
                    arn: `${l.arn}:${v.version}`,
                    version: v.version,
                    createdAt: new Date(v.createdAt).toISOString(),
                    compatibleRuntimes: [...v.compatibleRuntimes],
                    compatibleArchitectures: [...v.compatibleArchitectures],
                    policy: {
                      ok: true as const,
                      value: v.policy ? parsePolicy(JSON.stringify(v.policy)) : null,
                    },
                  })),
                },
              })),
          },
          layerCode,
          subnets: {
            ok: true,
            value: (account.subnets?.[region] ?? []).map((s) => ({
              id: s.id,
              vpcId: s.vpcId,
              availabilityZone: s.availabilityZone,
              availabilityZoneId: s.availabilityZoneId,
            })),
          },
        },
      },
      guardduty: {
        status: 'ok',
        data: {
          detectors: detector
            ? [
                {
                  id: detector.id,
                  status: detector.status,
                  features: detector.features.map((f) => ({
                    name: f.name,
                    status: f.status,
                    ...(f.additionalConfiguration
                      ? { additionalConfiguration: f.additionalConfiguration.map((a) => ({ ...a })) }
                      : {}),
                  })),
                  readError: null,
                  publishingDestinations: {
                    ok: true as const,
                    value: (detector.publishingDestinations ?? []).map((d) => ({
                      id: d.id,
                      type: d.type,
                      status: d.status,
                    })),
                  },
                  highSeverityFindings: { ok: true as const, value: highSeverity(detector.findings ?? []) },
                  administrator: { ok: true as const, value: detector.administrator ?? null },
                },
              ]
            : [],
        },
      },
      cloudtrail: { status: 'ok', data: cloudTrailOf(account, region, changeReview) },
      accessAnalyzer: {
        status: 'ok',
        data: {
          analyzers: (account.accessAnalyzers?.[region] ?? []).map((a) => ({
            arn: a.arn,
            name: a.name,
            type: a.type,
            status: a.status,
            statusReason: a.statusReason ?? null,
            createdAt: new Date(a.createdAt).toISOString(),
          })),
        },
      },
    };
  }

  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'lambda-posture', version: '0.0.0-bench' },
    scan: {
      startedAt: new Date(account.now).toISOString(),
      finishedAt: new Date(account.now).toISOString(),
      accountId: account.accountId,
      partition: account.partition,
      callerArn: account.caller.arn,
      regions: [...account.regions],
      regionsSource: 'describe-regions',
      plan: ReadPlan.all().list(),
      endpoint: 'synthesized',
      apiCalls: {},
      throttledResponses: 0,
      timeout: null,
      changeReview,
    },
    iam: { status: 'ok', data: iamData(account) },
    account: {
      securityContact: {
        ok: true,
        value: (() => {
          const c = account.alternateContacts?.SECURITY ?? null;
          return c ? { name: c.name, title: c.title, emailAddress: c.emailAddress } : null;
        })(),
      },
      organization: {
        ok: true,
        value: account.organization
          ? {
              id: account.organization.id,
              arn: `arn:aws:organizations::${account.organization.managementAccountId}:organization/${account.organization.id}`,
              managementAccountId: account.organization.managementAccountId,
              featureSet: account.organization.featureSet,
            }
          : null,
      },
    },
    regions,
    coverage: [],
  };
}

/** What the collector keeps of LookupEvents' answer over the window: its own filter and allow-list. */
function cloudTrailOf(account: SimAccount, region: string, review: ChangeReview): CloudTrailRegion {
  const start = Date.parse(review.startTime);
  const end = Date.parse(review.endTime);
  const events = (account.cloudtrail?.[region] ?? [])
    .filter(
      (e) => Date.parse(e.eventTime) >= start && Date.parse(e.eventTime) <= end && isChangeEvent(e.eventName),
    )
    .sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime) || (a.eventId < b.eventId ? -1 : 1));
  const lambdaChanges = events.flatMap((e) => {
    const kept = keepEvent(
      e.eventName,
      new Date(e.eventTime),
      JSON.stringify(e.record),
      e.functionName ? [{ ResourceType: 'AWS::Lambda::Function', ResourceName: e.functionName }] : [],
    );
    return kept ? [kept] : [];
  });
  return { lambdaChanges, unparsedEvents: 0 };
}

/** What ListFindings (severity ≥ 7, not archived, highest first, one page) + GetFindings return. */
function highSeverity(findings: SimGuardDutyFinding[]): HighSeverityFindings {
  const matched = findings
    .filter((f) => !f.archived && f.severity >= 7)
    .sort((a, b) => b.severity - a.severity);
  return {
    truncated: matched.length > 50,
    findings: matched.slice(0, 50).map((f) => ({
      id: f.id,
      type: f.type,
      severity: f.severity,
      title: f.title,
      resourceType: f.resourceType,
      lambdaFunction: f.lambda ? { name: f.lambda.name, arn: f.lambda.arn } : null,
      sample: f.sample,
      updatedAt: new Date(f.updatedAt).toISOString(),
    })),
  };
}

function iamData(account: SimAccount): IamData {
  const { iam } = account;
  const policyByArn = new Map(iam.policies.map((p) => [p.arn, p]));
  const refs = (arns: string[]) => arns.map((arn) => ({ arn, name: policyByArn.get(arn)?.name ?? arn }));
  const inline = (list: { name: string; document: unknown }[]) =>
    list.map((p) => ({ name: p.name, policy: parsePolicy(JSON.stringify(p.document)) }));
  const attachments = new Map<string, number>();
  for (const e of [...iam.users, ...iam.groups, ...iam.roles]) {
    for (const arn of e.attachedPolicyArns) attachments.set(arn, (attachments.get(arn) ?? 0) + 1);
  }
  const policies: ManagedPolicy[] = iam.policies.map((p) => {
    const version = p.versions.find((v) => v.id === p.defaultVersionId);
    return {
      arn: p.arn,
      name: p.name,
      awsManaged: p.awsManaged,
      attachmentCount: attachments.get(p.arn) ?? 0,
      defaultVersionId: p.defaultVersionId,
      document: version
        ? { ok: true, value: parsePolicy(JSON.stringify(version.document)) }
        : {
            ok: false,
            error: {
              class: 'other',
              code: 'MissingDocument',
              message: 'no default version',
              service: 'iam',
              operation: 'GetAccountAuthorizationDetails',
            },
          },
    };
  });
  const userArn = new Map(iam.users.map((u) => [u.name, u.arn]));
  const p = iam.passwordPolicy;
  return {
    authorization: {
      ok: true,
      value: {
        users: iam.users.map((u) => ({
          name: u.name,
          arn: u.arn,
          id: u.id,
          path: u.path,
          createdAt: new Date(u.createdAt).toISOString(),
          groups: [...u.groups],
          attachedPolicies: refs(u.attachedPolicyArns),
          inlinePolicies: inline(u.inlinePolicies),
          permissionsBoundaryArn: u.permissionsBoundaryArn ?? null,
        })),
        groups: iam.groups.map((g) => ({
          name: g.name,
          arn: g.arn,
          attachedPolicies: refs(g.attachedPolicyArns),
          inlinePolicies: inline(g.inlinePolicies),
        })),
        roles: iam.roles.map((r) => ({
          name: r.name,
          arn: r.arn,
          id: r.id,
          path: r.path,
          createdAt: new Date(r.createdAt).toISOString(),
          trustPolicy: parsePolicy(JSON.stringify(r.trust)),
          attachedPolicies: refs(r.attachedPolicyArns),
          inlinePolicies: inline(r.inlinePolicies),
          permissionsBoundaryArn: r.permissionsBoundaryArn ?? null,
          lastUsed: {
            at: r.lastUsed ? new Date(r.lastUsed.at).toISOString() : null,
            region: r.lastUsed?.region ?? null,
          },
        })),
        policies,
      },
    },
    credentialReport: {
      ok: true,
      value: parseCredentialReport(credentialReportCsv(account), new Date(account.now).toISOString()),
    },
    accountSummary: {
      ok: true,
      value: {
        accountMfaEnabled: iam.root.mfa,
        accountAccessKeysPresent: iam.root.accessKeys.length > 0,
        raw: {
          AccountMFAEnabled: iam.root.mfa ? 1 : 0,
          AccountAccessKeysPresent: iam.root.accessKeys.length > 0 ? 1 : 0,
          Users: iam.users.length,
          Roles: iam.roles.length,
        },
      },
    },
    passwordPolicy: {
      ok: true,
      value: p
        ? {
            minimumPasswordLength: p.MinimumPasswordLength,
            requireSymbols: p.RequireSymbols,
            requireNumbers: p.RequireNumbers,
            requireUppercaseCharacters: p.RequireUppercaseCharacters,
            requireLowercaseCharacters: p.RequireLowercaseCharacters,
            allowUsersToChangePassword: p.AllowUsersToChangePassword,
            expirePasswords: p.ExpirePasswords,
            maxPasswordAge: p.MaxPasswordAge ?? null,
            passwordReusePrevention: p.PasswordReusePrevention ?? null,
            hardExpiry: p.HardExpiry ?? false,
          }
        : null,
    },
    virtualMfaDevices: {
      ok: true,
      value: iam.virtualMfaDevices.map((d) => ({
        serialNumber: d.serialNumber,
        userArn:
          d.userName === null
            ? null
            : d.userName === '<root_account>'
              ? iam.root.arn
              : (userArn.get(d.userName) ?? null),
      })),
    },
    serverCertificates: {
      ok: true,
      value: (iam.serverCertificates ?? []).map((c) => ({
        name: c.name,
        arn: c.arn,
        id: c.id,
        path: c.path,
        uploadedAt: new Date(c.uploadedAt).toISOString(),
        expiresAt: new Date(c.expiresAt).toISOString(),
      })),
    },
  };
}

/**
 * Every tenth user becomes a team deployer: lambda:UpdateFunctionCode on one service's name
 * prefix (`arn:aws:lambda:*:<account>:function:<service>-*`). The generator's own principals hold
 * grants on every function or none, which the modifier index answers per region; these make it
 * single out functions by prefix, as real deployment roles do, so the benchmark measures that path.
 */
function addTeamDeployers(account: SimAccount): void {
  const services = [
    ...new Set(
      Object.values(account.lambda).flatMap((r) => r.functions.map((f) => f.name.split('-')[0] ?? f.name)),
    ),
  ].sort();
  if (services.length === 0) return;
  account.iam.users.forEach((u, i) => {
    if (i % 10 !== 0) return;
    const service = services[(i / 10) % services.length] as string;
    u.inlinePolicies.push({
      name: 'team-deploy',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['lambda:UpdateFunctionCode', 'lambda:PublishVersion'],
            Resource: `arn:aws:lambda:*:${account.accountId}:function:${service}-*`,
          },
        ],
      },
    });
  });
}
