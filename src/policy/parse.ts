/**
 * Parsing and normalizing IAM and resource-based policy documents. AWS allows many spellings of
 * the same thing (a single statement object or a list, a string or a list of actions, Principal
 * "*" or {"AWS": "*"}, URL-encoded documents from IAM); checks should see one shape only.
 * Malformed input never throws: it becomes `{ parsed: false, reason }`, which checks report as
 * unknown, not pass.
 */
import type { ParsedPolicy, PolicyDocument, PolicyStatement } from '../inventory/schema.js';

const LIST_FIELDS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

export function parsePolicy(input: unknown): ParsedPolicy {
  let raw: unknown = input;
  if (typeof raw === 'string') {
    const text = decodeIfUrlEncoded(raw);
    try {
      raw = JSON.parse(text);
    } catch {
      return { parsed: false, reason: 'the policy is not valid JSON' };
    }
  }
  try {
    return { parsed: true, document: normalizeDocument(raw) };
  } catch (err) {
    return {
      parsed: false,
      reason: err instanceof PolicyShapeError ? err.message : 'the policy has an unexpected shape',
    };
  }
}

class PolicyShapeError extends Error {}

/** IAM returns documents URL-encoded (RFC 3986); Lambda's GetPolicy returns plain JSON. */
function decodeIfUrlEncoded(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function normalizeDocument(raw: unknown): PolicyDocument {
  if (!isObject(raw)) throw new PolicyShapeError('the policy is not a JSON object');
  const statements = raw.Statement;
  if (statements === undefined) throw new PolicyShapeError('the policy has no Statement');
  const list = Array.isArray(statements) ? statements : [statements];
  const doc: PolicyDocument = { Statement: list.map((s, i) => normalizeStatement(s, i)) };
  if (typeof raw.Version === 'string') doc.Version = raw.Version;
  if (typeof raw.Id === 'string') doc.Id = raw.Id;
  return doc;
}

function normalizeStatement(raw: unknown, index: number): PolicyStatement {
  if (!isObject(raw)) throw new PolicyShapeError(`statement ${index} is not an object`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny')
    throw new PolicyShapeError(`statement ${index} has no valid Effect`);
  const out: PolicyStatement = { Effect: effect };
  if (raw.Sid !== undefined) out.Sid = String(raw.Sid);
  for (const field of LIST_FIELDS) {
    if (raw[field] !== undefined) out[field] = stringList(raw[field], `statement ${index} ${field}`);
  }
  if (raw.Principal !== undefined) out.Principal = principal(raw.Principal, index, 'Principal');
  if (raw.NotPrincipal !== undefined) out.NotPrincipal = principal(raw.NotPrincipal, index, 'NotPrincipal');
  if (raw.Condition !== undefined) out.Condition = condition(raw.Condition, index);
  return out;
}

/** "*" → { AWS: ["*"] }; every value becomes a list of strings. */
function principal(raw: unknown, index: number, field: string): Record<string, string[]> {
  if (raw === '*') return { AWS: ['*'] };
  if (!isObject(raw)) throw new PolicyShapeError(`statement ${index} ${field} is neither "*" nor an object`);
  // fromEntries defines own properties, so a hostile "__proto__" key stays data.
  return Object.fromEntries(
    Object.entries(raw).map(([type, value]) => [
      type,
      stringList(value, `statement ${index} ${field}.${type}`),
    ]),
  );
}

function condition(raw: unknown, index: number): Record<string, Record<string, string[]>> {
  if (!isObject(raw)) throw new PolicyShapeError(`statement ${index} Condition is not an object`);
  return Object.fromEntries(
    Object.entries(raw).map(([operator, block]) => {
      if (!isObject(block))
        throw new PolicyShapeError(`statement ${index} Condition ${operator} is not an object`);
      const keys = Object.entries(block).map(([key, value]) => [
        key,
        stringList(value, `statement ${index} Condition ${operator}`),
      ]);
      return [operator, Object.fromEntries(keys)];
    }),
  );
}

/** Strings, numbers and booleans become strings (IAM compares condition values as text). */
function stringList(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicyShapeError(`${where} holds a value that is not a string`);
  });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
