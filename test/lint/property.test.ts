// No input crashes the linter: random bytes, token soup, truncated SQL, empty and comment-only files, BOM, CRLF,
// a 2 MB file and deep nesting all come back as findings with positions inside the file.
import { describe, expect, it } from 'vitest';
import { type LintInput, lint } from '../../src/lint/engine.js';
import type { Finding } from '../../src/lint/types.js';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIGRATION = `-- Profiles: one per user. é 😀
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  handle text not null unique check (handle ~ '^[a-z0-9_]{3,30}$'),
  bio text default E'it\\'s me',
  created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
create policy "read" on public.profiles for select using (true);
create function public.touch() returns trigger language plpgsql set search_path = '' as $fn$
begin
  new.updated_at := now(); -- a comment; with a semicolon
  return new;
end;
$fn$;
do $$ begin perform 1; end $$;
create index concurrently if not exists profiles_handle_idx on public.profiles (lower(handle));
`;

const TOKENS = [
  'create',
  'table',
  'select',
  'from',
  'where',
  '(',
  ')',
  "'",
  '"',
  '$$',
  '$a$',
  '--',
  '/*',
  '*/',
  ';',
  ',',
  "E'",
  '\\',
  'é',
  '😀',
  '\r\n',
  '\n',
  '\t',
  ' ',
  'begin',
  'commit',
  'atomic',
  'end',
  'alter',
  'policy',
  'index',
  'on',
  '1',
  '-- kodo-ignore',
  'no-primary-key',
  'x',
  '::',
  '\u0000',
  '\uFEFF',
];

function checkPositions(text: string, findings: Finding[]): void {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const f of findings) {
    expect(f.message.length, JSON.stringify(f)).toBeGreaterThan(0);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    if (f.file.endsWith('config.json')) continue;
    expect(f.line, JSON.stringify(f)).toBeGreaterThanOrEqual(1);
    expect(f.line, JSON.stringify(f)).toBeLessThanOrEqual(lines.length);
    const length = [...(lines[f.line - 1] ?? '')].length;
    expect(f.column, JSON.stringify(f)).toBeGreaterThanOrEqual(1);
    expect(f.column, JSON.stringify(f)).toBeLessThanOrEqual(length + 1);
  }
}

async function survives(texts: string[]): Promise<Finding[]> {
  const inputs: LintInput[] = texts.map((text, i) => ({
    path: `supabase/migrations/${String(i).padStart(5, '0')}_case.sql`,
    text,
  }));
  const run = await lint(inputs);
  texts.forEach((text, i) => {
    checkPositions(
      text,
      run.findings.filter((f) => f.file === inputs[i]!.path),
    );
  });
  return run.findings;
}

describe('the linter never crashes', () => {
  it('on random bytes', async () => {
    const next = random(1);
    const texts = Array.from({ length: 200 }, () => {
      const bytes = Buffer.from(
        Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)),
      );
      return next() < 0.5 ? bytes.toString('utf8') : bytes.toString('latin1');
    });
    await survives(texts);
  });

  it('on token soup', async () => {
    const next = random(2);
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: Math.floor(next() * 60) }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(
        ' ',
      ),
    );
    await survives(texts);
  });

  it('on every truncation of a realistic migration', async () => {
    const texts = Array.from({ length: MIGRATION.length + 1 }, (_, i) => MIGRATION.slice(0, i));
    await survives(texts);
  });

  it('on every truncation of a DO block, and on token soup inside DO and function bodies', async () => {
    const block = `do $$ declare v bigint; begin
  if not exists (select 1 from pg_policies where policyname = 'p') then
    create policy p on public.profiles for select using (true);
  end if;
  select count(*) into v from public.profiles; -- é 😀
  delete from public.profiles where id = v;
exception when others then null;
end $$;`;
    await survives(Array.from({ length: block.length + 1 }, (_, i) => `${MIGRATION}${block.slice(0, i)}`));
    const next = random(3);
    const soup = () =>
      Array.from({ length: Math.floor(next() * 40) }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(
        ' ',
      );
    const found = await survives(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? `do $body$ begin ${soup()}; end $body$;`
          : `create function public.f() returns int language plpgsql as $body$ begin ${soup()}; end $body$;`,
      ),
    );
    // Most soups are not valid PL/pgSQL: the body parser must have reported them, each inside its file.
    expect(found.filter((f) => f.rule === 'syntax-error').length).toBeGreaterThan(100);
  });

  it('on empty, blank, comment-only and BOM-only files', async () => {
    const findings = await survives([
      '',
      '   \n\t\n',
      '-- nothing\n/* still /* nested */ nothing */',
      '\uFEFF',
      '\uFEFF-- c\n',
    ]);
    expect(findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
  });

  it('on unterminated quotes, dollar quotes and comments', async () => {
    const findings = await survives([
      "select 'abc",
      'select $$abc',
      'select 1 /* abc',
      'select "abc',
      "select E'\\'",
    ]);
    expect(findings.filter((f) => f.rule === 'syntax-error').length).toBe(5);
  });

  it('reads a BOM as nothing and CRLF line ends as line ends', async () => {
    const lf = await lint([{ path: 'supabase/migrations/00001_a.sql', text: MIGRATION }]);
    const crlf = await lint([
      { path: 'supabase/migrations/00001_a.sql', text: MIGRATION.replace(/\n/g, '\r\n') },
    ]);
    const bom = await lint([{ path: 'supabase/migrations/00001_a.sql', text: `\uFEFF${MIGRATION}` }]);
    const shape = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.line}:${f.column}`);
    expect(lf.findings.length).toBeGreaterThan(0);
    expect(shape(crlf.findings)).toEqual(shape(lf.findings));
    expect(shape(bom.findings)).toEqual(shape(lf.findings));
  });

  it('on deep nesting and very long expressions', async () => {
    const deep = (n: number) => `select ${'('.repeat(n)}1${')'.repeat(n)};`;
    const chain = `select ${Array.from({ length: 20000 }, (_, i) => `a${i} +`).join(' ')} 1;`;
    const policy = `create table t (id int primary key); alter table t enable row level security;
create policy p on t using (${Array.from({ length: 3000 }, () => '(id = 1 or').join(' ')} true${')'.repeat(3000)});`;
    await survives([
      deep(500),
      deep(5000),
      deep(50000),
      chain,
      policy,
      `/*${'/*'.repeat(5000)}${'*/'.repeat(5001)} select 1;`,
    ]);
  });

  it('on a 2 MB file', async () => {
    const big = MIGRATION.replace(/profiles/g, 'p_N').repeat(
      Math.ceil((2.2 * 1024 * 1024) / MIGRATION.length),
    );
    let n = 0;
    const text = big.replace(/p_N/g, () => `p_${n++ >> 3}`);
    expect(text.length).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const started = Date.now();
    const findings = await survives([text]);
    expect(findings.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 60_000);
});
