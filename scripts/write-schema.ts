/**
 * Writes reports/schema.json, the JSON Schema of report.json, from the zod schema in
 * src/report/schema.ts. `test/report/schema.test.ts` fails when the committed file is stale.
 *
 *   npx tsx scripts/write-schema.ts           # (re)write the file
 *   npx tsx scripts/write-schema.ts --check   # exit 1 if the file is missing or stale
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
import { reportJsonSchema } from '../src/report/schema.js';

export const SCHEMA_FILE = join('reports', 'schema.json');

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

export function schemaFileText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
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
  const path = join(repoRoot(), SCHEMA_FILE);
  if (args.includes('--check')) {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current !== null && isDeepStrictEqual(JSON.parse(current), reportJsonSchema())) return 0;
    process.stderr.write(
      `${SCHEMA_FILE} is ${current === null ? 'missing' : 'stale'}: run npx tsx scripts/write-schema.ts\n`,
    );
    return 1;
  }
  await writeFileAtomic(path, schemaFileText());
  formatWithBiome(path);
  process.stdout.write(`wrote ${path}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
