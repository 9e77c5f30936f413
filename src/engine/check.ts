/**
 * The shape of a check: metadata beside a pure `evaluate` over the inventory (ESLint's rule
 * module, Trivy's typed state). A check never calls AWS, does no I/O and reads no clock: it gets
 * `ctx.now`, the scan time, so evaluating a saved inventory later gives the same answer.
 */
import { z } from 'zod';
import type { AwsErrorInfo, Inventory } from '../inventory/schema.js';

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const Practice = z.enum(['BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7']);
export type Practice = z.infer<typeof Practice>;
export const PRACTICE_TITLES: Record<Practice, string> = {
  BP1: 'Strong, unique access keys, rotated regularly; no root keys',
  BP2: 'Multi-factor authentication on root and every console identity',
  BP3: 'Version control of functions, and tight control of who may modify them',
  BP4: 'Regular review of functions for suspicious changes or code injection',
  BP5: 'Protection against DDoS and runaway invocation',
  BP6: 'Threat detection (GuardDuty, including Lambda Protection) in every region',
  BP7: 'AWS Lambda security best practices',
};

export const Threat = z.enum(['T1', 'T2', 'T3', 'T4', 'T5']);
export type Threat = z.infer<typeof Threat>;

export const Status = z.enum(['pass', 'fail', 'unknown']);
export type Status = z.infer<typeof Status>;

/** Metadata every check carries, validated by `registry.test.ts` and copied into reports. */
export const CheckMeta = z.object({
  id: z.string().regex(/^[a-z0-9]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be <folder>.<kebab-case file name>'),
  title: z
    .string()
    .min(10)
    .max(120)
    .refine((t) => !/^ensure\b/i.test(t), 'title states the finding, it does not start with "Ensure"'),
  service: z.enum(['lambda', 'iam', 'guardduty']),
  /** A CloudFormation type, or Security Hub's `AWS::::Account` for account-level settings. */
  resourceType: z.string().regex(/^AWS::(?:[A-Za-z0-9]+::[A-Za-z0-9]+|::Account)$/),
  severity: Severity,
  practice: Practice,
  threats: z.array(Threat).min(1),
  rationale: z.string().min(40).max(800),
  remediation: z.object({ text: z.string().min(10), cli: z.string().optional() }),
  references: z
    .array(z.url().startsWith('https://'))
    .min(1)
    .refine((r) => new Set(r).size === r.length, 'duplicate reference'),
  /** framework → control ids, never free text. Empty list: the framework has no such control. */
  frameworks: z.record(z.string(), z.array(z.string().regex(/^[A-Za-z0-9.\-[\]]+$/))),
});
export type CheckMeta = z.infer<typeof CheckMeta>;

/** What a result is about. `region` is null for account-wide resources (IAM). */
export interface ResourceRef {
  arn: string;
  name: string;
  region: string | null;
}

export type Evidence = Record<string, unknown>;

export interface Draft {
  status: Status;
  resource: ResourceRef;
  message: string;
  evidence: Evidence;
  /** For unknown results: the failed read that made the answer unknowable. */
  error?: AwsErrorInfo;
}

export interface CheckContext {
  /** The scan time: checks never read the clock. */
  now: Date;
  accountId: string;
  partition: string;
}

export interface Check extends CheckMeta {
  evaluate(inventory: Inventory, ctx: CheckContext): Iterable<Draft>;
}

/** Identity at type level: gives the literal its type and keeps each check file one expression. */
export function defineCheck(check: Check): Check {
  return check;
}

export const pass = (resource: ResourceRef, message: string, evidence: Evidence = {}): Draft => ({
  status: 'pass',
  resource,
  message,
  evidence,
});

export const fail = (resource: ResourceRef, message: string, evidence: Evidence = {}): Draft => ({
  status: 'fail',
  resource,
  message,
  evidence,
});

export const unknown = (
  resource: ResourceRef,
  message: string,
  error?: AwsErrorInfo,
  evidence: Evidence = {},
): Draft =>
  error
    ? { status: 'unknown', resource, message, evidence, error }
    : { status: 'unknown', resource, message, evidence };

/** A one-line description of a failed read, for unknown results' messages. */
export function describeError(error: AwsErrorInfo): string {
  return `${error.service}:${error.operation} failed (${error.class}${error.code ? `: ${error.code}` : ''})`;
}
