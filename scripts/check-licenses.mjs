#!/usr/bin/env node
// Fails when any installed runtime dependency (the production tree, transitively) is not under a
// permissive licence. Copyleft (GPL, AGPL, LGPL, SSPL, EUPL, …) or an unknown licence fails.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Python-2.0',
]);
const tree = JSON.parse(
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }),
);
const seen = new Map();
(function walk(node) {
  for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
    const key = `${name}@${dep.version}`;
    if (seen.has(key) || !dep.path) continue;
    const pkg = JSON.parse(readFileSync(join(dep.path, 'package.json'), 'utf8'));
    const licence =
      typeof pkg.license === 'string'
        ? pkg.license
        : (pkg.license?.type ?? pkg.licenses?.[0]?.type ?? 'UNKNOWN');
    seen.set(key, licence);
    walk(dep);
  }
})(tree);

// An SPDX expression passes when each OR-branch… at least one branch is entirely permissive.
const ok = (expr) =>
  expr
    .replace(/[()]/g, ' ')
    .split(/\s+OR\s+/)
    .some((branch) => branch.split(/\s+AND\s+/).every((id) => PERMISSIVE.has(id.trim())));

const bad = [...seen].filter(([, licence]) => !ok(licence));
console.log(`${seen.size} runtime packages checked`);
for (const [pkg, licence] of bad) console.error(`not permissive: ${pkg} (${licence})`);
const own = JSON.parse(readFileSync('package.json', 'utf8')).license;
if (own !== 'Apache-2.0') {
  console.error(`package.json licence is ${own}, expected Apache-2.0`);
  process.exit(1);
}
process.exit(bad.length === 0 ? 0 : 1);
