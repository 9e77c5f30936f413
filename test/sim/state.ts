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

export class SimState {
  private readonly regions = new Map<string, RegionIndex>();
  /** S3 objects put during the simulator's life, by `bucket/key`. */
  readonly objects = new Map<string, SimObject>();
  private iamIndex: IamIndex | undefined;
  /** Real-time ms (simulator clock) when the report was first requested; null: never. */
  reportRequestedAt: number | null = null;
  readonly account: SimAccount;
  readonly clock: () => number;
  /** Real-time ms a credential report takes, already divided by the time scale. */
  readonly reportDelayMs: number;

  /** Roles AssumeRole may assume, and the sessions it handed out, by their access key id. */
  readonly assumableRoles: Readonly<Record<string, { externalId?: string }>>;
  readonly assumedSessions = new Map<string, { roleArn: string; sessionName: string }>();

  constructor(
    account: SimAccount,
    clock: () => number,
    reportDelayMs: number,
    reportPresent: boolean,
    assumableRoles: Readonly<Record<string, { externalId?: string }>> = {},
  ) {
    this.assumableRoles = assumableRoles;
    this.account = account;
    this.clock = clock;
    this.reportDelayMs = reportDelayMs;
    if (reportPresent) this.reportRequestedAt = -Infinity;
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
