import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.js';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
/** Clients pinned behind the others' version, each to an exact one (design note 32). */
const LAGGING: Record<string, string> = {
  '@aws-sdk/client-accessanalyzer': '3.1080.0',
  '@aws-sdk/client-cloudtrail': '3.1137.0',
  '@aws-sdk/client-config-service': '3.1124.0',
};

describe('package', () => {
  it('pins every @aws-sdk client to one exact version, in package.json and in the lockfile', () => {
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
      .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), at: `${path}@${p.version}` }));
    assert.ok(
      installed.every((i) => i.at.endsWith(`@${LAGGING[i.name] ?? version}`)),
      installed.map((i) => i.at).join('\n'),
    );
  });

  // Design note 32: a client not published at the project's version is pinned, exactly, to its
  // newest published one; allowed only because it runs on the one installed runtime.
  it('pins each lagging client exactly, onto the one installed @aws-sdk/core and @smithy/core', () => {
    for (const [name, version] of Object.entries(LAGGING)) {
      assert.equal(pkg.dependencies[name], version, name);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
      const nested = Object.keys(lock.packages).filter((p) =>
        p.startsWith(`node_modules/${name}/node_modules/`),
      );
      assert.deepEqual(nested, [], `${name} brings its own dependencies`);
    }
    for (const runtime of ['@aws-sdk/core', '@smithy/core']) {
      const copies = Object.keys(lock.packages).filter((p) => p.endsWith(`node_modules/${runtime}`));
      assert.deepEqual(copies, [`node_modules/${runtime}`], `more than one ${runtime} installed`);
    }
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
      // cloudtrail:LookupEvents is classed Read by CloudTrail: it reads the event history;
      // config:BatchGetResourceConfig is classed Read by AWS Config: it returns configuration items.
      assert.match(
        a,
        /^(?:[a-z0-9-]+:(Get|List|Describe|GenerateCredentialReport$)|cloudtrail:LookupEvents$|config:BatchGetResourceConfig$)/,
        a,
      );
      assert.ok(!a.includes('*'), `wildcard action ${a}`);
    }
  });
});
