// Item 11 of issue 8: `kodo up` waits politely. A migration blocked behind another session's lock fails after
// apply.lockTimeout (default 5 s) with the lock's holder named, instead of queueing every other query behind it;
// nothing of the file stays, not even its history row. A bad apply.lockTimeout is one error naming its JSON path.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const MIGRATION = {
  'supabase/migrations/20240101000000_alter.sql': 'alter table busy add column note text;\n',
};

describe('apply.lockTimeout in .kodo/config.json', () => {
  it('is validated, naming the JSON path', async () => {
    for (const bad of ['5 seconds', '10', '-1s', '99999999min']) {
      const root = await makeFiles({
        ...MIGRATION,
        '.kodo/config.json': JSON.stringify({ apply: { lockTimeout: bad } }),
      });
      const run = await runKodo(['up', '--db', 'memory'], { cwd: root });
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toBe(
        'error: .kodo/config.json is invalid: apply.lockTimeout: expected a duration like "5s", "500ms" or "1min" (at most 24 days; "0" waits forever).',
      );
    }
  });
});

describe.skipIf(!serverAvailable)('a migration blocked by another session on the server', () => {
  let scratch: ScratchDatabase;
  let holder: pg.Client;
  beforeAll(async () => {
    scratch = await createScratchDatabase('kodo_locktimeout');
    holder = new pg.Client({ connectionString: scratch.url });
    await holder.connect();
    await holder.query('create table busy (id int)');
  });
  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    await scratch?.drop();
  });

  it('fails after the lock timeout, names the holder and leaves nothing', async () => {
    const root = await makeFiles({
      ...MIGRATION,
      '.kodo/config.json': JSON.stringify({ apply: { lockTimeout: '1500ms' } }),
    });
    // Install the shim first, so the timed run below only waits for the lock.
    await runKodo(['up', '--db', scratch.url, '--yes', '--dry-run'], { cwd: root });
    await holder.query('begin');
    await holder.query('lock table busy in access exclusive mode');
    const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const started = Date.now();
    const run = await runKodo(['up', '--db', scratch.url, '--yes'], { cwd: root });
    const seconds = (Date.now() - started) / 1000;
    await holder.query('rollback');

    expect(run.code).toBe(1);
    expect(seconds).toBeLessThan(5);
    expect(run.stdout).toContain(
      [
        'supabase/migrations/20240101000000_alter.sql:1:1: migration failed at statement 1',
        'ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `DETAIL: kodo waited 1\\.5 s \\(apply\\.lockTimeout in \\.kodo/config\\.json\\) for a lock on public\\.busy: pid ${pid} holds AccessExclusiveLock on it \\(postgres, idle in transaction, for \\d+ s; last query: select pg_backend_pid\\(\\) as pid\\)\\.\n`,
      ),
    );
    expect(run.stdout).toContain(
      `HINT: Let that session finish, or end it (select pg_terminate_backend(${pid})), then run kodo up again.`,
    );
    const check = new pg.Client({ connectionString: scratch.url });
    await check.connect();
    try {
      const history = await check.query('select version from supabase_migrations.schema_migrations');
      expect(history.rows).toEqual([]);
      const columns = await check.query(
        "select column_name from information_schema.columns where table_name = 'busy' order by 1",
      );
      expect(columns.rows).toEqual([{ column_name: 'id' }]);
    } finally {
      await check.end();
    }
  });

  it('defaults to 5 s', async () => {
    const root = await makeFiles(MIGRATION);
    await holder.query('begin');
    await holder.query('lock table busy in share mode');
    const started = Date.now();
    const run = await runKodoJson<{ failure: { sqlstate: string; detail: string } }>(
      ['up', '--db', scratch.url, '--yes'],
      { cwd: root },
    );
    const seconds = (Date.now() - started) / 1000;
    await holder.query('rollback');
    expect(run.code).toBe(1);
    expect(run.json.failure.sqlstate).toBe('55P03');
    expect(run.json.failure.detail).toMatch(
      /^kodo waited 5 s .* for a lock on public\.busy: pid \d+ holds ShareLock on it/,
    );
    expect(seconds).toBeGreaterThan(4.9);
    expect(seconds).toBeLessThan(9);
  });
});
