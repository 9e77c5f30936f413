/**
 * deploy/kubernetes/cronjob.yaml: every document validated against the Kubernetes API's own
 * schemas (kubernetes-models, generated from the OpenAPI spec), then what those schemas cannot say:
 * they allow unknown fields, so the security contexts are also matched exactly (a typo such as
 * `readOnlyRootFileSystem` would otherwise pass and leave the root writable); the exit-code policy
 * is derived from src/cli/failures.ts's EXIT, and the args from the Dockerfile's CMD.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { duration } from '../../src/cli/args.js';
import { EXIT } from '../../src/cli/failures.js';
import { assertKnownScanFlags, dockerfileCmd, flagValue, readRepoFile } from './sources.js';

const text = readRepoFile('deploy/kubernetes/cronjob.yaml');
const read = (version: '1.1' | '1.2') =>
  parseAllDocuments(text, { version, strict: true, uniqueKeys: true }).map((d) => {
    assert.deepEqual([...d.errors, ...d.warnings], []);
    return d.toJS() as Record<string, unknown>;
  });
const docs = read('1.2');
const ofKind = (kind: string) => {
  const found = docs.filter((d) => d.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0] as Record<string, unknown>;
};

/** The typed pieces these tests read (the schemas above have checked their shapes). */
interface Container {
  name: string;
  args: string[];
  env: { name: string; value: string }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: unknown;
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  restartPolicy: string;
  securityContext: unknown;
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown; persistentVolumeClaim?: { claimName: string } }[];
}
interface JobSpec {
  backoffLimit: number;
  activeDeadlineSeconds: number;
  podFailurePolicy: { rules: unknown[] };
  template: { spec: PodSpec };
}
const cronDoc = ofKind('CronJob');
const cron = cronDoc as unknown as { metadata: { namespace: string }; spec: Record<string, unknown> };
const job = (cron.spec.jobTemplate as { spec: JobSpec }).spec;
const pod = job.template.spec;
const main = pod.containers.find((c) => c.name === 'lambda-posture') as Container;

/** Mebibytes of a Kubernetes quantity (Mi, Gi). */
const mib = (q: string): number => {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  assert.ok(m, `quantity ${q}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};

describe('Kubernetes CronJob', () => {
  it('every document is valid against the Kubernetes API schema of its kind', () => {
    const models: Record<string, { validate(): void }> = {
      Namespace: new Namespace(ofKind('Namespace') as ConstructorParameters<typeof Namespace>[0]),
      ServiceAccount: new ServiceAccount(
        ofKind('ServiceAccount') as ConstructorParameters<typeof ServiceAccount>[0],
      ),
      PersistentVolumeClaim: new PersistentVolumeClaim(
        ofKind('PersistentVolumeClaim') as ConstructorParameters<typeof PersistentVolumeClaim>[0],
      ),
      CronJob: new CronJob(cronDoc as ConstructorParameters<typeof CronJob>[0]),
    };
    assert.deepEqual(docs.map((d) => d.kind).sort(), Object.keys(models).sort());
    for (const model of Object.values(models)) model.validate();
    // The validator does check: a wrong type fails it.
    const broken = structuredClone(cronDoc) as { spec: { jobTemplate: { spec: { backoffLimit: unknown } } } };
    broken.spec.jobTemplate.spec.backoffLimit = 'two';
    assert.throws(
      () => new CronJob(broken as ConstructorParameters<typeof CronJob>[0]).validate(),
      /backoffLimit/,
    );
  });

  it('reads the same as YAML 1.1 (kubectl) and 1.2', () => {
    assert.deepEqual(read('1.1'), docs);
  });

  it('fails the job at once on the exit codes a rerun cannot change, retries only the rest', () => {
    const RerunCannotFix = [
      EXIT.usage,
      EXIT.incomplete,
      EXIT.credentials,
      EXIT.output,
      EXIT.inventory,
      EXIT.internal,
    ];
    const rule = z.strictObject({
      action: z.enum(['FailJob', 'Ignore', 'Count']),
      onExitCodes: z
        .strictObject({
          containerName: z.literal('lambda-posture'),
          operator: z.literal('In'),
          values: z.array(z.number()),
        })
        .optional(),
      onPodConditions: z
        .array(z.strictObject({ type: z.string(), status: z.enum(['True', 'False', 'Unknown']) }))
        .optional(),
    });
    const rules = z.array(rule).parse(job.podFailurePolicy.rules);
    assert.deepEqual(rules, [
      {
        action: 'FailJob',
        onExitCodes: {
          containerName: 'lambda-posture',
          operator: 'In',
          values: [...RerunCannotFix].sort((a, b) => a - b),
        },
      },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ]);
    // Ignore on an exit code would not end the job: it starts a replacement pod without counting
    // it, i.e. a full scan again and again until the deadline. Only a disruption is ignored.
    assert.ok(rules.every((r) => r.action !== 'Ignore' || r.onExitCodes === undefined));
    // A network failure is worth a retry, within backoffLimit.
    assert.ok(!rules.some((r) => r.onExitCodes?.values.includes(EXIT.network)));
    assert.ok(job.backoffLimit >= 1 && job.backoffLimit <= 3, `backoffLimit ${job.backoffLimit}`);
    assert.equal(pod.restartPolicy, 'Never', 'podFailurePolicy requires restartPolicy Never');
  });

  it('never runs two scans at once, and the scan ends a little before the job deadline', () => {
    assert.equal(cron.spec.concurrencyPolicy, 'Forbid');
    const deadline = job.activeDeadlineSeconds * 1000;
    const timeout = duration('timeout', String(flagValue(main.args, 'timeout')));
    assert.ok(timeout < deadline, `--timeout ${timeout} ms is not shorter than the deadline ${deadline} ms`);
    assert.ok(deadline - timeout <= 15 * 60_000, 'and not by much more than it takes to write the reports');
    assert.match(String(cron.spec.schedule), /^\d+ \d+ \* \* \*$/, 'nightly');
  });

  it("runs the image's default command, then only flags the scan command knows", () => {
    const cmd = dockerfileCmd();
    assert.deepEqual(main.args.slice(0, cmd.length), cmd);
    assertKnownScanFlags(main.args, 'CronJob args');
    assert.equal(flagValue(main.args, 'log-format'), 'json');
    assert.ok(!('command' in main), "the ENTRYPOINT stays the image's");
  });

  it('the pod and container security contexts are exactly the restricted profile', () => {
    const seccomp = z.strictObject({ type: z.literal('RuntimeDefault') });
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
    }).parse(main.securityContext);
    assert.equal(pod.containers.length, 1, 'no sidecar or init container outside these contexts');
    assert.equal(
      (ofKind('Namespace') as { metadata: { labels: Record<string, string> } }).metadata.labels[
        'pod-security.kubernetes.io/enforce'
      ],
      'restricted',
    );
  });

  it('/tmp is an emptyDir and /reports the claim this file defines; nothing else is writable', () => {
    const volumes = Object.fromEntries(pod.volumes.map((v) => [v.name, v]));
    const mounts = Object.fromEntries(main.volumeMounts.map((m) => [m.mountPath, m.name]));
    assert.deepEqual(Object.keys(mounts).sort(), ['/reports', '/tmp']);
    assert.ok(volumes[mounts['/tmp'] ?? '']?.emptyDir, '/tmp is an emptyDir');
    const claim = volumes[mounts['/reports'] ?? '']?.persistentVolumeClaim?.claimName;
    const pvc = ofKind('PersistentVolumeClaim') as { metadata: { name: string; namespace: string } };
    assert.equal(claim, pvc.metadata.name);
    assert.equal(pvc.metadata.namespace, cron.metadata.namespace);
    assert.equal(flagValue(main.args, 'out'), '/reports');
    assert.match(
      String(flagValue(main.args, 'baseline-dir')),
      /^\/reports\//,
      'the baseline is on the volume too',
    );
  });

  it('runs as the IRSA-annotated service account, without a Kubernetes API token', () => {
    const sa = ofKind('ServiceAccount') as {
      metadata: { name: string; namespace: string; annotations: Record<string, string> };
      automountServiceAccountToken: boolean;
    };
    assert.equal(pod.serviceAccountName, sa.metadata.name);
    assert.equal(sa.metadata.namespace, cron.metadata.namespace);
    assert.match(
      sa.metadata.annotations['eks.amazonaws.com/role-arn'] ?? '',
      /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/,
    );
    assert.equal(sa.automountServiceAccountToken, false);
    assert.equal(
      (pod as unknown as { automountServiceAccountToken: boolean }).automountServiceAccountToken,
      false,
    );
  });

  it('memory: the request covers a 10,000-function scan, the limit leaves headroom, the heap fits under it', () => {
    const { requests, limits } = main.resources;
    const request = mib(requests.memory ?? '');
    const limit = mib(limits.memory ?? '');
    // Peak RSS of the benchmark's 10,000-function scan: 773 MiB before tuning, 418 MiB after
    // (design notes 6). The request covers the larger; the limit is at least twice it.
    assert.ok(request >= 773, `request ${request} MiB`);
    assert.ok(limit >= 2 * 773 && limit >= request, `limit ${limit} MiB`);
    const nodeOptions = main.env.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
    const heap = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    assert.ok(heap > 0 && heap <= limit * 0.8, `heap ${heap} MiB under a ${limit} MiB limit`);
    assert.equal(limits.cpu, undefined, 'no CPU limit (it would only throttle the evaluation)');
  });
});
