/**
 * The Dockerfile read as a builder reads it, for tests on a machine without a Docker engine: its
 * stages, each stage's instructions, and the build context as .dockerignore leaves it (Docker's
 * own matching rules, @balena/dockerignore).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

// A CommonJS package whose types declare an ES default export: required, so both agree.
const dockerignore = createRequire(import.meta.url)(
  '@balena/dockerignore',
) as typeof import('@balena/dockerignore').default;

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** The name after AS; null for an unnamed stage (the runtime stage here). */
  name: string | null;
  from: string;
  instructions: Instruction[];
}

const root = repoRoot();

export function dockerfileText(): string {
  return readFileSync(join(root, 'Dockerfile'), 'utf8');
}

/** Instructions by stage, comments and blank lines dropped, continuation lines joined. */
export function stages(text = dockerfileText()): Stage[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      out.push({ name: m?.[2] ?? null, from: m?.[1] ?? args, instructions: [] });
    } else {
      out.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return out;
}

export interface Copy {
  /** The stage copied from (--from=NAME), or null for the build context. */
  from: string | null;
  sources: string[];
  dest: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const parts = i.args.split(/\s+/);
      const flags = parts.filter((p) => p.startsWith('--'));
      const paths = parts.filter((p) => !p.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
    });
}

/** The exec-form array of the stage's last `keyword` (ENTRYPOINT, CMD). */
export function execForm(stage: Stage, keyword: string): string[] {
  const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  if (!found) throw new Error(`no ${keyword} in the stage`);
  return JSON.parse(found.args) as string[];
}

/** What a container of the image runs when given no arguments: the runtime stage's ENTRYPOINT and CMD. */
export function imageCommand(): { entrypoint: string[]; cmd: string[] } {
  const runtime = stages().at(-1);
  if (!runtime) throw new Error('the Dockerfile has no stage');
  return { entrypoint: execForm(runtime, 'ENTRYPOINT'), cmd: execForm(runtime, 'CMD') };
}

/** Whether .dockerignore keeps `path` (relative to the repository) out of the build context. */
export function ignoredByContext(): (path: string) => boolean {
  const rules = dockerignore({ ignorecase: false }).add(readFileSync(join(root, '.dockerignore'), 'utf8'));
  return (path) => rules.ignores(path);
}
