/**
 * What the server keeps besides the account: lookup indexes (built once, so a 40,000-function
 * account answers each call without scanning) and the one piece of mutable AWS state the
 * scanner drives, the credential report's generation.
 */
import type {
  SimAccount,
  SimCodeSigningConfig,
  SimFunction,
  SimLambdaRegion,
  SimManagedPolicy,
} from './account.js';
import type { OrgDirectory } from './org-model.js';

export interface RegionIndex {
  data: SimLambdaRegion;
  byName: Map<string, SimFunction>;
  cscByArn: Map<string, SimCodeSigningConfig>;
  functionsByCsc: Map<string, string[]>;
  reservedSum: number;
  codeSizeSum: number;
}

export interface IamIndex {
  policyByArn: Map<string, SimManagedPolicy>;
  attachments: Map<string, number>;
}

const EMPTY_REGION: SimLambdaRegion = {
  concurrentExecutions: 1000,
  functions: [],
  codeSigningConfigs: [],
  eventSourceMappings: [],
};

/** An object S3 PutObject stored, with the headers a test of `--upload` checks. */
export interface SimObject {
  bucket: string;
  key: string;
  bytes: Buffer;
  contentType: string | null;
  /** x-amz-server-side-encryption: AES256, aws:kms; null when the request asked for none. */
  serverSideEncryption: string | null;
  kmsKeyId: string | null;
}

/** A session sts:AssumeRole handed out, remembered by its access key id. */
export interface AssumedSession {
  roleArn: string;
  sessionName: string;
}

export interface SimStateOptions {
  clock: () => number;
  /** Real-time ms a credential report takes, already divided by the time scale. */
  reportDelayMs: number;
  reportPresent: boolean;
  assumableRoles?: Readonly<Record<string, { externalId?: string }>>;
  /**
   * Shared by every account of an organization: a session is handed out by one account's STS
   * and used against another's, and S3's bucket namespace is global.
   */
  sessions?: Map<string, AssumedSession>;
  objects?: Map<string, SimObject>;
  /** The organization the simulator serves, if any (the same directory for every account). */
  organization?: OrgDirectory | null;
}

export class SimState {
  private readonly regions = new Map<string, RegionIndex>();
  /** S3 objects put during the simulator's life, by `bucket/key`. */
  readonly objects: Map<string, SimObject>;
  private iamIndex: IamIndex | undefined;
  /** Real-time ms (simulator clock) when the report was first requested; null: never. */
  reportRequestedAt: number | null = null;
  readonly account: SimAccount;
  readonly clock: () => number;
  /** Real-time ms a credential report takes, already divided by the time scale. */
  readonly reportDelayMs: number;

  /** Roles AssumeRole may assume, and the sessions it handed out, by their access key id. */
  readonly assumableRoles: Readonly<Record<string, { externalId?: string }>>;
  readonly assumedSessions: Map<string, AssumedSession>;
  readonly organization: OrgDirectory | null;

  constructor(account: SimAccount, opts: SimStateOptions) {
    this.assumableRoles = opts.assumableRoles ?? {};
    this.assumedSessions = opts.sessions ?? new Map();
    this.objects = opts.objects ?? new Map();
    this.organization = opts.organization ?? null;
    this.account = account;
    this.clock = opts.clock;
    this.reportDelayMs = opts.reportDelayMs;
    if (opts.reportPresent) this.reportRequestedAt = -Infinity;
  }

  /** Who signed a request: the assumed-role session of its access key, else the account's caller. */
  principalArn(accessKeyId: string | undefined): string {
    const session = accessKeyId ? this.assumedSessions.get(accessKeyId) : undefined;
    return session
      ? sessionArn(accountOfArn(session.roleArn), session.roleArn, session.sessionName)
      : this.account.caller.arn;
  }

  /** Any enabled region answers; one without resources is simply empty. */
  lambda(region: string): RegionIndex {
    let idx = this.regions.get(region);
    if (!idx) {
      const data = this.account.lambda[region] ?? EMPTY_REGION;
      const byName = new Map(data.functions.map((f) => [f.name, f]));
      const cscByArn = new Map(data.codeSigningConfigs.map((c) => [c.arn, c]));
      const functionsByCsc = new Map<string, string[]>(data.codeSigningConfigs.map((c) => [c.arn, []]));
      let reservedSum = 0;
      let codeSizeSum = 0;
      for (const f of data.functions) {
        if (f.codeSigningConfigArn) functionsByCsc.get(f.codeSigningConfigArn)?.push(f.arn);
        reservedSum += f.reservedConcurrency ?? 0;
        codeSizeSum += f.codeSize;
      }
      idx = { data, byName, cscByArn, functionsByCsc, reservedSum, codeSizeSum };
      this.regions.set(region, idx);
    }
    return idx;
  }

  get iam(): IamIndex {
    if (!this.iamIndex) {
      const { users, groups, roles, policies } = this.account.iam;
      const attachments = new Map<string, number>();
      for (const e of [...users, ...groups, ...roles]) {
        for (const arn of e.attachedPolicyArns) attachments.set(arn, (attachments.get(arn) ?? 0) + 1);
      }
      this.iamIndex = { policyByArn: new Map(policies.map((p) => [p.arn, p])), attachments };
    }
    return this.iamIndex;
  }

  reportStatus(): 'absent' | 'in-progress' | 'ready' {
    if (this.reportRequestedAt === null) return 'absent';
    return this.clock() < this.reportRequestedAt + this.reportDelayMs ? 'in-progress' : 'ready';
  }
}

/** The account id of an ARN (its fifth field); '' when it has none. */
export function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The ARN STS gives an assumed-role session. */
export function sessionArn(accountId: string, roleArn: string, sessionName: string): string {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return `arn:aws:sts::${accountId}:assumed-role/${name}/${sessionName}`;
}
