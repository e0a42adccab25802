#!/usr/bin/env node
// Entry point of the `kodo` binary (bundled into dist/kodo.js).
import { describeError } from '../core/errors.js';
import { mark } from '../core/timing.js';
import { redactSecrets } from '../db/redact.js';
import { main } from './main.js';

mark('cli: modules loaded');

// stdout carries one JSON document (--json) or the MCP protocol, and kodo writes to it only through
// process.stdout: what WASM modules print through console (libpg-query's out-of-memory report) goes to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

// A run whose work never settles (a socket that neither connects nor fails) would otherwise end with exit 0 and no
// output when the event loop empties, which CI reads as success.
let settled = false;
process.once('exit', (code) => {
  if (settled || code !== 0) return;
  process.stderr.write(
    'error: kodo stopped before finishing (internal error: nothing was left to wait for); please report it.\n',
  );
  process.exitCode = 2;
});

main(process.argv).then(
  (code) => {
    settled = true;
    // -1: a long-running command (the MCP server) keeps the process alive on its own.
    if (code >= 0) process.exitCode = code;
    mark('cli: done');
  },
  (e) => {
    settled = true;
    process.stderr.write(`error: unexpected failure: ${redactSecrets(describeError(e))}\n`);
    process.exitCode = 2;
  },
);
