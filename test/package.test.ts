import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.js';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

describe('package', () => {
  it('pins every @aws-sdk client to one exact version, in package.json and in the lockfile', () => {
    // client-cloudtrail's newest published version is behind the others (3.1164.0 is not on the
    // registry): pinned exactly to the newest one, its @aws-sdk/core and @smithy dependencies are
    // caret ranges that dedupe onto the same runtime. Drop this exception when it catches up.
    const LAGGING: Record<string, string> = { '@aws-sdk/client-cloudtrail': '3.1137.0' };
    for (const [name, version] of Object.entries(LAGGING)) {
      assert.equal(pkg.dependencies[name], version, name);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
    }
    const clients = Object.entries<string>(pkg.dependencies).filter(
      ([n]) => n.startsWith('@aws-sdk/client-') && !(n in LAGGING),
    );
    assert.ok(clients.length >= 5);
    const versions = new Set(clients.map(([, v]) => v));
    assert.equal(versions.size, 1, `mixed versions: ${[...versions].join(', ')}`);
    const [version] = versions;
    assert.match(String(version), /^\d+\.\d+\.\d+$/);
    const installed = Object.entries<{ version: string }>(lock.packages)
      .filter(([path]) => /node_modules\/@aws-sdk\/client-[^/]+$/.test(path))
      .filter(([path]) => !(path.replace(/^.*node_modules\//, '') in LAGGING))
      .map(([path, p]) => `${path}@${p.version}`);
    assert.ok(
      installed.every((i) => i.endsWith(`@${version}`)),
      installed.join('\n'),
    );
  });

  it('is Apache-2.0, needs Node >= 20.19, and its bin points at the built CLI', () => {
    assert.equal(pkg.license, 'Apache-2.0');
    assert.equal(pkg.engines.node, '>=20.19');
    assert.equal(pkg.bin['lambda-posture'], 'bin/lambda-posture.mjs');
    assert.ok(
      readFileSync(join(root, 'bin', 'lambda-posture.mjs'), 'utf8').startsWith('#!/usr/bin/env node'),
    );
    for (const shipped of ['bin', 'dist/bundle']) assert.ok(pkg.files.includes(shipped), shipped);
  });

  it('ships a least-privilege policy made only of read actions', () => {
    const policy = JSON.parse(readFileSync(join(root, 'policy', 'lambda-posture-readonly.json'), 'utf8'));
    const actions: string[] = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    for (const a of actions) {
      // GenerateCredentialReport is classed Read by IAM: it only asks IAM to build the report;
      // cloudtrail:LookupEvents is classed Read by CloudTrail: it reads the event history.
      assert.match(
        a,
        /^(?:[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport$)|cloudtrail:LookupEvents$)/,
        a,
      );
      assert.ok(!a.includes('*'), `wildcard action ${a}`);
    }
  });
});
