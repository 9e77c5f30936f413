/**
 * The account view: what checks read instead of the raw inventory. Built once per account and
 * evaluation (`buildView`), so every check gets the same indexes and the same unknowns:
 *
 * - functions flattened across readable regions, each with its account, region, qualifier, a
 *   `Verdict` bound to it, and its reads as `Read<T>`: environment, resource policy, URLs,
 *   reserved concurrency, the *resolved* code signing config (the attached config joined with the
 *   region's list) and the execution role (looked up in IAM);
 * - IAM indexed (see iam-index.ts), with each account-wide read as a `Read<T>`, so a failed IAM
 *   slice, a failed read and a read the plan left out all arrive as the right reason;
 * - walkers that visit each function, each GuardDuty region, each IAM user or role, or the account, and
 *   turn an unreadable scope into one unknown, and a readable but empty one into one
 *   not_applicable, so a check body is only its rule and yields one result per resource.
 *
 * The view is account-scoped: an organization scan is a loop over views, each carrying the
 * organization it was scanned in (`organizationContext`) so a check can tell a member account
 * from an outside one.
 */
import type {
  AccessAnalyzer,
  AccountSummary,
  AlternateContact,
  ChangeReview,
  CodeScan,
  CodeSigningConfig,
  CredentialReport,
  CredentialReportRow,
  EnvVar,
  EventInvokeConfig,
  EventSourceMapping,
  FunctionChangeEvent,
  FunctionUrlConfig,
  GuardDutyDetector,
  IamRole,
  Inventory,
  LambdaAccountSettings,
  LambdaFunction,
  LambdaLayer,
  LambdaLayerVersion,
  LambdaRegion,
  LayerCodeScan,
  Organization,
  OrganizationContext,
  OrganizationsFeatures,
  ParsedPolicy,
  PasswordPolicy,
  ReservedConcurrency,
  ServerCertificate,
  Slice,
  Subnet,
} from '../inventory/schema.js';
import { parseFunctionArn, parseRoleArn, roleKey, roleName } from '../policy/arn.js';
import { type IamIndex, iamIndexOf } from './iam-index.js';
import { memoize } from './memo.js';
import {
  type Draft,
  describeError,
  type MissingRead,
  missingRead,
  ok,
  type Read,
  type ResourceRef,
  readOf,
  Verdict,
} from './verdict.js';

export const FUNCTION_TYPE = 'AWS::Lambda::Function';
export const LAYER_VERSION_TYPE = 'AWS::Lambda::LayerVersion';
export const ACCOUNT_TYPE = 'AWS::::Account';
export const DETECTOR_TYPE = 'AWS::GuardDuty::Detector';
export const ANALYZER_TYPE = 'AWS::AccessAnalyzer::Analyzer';
export const ROLE_TYPE = 'AWS::IAM::Role';
export const USER_TYPE = 'AWS::IAM::User';
export const SERVER_CERTIFICATE_TYPE = 'AWS::IAM::ServerCertificate';

export interface FunctionView {
  readonly ref: ResourceRef;
  readonly verdict: Verdict;
  /** The configuration as ListFunctions returned it (never a variable value). */
  readonly config: LambdaFunction;
  readonly accountId: string;
  readonly region: string;
  /** Version or alias of a qualified ARN; null for the unqualified function. */
  readonly qualifier: string | null;
  readonly unqualifiedArn: string;
  /** The execution role's identity in the account (see roleKey): equal for the same role. */
  readonly roleKey: string;
  readonly lambdaRegion: LambdaRegionView;
  readonly environment: Read<EnvVar[]>;
  /** ok(null): the function has no resource-based policy. */
  readonly policy: Read<ParsedPolicy | null>;
  readonly urls: Read<FunctionUrlConfig[]>;
  readonly reservedConcurrency: Read<ReservedConcurrency>;
  /** The attached config with its settings; ok(null): none attached. */
  readonly codeSigning: Read<CodeSigningConfig | null>;
  /** ok(null): the role does not exist in the account (deleted). */
  readonly role: Read<IamRole | null>;
  /** --deep: the asynchronous invocation configs of every qualifier (ok([]): none). */
  readonly eventInvokeConfigs: Read<readonly EventInvokeConfig[]>;
  /** --deep: recursive loop detection, Allow or Terminate (ok(null): Lambda returned none). */
  readonly recursiveLoop: Read<string | null>;
  /** --deep (or a suppression rule by tag): the function's tags, by key. */
  readonly tags: Read<Readonly<Record<string, string>>>;
  /** The keys of `tags` (also from an inventory that kept only the keys). */
  readonly tagKeys: Read<readonly string[]>;
  /** --scan-code: what the deployment package holds; ok(null): a container image. */
  readonly code: Read<CodeScan | null>;
}

export interface LambdaRegionView {
  readonly region: string;
  /** "Lambda functions in <region>": the scope of a region-wide unknown or not-applicable. */
  readonly ref: ResourceRef;
  readonly verdict: Verdict;
  readonly data: Read<LambdaRegion>;
  /** Empty when the region could not be read. */
  readonly functions: readonly FunctionView[];
  readonly settings: LambdaAccountSettings | null;
  /** ListEventSourceMappings of the region (the region's own failure when it could not be read). */
  readonly eventSourceMappings: Read<readonly EventSourceMapping[]>;
  /** The region's own layers (ListLayers, with their versions). */
  readonly layers: Read<readonly LambdaLayer[]>;
  /** "Lambda layers in <region>": the scope of a region-wide layer unknown or not-applicable. */
  readonly layersRef: ResourceRef;
  readonly layersVerdict: Verdict;
  /** The subnets the region's functions use, by subnet id (a deleted subnet is absent). */
  readonly subnets: Read<ReadonlyMap<string, Subnet>>;
  /** --scan-code: each layer version the region's functions use, scanned once. */
  readonly layerCode: Read<readonly LayerCodeScan[]>;
}

export interface LayerVersionView {
  readonly layer: LambdaLayer;
  readonly version: LambdaLayerVersion;
  /** Every listed version of the layer, oldest first. */
  readonly versions: readonly LambdaLayerVersion[];
  readonly region: string;
}

export interface GuardDutyRegionView {
  readonly region: string;
  readonly ref: ResourceRef;
  readonly verdict: Verdict;
  readonly detectors: Read<readonly GuardDutyDetector[]>;
  /** The first listed detector whose GetDetector failed, as the read that makes a verdict unknown. */
  readonly unreadableDetector: MissingRead | null;
}

export interface AccessAnalyzerRegionView {
  readonly region: string;
  /** "IAM Access Analyzer in <region>": the scope of the region's result. */
  readonly ref: ResourceRef;
  readonly verdict: Verdict;
  /** Every analyzer ListAnalyzers returned, of every type and status. */
  readonly analyzers: Read<readonly AccessAnalyzer[]>;
}

export interface IamView {
  readonly authorization: Read<IamIndex>;
  readonly credentialReport: Read<CredentialReport>;
  readonly accountSummary: Read<AccountSummary>;
  /** ok(null): the account has no password policy. */
  readonly passwordPolicy: Read<PasswordPolicy | null>;
  readonly virtualMfaDevices: Read<readonly { serialNumber: string; userArn: string | null }[]>;
  readonly serverCertificates: Read<readonly ServerCertificate[]>;
  /** Centralized root access features; `notAnswerable` when this account may not ask. */
  readonly organizationsFeatures: Read<OrganizationsFeatures>;
}

/** The account's own settings (Account Management, Organizations). */
export interface AccountInfoView {
  /** ok(null): no SECURITY alternate contact is registered. */
  readonly securityContact: Read<AlternateContact | null>;
  /** ok(null): the account belongs to no organization. */
  readonly organization: Read<Organization | null>;
}

export interface UserCredentials {
  readonly row: CredentialReportRow;
  readonly verdict: Verdict;
}

/** One region's CloudTrail Lambda changes (--changes-since). */
export interface ChangeRegionView {
  readonly region: string;
  /** "Lambda changes in <region>": the scope of a region-wide unknown or not-applicable. */
  readonly ref: ResourceRef;
  readonly verdict: Verdict;
  /** Newest first; the region's failure (or "not collected") when it could not be read. */
  readonly changes: Read<readonly FunctionChangeEvent[]>;
  /** Events CloudTrail returned that could not be parsed: what they changed is unknown. */
  readonly unparsedEvents: number;
}

export class AccountView {
  readonly accountId: string;
  readonly partition: string;
  /** The regions the scan covered, in scan order. */
  readonly regions: readonly string[];
  readonly scanStartedAt: Date;
  /** The account itself: scope of account-wide results. */
  readonly account: ResourceRef;
  readonly accountVerdict: Verdict;
  readonly iam: IamView;
  readonly accountInfo: AccountInfoView;
  readonly lambdaRegions: readonly LambdaRegionView[];
  /** Every function of every readable region, in region then name order. */
  readonly functions: readonly FunctionView[];
  /** Regions whose Lambda inventory could not be read (so their functions are unknown). */
  readonly unreadableLambdaRegions: readonly string[];
  readonly guardDutyRegions: readonly GuardDutyRegionView[];
  /** --changes-since: the window and settings the scan recorded; null: changes were not read. */
  readonly changeReview: ChangeReview | null;
  readonly changeRegions: readonly ChangeRegionView[];
  readonly accessAnalyzerRegions: readonly AccessAnalyzerRegionView[];
  /**
   * The organization this account was scanned as part of (an organization scan's
   * `scan.organization`); null: a single-account scan, where which other accounts belong to the
   * organization is unknown. Not `accountInfo.organization`, which is this account's own
   * DescribeOrganization read and lists no member.
   */
  readonly organizationContext: OrganizationContext | null;
  /** The accounts of `organizationContext` (this one included); empty without one. */
  readonly organizationAccounts: ReadonlySet<string>;
  private byRole: Map<string, FunctionView[]> | undefined;
  private users: UserCredentials[] | undefined;
  private roles: { role: IamRole; verdict: Verdict }[] | undefined;
  /** The role an execution-role ARN names, looked up once per distinct ARN (functions share roles). */
  private readonly executionRole = memoize((roleArn: string) => ({
    key: roleKey(roleArn),
    read: this.roleOf(roleArn),
  }));

  constructor(inventory: Inventory) {
    const scan = inventory.scan;
    this.accountId = scan.accountId;
    this.partition = scan.partition;
    this.regions = scan.regions;
    this.scanStartedAt = new Date(scan.startedAt);
    this.account = {
      arn: `arn:${scan.partition}:iam::${scan.accountId}:root`,
      name: `account ${scan.accountId}`,
      region: null,
      type: ACCOUNT_TYPE,
    };
    this.accountVerdict = new Verdict(this.account);
    this.iam = iamView(inventory.iam);
    this.accountInfo = {
      securityContact: readOf(inventory.account?.securityContact, 'the security alternate contact'),
      organization: readOf(inventory.account?.organization, 'the account’s organization'),
    };

    const lambdaRegions: LambdaRegionView[] = [];
    const functions: FunctionView[] = [];
    const unreadable: string[] = [];
    const guardDuty: GuardDutyRegionView[] = [];
    const changeRegions: ChangeRegionView[] = [];
    this.changeReview = scan.changeReview ?? null;
    this.organizationContext = scan.organization ?? null;
    this.organizationAccounts = new Set(scan.organization?.accountIds ?? []);
    for (const region of scan.regions) {
      const inv = inventory.regions[region];
      const lambda = this.lambdaRegion(region, inv?.lambda);
      lambdaRegions.push(lambda);
      // A loop, not push(...spread): a region can hold more functions than a call takes arguments.
      for (const fn of lambda.functions) functions.push(fn);
      if (!lambda.data.ok) unreadable.push(region);
      const ref: ResourceRef = {
        arn: `arn:${scan.partition}:guardduty:${region}:${scan.accountId}:detector/*`,
        name: `GuardDuty in ${region}`,
        region,
        type: DETECTOR_TYPE,
      };
      const slice = sliceRead(inv?.guardduty, `GuardDuty in ${region}`);
      guardDuty.push({
        region,
        ref,
        verdict: new Verdict(ref),
        detectors: slice.ok ? ok(slice.value.detectors) : slice,
        unreadableDetector: slice.ok ? unreadableDetector(slice.value.detectors, region) : null,
      });
      const changesRef: ResourceRef = {
        arn: `arn:${scan.partition}:lambda:${region}:${scan.accountId}:function:*`,
        name: `Lambda changes in ${region}`,
        region,
        type: FUNCTION_TYPE,
      };
      const changes = sliceRead(inv?.cloudtrail, `CloudTrail Lambda events in ${region}`);
      changeRegions.push({
        region,
        ref: changesRef,
        verdict: new Verdict(changesRef),
        changes: changes.ok ? ok(changes.value.lambdaChanges) : changes,
        unparsedEvents: changes.ok ? changes.value.unparsedEvents : 0,
      });
    }
    this.changeRegions = changeRegions;
    this.lambdaRegions = lambdaRegions;
    this.functions = functions;
    this.unreadableLambdaRegions = unreadable;
    this.guardDutyRegions = guardDuty;
    this.accessAnalyzerRegions = scan.regions.map((region): AccessAnalyzerRegionView => {
      const ref: ResourceRef = {
        arn: `arn:${scan.partition}:access-analyzer:${region}:${scan.accountId}:analyzer/*`,
        name: `IAM Access Analyzer in ${region}`,
        region,
        type: ANALYZER_TYPE,
      };
      const slice = sliceRead(inventory.regions[region]?.accessAnalyzer, `IAM Access Analyzer in ${region}`);
      return {
        region,
        ref,
        verdict: new Verdict(ref),
        analyzers: slice.ok ? ok(slice.value.analyzers) : slice,
      };
    });
  }

  /** Functions of the readable regions that run as the role `roleArn` names (any path or case). */
  functionsWithRole(roleArn: string): readonly FunctionView[] {
    if (!this.byRole) {
      const byRole = new Map<string, FunctionView[]>();
      for (const fn of this.functions) {
        const list = byRole.get(fn.roleKey);
        if (list) list.push(fn);
        else byRole.set(fn.roleKey, [fn]);
      }
      this.byRole = byRole;
    }
    return this.byRole.get(roleKey(roleArn)) ?? [];
  }

  /**
   * One draft per function. An unreadable region yields one unknown for the region; a readable
   * region without functions yields one not_applicable for it.
   */
  *eachFunction(visit: (fn: FunctionView, v: Verdict) => Draft): Generator<Draft> {
    for (const region of this.lambdaRegions) {
      if (!region.data.ok) {
        yield region.verdict.missing(region.data);
        continue;
      }
      if (region.functions.length === 0) {
        yield region.verdict.notApplicable(`no Lambda functions in ${region.region}`);
        continue;
      }
      for (const fn of region.functions) yield visit(fn, fn.verdict);
    }
  }

  /**
   * One draft per version of each layer this account owns. An unreadable region or layer list
   * yields one unknown for the region's layers, a layer whose versions could not be listed one
   * unknown for the layer; a readable region without layers yields one not_applicable.
   */
  *eachLayerVersion(visit: (lv: LayerVersionView, v: Verdict) => Draft): Generator<Draft> {
    for (const region of this.lambdaRegions) {
      if (!region.layers.ok) {
        yield region.layersVerdict.missing(region.layers);
        continue;
      }
      if (region.layers.value.length === 0) {
        yield region.layersVerdict.notApplicable(`no Lambda layers published in ${region.region}`);
        continue;
      }
      for (const layer of region.layers.value) {
        if (!layer.versions.ok) {
          const ref: ResourceRef = {
            arn: layer.arn,
            name: layer.name,
            region: region.region,
            type: LAYER_VERSION_TYPE,
          };
          const { error } = layer.versions;
          const reason = `the versions of layer ${layer.name} could not be read: ${describeError(error)}`;
          yield new Verdict(ref).missing(missingRead(reason, error));
          continue;
        }
        const versions = layer.versions.value;
        for (const version of versions) {
          const ref: ResourceRef = {
            arn: version.arn,
            name: `${layer.name}:${version.version}`,
            region: region.region,
            type: LAYER_VERSION_TYPE,
          };
          yield visit({ layer, version, versions, region: region.region }, new Verdict(ref));
        }
      }
    }
  }

  /** One draft per scanned region with its detectors; an unreadable region yields an unknown. */
  *eachGuardDutyRegion(
    visit: (region: GuardDutyRegionView, detectors: readonly GuardDutyDetector[], v: Verdict) => Draft,
  ): Generator<Draft> {
    for (const region of this.guardDutyRegions) {
      if (!region.detectors.ok) yield region.verdict.missing(region.detectors);
      else yield visit(region, region.detectors.value, region.verdict);
    }
  }

  /** One draft per scanned region with its analyzers; an unreadable region yields an unknown. */
  *eachAccessAnalyzerRegion(
    visit: (region: AccessAnalyzerRegionView, analyzers: readonly AccessAnalyzer[], v: Verdict) => Draft,
  ): Generator<Draft> {
    for (const region of this.accessAnalyzerRegions) {
      if (!region.analyzers.ok) yield region.verdict.missing(region.analyzers);
      else yield visit(region, region.analyzers.value, region.verdict);
    }
  }

  /** One draft for the account. */
  *forAccount(visit: (v: Verdict) => Draft): Generator<Draft> {
    yield visit(this.accountVerdict);
  }

  /**
   * One draft per IAM user in the credential report (root excluded: the root checks judge it).
   * Unknown for the account when the report could not be read; not_applicable when it lists no
   * IAM user.
   */
  *eachUser(visit: (row: CredentialReportRow, v: Verdict) => Draft): Generator<Draft> {
    const report = this.iam.credentialReport;
    if (!report.ok) {
      yield this.accountVerdict.missing(report);
      return;
    }
    this.users ??= report.value.rows
      .filter((row) => !row.isRoot)
      .map((row) => ({ row, verdict: new Verdict({ arn: row.arn, name: row.user, region: null }) }));
    if (this.users.length === 0) {
      yield this.accountVerdict.notApplicable('the account has no IAM users');
      return;
    }
    for (const u of this.users) yield visit(u.row, u.verdict);
  }

  /**
   * One draft per IAM role in the authorization details (service-linked roles included: checks
   * decide what they mean for them). Unknown for the account when the details could not be read;
   * not_applicable when the account has no role.
   */
  *eachRole(visit: (role: IamRole, v: Verdict) => Draft): Generator<Draft> {
    const auth = this.iam.authorization;
    if (!auth.ok) {
      yield this.accountVerdict.missing(auth);
      return;
    }
    this.roles ??= auth.value.roles.map((role) => ({
      role,
      verdict: new Verdict({ arn: role.arn, name: role.name, region: null, type: ROLE_TYPE }),
    }));
    if (this.roles.length === 0) {
      yield this.accountVerdict.notApplicable('the account has no IAM roles');
      return;
    }
    for (const r of this.roles) yield visit(r.role, r.verdict);
  }

  /**
   * One draft per IAM server certificate. Unknown for the account when the list could not be
   * read; not_applicable when the account stores none.
   */
  *eachServerCertificate(visit: (cert: ServerCertificate, v: Verdict) => Draft): Generator<Draft> {
    const certs = this.iam.serverCertificates;
    if (!certs.ok) {
      yield this.accountVerdict.missing(certs);
      return;
    }
    if (certs.value.length === 0) {
      yield this.accountVerdict.notApplicable('the account stores no IAM server certificates');
      return;
    }
    for (const c of certs.value) {
      yield visit(c, new Verdict({ arn: c.arn, name: c.name, region: null, type: SERVER_CERTIFICATE_TYPE }));
    }
  }

  private lambdaRegion(region: string, slice: Slice<LambdaRegion> | undefined): LambdaRegionView {
    const ref: ResourceRef = {
      arn: `arn:${this.partition}:lambda:${region}:${this.accountId}:function:*`,
      name: `Lambda functions in ${region}`,
      region,
      type: FUNCTION_TYPE,
    };
    const data = sliceRead(slice, `Lambda in ${region}`);
    const layersRef: ResourceRef = {
      arn: `arn:${this.partition}:lambda:${region}:${this.accountId}:layer:*`,
      name: `Lambda layers in ${region}`,
      region,
      type: LAYER_VERSION_TYPE,
    };
    const subnets = data.ok ? readOf(data.value.subnets, `the subnet list of ${region}`) : data;
    const view: { -readonly [K in keyof LambdaRegionView]: LambdaRegionView[K] } = {
      region,
      ref,
      verdict: new Verdict(ref),
      data,
      functions: [],
      settings: data.ok ? data.value.accountSettings : null,
      eventSourceMappings: data.ok
        ? readOf(data.value.eventSourceMappings, `the event source mappings of ${region}`)
        : data,
      layers: data.ok ? readOf(data.value.layers, `the layer list of ${region}`) : data,
      layersRef,
      layersVerdict: new Verdict(layersRef),
      subnets: subnets.ok ? ok(new Map(subnets.value.map((s) => [s.id, s]))) : subnets,
      layerCode: data.ok
        ? readOf(
            data.value.layerCode && { ok: true, value: data.value.layerCode },
            `the layer code of ${region}`,
          )
        : data,
    };
    if (data.ok) {
      const cscs = readOf(data.value.codeSigningConfigs, `the code signing configs of ${region}`);
      view.functions = data.value.functions.map((fn) => this.functionView(fn, view, cscs));
    }
    return view;
  }

  private functionView(
    fn: LambdaFunction,
    region: LambdaRegionView,
    cscs: Read<readonly CodeSigningConfig[]>,
  ): FunctionView {
    const ref: ResourceRef = { arn: fn.arn, name: fn.name, region: fn.region, type: FUNCTION_TYPE };
    const parsed = parseFunctionArn(fn.arn);
    const role = this.executionRole(fn.roleArn);
    return {
      ref,
      verdict: new Verdict(ref),
      config: fn,
      accountId: this.accountId,
      region: fn.region,
      qualifier: parsed?.qualifier ?? null,
      unqualifiedArn: parsed?.unqualifiedArn ?? fn.arn,
      roleKey: role.key,
      lambdaRegion: region,
      environment: readOf(fn.environment, 'the environment variables'),
      policy: readOf(fn.policy, 'the resource policy'),
      urls: readOf(fn.urlConfigs, 'the function URLs'),
      reservedConcurrency: readOf(fn.reservedConcurrency, 'reserved concurrency'),
      codeSigning: codeSigningOf(fn, cscs),
      role: role.read,
      eventInvokeConfigs: readOf(fn.eventInvokeConfigs, 'the asynchronous invocation configs'),
      recursiveLoop: readOf(fn.recursiveLoop, 'the recursive loop detection setting'),
      tags: readOf(fn.tags, 'the tags'),
      tagKeys: tagKeysOf(fn),
      code: readOf(fn.code, 'the deployment package'),
    };
  }

  private roleOf(roleArn: string): Read<IamRole | null> {
    const name = roleName(roleArn);
    const auth = this.iam.authorization;
    if (!auth.ok) {
      return missingRead(`execution role ${name} could not be analysed: ${auth.reason}`, auth.error, {
        roleArn,
      });
    }
    const parts = parseRoleArn(roleArn);
    if (!parts) return missingRead(`the execution role ${JSON.stringify(roleArn)} is not an IAM role ARN`);
    if (parts.account !== this.accountId) {
      return missingRead(
        `execution role ${name} belongs to account ${parts.account}, outside this scan`,
        undefined,
        {
          roleArn,
        },
      );
    }
    return ok(auth.value.role(roleArn) ?? null);
  }
}

export function buildView(inventory: Inventory): AccountView {
  return new AccountView(inventory);
}

function sliceRead<T>(slice: Slice<T> | undefined, what: string): Read<T> {
  if (slice === undefined) return missingRead(`${what} was not collected`);
  if (slice.status === 'ok') return ok(slice.data);
  if (slice.status === 'error')
    return missingRead(`${what} could not be read: ${describeError(slice.error)}`, slice.error);
  return missingRead(`${what} was skipped: ${slice.reason}`);
}

function iamView(slice: Inventory['iam']): IamView {
  const iam = sliceRead(slice, 'IAM');
  if (!iam.ok) {
    return {
      authorization: iam,
      credentialReport: iam,
      accountSummary: iam,
      passwordPolicy: iam,
      virtualMfaDevices: iam,
      serverCertificates: iam,
      organizationsFeatures: iam,
    };
  }
  const data = iam.value;
  const auth = readOf(data.authorization, 'the IAM authorization details');
  return {
    authorization: auth.ok ? ok(iamIndexOf(auth.value)) : auth,
    credentialReport: readOf(data.credentialReport, 'the credential report'),
    accountSummary: readOf(data.accountSummary, 'the account summary'),
    passwordPolicy: readOf(data.passwordPolicy, 'the account password policy'),
    virtualMfaDevices: readOf(data.virtualMfaDevices, 'the virtual MFA devices'),
    serverCertificates: readOf(data.serverCertificates, 'the IAM server certificates'),
    organizationsFeatures: readOf(
      data.organizationsFeatures,
      'the organization’s centralized root access features',
    ),
  };
}

function unreadableDetector(detectors: readonly GuardDutyDetector[], region: string): MissingRead | null {
  for (const d of detectors) {
    if (d.readError) {
      return missingRead(
        `GuardDuty detector ${d.id} in ${region} could not be read: ${describeError(d.readError)}`,
        d.readError,
      );
    }
  }
  return null;
}

/** The attached code signing config, joined with the region's list of configs. */
function codeSigningOf(
  fn: LambdaFunction,
  configs: Read<readonly CodeSigningConfig[]>,
): Read<CodeSigningConfig | null> {
  const attached = readOf(fn.codeSigningConfigArn, 'the code signing config');
  if (!attached.ok) return attached;
  const arn = attached.value;
  if (arn === null) return ok(null);
  if (!configs.ok) {
    return missingRead(
      `code signing config ${arn} is attached, but whether it is enforced is unknown: ${configs.reason}`,
      configs.error,
      { codeSigningConfigArn: arn },
    );
  }
  const config = configs.value.find((c) => c.arn === arn);
  if (!config) {
    return missingRead(
      `code signing config ${arn} is attached but was not among the region’s code signing configs`,
      undefined,
      { codeSigningConfigArn: arn },
    );
  }
  return ok(config);
}

/** The tag keys: of the tags read, or as an inventory from before tag values were kept has them. */
function tagKeysOf(fn: LambdaFunction): Read<readonly string[]> {
  if (fn.tags === undefined) return readOf(fn.tagKeys, 'the tags');
  if (!fn.tags.ok) return readOf(fn.tags, 'the tags');
  return { ok: true, value: Object.keys(fn.tags.value) };
}
