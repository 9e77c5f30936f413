/**
 * Lambda (restJson1). Paths and API-version prefixes are the ones client-lambda serializes
 * (e.g. GET /2015-03-31/functions, /2021-10-31/functions/{name}/urls); list calls page with
 * Marker/NextMarker, ListFunctions at most 50 per page whatever MaxItems asks. Error bodies
 * carry `Type` and the message member the SDK models for that exception (Message or message).
 */
import type {
  SimAlias,
  SimCodeSigningConfig,
  SimEventInvokeConfig,
  SimFunction,
  SimFunctionUrl,
  SimLayerVersion,
  SimOwnLayer,
  SimVersion,
} from '../account.js';
import {
  decodeToken,
  jsonError,
  jsonReply,
  page,
  type Route,
  type SimReply,
  type SimRequest,
} from '../protocol.js';
import type { RegionIndex, SimState } from '../state.js';
import { presignedUrl } from './s3.js';

type Params = Record<string, string>;
type Handler = (req: SimRequest, st: SimState, p: Params) => SimReply;

interface LambdaRoute {
  method: string;
  pattern: string[];
  action: string;
  handler: Handler;
}

const route = (method: string, path: string, action: string, handler: Handler): LambdaRoute => ({
  method,
  pattern: path.split('/').filter(Boolean),
  action,
  handler,
});

const ROUTES: LambdaRoute[] = [
  route('GET', '/2015-03-31/functions', 'ListFunctions', listFunctions),
  route('GET', '/2015-03-31/functions/{fn}', 'GetFunction', getFunction),
  route(
    'GET',
    '/2015-03-31/functions/{fn}/configuration',
    'GetFunctionConfiguration',
    getFunctionConfiguration,
  ),
  route('GET', '/2015-03-31/functions/{fn}/policy', 'GetPolicy', getPolicy),
  route('GET', '/2015-03-31/functions/{fn}/versions', 'ListVersionsByFunction', listVersionsByFunction),
  route('GET', '/2015-03-31/functions/{fn}/aliases', 'ListAliases', listAliases),
  route('GET', '/2016-08-19/account-settings', 'GetAccountSettings', getAccountSettings),
  route('GET', '/2021-10-31/functions/{fn}/urls', 'ListFunctionUrlConfigs', listFunctionUrlConfigs),
  route('GET', '/2021-10-31/functions/{fn}/url', 'GetFunctionUrlConfig', getFunctionUrlConfig),
  route('GET', '/2019-09-30/functions/{fn}/concurrency', 'GetFunctionConcurrency', getFunctionConcurrency),
  route(
    'GET',
    '/2020-06-30/functions/{fn}/code-signing-config',
    'GetFunctionCodeSigningConfig',
    getFunctionCsc,
  ),
  route('GET', '/2015-03-31/event-source-mappings', 'ListEventSourceMappings', listEventSourceMappings),
  route('GET', '/2020-04-22/code-signing-configs', 'ListCodeSigningConfigs', listCodeSigningConfigs),
  route('GET', '/2020-04-22/code-signing-configs/{csc}', 'GetCodeSigningConfig', getCodeSigningConfig),
  route(
    'GET',
    '/2020-04-22/code-signing-configs/{csc}/functions',
    'ListFunctionsByCodeSigningConfig',
    listFunctionsByCsc,
  ),
  route('GET', '/2017-03-31/tags/{arn}', 'ListTags', listTags),
  route(
    'GET',
    '/2019-09-25/functions/{fn}/event-invoke-config/list',
    'ListFunctionEventInvokeConfigs',
    listFunctionEventInvokeConfigs,
  ),
  route(
    'GET',
    '/2019-09-25/functions/{fn}/event-invoke-config',
    'GetFunctionEventInvokeConfig',
    getFunctionEventInvokeConfig,
  ),
  route(
    'GET',
    '/2024-08-31/functions/{fn}/recursion-config',
    'GetFunctionRecursionConfig',
    getFunctionRecursionConfig,
  ),
  route('GET', '/2018-10-31/layers', 'ListLayers', listLayers),
  route('GET', '/2018-10-31/layers/{layer}/versions', 'ListLayerVersions', listLayerVersions),
  route('GET', '/2018-10-31/layers/{layer}/versions/{version}', 'GetLayerVersion', getLayerVersion),
  route(
    'GET',
    '/2018-10-31/layers/{layer}/versions/{version}/policy',
    'GetLayerVersionPolicy',
    getLayerVersionPolicy,
  ),
];

export function lambdaRoute(req: SimRequest, st: SimState): Route | null {
  const segments = req.path.split('/').filter(Boolean);
  for (const r of ROUTES) {
    if (r.method !== req.method || r.pattern.length !== segments.length) continue;
    const params: Params = {};
    const matched = r.pattern.every((p, i) => {
      const seg = segments[i] ?? '';
      if (p.startsWith('{')) {
        params[p.slice(1, -1)] = decodeURIComponent(seg);
        return true;
      }
      return p === seg;
    });
    if (matched) {
      const resource = params.fn
        ? functionArn(st, req.region, params.fn)
        : params.layer
          ? layerArnOf(st, req.region, params.layer, params.version)
          : (params.csc ?? params.arn ?? '*');
      return { action: r.action, resource, handle: () => r.handler(req, st, params) };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// errors and lookups
// ---------------------------------------------------------------------------------------------

const notFound = (req: SimRequest, message: string) =>
  jsonError(404, 'ResourceNotFoundException', { Type: 'User', Message: message }, req.requestId);
const invalid = (req: SimRequest, message: string) =>
  jsonError(400, 'InvalidParameterValueException', { Type: 'User', message }, req.requestId);

function functionArn(st: SimState, region: string, ref: string): string {
  const { name } = parseFunctionRef(ref);
  return `arn:aws:lambda:${region}:${st.account.accountId}:function:${name}`;
}

/** A FunctionName as Lambda accepts it: name, name:qualifier, partial ARN or full ARN. */
function parseFunctionRef(ref: string): { name: string; qualifier?: string; region?: string } {
  const parts = ref.split(':');
  if (ref.startsWith('arn:')) return { region: parts[3], name: parts[6] ?? '', qualifier: parts[7] };
  if (/^\d{12}:function:/.test(ref)) return { name: parts[2] ?? '', qualifier: parts[3] };
  return { name: parts[0] ?? '', qualifier: parts[1] };
}

function findFunction(req: SimRequest, st: SimState, ref: string): SimFunction | SimReply {
  const { name, qualifier, region } = parseFunctionRef(ref);
  const q = qualifier ?? req.query.get('Qualifier') ?? undefined;
  const fn = region && region !== req.region ? undefined : st.lambda(req.region).byName.get(name);
  if (!fn || (q !== undefined && !hasQualifier(fn, q))) {
    const arn = `arn:aws:lambda:${req.region}:${st.account.accountId}:function:${name}${q ? `:${q}` : ''}`;
    return notFound(req, `Function not found: ${arn}`);
  }
  return fn;
}

/** $LATEST, a published version or an alias of the function. */
function hasQualifier(fn: SimFunction, q: string): boolean {
  return (
    q === '$LATEST' ||
    (fn.versions ?? []).some((v) => v.version === q) ||
    (fn.aliases ?? []).some((a) => a.name === q)
  );
}

/** The qualifier a request names, in the function reference or as ?Qualifier=. */
function qualifierOf(req: SimRequest, ref: string): string | undefined {
  return parseFunctionRef(ref).qualifier ?? req.query.get('Qualifier') ?? undefined;
}

const isReply = (x: unknown): x is SimReply =>
  typeof x === 'object' && x !== null && 'status' in x && 'body' in x;

/** Marker + MaxItems with a page ceiling (50 for ListFunctions, as AWS caps it). */
function paging(req: SimRequest, ceiling: number): { offset: number; size: number } | SimReply {
  const offset = decodeToken(req.query.get('Marker'));
  if (offset === 'invalid') return invalid(req, 'Invalid marker');
  const raw = req.query.get('MaxItems');
  const max = raw === null ? ceiling : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 10000)
    return invalid(
      req,
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
    );
  return { offset, size: Math.min(max, ceiling) };
}

// ---------------------------------------------------------------------------------------------
// shapes
// ---------------------------------------------------------------------------------------------

/** Lambda's own timestamp format for FunctionConfiguration.LastModified and friends. */
const lambdaTime = (iso: string) => new Date(iso).toISOString().replace('Z', '+0000');

function configuration(fn: SimFunction, idx: RegionIndex, full: boolean): Record<string, unknown> {
  const c: Record<string, unknown> = {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Role: fn.roleArn,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTime(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    TracingConfig: { Mode: fn.tracing },
    RevisionId: fn.revisionId,
    PackageType: fn.packageType,
    Architectures: fn.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
  if (fn.runtime) c.Runtime = fn.runtime;
  if (fn.handler) c.Handler = fn.handler;
  if (fn.env) c.Environment = { Variables: fn.env };
  if (fn.layers.length > 0) {
    // Lambda's Layer shape: Arn and CodeSize, plus the signing members only for a signed layer version.
    c.Layers = fn.layers.map((l) => ({
      Arn: l.arn,
      CodeSize: l.codeSize,
      ...(l.signing
        ? { SigningProfileVersionArn: l.signing.profileVersionArn, SigningJobArn: l.signing.jobArn }
        : {}),
    }));
  }
  if (fn.vpc) {
    c.VpcConfig = {
      SubnetIds: fn.vpc.subnetIds,
      SecurityGroupIds: fn.vpc.securityGroupIds,
      VpcId: fn.vpc.vpcId,
      Ipv6AllowedForDualStack: false,
    };
  }
  if (fn.deadLetterArn) c.DeadLetterConfig = { TargetArn: fn.deadLetterArn };
  if (fn.kmsKeyArn) c.KMSKeyArn = fn.kmsKeyArn;
  if (fn.capacityProviderArn) {
    // Lambda Managed Instances: the function runs on the account's EC2 capacity provider.
    c.CapacityProviderConfig = {
      LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: fn.capacityProviderArn },
    };
  }
  const csc = fn.codeSigningConfigArn ? idx.cscByArn.get(fn.codeSigningConfigArn) : undefined;
  if (csc?.untrustedArtifactOnDeployment === 'Enforce' && csc.signingProfileVersionArns[0]) {
    c.SigningProfileVersionArn = csc.signingProfileVersionArns[0];
    c.SigningJobArn = `arn:aws:signer:${fn.arn.split(':')[3]}:${fn.arn.split(':')[4]}:/signing-jobs/${fn.revisionId}`;
  }
  if (full) {
    // ListFunctions leaves the state fields out; GetFunction and GetFunctionConfiguration include them.
    c.State = 'Active';
    c.LastUpdateStatus = 'Successful';
  }
  return c;
}

function urlConfig(fn: SimFunction, region: string): Record<string, unknown> | null {
  return fn.url ? urlShape(fn.url, fn.arn, region) : null;
}

function aliasUrlConfig(fn: SimFunction, alias: SimAlias, region: string): Record<string, unknown> | null {
  return alias.url ? urlShape(alias.url, `${fn.arn}:${alias.name}`, region) : null;
}

function urlShape(url: SimFunctionUrl, functionArn: string, region: string): Record<string, unknown> {
  const u: Record<string, unknown> = {
    FunctionUrl: `https://${url.id}.lambda-url.${region}.on.aws/`,
    FunctionArn: functionArn,
    AuthType: url.authType,
    CreationTime: new Date(url.createdAt).toISOString(),
    LastModifiedTime: new Date(url.createdAt).toISOString(),
    InvokeMode: url.invokeMode,
  };
  if (url.cors) u.Cors = url.cors;
  return u;
}

function cscShape(c: SimCodeSigningConfig): Record<string, unknown> {
  return {
    CodeSigningConfigId: c.id,
    CodeSigningConfigArn: c.arn,
    Description: c.description,
    AllowedPublishers: { SigningProfileVersionArns: c.signingProfileVersionArns },
    CodeSigningPolicies: { UntrustedArtifactOnDeployment: c.untrustedArtifactOnDeployment },
    LastModified: lambdaTime(c.lastModified),
  };
}

// ---------------------------------------------------------------------------------------------
// operations
// ---------------------------------------------------------------------------------------------

function listFunctions(req: SimRequest, st: SimState): SimReply {
  const p = paging(req, 50);
  if (isReply(p)) return p;
  const idx = st.lambda(req.region);
  if (req.query.get('FunctionVersion') === 'ALL') {
    // Every function with its published versions, paged together.
    const entries = idx.data.functions.flatMap((f) => versionEntries(f, idx));
    const { items, next } = page(entries, p.offset, p.size);
    const body: Record<string, unknown> = { Functions: items };
    if (next) body.NextMarker = next;
    return jsonReply(body, req.requestId);
  }
  const { items, next } = page(idx.data.functions, p.offset, p.size);
  const body: Record<string, unknown> = { Functions: items.map((f) => configuration(f, idx, false)) };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

/** $LATEST (named by its qualified ARN, as Lambda does when it lists versions), then each version. */
function versionEntries(fn: SimFunction, idx: RegionIndex): Record<string, unknown>[] {
  return [
    { ...configuration(fn, idx, false), FunctionArn: `${fn.arn}:$LATEST` },
    ...(fn.versions ?? []).map((v) => versionConfiguration(fn, v, idx)),
  ];
}

/** A published version's configuration: the function's, frozen under the version's ARN and code. */
function versionConfiguration(fn: SimFunction, v: SimVersion, idx: RegionIndex): Record<string, unknown> {
  return {
    ...configuration(fn, idx, false),
    FunctionArn: `${fn.arn}:${v.version}`,
    Version: v.version,
    CodeSha256: v.codeSha256,
    LastModified: lambdaTime(v.lastModified),
  };
}

function getFunction(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const idx = st.lambda(req.region);
  const body: Record<string, unknown> = {
    Configuration: configuration(fn, idx, true),
    Code: fn.imageUri
      ? {
          RepositoryType: 'ECR',
          ImageUri: fn.imageUri,
          ResolvedImageUri: `${fn.imageUri.split(':')[0]}@sha256:${fn.revisionId.replace(/-/g, '')}`,
        }
      : {
          RepositoryType: 'S3',
          Location: presignedUrl(
            req,
            'tasks',
            `snapshots/${st.account.accountId}/${fn.name}-${fn.revisionId}`,
          ),
        },
  };
  if (Object.keys(fn.tags).length > 0) body.Tags = fn.tags;
  if (fn.reservedConcurrency !== null)
    body.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return jsonReply(body, req.requestId);
}

function getFunctionConfiguration(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  return jsonReply(configuration(fn, st.lambda(req.region), true), req.requestId);
}

function getPolicy(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  // Each qualifier has a policy of its own; $LATEST is the unqualified function's.
  const q = qualifierOf(req, p.fn ?? '');
  const policy =
    q === undefined || q === '$LATEST'
      ? fn.policy
      : ((fn.versions ?? []).find((v) => v.version === q)?.policy ??
        (fn.aliases ?? []).find((a) => a.name === q)?.policy ??
        null);
  if (!policy) return notFound(req, 'The resource you requested does not exist.');
  return jsonReply({ Policy: JSON.stringify(policy), RevisionId: fn.revisionId }, req.requestId);
}

function listVersionsByFunction(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const idx = st.lambda(req.region);
  const all = versionEntries(fn, idx);
  const { items, next } = page(all, pg.offset, pg.size);
  const body: Record<string, unknown> = { Versions: items };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function listAliases(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const all = (fn.aliases ?? []).map((a) => ({
    AliasArn: `${fn.arn}:${a.name}`,
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: '',
    ...(a.additionalVersionWeights
      ? { RoutingConfig: { AdditionalVersionWeights: a.additionalVersionWeights } }
      : {}),
    RevisionId: `${fn.revisionId}-${a.name}`,
  }));
  const { items, next } = page(all, pg.offset, pg.size);
  const body: Record<string, unknown> = { Aliases: items };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function getAccountSettings(req: SimRequest, st: SimState): SimReply {
  const idx = st.lambda(req.region);
  return jsonReply(
    {
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: idx.data.concurrentExecutions,
        UnreservedConcurrentExecutions: idx.data.concurrentExecutions - idx.reservedSum,
      },
      AccountUsage: { TotalCodeSize: idx.codeSizeSum, FunctionCount: idx.data.functions.length },
    },
    req.requestId,
  );
}

function listFunctionUrlConfigs(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  // The function's URL and its aliases' (ListFunctionUrlConfigs answers for every qualifier).
  const all = [
    urlConfig(fn, req.region),
    ...(fn.aliases ?? []).map((a) => aliasUrlConfig(fn, a, req.region)),
  ].filter((u) => u !== null);
  const { items, next } = page(all, pg.offset, pg.size);
  const body: Record<string, unknown> = { FunctionUrlConfigs: items };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function getFunctionUrlConfig(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const q = qualifierOf(req, p.fn ?? '');
  const alias = (fn.aliases ?? []).find((a) => a.name === q);
  const u = alias ? aliasUrlConfig(fn, alias, req.region) : urlConfig(fn, req.region);
  if (!u) return notFound(req, 'The resource you requested does not exist.');
  return jsonReply(u, req.requestId);
}

function getFunctionConcurrency(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  return jsonReply(
    fn.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency },
    req.requestId,
  );
}

function getFunctionCsc(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  return jsonReply(
    { CodeSigningConfigArn: fn.codeSigningConfigArn ?? '', FunctionName: fn.name },
    req.requestId,
  );
}

function listEventSourceMappings(req: SimRequest, st: SimState): SimReply {
  const pg = paging(req, 100);
  if (isReply(pg)) return pg;
  const idx = st.lambda(req.region);
  let all = idx.data.eventSourceMappings;
  const fnRef = req.query.get('FunctionName');
  if (fnRef) {
    const fn = findFunction(req, st, fnRef);
    if (isReply(fn)) return fn;
    all = all.filter((m) => m.functionArn === fn.arn);
  }
  const source = req.query.get('EventSourceArn');
  if (source) all = all.filter((m) => m.eventSourceArn === source);
  const { items, next } = page(all, pg.offset, pg.size);
  const body: Record<string, unknown> = {
    EventSourceMappings: items.map((m) => ({
      UUID: m.uuid,
      FunctionArn: m.functionArn,
      EventSourceArn: m.eventSourceArn,
      State: m.state,
      StateTransitionReason: 'USER_INITIATED',
      BatchSize: m.batchSize,
      MaximumBatchingWindowInSeconds: 0,
      LastModified: Date.parse(m.lastModified) / 1000,
    })),
  };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function listCodeSigningConfigs(req: SimRequest, st: SimState): SimReply {
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const { items, next } = page(st.lambda(req.region).data.codeSigningConfigs, pg.offset, pg.size);
  const body: Record<string, unknown> = { CodeSigningConfigs: items.map(cscShape) };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function findCsc(req: SimRequest, st: SimState, arn: string): SimCodeSigningConfig | SimReply {
  const csc = st.lambda(req.region).cscByArn.get(arn);
  if (csc) return csc;
  return notFound(
    req,
    `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`,
  );
}

function getCodeSigningConfig(req: SimRequest, st: SimState, p: Params): SimReply {
  const csc = findCsc(req, st, p.csc ?? '');
  if (isReply(csc)) return csc;
  return jsonReply({ CodeSigningConfig: cscShape(csc) }, req.requestId);
}

function listFunctionsByCsc(req: SimRequest, st: SimState, p: Params): SimReply {
  const csc = findCsc(req, st, p.csc ?? '');
  if (isReply(csc)) return csc;
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const { items, next } = page(st.lambda(req.region).functionsByCsc.get(csc.arn) ?? [], pg.offset, pg.size);
  const body: Record<string, unknown> = { FunctionArns: items };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function listTags(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.arn ?? '');
  if (isReply(fn)) return fn;
  return jsonReply({ Tags: fn.tags }, req.requestId);
}

// ---------------------------------------------------------------------------------------------
// asynchronous invocation configs and recursive loop detection (control-plane calls, the shared
// bucket in quota.ts)
// ---------------------------------------------------------------------------------------------

/** FunctionEventInvokeConfig as Lambda returns it: an unset destination is an empty object. */
function eventInvokeConfigShape(fn: SimFunction, c: SimEventInvokeConfig): Record<string, unknown> {
  return {
    LastModified: Date.parse(c.lastModified) / 1000,
    FunctionArn: `${fn.arn}:$LATEST`,
    MaximumRetryAttempts: c.maximumRetryAttempts,
    MaximumEventAgeInSeconds: c.maximumEventAgeInSeconds,
    DestinationConfig: {
      OnSuccess: c.onSuccess ? { Destination: c.onSuccess } : {},
      OnFailure: c.onFailure ? { Destination: c.onFailure } : {},
    },
  };
}

function listFunctionEventInvokeConfigs(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const { items, next } = page(fn.eventInvokeConfigs ?? [], pg.offset, pg.size);
  const body: Record<string, unknown> = {
    FunctionEventInvokeConfigs: items.map((c) => eventInvokeConfigShape(fn, c)),
  };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function getFunctionEventInvokeConfig(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  const c = fn.eventInvokeConfigs?.[0];
  // "No config" and "no function" share the code: the reason the collector lists instead.
  if (!c) return notFound(req, `The function ${fn.arn} doesn't have an EventInvokeConfig`);
  return jsonReply(eventInvokeConfigShape(fn, c), req.requestId);
}

function getFunctionRecursionConfig(req: SimRequest, st: SimState, p: Params): SimReply {
  const fn = findFunction(req, st, p.fn ?? '');
  if (isReply(fn)) return fn;
  return jsonReply({ RecursiveLoop: fn.recursiveLoop ?? 'Terminate' }, req.requestId);
}

// ---------------------------------------------------------------------------------------------
// layers (the account's own: ListLayers lists nothing else)
// ---------------------------------------------------------------------------------------------

/** LayerName as Lambda accepts it: a name or a layer ARN. */
const layerNameOf = (ref: string): string => (ref.startsWith('arn:') ? (ref.split(':')[6] ?? '') : ref);

function layerArnOf(st: SimState, region: string, ref: string, version: string | undefined): string {
  const arn = `arn:aws:lambda:${region}:${st.account.accountId}:layer:${layerNameOf(ref)}`;
  return version ? `${arn}:${version}` : arn;
}

function findLayer(req: SimRequest, st: SimState, ref: string): SimOwnLayer | undefined {
  const name = layerNameOf(ref);
  return (st.lambda(req.region).data.layers ?? []).find((l) => l.name === name && l.versions.length > 0);
}

function layerVersionShape(layer: SimOwnLayer, v: SimLayerVersion): Record<string, unknown> {
  const out: Record<string, unknown> = {
    LayerVersionArn: `${layer.arn}:${v.version}`,
    Version: v.version,
    Description: v.description,
    CreatedDate: lambdaTime(v.createdAt),
  };
  if (v.compatibleRuntimes.length > 0) out.CompatibleRuntimes = v.compatibleRuntimes;
  if (v.compatibleArchitectures.length > 0) out.CompatibleArchitectures = v.compatibleArchitectures;
  return out;
}

function listLayers(req: SimRequest, st: SimState): SimReply {
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  const layers = (st.lambda(req.region).data.layers ?? []).filter((l) => l.versions.length > 0);
  const { items, next } = page(layers, pg.offset, pg.size);
  const body: Record<string, unknown> = {
    Layers: items.map((l) => ({
      LayerName: l.name,
      LayerArn: l.arn,
      LatestMatchingVersion: layerVersionShape(l, l.versions[l.versions.length - 1] as SimLayerVersion),
    })),
  };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

function listLayerVersions(req: SimRequest, st: SimState, p: Params): SimReply {
  const layer = findLayer(req, st, p.layer ?? '');
  const pg = paging(req, 50);
  if (isReply(pg)) return pg;
  // Lambda answers an empty list, not an error, for a layer name it does not know; newest first.
  const versions = layer ? [...layer.versions].reverse() : [];
  const { items, next } = page(versions, pg.offset, pg.size);
  const body: Record<string, unknown> = {
    LayerVersions: layer ? items.map((v) => layerVersionShape(layer, v)) : [],
  };
  if (next) body.NextMarker = next;
  return jsonReply(body, req.requestId);
}

/**
 * GetLayerVersion, by name or layer ARN: an own layer's listed version, or any layer version a
 * function of the region uses (the simulator's foreign layers are shared with every account).
 */
function getLayerVersion(req: SimRequest, st: SimState, p: Params): SimReply {
  const ref = p.layer ?? '';
  const layerArn = ref.startsWith('arn:')
    ? ref
    : `arn:aws:lambda:${req.region}:${st.account.accountId}:layer:${ref}`;
  const arn = `${layerArn}:${p.version ?? ''}`;
  const own = findLayer(req, st, ref);
  const ownVersion =
    own?.arn === layerArn ? own.versions.find((v) => String(v.version) === p.version) : undefined;
  const used = st
    .lambda(req.region)
    .data.functions.flatMap((f) => f.layers)
    .find((l) => l.arn === arn);
  if (!ownVersion && !used) return notFound(req, 'The resource you requested does not exist.');
  const body: Record<string, unknown> = {
    Content: {
      Location: presignedUrl(req, 'layers', `snapshots/${arn}`),
      CodeSha256: Buffer.from(arn).toString('base64').slice(0, 44),
      CodeSize: ownVersion?.codeSize ?? used?.codeSize ?? 0,
    },
    LayerArn: layerArn,
    LayerVersionArn: arn,
    Version: Number(p.version),
  };
  if (ownVersion) Object.assign(body, layerVersionShape(own as SimOwnLayer, ownVersion));
  return jsonReply(body, req.requestId);
}

function getLayerVersionPolicy(req: SimRequest, st: SimState, p: Params): SimReply {
  const layer = findLayer(req, st, p.layer ?? '');
  const v = layer?.versions.find((x) => String(x.version) === p.version);
  if (!layer || !v) return notFound(req, 'The resource you requested does not exist.');
  if (!v.policy) return notFound(req, 'No policy is associated with the given resource.');
  return jsonReply(
    { Policy: JSON.stringify(v.policy), RevisionId: `${layer.name}-${v.version}` },
    req.requestId,
  );
}
