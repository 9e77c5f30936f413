/**
 * JSON.stringify, in pieces. A report of a large account (100,000 functions → ~900,000 results)
 * is larger than the longest string V8 can build (~512 MiB), so `JSON.stringify(report)` throws
 * `RangeError: Invalid string length`. This yields the very same text in chunks, one array element
 * at a time, for the writer to stream to disk.
 *
 * Containers are walked down to array elements; each element is stringified whole (a result, a
 * function: small), so the generator runs once per element, not once per value.
 */
export function* jsonChunks(value: unknown, indent = 2): Generator<string> {
  yield* chunk(value, indent > 0 ? ' '.repeat(indent) : '', '');
}

function* chunk(value: unknown, unit: string, pad: string): Generator<string> {
  const inner = pad + unit;
  const nl = unit ? '\n' : '';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield `[${nl}`;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      yield `${i > 0 ? `,${nl}` : ''}${inner}`;
      if (Array.isArray(item)) yield* chunk(item, unit, inner);
      else yield stringifyAt(item === undefined || typeof item === 'function' ? null : item, unit, inner);
    }
    yield `${nl}${pad}]`;
    return;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    yield `{${nl}`;
    for (let i = 0; i < entries.length; i++) {
      const [key, v] = entries[i] as [string, unknown];
      yield `${i > 0 ? `,${nl}` : ''}${inner}${JSON.stringify(key)}:${unit ? ' ' : ''}`;
      yield* chunk(v, unit, inner);
    }
    yield `${nl}${pad}}`;
    return;
  }
  yield stringifyAt(value, unit, pad);
}

/** JSON.stringify of a nested value, re-indented to sit at `pad`. */
function stringifyAt(value: unknown, unit: string, pad: string): string {
  const text = JSON.stringify(value, null, unit) ?? 'null';
  return unit && pad ? text.replaceAll('\n', `\n${pad}`) : text;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  if (typeof (x as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
