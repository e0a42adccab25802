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
});
