/**
 * Reads a CloudFormation YAML template as CloudFormation does: the short-form intrinsic tags
 * (`!Ref X`, `!GetAtt A.B`, `!Sub '...'`, `!If [c, a, b]` …) become their long forms
 * (`{ Ref: 'X' }`, `{ 'Fn::GetAtt': ['A', 'B'] }`, …), so a test can walk one plain JSON value.
 * An unknown tag is an error, not a string: a typo such as `!Reff` would deploy as nothing.
 */
import assert from 'node:assert/strict';
import { type CollectionTag, parseDocument, type ScalarTag, type Tags } from 'yaml';

/** Every intrinsic with a short form (CloudFormation's "Intrinsic function reference"). */
const INTRINSICS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'Transform',
] as const;

const longName = (fn: string): string => (fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`);

function cfnTags(): Tags {
  return INTRINSICS.flatMap((fn): (ScalarTag | CollectionTag)[] => {
    const key = longName(fn);
    const collection = (kind: 'seq' | 'map'): CollectionTag => ({
      tag: `!${fn}`,
      collection: kind,
      resolve: (node) => ({ [key]: node.toJSON() }),
    });
    const scalar: ScalarTag = {
      tag: `!${fn}`,
      // `!GetAtt Resource.Attribute`: the attribute may itself hold dots, the resource never does.
      resolve: (text) =>
        fn === 'GetAtt'
          ? { [key]: [text.slice(0, text.indexOf('.')), text.slice(text.indexOf('.') + 1)] }
          : { [key]: text },
    };
    return [scalar, collection('seq'), collection('map')];
  });
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The template as plain JSON. `version` 1.1 reads it the way a YAML 1.1 parser would (where `OFF`,
 * `yes` and `on` are booleans), to prove both readings agree.
 */
export function parseCfnYaml(text: string, version: '1.1' | '1.2' = '1.2'): Json {
  const doc = parseDocument(text, { customTags: cfnTags(), version, strict: true, uniqueKeys: true });
  // yaml only warns about a tag it cannot resolve; here that is a broken template.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  return doc.toJS() as Json;
}

export interface Template {
  Parameters?: Record<
    string,
    {
      Type: string;
      Default?: Json;
      AllowedValues?: Json[];
      AllowedPattern?: string;
      MinValue?: number;
      MaxValue?: number;
    }
  >;
  Conditions?: Record<string, Json>;
  Resources: Record<string, { Type: string; Condition?: string; Properties?: Record<string, Json> }>;
  Outputs?: Record<string, { Value: Json }>;
}

/** Every `{ Key: value }` object under `value` whose single key is `key`, depth first. */
export function findIntrinsics(value: Json, key: string): Json[] {
  const found: Json[] = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === key) found.push(v[key] as Json);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(value);
  return found;
}

/** The names a `Fn::Sub` string refers to: `${Name}` and `${Name.Attribute}`, not `${!Literal}`. */
export function subReferences(sub: Json): string[] {
  const text = Array.isArray(sub) ? sub[0] : sub;
  const vars = Array.isArray(sub) && sub[1] && typeof sub[1] === 'object' ? Object.keys(sub[1]) : [];
  if (typeof text !== 'string') return [];
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)]
    .map((m) => (m[1] ?? '').split('.')[0] ?? '')
    .filter((name) => !vars.includes(name));
}

/** What a deployment would see for these parameter values: conditions decided, parameters filled in. */
export interface Resolved {
  conditions: Record<string, boolean>;
  resources: Template['Resources'];
}

const NO_VALUE = Symbol('AWS::NoValue');
const PSEUDO: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'eu-west-1',
  'AWS::Partition': 'aws',
  'AWS::StackName': 'lambda-posture',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Evaluates the intrinsics whose result the parameters decide (`Ref` of a parameter or pseudo
 * parameter, `Fn::If`, `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Fn::Sub` over those) and
 * drops `AWS::NoValue` properties and list items, as CloudFormation does. A `Ref` or `Fn::GetAtt`
 * of a resource stays as it is (its value exists only once deployed), and so does a `Fn::Sub` that
 * names one. Resources whose Condition is false are left out.
 */
export function resolveTemplate(t: Template, given: Record<string, Json>): Resolved {
  const params: Record<string, Json> = {};
  for (const [name, p] of Object.entries(t.Parameters ?? {})) {
    const v = given[name] ?? p.Default;
    assert.ok(v !== undefined, `parameter ${name} has no default: give it a value`);
    params[name] = v;
  }
  for (const name of Object.keys(given)) assert.ok(name in params, `no parameter ${name}`);
  const conditions: Record<string, boolean> = {};
  const condition = (name: string): boolean => {
    if (!(name in conditions)) {
      const def = t.Conditions?.[name];
      assert.ok(def !== undefined, `no condition ${name}`);
      conditions[name] = truth(evaluate(def));
    }
    return conditions[name] as boolean;
  };
  const truth = (v: Json | typeof NO_VALUE): boolean => {
    assert.equal(typeof v, 'boolean', `a condition must evaluate to a boolean: ${JSON.stringify(v)}`);
    return v as boolean;
  };
  const scalar = (name: string): Json | undefined => (name in params ? params[name] : PSEUDO[name]);
  function evaluate(v: Json): Json | typeof NO_VALUE {
    if (Array.isArray(v)) return v.map(evaluate).filter((x): x is Json => x !== NO_VALUE);
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    const [key] = keys;
    const arg = v[key as string] as Json;
    if (keys.length === 1 && key === 'Ref' && typeof arg === 'string') {
      if (arg === 'AWS::NoValue') return NO_VALUE;
      return scalar(arg) ?? v;
    }
    if (keys.length === 1 && key === 'Condition' && typeof arg === 'string') return condition(arg);
    if (keys.length === 1 && key === 'Fn::If' && Array.isArray(arg)) {
      const [name, yes, no] = arg;
      assert.equal(typeof name, 'string', 'Fn::If names a condition');
      return evaluate((condition(name as string) ? yes : no) as Json);
    }
    if (keys.length === 1 && key === 'Fn::Equals' && Array.isArray(arg)) {
      const [a, b] = arg.map(evaluate);
      return JSON.stringify(a) === JSON.stringify(b);
    }
    if (keys.length === 1 && key === 'Fn::Not' && Array.isArray(arg)) return !truth(evaluate(arg[0] as Json));
    if (keys.length === 1 && key === 'Fn::And' && Array.isArray(arg))
      return arg.every((c) => truth(evaluate(c)));
    if (keys.length === 1 && key === 'Fn::Or' && Array.isArray(arg))
      return arg.some((c) => truth(evaluate(c)));
    if (keys.length === 1 && key === 'Fn::Sub' && typeof arg === 'string') {
      const names = subReferences(arg);
      if (names.every((n) => scalar(n) !== undefined && !arg.includes(`\${${n}.`)))
        return arg.replace(/\$\{([^!}][^}]*)\}/g, (_, n: string) => String(scalar(n)));
      return v;
    }
    const out: { [k: string]: Json } = {};
    for (const [k, child] of Object.entries(v)) {
      const r = evaluate(child);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }
  const resources: Template['Resources'] = {};
  for (const [name, r] of Object.entries(t.Resources)) {
    if (r.Condition !== undefined && !condition(r.Condition)) continue;
    resources[name] = evaluate(r as unknown as Json) as unknown as Template['Resources'][string];
  }
  return { conditions, resources };
}
