/**
 * The shape of a check: metadata beside a pure `evaluate` over the account view (ESLint's rule
 * module, Trivy's typed state). A check never calls AWS, does no I/O and reads no clock: it gets
 * `ctx.now`, the scan time, so evaluating a saved inventory later gives the same answer. It
 * declares the reads it needs (`reads`), and a scan collects only the union for its checks.
 */
import { z } from 'zod';
import { DATA_FILE_IDS, type DataFileId } from '../data/index.js';
import { type ReadId, ReadIdSchema } from '../inventory/reads.js';
import type { AccountView } from '../view/account-view.js';
import type { Draft } from '../view/verdict.js';
import { type FrameworkMappings, FrameworkMappingsSchema } from './frameworks.js';

export type { Draft, Evidence, ResourceRef } from '../view/verdict.js';
export { Status } from '../view/verdict.js';

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

export const CHECK_ID = /^[a-z0-9]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Metadata every check carries, validated by `registry.test.ts` and copied into reports. */
export const CheckMeta = z.object({
  id: z.string().regex(CHECK_ID, 'id must be <folder>.<kebab-case file name>'),
  /** Former ids: a renamed check still matches old suppressions, baselines and --checks. */
  aliases: z
    .array(z.string().regex(CHECK_ID))
    .refine((a) => new Set(a).size === a.length, 'duplicate alias')
    .optional(),
  title: z
    .string()
    .min(10)
    .max(120)
    .refine((t) => !/^ensure\b/i.test(t), 'title states the finding, it does not start with "Ensure"'),
  service: z.enum(['lambda', 'iam', 'guardduty', 'account']),
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
  /** framework → control ids, never free text; every known framework, empty when it has no such control. */
  frameworks: FrameworkMappingsSchema,
  /** What the check reads: collection plans its calls from the union over the selected checks. */
  reads: z
    .array(ReadIdSchema)
    .min(1)
    .refine((r) => new Set(r).size === r.length, 'duplicate read'),
  /** The dated data files the check judges by; reports show their age. */
  data: z.array(z.enum(DATA_FILE_IDS)).optional(),
});
export type CheckMeta = z.infer<typeof CheckMeta>;

export interface CheckContext {
  /** The scan time: checks never read the clock. */
  now: Date;
}

export interface Check
  extends Omit<CheckMeta, 'frameworks' | 'reads' | 'data' | 'aliases' | 'threats' | 'references'> {
  readonly aliases?: readonly string[];
  readonly threats: readonly Threat[];
  readonly references: readonly string[];
  readonly frameworks: FrameworkMappings;
  readonly reads: readonly ReadId[];
  readonly data?: readonly DataFileId[];
  /** One draft per resource the check concerns (and one per unreadable or empty scope). */
  evaluate(view: AccountView, ctx: CheckContext): Iterable<Draft>;
}

/** Identity at type level: gives the literal its type and keeps each check file one expression. */
export function defineCheck(check: Check): Check {
  return check;
}

/** The metadata of a check, without `evaluate` (or anything else a check object may carry). */
export function metaOf(check: Check): CheckMeta {
  const meta: CheckMeta = {
    id: check.id,
    title: check.title,
    service: check.service,
    resourceType: check.resourceType,
    severity: check.severity,
    practice: check.practice,
    threats: [...check.threats],
    rationale: check.rationale,
    remediation: { ...check.remediation },
    references: [...check.references],
    frameworks: Object.fromEntries(
      Object.entries(check.frameworks).map(([k, v]) => [k, [...v]]),
    ) as CheckMeta['frameworks'],
    reads: [...check.reads],
  };
  if (check.aliases && check.aliases.length > 0) meta.aliases = [...check.aliases];
  if (check.data && check.data.length > 0) meta.data = [...check.data];
  return meta;
}
