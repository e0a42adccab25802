// Database targets at their edges: a port pg cannot use, certificate "files" that are FIFOs or devices, and
// libpq's environment defaults, which the label must show because they decide where kodo really connects.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { makeFiles, tempDir } from '../helpers/temp.js';

const M = 'supabase/migrations';

describe('database targets at their edges', () => {
  it('refuses ports outside 1-65535 in one line (they used to exit 0 having done nothing)', async () => {
    const root = await makeFiles({ [`${M}/00001_a.sql`]: 'select 1;\n' });
    const runs = await Promise.all(
      [
        ['check', '--db', 'postgresql://u:pw@127.0.0.1:99999/postgres'],
        ['up', '--yes', '--db', 'host=127.0.0.1 port=65536 user=u password=pw dbname=x'],
        ['status', '--db', 'postgresql://u:pw@127.0.0.1:0/x'],
      ].map((args) => runKodo([...args, '--cwd', root])),
    );
    for (const run of runs) {
      expect([run.code, run.stdout, run.stderr]).toEqual([
        2,
        '',
        'error: The connection string in --db has a port outside 1-65535 (it is not shown, as it may contain a password).',
      ]);
    }
  });

  it('refuses a certificate that is a FIFO or a device instead of hanging on it', async () => {
    const root = await makeFiles({ [`${M}/00001_a.sql`]: 'select 1;\n' });
    const fifo = path.join(await tempDir(), 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    const url = (ca: string) => `postgresql://u:pw@127.0.0.1:5/x?sslmode=verify-full&sslrootcert=${ca}`;
    const [pipe, zero] = await Promise.all([
      runKodo(['status', '--db', url(fifo), '--cwd', root]),
      runKodo(['status', '--db', url('/dev/zero'), '--cwd', root]),
    ]);
    expect([pipe.code, pipe.stderr]).toEqual([
      2,
      `error: The sslrootcert file ${fifo} is a FIFO (named pipe), not a regular file; kodo reads only regular files, so replace or remove it.`,
    ]);
    expect([zero.code, zero.stderr]).toEqual([
      2,
      'error: The sslrootcert file /dev/zero is a device, not a regular file; kodo reads only regular files, so replace or remove it.',
    ]);
  });

  it('names the host, port, user and database that PGHOST, PGPORT, PGUSER and PGDATABASE filled in', async () => {
    const root = await makeFiles({ [`${M}/00001_a.sql`]: 'select 1;\n' });
    const run = await runKodo(['status', '--db', 'postgresql://', '--cwd', root], {
      env: { PGHOST: '127.0.0.1', PGPORT: '9', PGUSER: 'app', PGDATABASE: 'staging' },
    });
    expect([run.code, run.stderr]).toEqual([
      2,
      'error: Cannot connect to postgresql://app@127.0.0.1:9/staging (connection refused); is the server running?',
    ]);
  });
});
