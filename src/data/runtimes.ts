/**
 * The AWS Lambda runtime schedule (data/lambda-runtimes.json): for each runtime identifier, the
 * dates AWS publishes for deprecation, the end of function creation and the end of function
 * updates. AWS moves these dates several times a year, so they live in a dated data file, not in
 * code; `retrievedAt` says how old the copy is and reports show it.
 */
import { z } from 'zod';
import runtimeData from '../../data/lambda-runtimes.json' with { type: 'json' };

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

/** The "Operating system" column of the runtimes page: the Amazon Linux release a runtime runs on. */
export const OperatingSystem = z.enum(['Amazon Linux', 'Amazon Linux 2', 'Amazon Linux 2023']);
export type OperatingSystem = z.infer<typeof OperatingSystem>;

export const RuntimeTable = z
  .object({
    source: z.url().startsWith('https://docs.aws.amazon.com/'),
    retrievedAt: isoDay,
    notes: z.string().optional(),
    /** Each Amazon Linux release's end of support, with the page it was read from. */
    operatingSystems: z
      .array(
        z.object({ name: OperatingSystem, endOfSupport: isoDay, source: z.url().startsWith('https://') }),
      )
      .refine((l) => new Set(l.map((o) => o.name)).size === l.length, 'duplicate operating system'),
    runtimes: z
      .array(
        z.object({
          identifier: z.string().min(1),
          name: z.string().min(1),
          os: OperatingSystem,
          containerOnly: z.boolean().optional(),
          deprecation: isoDay,
          blockFunctionCreate: isoDay.nullable(),
          blockFunctionUpdate: isoDay.nullable(),
        }),
      )
      .min(1),
  })
  .refine(
    (t) => new Set(t.runtimes.map((r) => r.identifier)).size === t.runtimes.length,
    'duplicate runtime identifier',
  )
  .refine(
    (t) => t.runtimes.every((r) => t.operatingSystems.some((o) => o.name === r.os)),
    'a runtime names an operating system without an end-of-support entry',
  );
export type RuntimeTable = z.infer<typeof RuntimeTable>;
export type RuntimeEntry = RuntimeTable['runtimes'][number];
export type OsEntry = RuntimeTable['operatingSystems'][number];

interface LoadedTable {
  data: RuntimeTable;
  byId: Map<string, RuntimeEntry>;
  /** Every runtime's operating system has an entry (the schema refuses a table without one). */
  os: Map<OperatingSystem, OsEntry>;
}

let table: LoadedTable | undefined;

/**
 * The runtime table, validated on first use (not at import: a broken data file turns the results
 * of the checks that use it into unknowns instead of stopping the whole registry from loading).
 */
export function runtimeTable(): LoadedTable {
  if (!table) {
    const data = RuntimeTable.parse(runtimeData);
    table = {
      data,
      byId: new Map(data.runtimes.map((r) => [r.identifier, r])),
      os: new Map(data.operatingSystems.map((o) => [o.name, o])),
    };
  }
  return table;
}

/** Midnight UTC of a `YYYY-MM-DD` day, in milliseconds: the dates AWS publishes are UTC days. */
export function utcDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
