// `kodo diff` against databases changed by hand: the embedded dev database (a hybrid project, so -f takes the
// workspace's range), the same diff the other way round (proven on a rebuild, as .kodo/db is never touched), and a
// real PostgreSQL server named by URL (read only).
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { copyExample, migrationFiles } from '../helpers/temp.js';

const HAND_CHANGE = `alter table public.messages add column pinned boolean not null default false;
create index messages_pinned on public.messages (channel_id) where pinned;`;

describe('kodo diff with the embedded dev database changed by hand', { timeout: 180_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await copyExample();
    const up = await runKodo(['up', '--cwd', root]);
    expect(up.code, up.stderr).toBe(0);
    const db = await openDatabase('embedded', { root });
    await db.exec(HAND_CHANGE);
    await db.close();
  });

  it('from the embedded database back to the migrations: the drop, proven on a rebuild, and named destructive', async () => {
    const back = await runKodoJson(['diff', '--from', 'embedded', '--to', 'migrations', '--cwd', root]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.json).toMatchObject({
      from: 'embedded (.kodo/db)',
      to: 'supabase/migrations (12 files)',
      verified: true,
      destructive: ['drops column public.messages.pinned and its values'],
      differences: [
        { object: 'public.messages.pinned', kind: 'column', change: 'removed', detail: '' },
        { object: 'public.messages_pinned', kind: 'index', change: 'removed', detail: '' },
      ],
    });
    expect(back.json['sql']).toContain(
      '-- DESTRUCTIVE: this migration removes data:\n--   drops column public.messages.pinned and its values',
    );
  });

  it('writes the hand change as the rust workspace next schema migration, which check applies', async () => {
    const run = await runKodoJson([
      'diff',
      '--to',
      'embedded',
      '-f',
      'pin_messages',
      '--workspace',
      'rust-realtime',
      '--cwd',
      root,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json['verified']).toBe(true);
    expect(run.json['path']).toBe(path.join(root, 'supabase/migrations/00302_rust_pin_messages.sql'));
    expect(run.json['sql']).toBe(
      '-- kodo diff: from supabase/migrations (12 files) to embedded (.kodo/db); verified on a throwaway database\n\n' +
        'alter table public.messages add column pinned boolean default false not null;\n' +
        'CREATE INDEX messages_pinned ON public.messages USING btree (channel_id) WHERE pinned;\n',
    );
    expect((await migrationFiles(root)).length).toBe(13);
    const check = await runKodo(['check', '--cwd', root]);
    expect(check.code, check.stdout).toBe(0);
    const again = await runKodoJson(['diff', '--to', 'embedded', '--cwd', root]);
    expect(again.json).toMatchObject({ differences: [], sql: '', verified: true });
  });
});

describe.skipIf(!serverAvailable)('kodo diff to a PostgreSQL server by URL', { timeout: 180_000 }, () => {
  let root: string;
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    root = await copyExample();
    scratch = await createScratchDatabase('kodo_diff_url');
    const up = await runKodo(['up', '--db', scratch.url, '--yes', '--cwd', root]);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('reads the server as it is: equal after up, then exactly the hand change, and never prints the password', async () => {
    const equal = await runKodoJson(['diff', '--to', scratch.url, '--cwd', root]);
    expect(equal.json['differences'], JSON.stringify(equal.json, null, 1)).toEqual([]);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    await client.query(HAND_CHANGE);
    await client.end();
    const changed = await runKodo(['diff', '--to', scratch.url, '--cwd', root]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toContain(
      'alter table public.messages add column pinned boolean default false not null;',
    );
    expect(changed.stdout + changed.stderr).not.toContain(`:${new URL(scratch.url).password}@`);
  });
});
