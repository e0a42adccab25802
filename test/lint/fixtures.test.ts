// Real-world style migration folders lint without crashing, with the findings a reviewer would agree with.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';

function folder(dir: string) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ path: `supabase/migrations/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

describe('real-world style fixtures', () => {
  it('pg_dump baseline, DO block, long PL/pgSQL, CONCURRENTLY alone, ADD VALUE, explicit begin/commit', async () => {
    const run = await lint(folder(path.join(import.meta.dirname, 'fixtures/real-world')));
    const found = run.findings.map(
      (f) => `${f.file.replace('supabase/migrations/', '')}:${f.line}:${f.column} ${f.severity} ${f.rule}`,
    );
    expect(found).toEqual([
      // orders → profiles: deleting a user cascades to profiles, then fails on their orders.
      '20240101000000_remote_schema.sql:92:9 warning foreign-key-missing-on-delete',
      // profiles: select and update only (rows come from the auth trigger); orders: select only.
      '20240101000000_remote_schema.sql:100:1 info rls-missing-command-policy',
      '20240101000000_remote_schema.sql:102:1 info rls-missing-command-policy',
      // The Supabase CLI already wraps the file in a transaction.
      '20240106000000_order_notes.sql:1:1 warning transaction-nesting',
      // author_id is not indexed (order_id is).
      '20240106000000_order_notes.sql:6:18 warning unindexed-foreign-keys',
      '20240106000000_order_notes.sql:14:1 info rls-missing-command-policy',
    ]);
    expect(run.summary).toMatchObject({ files: 6, errors: 0 });
  });

  it('a `supabase db diff` folder: quoted names, PRIMARY KEY USING INDEX, NOT VALID then VALIDATE, grants', async () => {
    const run = await lint(folder(path.join(import.meta.dirname, 'fixtures/db-diff')));
    const found = run.findings.map(
      (f) => `${f.file.replace('supabase/migrations/', '')}:${f.line}:${f.column} ${f.severity} ${f.rule}`,
    );
    expect(found).toEqual([
      // The seed's checklist: a comment on every table, and created_at/updated_at.
      '20240301000000_remote_diff.sql:1:1 info require-table-comment',
      '20240301000000_remote_diff.sql:1:1 info require-timestamps',
      // Deleting a user fails while they have todos.
      '20240301000000_remote_diff.sql:20:34 warning foreign-key-missing-on-delete',
      // auth.uid() unwrapped: evaluated once per row in each of the four policies.
      '20240301000000_remote_diff.sql:42:14 warning auth-rls-initplan',
      '20240301000000_remote_diff.sql:50:9 warning auth-rls-initplan',
      '20240301000000_remote_diff.sql:58:9 warning auth-rls-initplan',
      '20240301000000_remote_diff.sql:66:9 warning auth-rls-initplan',
      '20240302000000_add_priority.sql:1:52 info prefer-bigint-over-smallint',
      // On an existing table: a full scan under ACCESS EXCLUSIVE, and an index build that blocks writes.
      '20240302000000_add_priority.sql:2:1 warning adding-not-nullable-field',
      '20240302000000_add_priority.sql:3:35 warning require-concurrent-index-creation',
    ]);
    // The table is new in the first file: its NOT VALID constraints, index and identity are not lock findings,
    // and user_id's index in the second file satisfies unindexed-foreign-keys.
    expect(run.summary).toMatchObject({ files: 2, statements: 27, errors: 0 });
  });
});
