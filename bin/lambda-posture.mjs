#!/usr/bin/env node
// The installed command: one ESM bundle of the CLI with its dependencies (scripts/bundle.mjs),
// which starts ~0.4 s sooner than the per-file build because Node resolves and loads one file
// instead of ~700 (the AWS SDK's modules). Source maps are only needed for the stack traces that
// --debug prints, and enabling them costs start-up time, so only --debug turns them on.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import('../dist/bundle/lambda-posture.mjs');
