#!/usr/bin/env node
// Entry point of the `kodo` binary (bundled into dist/kodo.js).
import { describeError } from '../core/errors.js';
import { mark } from '../core/timing.js';
import { redactSecrets } from '../db/redact.js';
import { main } from './main.js';

mark('cli: modules loaded');

main(process.argv).then(
  (code) => {
    // -1: a long-running command (the MCP server) keeps the process alive on its own.
    if (code >= 0) process.exitCode = code;
    mark('cli: done');
  },
  (e) => {
    process.stderr.write(`error: unexpected failure: ${redactSecrets(describeError(e))}\n`);
    process.exitCode = 2;
  },
);
