/**
 * Bundles the CLI and its dependencies into one ESM file, dist/bundle/lambda-posture.mjs (with a
 * source map), for bin/lambda-posture.mjs. Runs after tsc in `npm run build`; the tests run on
 * tsc's per-file output and, end to end, on this bundle.
 *
 * `require` is provided because some dependencies (CommonJS parts of the AWS SDK and secretlint)
 * call it; the files read at run time are found from the bundle's place (dist/bundle/, two levels
 * below the package, as dist/src/ is).
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/bundle/lambda-posture.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __lambdaPostureRequire } from 'node:module'; const require = __lambdaPostureRequire(import.meta.url);",
  },
});
