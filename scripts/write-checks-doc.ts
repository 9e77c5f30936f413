/**
 * Writes docs/checks.md from the checks' metadata (src/report/checks-doc.ts).
 * `test/report/checks-doc.test.ts` fails when the committed file is stale.
 *
 *   npm run docs                              # (re)write the file
 *   npx tsx scripts/write-checks-doc.ts       # the same, from the sources
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../checks/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { checksMarkdown } from '../src/report/checks-doc.js';

export const CHECKS_DOC = join('docs', 'checks.md');

/** The repository root: the nearest folder above this script holding a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir)
      throw new Error('write-checks-doc: cannot find the repository root (no package.json above)');
    dir = up;
  }
  return dir;
}

const target = join(repoRoot(), CHECKS_DOC);
await writeFileAtomic(target, checksMarkdown(CHECKS));
process.stdout.write(`wrote ${CHECKS_DOC} (${CHECKS.length} checks)\n`);
