// A separate process running `up` (approving its plan), for the two-process concurrency test; prints the result.
import { up } from '../../src/apply/up.js';

const [root, db] = process.argv.slice(2);
const result = await up({ root: root!, db, env: {}, confirm: async () => true });
process.stdout.write(`${JSON.stringify({ applied: result.applied, failure: result.failure })}\n`);
