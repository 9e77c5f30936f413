/**
 * deploy/kubernetes/org-cronjob.yaml: the sharded organization scan as an Indexed Job and the
 * merge beside it. Every document is validated against the Kubernetes API's schemas
 * (kubernetes-models); then what they cannot say: the shard count is one number in four places,
 * both pods find the same run folder for a night (their shell step is run here), the two
 * CronJobs fire together, the waits and deadlines nest, the failure policies are derived from
 * src/cli/failures.ts, and every flag is one the built CLI's --help lists for scan or merge.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { duration } from '../../src/cli/args.js';
import { EXIT } from '../../src/cli/failures.js';
import { assertCommandLine } from './cli-flags.js';
import { flagValue, readRepoFile } from './sources.js';

const text = readRepoFile('deploy/kubernetes/org-cronjob.yaml');
const read = (version: '1.1' | '1.2') =>
  parseAllDocuments(text, { version, strict: true, uniqueKeys: true }).map((d) => {
    assert.deepEqual([...d.errors, ...d.warnings], []);
    return d.toJS() as Record<string, unknown>;
  });
const docs = read('1.2');
const named = (kind: string, name: string) => {
  const found = docs.filter((d) => d.kind === kind && (d.metadata as { name: string }).name === name);
  assert.equal(found.length, 1, `one ${kind} ${name}`);
  return found[0] as Record<string, unknown>;
};

interface Container {
  name: string;
  command: string[];
  args: string[];
  env: { name: string; value?: string; valueFrom?: { fieldRef: { fieldPath: string } } }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: unknown;
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  automountServiceAccountToken: boolean;
  restartPolicy: string;
  securityContext: unknown;
  containers: Container[];
  volumes: {
    name: string;
    emptyDir?: { medium?: string; sizeLimit?: string };
    persistentVolumeClaim?: { claimName: string };
  }[];
}
interface JobSpec {
  completionMode?: string;
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  activeDeadlineSeconds: number;
  podFailurePolicy: { rules: unknown[] };
  template: { spec: PodSpec };
}
type Cron = { metadata: { name: string; namespace: string }; spec: Record<string, unknown> };
const scanCron = named('CronJob', 'lambda-posture-org') as unknown as Cron;
const mergeCron = named('CronJob', 'lambda-posture-org-merge') as unknown as Cron;
const jobOf = (c: Cron) => (c.spec.jobTemplate as { spec: JobSpec }).spec;
const scanJob = jobOf(scanCron);
const mergeJob = jobOf(mergeCron);
const only = (job: JobSpec): Container => {
  assert.equal(job.template.spec.containers.length, 1, 'one container, inside the security contexts');
  return job.template.spec.containers[0] as Container;
};
const scan = only(scanJob);
const merge = only(mergeJob);

/** Mebibytes of a Kubernetes quantity (Mi, Gi). */
const mib = (q: string): number => {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  assert.ok(m, `quantity ${q}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};
const heapOf = (c: Container): number =>
  Number(/--max-old-space-size=(\d+)/.exec(c.env.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '')?.[1]);
const rule = z.strictObject({
  action: z.enum(['FailJob', 'FailIndex', 'Ignore', 'Count']),
  onExitCodes: z
    .strictObject({
      containerName: z.literal('lambda-posture'),
      operator: z.enum(['In', 'NotIn']),
      values: z.array(z.number()),
    })
    .optional(),
  onPodConditions: z
    .array(z.strictObject({ type: z.string(), status: z.enum(['True', 'False', 'Unknown']) }))
    .optional(),
});
const IGNORE_DISRUPTION = {
  action: 'Ignore',
  onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
};

describe('Kubernetes organization CronJobs', () => {
  it('every document is valid against the Kubernetes API schema of its kind', () => {
    const build: Record<string, (d: never) => { validate(): void }> = {
      Namespace: (d) => new Namespace(d),
      ServiceAccount: (d) => new ServiceAccount(d),
      StorageClass: (d) => new StorageClass(d),
      PersistentVolumeClaim: (d) => new PersistentVolumeClaim(d),
      CronJob: (d) => new CronJob(d),
    };
    assert.deepEqual(
      docs.map((d) => d.kind),
      [
        'Namespace',
        'ServiceAccount',
        'ServiceAccount',
        'StorageClass',
        'PersistentVolumeClaim',
        'CronJob',
        'CronJob',
      ],
    );
    for (const d of docs) {
      const make = build[d.kind as string];
      assert.ok(make, `no model for ${d.kind}`);
      make(d as never).validate();
    }
    // The validator does check the Job template: a wrong type fails it.
    const broken = structuredClone(scanCron) as unknown as {
      spec: { jobTemplate: { spec: { completionMode: unknown } } };
    };
    broken.spec.jobTemplate.spec.completionMode = 4;
    assert.throws(() => new CronJob(broken as never).validate(), /completionMode/);
  });

  it('reads the same as YAML 1.1 (kubectl) and 1.2', () => {
    assert.deepEqual(read('1.1'), docs);
  });

  it('an Indexed Job of N pods at once, N = --shard auto/N = the merge’s --expect-shards N', () => {
    assert.equal(scanJob.completionMode, 'Indexed');
    const n = scanJob.completions;
    assert.ok(n !== undefined && n >= 2, `completions ${n}`);
    assert.equal(scanJob.parallelism, n, 'every shard at once');
    assert.equal(flagValue(scan.args, 'shard'), `auto/${n}`);
    assert.equal(flagValue(merge.args, 'expect-shards'), String(n));
    // The index comes from the Job controller (JOB_COMPLETION_INDEX), not from anything set here.
    assert.ok(
      !scan.env.some((e) => e.name === 'JOB_COMPLETION_INDEX' || e.name === 'AWS_BATCH_JOB_ARRAY_INDEX'),
    );
    assert.equal(mergeJob.completionMode, undefined, 'one merge pod');
  });

  it('the scan and the merge are command lines the built CLI accepts (scan --help, merge --help)', () => {
    assert.equal(scan.args[0], 'scan');
    assert.ok(scan.args.includes('--org'));
    assertCommandLine(scan.args, 'org scan args');
    assert.equal(merge.args[0], 'merge');
    assertCommandLine(merge.args, 'merge args');
    assert.equal(flagValue(scan.args, 'fail-on'), 'none', 'findings never fail a shard');
    assert.equal(flagValue(scan.args, 'log-format'), 'json');
    assert.match(String(flagValue(merge.args, 'upload')), /^s3:\/\//);
  });

  it('both fire at the same minute of the same zone, never overlapping a previous night', () => {
    for (const key of ['schedule', 'timeZone', 'startingDeadlineSeconds'])
      assert.deepEqual(mergeCron.spec[key], scanCron.spec[key], key);
    assert.equal(scanCron.spec.concurrencyPolicy, 'Forbid');
    assert.equal(mergeCron.spec.concurrencyPolicy, 'Forbid');
    assert.match(String(scanCron.spec.schedule), /^\d+ \d+ \* \* \*$/, 'nightly');
    // The controller appends 11 characters to a CronJob's name; a Job name has at most 63.
    for (const c of [scanCron, mergeCron]) assert.ok(c.metadata.name.length <= 52, c.metadata.name);
  });

  it('the waits nest: shard timeout < shard deadline <= merge wait < merge deadline', () => {
    const shardTimeout = duration('timeout', String(flagValue(scan.args, 'timeout')));
    const shardDeadline = scanJob.activeDeadlineSeconds * 1000;
    const wait = duration('wait', String(flagValue(merge.args, 'wait')));
    const mergeDeadline = mergeJob.activeDeadlineSeconds * 1000;
    assert.ok(shardTimeout < shardDeadline, 'a slow shard still writes its reports');
    assert.ok(shardDeadline - shardTimeout <= 15 * 60_000, 'and not by much more than writing takes');
    assert.ok(wait >= shardDeadline, 'the merge waits as long as the slowest shard may run');
    assert.ok(mergeDeadline >= wait + 10 * 60_000, 'and has time to merge after the wait');
  });

  it('both pods of one night compute the same run folder from their Jobs’ names (the script, run)', () => {
    assert.deepEqual(scan.command, merge.command, 'one script');
    const [sh, dashC, script, argv0, ...rest] = scan.command;
    assert.deepEqual([sh, dashC, argv0, rest], ['/bin/sh', '-c', 'lambda-posture', []]);
    for (const c of [scan, merge])
      assert.deepEqual(c.env.find((e) => e.name === 'JOB_NAME')?.valueFrom, {
        fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" },
      });
    const dir = mkdtempSync(join(tmpdir(), 'lp-org-cronjob-'));
    try {
      // A stand-in for node that prints where it runs and what it was given.
      writeFileSync(join(dir, 'node'), '#!/bin/sh\npwd\nprintf "%s\\n" "$@"\n');
      chmodSync(join(dir, 'node'), 0o755);
      const run = (jobName: string, args: string[]) =>
        spawnSync(
          '/bin/sh',
          ['-c', String(script).replaceAll('/reports/', `${dir}/reports/`), 'lambda-posture', ...args],
          {
            encoding: 'utf8',
            env: { PATH: `${dir}:/usr/bin:/bin`, JOB_NAME: jobName },
          },
        );
      // 2026-12-03T01:00:00Z is 29,937,660 minutes after the epoch: the suffix the controller adds.
      const minute = Date.UTC(2026, 11, 3, 1, 0, 0) / 60_000;
      const a = run(`lambda-posture-org-${minute}`, scan.args);
      const b = run(`lambda-posture-org-merge-${minute}`, merge.args);
      assert.equal(a.status, 0, a.stderr);
      assert.equal(b.status, 0, b.stderr);
      const folder = `${dir}/reports/runs/2026-12-03T01-00-00Z`;
      assert.deepEqual(a.stdout.split('\n').slice(0, 4), [
        folder,
        '/app/bin/lambda-posture.mjs',
        'scan',
        '--org',
      ]);
      assert.deepEqual(b.stdout.split('\n').slice(0, 3), [folder, '/app/bin/lambda-posture.mjs', 'merge']);
      assert.deepEqual(readdirSync(join(dir, 'reports', 'runs')), ['2026-12-03T01-00-00Z']);
      // A hand-made Job without the minute stops at once instead of writing somewhere unexpected.
      const manual = run('lambda-posture-org-manual', scan.args);
      assert.equal(manual.status, EXIT.usage);
      assert.match(manual.stderr, /does not end in the scheduled minute/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Relative to that folder: the shards write ./shard-<I>/, the merge reads . and writes ./organization.
    assert.equal(flagValue(scan.args, 'out'), '.');
    assert.equal(merge.args[1], '.');
    assert.equal(flagValue(merge.args, 'out'), 'organization');
  });

  it('a shard fails alone for its own exit codes; the flags and credentials fail the whole Job', () => {
    const rules = z.array(rule).parse(scanJob.podFailurePolicy.rules);
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    assert.deepEqual(rules, [
      {
        action: 'FailJob',
        onExitCodes: {
          containerName: 'lambda-posture',
          operator: 'In',
          values: sorted([EXIT.usage, EXIT.credentials]),
        },
      },
      {
        action: 'FailIndex',
        onExitCodes: {
          containerName: 'lambda-posture',
          operator: 'In',
          values: sorted([EXIT.incomplete, EXIT.output, EXIT.inventory, EXIT.internal]),
        },
      },
      IGNORE_DISRUPTION,
    ]);
    // Exit 3 (an account without its audit role) must not stop the other shards.
    assert.ok(!rules.some((r) => r.action === 'FailJob' && r.onExitCodes?.values.includes(EXIT.incomplete)));
    assert.ok(
      !rules.some((r) => r.onExitCodes?.values.includes(EXIT.network)),
      'a network failure is retried',
    );
    assert.equal(scanJob.backoffLimitPerIndex, 1);
    assert.equal(scanJob.maxFailedIndexes, undefined, 'every shard runs, whatever another one did');
    assert.equal(scanJob.template.spec.restartPolicy, 'Never', 'backoffLimitPerIndex requires Never');
  });

  it('the merge is retried only for a network failure', () => {
    const rules = z.array(rule).parse(mergeJob.podFailurePolicy.rules);
    assert.deepEqual(rules, [
      {
        action: 'FailJob',
        onExitCodes: { containerName: 'lambda-posture', operator: 'NotIn', values: [EXIT.network] },
      },
      IGNORE_DISRUPTION,
    ]);
    assert.ok((mergeJob.backoffLimit ?? 0) >= 1);
    assert.equal(mergeJob.template.spec.restartPolicy, 'Never');
  });

  it('both pods: the restricted profile, a read-only root, /tmp a size-limited tmpfs, /reports the RWX claim', () => {
    const pvc = named('PersistentVolumeClaim', 'lambda-posture-org-reports') as {
      metadata: { namespace: string };
      spec: { accessModes: string[]; storageClassName: string };
    };
    assert.deepEqual(pvc.spec.accessModes, ['ReadWriteMany'], 'N shards and the merge, on any nodes');
    named('StorageClass', pvc.spec.storageClassName);
    const seccomp = z.strictObject({ type: z.literal('RuntimeDefault') });
    for (const job of [scanJob, mergeJob]) {
      const pod = job.template.spec;
      const c = only(job);
      z.strictObject({
        runAsNonRoot: z.literal(true),
        runAsUser: z.literal(1000),
        runAsGroup: z.literal(1000),
        fsGroup: z.literal(1000),
        seccompProfile: seccomp,
      }).parse(pod.securityContext);
      z.strictObject({
        runAsNonRoot: z.literal(true),
        runAsUser: z.literal(1000),
        allowPrivilegeEscalation: z.literal(false),
        readOnlyRootFilesystem: z.literal(true),
        capabilities: z.strictObject({ drop: z.tuple([z.literal('ALL')]) }),
        seccompProfile: seccomp,
      }).parse(c.securityContext);
      const volumes = Object.fromEntries(pod.volumes.map((v) => [v.name, v]));
      const mounts = Object.fromEntries(c.volumeMounts.map((m) => [m.mountPath, m.name]));
      assert.deepEqual(Object.keys(mounts).sort(), ['/reports', '/tmp']);
      const tmp = volumes[mounts['/tmp'] ?? '']?.emptyDir;
      assert.equal(tmp?.medium, 'Memory', '/tmp is a tmpfs');
      // Its files count against the memory limit: the heap and /tmp fit under it, with room.
      const limit = mib(c.resources.limits.memory ?? '');
      assert.ok(heapOf(c) + mib(tmp?.sizeLimit ?? '') <= 0.85 * limit, `heap + /tmp under ${limit} MiB`);
      assert.equal(
        volumes[mounts['/reports'] ?? '']?.persistentVolumeClaim?.claimName,
        'lambda-posture-org-reports',
      );
      assert.equal(c.resources.limits.cpu, undefined, 'no CPU limit');
    }
    assert.equal(pvc.metadata.namespace, scanCron.metadata.namespace);
    const ns = named('Namespace', scanCron.metadata.namespace) as {
      metadata: { labels: Record<string, string> };
    };
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  });

  it('memory: each of the --account-concurrency accounts a shard scans at once fits its request', () => {
    const concurrency = Number(flagValue(scan.args, 'account-concurrency'));
    const request = mib(scan.resources.requests.memory ?? '');
    const limit = mib(scan.resources.limits.memory ?? '');
    // 773 MiB: the benchmark's 10,000-function scan at its peak (design notes 6).
    assert.ok(request >= concurrency * 773, `request ${request} MiB for ${concurrency} accounts`);
    assert.ok(limit >= 2 * request, `limit ${limit} MiB`);
  });

  it('two IRSA service accounts: the scan’s lists and assumes, the merge’s uploads; no API tokens', () => {
    for (const [job, name] of [
      [scanJob, 'lambda-posture-org-scan'],
      [mergeJob, 'lambda-posture-org-merge'],
    ] as const) {
      const sa = named('ServiceAccount', name) as {
        metadata: { namespace: string; annotations: Record<string, string> };
        automountServiceAccountToken: boolean;
      };
      assert.equal(job.template.spec.serviceAccountName, name);
      assert.equal(sa.metadata.namespace, scanCron.metadata.namespace);
      assert.match(
        sa.metadata.annotations['eks.amazonaws.com/role-arn'] ?? '',
        /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/,
      );
      assert.equal(sa.automountServiceAccountToken, false);
      assert.equal(job.template.spec.automountServiceAccountToken, false);
    }
    const roles = ['lambda-posture-org-scan', 'lambda-posture-org-merge'].map(
      (n) =>
        (named('ServiceAccount', n) as { metadata: { annotations: Record<string, string> } }).metadata
          .annotations['eks.amazonaws.com/role-arn'],
    );
    assert.notEqual(roles[0], roles[1], 'the merge does not get the scanner’s role');
    assert.match(text, /Pod Identity/, 'the alternative is described');
  });
});
