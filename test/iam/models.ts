/**
 * Builders for evaluator tests: a principal with policies given as plain statements, and a
 * question about a function. Kept small so each test reads as the policy it is about.
 */
import { iamCatalogue } from '../../src/data/iam-actions.js';
import { ask, type PathAnswer, type Question } from '../../src/iam/ask.js';
import type { MfaState } from '../../src/iam/context.js';
import type { PrincipalModel } from '../../src/iam/principals.js';
import { type CompiledStatement, compilePolicy } from '../../src/iam/statements.js';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';

export const ACCOUNT = '123456789012';
export const FN = (name: string, region = 'us-east-1') =>
  `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;

type RawStatement = Record<string, unknown>;

/** Normalizes raw statements the way the collector does (strings become lists, …). */
export function statements(
  raw: RawStatement[],
  kind: CompiledStatement['source']['kind'] = 'identity',
  name = 'p',
): CompiledStatement[] {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: raw });
  if (!parsed.parsed) throw new Error(`test policy does not parse: ${parsed.reason}`);
  return compilePolicy(parsed.document, { kind, name, arn: null });
}

export interface ModelOptions {
  kind?: 'user' | 'role';
  name?: string;
  identity?: RawStatement[][];
  boundary?: RawStatement[] | null;
  unreadable?: string[];
  paths?: MfaState[];
}

export function model(o: ModelOptions = {}): PrincipalModel {
  const kind = o.kind ?? 'user';
  const name = o.name ?? (kind === 'user' ? 'alice' : 'deployer');
  return {
    principal: {
      kind,
      name,
      arn: `arn:aws:iam::${ACCOUNT}:${kind}/${name}`,
      id: kind === 'user' ? 'AIDAEXAMPLEUSER00001' : 'AROAEXAMPLEROLE00001',
      accountId: ACCOUNT,
    },
    identity: (o.identity ?? []).flatMap((doc, i) => statements(doc, 'identity', `policy-${i + 1}`)),
    boundary:
      o.boundary === undefined || o.boundary === null ? null : statements(o.boundary, 'boundary', 'boundary'),
    unreadable: o.unreadable ?? [],
    groups: [],
    credentials: null,
    paths: o.paths ?? ['absent'],
  };
}

export function question(action: string, resource: string, over: Partial<Question> = {}): Question {
  return {
    action,
    resource,
    region: resource.split(':')[3] || 'us-east-1',
    resourceAccount: ACCOUNT,
    ...over,
  };
}

export function decide(m: PrincipalModel, q: Question): PathAnswer {
  return ask(m, q, iamCatalogue());
}

export type { PolicyStatement };
