/**
 * Writes reports/schema.json, the JSON Schema of report.json, from the zod schema in
 * src/report/schema.ts, and reports/rollup-schema.json, that of the organization roll-up
 * (rollup.json), from src/report/rollup/schema.ts. `test/report/schema.test.ts` and
 * `test/report/rollup/schema.test.ts` fail when a committed file is stale.
 *
 *   npx tsx scripts/write-schema.ts           # (re)write the files
 *   npx tsx scripts/write-schema.ts --check   # exit 1 if a file is missing or stale
 *
 * Works from the sources (tsx) and from the build (node dist/scripts/write-schema.js).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { rollupJsonSchema } from '../src/report/rollup/schema.js';
import { reportJsonSchema } from '../src/report/schema.js';

export const SCHEMA_FILE = join('reports', 'schema.json');
export const ROLLUP_SCHEMA_FILE = join('reports', 'rollup-schema.json');

/** Each committed schema file and the schema it holds. */
const FILES: readonly { file: string; schema: () => Record<string, unknown> }[] = [
  { file: SCHEMA_FILE, schema: reportJsonSchema },
  { file: ROLLUP_SCHEMA_FILE, schema: rollupJsonSchema },
];

/** The repository root: the nearest folder above this script holding a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('write-schema: cannot find the repository root (no package.json above)');
    dir = up;
  }
  return dir;
}

export function schemaFileText(schema: () => Record<string, unknown> = reportJsonSchema): string {
  return `${JSON.stringify(schema(), null, 2)}\n`;
}

/** Lays the file out the way `biome check` (npm run lint) expects; the content is unchanged. */
function formatWithBiome(path: string): void {
  const biome = join(
    repoRoot(),
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'biome.cmd' : 'biome',
  );
  if (!existsSync(biome)) {
    process.stderr.write('write-schema: biome not installed; the file is written but not formatted\n');
    return;
  }
  execFileSync(biome, ['format', '--write', path], { stdio: 'pipe' });
}

async function main(args: string[]): Promise<number> {
  const root = repoRoot();
  if (args.includes('--check')) {
    let stale = 0;
    for (const { file, schema } of FILES) {
      const current = await readFile(join(root, file), 'utf8').catch(() => null);
      if (current !== null && isDeepStrictEqual(JSON.parse(current), schema())) continue;
      process.stderr.write(
        `${file} is ${current === null ? 'missing' : 'stale'}: run npx tsx scripts/write-schema.ts\n`,
      );
      stale += 1;
    }
    return stale === 0 ? 0 : 1;
  }
  for (const { file, schema } of FILES) {
    const path = join(root, file);
    await writeFileAtomic(path, schemaFileText(schema));
    formatWithBiome(path);
    process.stdout.write(`wrote ${path}\n`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
