// `kodo advisors` as a process: the default replay names each finding's file; --level, --type and --fail-on as
// `supabase db advisors` has them, with their exit codes; a bad value is one sentence; --db reads a database as it
// is (the embedded one and a real server), where the statistics checks run too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { createScratchDatabase, type ScratchDatabase, serverAvailable } from '../helpers/postgres.js';
import { listTree, makeFiles } from '../helpers/temp.js';

const FILE = 'supabase/migrations/20240101000000_shop.sql';
const SHOP = `create table public.products (id bigint primary key, name text not null);
alter table public.products enable row level security;
create policy "products readable" on public.products for select to anon, authenticated using (true);
create table public.baskets (id bigint primary key, owner uuid not null,
  product_id bigint references public.products (id) on delete cascade);
alter table public.baskets enable row level security;
create policy "own baskets" on public.baskets for all to authenticated
  using (owner = auth.uid()) with check (owner = auth.uid());
create table public.coupons (id bigint primary key, code text not null);
revoke all on public.products, public.baskets, public.coupons from anon;
`;

interface Result {
  target: string;
  findings: { rule: string; severity: string; file: string; line: number; column: number; object: string }[];
  failed: boolean;
  skipped: { rule: string; reason: string }[];
  warnings: string[];
}

/** rule, severity, place and object of each finding. */
const brief = (r: Result) =>
  r.findings.map((f) => `${f.severity} ${f.rule} ${f.object} ${f.file}:${f.line}:${f.column}`);

describe('kodo advisors on the migrations replayed', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeFiles({ [FILE]: SHOP });
  });

  it('--json: warn and above by default, each finding with its file, object and category; nothing written', async () => {
    const before = await listTree(root);
    const run = await runKodoJson<Result>(['advisors'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.json.target).toBe('supabase/migrations (1 file(s), replayed on a throwaway database)');
    expect(brief(run.json)).toEqual([
      `warning auth-rls-initplan public.baskets."own baskets" ${FILE}:7:1`,
      `error rls-disabled-in-public public.coupons ${FILE}:9:1`,
      `warning pg-graphql-authenticated-table-exposed public.baskets ${FILE}:4:1`,
      `warning pg-graphql-authenticated-table-exposed public.coupons ${FILE}:9:1`,
      `warning pg-graphql-authenticated-table-exposed public.products ${FILE}:1:1`,
    ]);
    expect(run.json.findings[1]).toEqual({
      rule: 'rls-disabled-in-public',
      severity: 'error',
      file: FILE,
      line: 9,
      column: 1,
      message:
        'Table public.coupons is exposed through the Data API without row level security, so authenticated can read every row (and change them where granted); enable row level security and add policies.',
      help: "Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private. See https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public.",
      object: 'public.coupons',
      category: 'security',
    });
    expect(run.json).toMatchObject({ failed: false, skipped: [], warnings: [] });
    expect(await listTree(root)).toEqual(before);
  });

  it('--level info --type performance: the info checks too, performance only; the statistics checks skipped with why', async () => {
    const run = await runKodoJson<Result>(['advisors', '--level', 'info', '--type', 'performance'], {
      cwd: root,
    });
    expect(run.code).toBe(0);
    expect(brief(run.json)).toEqual([
      `info unindexed-foreign-keys public.baskets.baskets_product_id_fkey ${FILE}:5:21`,
      `warning auth-rls-initplan public.baskets."own baskets" ${FILE}:7:1`,
    ]);
    const reason =
      'a database the migrations were just replayed on has no usage statistics; run it on a live database with --db';
    expect(run.json.skipped).toEqual([
      { rule: 'unused-index', reason },
      { rule: 'table-bloat', reason },
    ]);
  });

  it('--level error --type security: only the error', async () => {
    const run = await runKodoJson<Result>(['advisors', '--level', 'error', '--type', 'security'], {
      cwd: root,
    });
    expect(brief(run.json)).toEqual([`error rls-disabled-in-public public.coupons ${FILE}:9:1`]);
  });

  it('--fail-on: exit 1 when a shown finding reaches it, 0 otherwise; the text says why it failed', async () => {
    const failing = await runKodo(['advisors', '--fail-on', 'error'], { cwd: root });
    expect(failing.code).toBe(1);
    const blocks = failing.stdout.split('\n\n');
    expect(blocks.at(-2)).toBe(
      'Found 1 error, 4 warnings, 0 infos on supabase/migrations (1 file(s), replayed on a throwaway database).',
    );
    expect(blocks.at(-1)).toBe('failed: --fail-on error and a finding is at or above it.');
    expect(blocks[0]).toBe(
      [
        'error [rls-disabled-in-public] security: 1 finding',
        `  public.coupons (${FILE}:9:1)`,
        '    Table public.coupons is exposed through the Data API without row level security, so authenticated can read every row (and change them where granted); enable row level security and add policies.',
        "  help: Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private.",
        '  docs: https://supabase.com/docs/guides/database/database-linter?lint=0013_rls_disabled_in_public',
      ].join('\n'),
    );
    // Shown findings only: at --level error with --type performance nothing is shown, so nothing fails.
    const json = await runKodoJson<Result>(
      ['advisors', '--fail-on', 'info', '--type', 'performance', '--level', 'error'],
      {
        cwd: root,
      },
    );
    expect(json.code).toBe(0);
    expect(json.json).toMatchObject({ findings: [], failed: false });
    const warn = await runKodoJson<Result>(['advisors', '--fail-on', 'warn', '--type', 'performance'], {
      cwd: root,
    });
    expect(warn.code).toBe(1);
    expect(warn.json.failed).toBe(true);
  });

  it('a clean project: "No issues found", exit 0 even with --fail-on info', async () => {
    const clean = await makeFiles({
      [FILE]: `create table public.kv (id bigint primary key, v text);
alter table public.kv enable row level security;
create policy "kv readable" on public.kv for select to authenticated using (true);
revoke all on public.kv from anon, authenticated;
grant select on public.kv to service_role;`,
    });
    const run = await runKodo(['advisors', '--fail-on', 'info', '--level', 'info'], { cwd: clean });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n\n').at(-1)).toBe(
      'No issues found on supabase/migrations (1 file(s), replayed on a throwaway database).',
    );
  });

  for (const [args, message] of [
    [['--level', 'warning'], '--level must be one of info, warn, error (got "warning").'],
    [['--fail-on', 'always'], '--fail-on must be one of none, info, warn, error (got "always").'],
    [['--type', 'speed'], '--type must be one of all, security, performance (got "speed").'],
    [['--db', ' '], /^error: .*--db/],
  ] as const) {
    it(`${args.join(' ')}: exit 2, one sentence, no stack, nothing written`, async () => {
      const before = await listTree(root);
      const run = await runKodo(['advisors', ...args], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('Applying'));
      expect(lines).toHaveLength(1);
      if (typeof message === 'string') expect(lines[0]).toBe(`error: ${message}`);
      else expect(lines[0]).toMatch(message);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(await listTree(root)).toEqual(before);
    });
  }

  it('a migration that does not apply: exit 1, naming the file, line and column', async () => {
    const broken = await makeFiles({
      [FILE]: SHOP,
      'supabase/migrations/20240102000000_bad.sql': 'create table oops (',
    });
    const run = await runKodo(['advisors'], { cwd: broken });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
      'error: supabase/migrations/20240102000000_bad.sql:1:20: syntax error at end of input — the migrations do not apply on a fresh database, so nothing after this file can be analysed; run kodo check for the details.',
    ]);
  });
});

describe('kodo check shows the catalog advisors after the linter', () => {
  it('a catalog-only finding in its own block, before the verdict; exit 0 on warnings', async () => {
    const root = await makeFiles({
      [FILE]: `create schema api;
create function public.ping() returns int language sql security definer set search_path = '' as 'select 1';
comment on schema api is 'nothing exposed';
`,
    });
    const run = await runKodo(['check'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const blocks = run.stdout.split('\n\n');
    const at = blocks.indexOf('Catalog advisors on the applied schema found 2 more:');
    expect(at).toBeGreaterThan(0);
    expect(blocks[at + 1]!.split('\n').slice(0, 3)).toEqual([
      'warning [anon-security-definer-function-executable] security: 1 finding',
      `  public.ping() (${FILE}:2:1)`,
      "    Function public.ping() is security definer and anon can call it through the Data API (/rest/v1/rpc), so it runs with its owner's rights for anyone with the anon key; revoke execute on it from anon and public unless that is intended.",
    ]);
    expect(blocks[at + 2]!.split('\n')[0]).toBe(
      'warning [authenticated-security-definer-function-executable] security: 1 finding',
    );
    expect(blocks.at(-1)).toMatch(/^passed: /);
  });
});

describe('kodo advisors --db: a database read as it is', () => {
  it('embedded: findings without a file (and why), the statistics checks run', async () => {
    const root = await makeFiles({ [FILE]: SHOP });
    expect((await runKodo(['up', '--no-verify'], { cwd: root })).code).toBe(0);
    const run = await runKodoJson<Result & { findings: { help: string }[] }>(
      ['advisors', '--db', 'embedded', '--type', 'performance', '--level', 'info'],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    expect(run.json.target).toBe('embedded (.kodo/db)');
    expect(brief(run.json)).toEqual([
      'info unindexed-foreign-keys public.baskets.baskets_product_id_fkey :0:0',
      'warning auth-rls-initplan public.baskets."own baskets" :0:0',
    ]);
    expect(run.json.findings[0]!.help).toMatch(
      / No migration file is named: the database was read as it is, not rebuilt from the migrations\.$/,
    );
    expect(run.json.skipped).toEqual([]);
  });

  it('embedded before kodo up: exit 2 with what to do', async () => {
    const root = await makeFiles({ [FILE]: SHOP });
    const run = await runKodo(['advisors', '--db', 'embedded'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'error: The embedded database (.kodo/db) does not exist yet; run kodo up to create it, or leave out --db to analyse the migrations replayed on a throwaway database.',
    );
  });

  describe.skipIf(!serverAvailable)('on the real PostgreSQL server', () => {
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await createScratchDatabase('kodo_advisors');
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      // A plain database, not Supabase's: no anon or auth schema, no storage; what needs them has nothing to say.
      await client.query(`create table public.plain (a int, b text);
create index plain_a on public.plain (a);
create index plain_a_again on public.plain (a);
create function public.answer() returns int language sql as 'select 42';`);
      await client.end();
    });
    afterAll(async () => {
      await scratch?.drop();
    });

    it('reads it in a rolled-back transaction: duplicate and unused indexes, no primary key, a mutable search_path', async () => {
      const root = await makeFiles({ [FILE]: SHOP });
      const run = await runKodoJson<Result>(['advisors', '--db', scratch.url, '--level', 'info'], {
        cwd: root,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.json.target).not.toContain('postgres:postgres@');
      expect(brief(run.json)).toEqual([
        'info no-primary-key public.plain :0:0',
        'info unused-index public.plain_a :0:0',
        'info unused-index public.plain_a_again :0:0',
        'warning duplicate-index public.plain_a_again :0:0',
        'warning function-search-path-mutable public.answer() :0:0',
      ]);
      expect(run.json.skipped).toEqual([
        { rule: 'public-bucket-allows-listing', reason: 'the database has no storage.buckets' },
      ]);
      // Nothing was left behind.
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query(
        "select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace",
      );
      await client.end();
      expect(rows[0].n).toBe(3);
    });
  });
});
