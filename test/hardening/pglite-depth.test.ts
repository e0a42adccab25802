// Postgres in WASM skips a statement nested past about 1,500 levels without an error, so `up` recorded a file as
// applied whose INSERT had inserted nothing. kodo refuses such a statement on the embedded database, by line.
import { describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';
const TABLE = `create table public.codes (id bigint generated always as identity primary key, code text not null);
alter table public.codes enable row level security;
comment on table public.codes is 'codes';
`;
const insert = (terms: number) => `insert into public.codes (code) select 'a'${" || 'a'".repeat(terms)};\n`;

describe('statements too deep for the embedded database', () => {
  it('are refused with their line, nothing recorded; 500 levels still apply', async () => {
    const root = await makeFiles({
      [`${M}/00001_ok.sql`]: TABLE + insert(500),
      [`${M}/00002_deep.sql`]: `select 1;\n${insert(3000)}`,
    });
    const up = await runKodoJson<{ applied: string[]; failure: Record<string, unknown> | null }>([
      'up',
      '--no-verify',
      '--cwd',
      root,
    ]);
    expect(up.code).toBe(1);
    expect(up.json.applied).toEqual(['00001']);
    expect(up.json.failure).toMatchObject({
      file: `${M}/00002_deep.sql`,
      line: 2,
      column: 1,
      sqlstate: '54001',
      message:
        'statement nests more deeply than the embedded database can run (about 1000 levels; past that, Postgres in WASM skips it without an error)',
    });
    const status = await runKodoJson<{ pending: string[] }>(['status', '--cwd', root]);
    expect(status.json.pending).toEqual(['00002']);
    const check = await runKodoJson<{ ok: boolean; failure: { file: string } | null }>([
      'check',
      '--cwd',
      root,
    ]);
    expect([check.json.ok, check.json.failure?.file]).toEqual([false, `${M}/00002_deep.sql`]);
  }, 60_000);
});
