// The splitter must produce the exact `statements` arrays the Supabase CLI stores (cases from its parser tests).
import { describe, expect, it } from 'vitest';
import { splitAndTrim, splitStatements } from '../../src/migrations/split.js';
import { SourceText } from '../../src/sql/source.js';

const lineColumnAt = (text: string, index: number) => new SourceText(text).position(index);

const cases: Array<[name: string, sql: string, expected: string[]]> = [
  // Line comments
  ['line comment after separator', 'END;-- comment', ['END', '-- comment']],
  ['line comment before separator', 'SELECT --; 1', ['SELECT --; 1']],
  ['single dash is no comment', '- ;END', ['-', 'END']],
  ['line comment hides block opener', '-- /* \n; */ END', ['-- /*', '*/ END']],
  // Block comments
  ['block comment contains separator', 'SELECT /* ; */ 1;', ['SELECT /* ; */ 1']],
  ['nested block comments', 'SELECT /*; /*;*/ ;*/ 1', ['SELECT /*; /*;*/ ;*/ 1']],
  ['slash star with a space is no comment', '/ * ; */ END', ['/ *', '*/ END']],
  // Separators and empty statements
  ['bare separators', ';END;;', ['END']],
  ['separator between spaces', 'BEGIN   ;  END', ['BEGIN', 'END']],
  // The raw tokens are `\;;` and `\;`; trimming every trailing `;` leaves a lone backslash each.
  ['backslash escapes a separator', '\\;;\\;', ['\\', '\\']],
  ['empty statements and a comments-only tail', 'select 1;;  ;\n-- done\n', ['select 1', '-- done']],
  ['whitespace-only tail', 'select 1;\n\n  \t\n', ['select 1']],
  ['several trailing semicolons', 'select 1;;;', ['select 1']],
  // Dollar quotes
  ['named dollar tag', '$tag$ any ; string$tag$', ['$tag$ any ; string$tag$']],
  ['anonymous dollar tag', '$$"Dane\'s horse"$$', ['$$"Dane\'s horse"$$']],
  ['dollar inside a quoted name', 'SELECT "$"; $$', ['SELECT "$"', '$$']],
  [
    'dollar tags nest by name',
    'create function f() returns int language plpgsql as $fn$ begin perform $x$;$x$; return 1; end $fn$; select 2',
    [
      'create function f() returns int language plpgsql as $fn$ begin perform $x$;$x$; return 1; end $fn$',
      'select 2',
    ],
  ],
  ['dollar after an identifier is part of it', 'select a$$b; select 1', ['select a$$b', 'select 1']],
  // Quotes
  ['single quote escapes separator', "SELECT ';' 1", ["SELECT ';' 1"]],
  ['doubled single quote', "SELECT ';'';' 1", ["SELECT ';'';' 1"]],
  ['backslash is literal inside quotes', "SELECT '\\'; 1'", ["SELECT '\\'", "1'"]],
  [
    'double-quoted name with separator',
    'CREATE POLICY "cats;dogs" on cats_dogs; END',
    ['CREATE POLICY "cats;dogs" on cats_dogs', 'END'],
  ],
  [
    'double-quoted name with apostrophes',
    `CREATE POLICY "cat's and dog's" on cats_dogs; END`,
    [`CREATE POLICY "cat's and dog's" on cats_dogs`, 'END'],
  ],
  [
    'doubled double quote',
    'CREATE POLICY "pet""name" on pets; END',
    ['CREATE POLICY "pet""name" on pets', 'END'],
  ],
  // Parentheses
  [
    'semicolons inside parentheses',
    'CREATE RULE notify_me AS ON UPDATE TO mytable DO (NOTIFY mytable; SELECT "1");SELECT 1',
    ['CREATE RULE notify_me AS ON UPDATE TO mytable DO (NOTIFY mytable; SELECT "1")', 'SELECT 1'],
  ],
  [
    'parentheses ignore quoted and commented closers',
    "CREATE RULE notify_me AS ON UPDATE TO mytable DO (-- )\nSELECT ')';\n-- )\n)\n",
    ["CREATE RULE notify_me AS ON UPDATE TO mytable DO (-- )\nSELECT ')';\n-- )\n)"],
  ],
  // BEGIN ATOMIC
  [
    'begin atomic body',
    "CREATE FUNCTION add(a integer, b integer) RETURNS integer\nLANGUAGE SQL\nIMMUTABLE STRICT PARALLEL SAFE\nRETURNS NULL ON NULL INPUT\nBEGIN ATOMIC\n\tSELECT 'add';\n\tSELECT a + b;\nEND;",
    [
      "CREATE FUNCTION add(a integer, b integer) RETURNS integer\nLANGUAGE SQL\nIMMUTABLE STRICT PARALLEL SAFE\nRETURNS NULL ON NULL INPUT\nBEGIN ATOMIC\n\tSELECT 'add';\n\tSELECT a + b;\nEND",
    ],
  ],
  [
    'begin atomic is case-insensitive',
    "begin atomic; select 'end'; end",
    ["begin atomic; select 'end'; end"],
  ],
  [
    'begin atomic ignores END in comments',
    'CREATE FUNCTION test() BEGIN\nATOMIC-- END;\n-- END;\nEND\n;',
    ['CREATE FUNCTION test() BEGIN\nATOMIC-- END;\n-- END;\nEND'],
  ],
  [
    'CASE … END inside begin atomic does not close it',
    'create function f(x int) returns int begin atomic select case when x > 0 then 1 else 0 end; end; select 1',
    [
      'create function f(x int) returns int begin atomic select case when x > 0 then 1 else 0 end; end',
      'select 1',
    ],
  ],
  [
    'atomic inside an identifier is no body',
    'CREATE OR REPLACE FUNCTION public.atomic_example()\nRETURNS INTEGER\nLANGUAGE plpgsql\nAS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;\nGRANT EXECUTE ON FUNCTION public.atomic_example() TO authenticated;',
    [
      'CREATE OR REPLACE FUNCTION public.atomic_example()\nRETURNS INTEGER\nLANGUAGE plpgsql\nAS $$\nBEGIN\n  RETURN 1;\nEND;\n$$',
      'GRANT EXECUTE ON FUNCTION public.atomic_example() TO authenticated',
    ],
  ],
  // Known CLI quirks kept on purpose, so stored arrays match.
  [
    "E'' strings swallow the next separator like the CLI",
    "select E'it\\'s'; select 1",
    ["select E'it\\'s'; select 1"],
  ],
  [
    'unicode text',
    "insert into t values ('héllo 🐘;');\nselect 1",
    ["insert into t values ('héllo 🐘;')", 'select 1'],
  ],
];

describe('splitAndTrim matches the Supabase CLI', () => {
  it.each(cases)('%s', (_name, sql, expected) => {
    expect(splitAndTrim(sql)).toEqual(expected);
  });

  it('splits a typical migration with a plpgsql body and a trigger', () => {
    const sql = [
      'create table public.notes (',
      '  id uuid primary key default gen_random_uuid(),',
      "  body text not null default ''",
      ');',
      '',
      'create function public.touch() returns trigger language plpgsql as $$',
      'begin',
      '  new.updated_at := now();',
      '  return new;',
      'end;',
      '$$;',
      '',
      'create trigger notes_touch before update on public.notes',
      '  for each row execute function public.touch();',
      '',
    ].join('\n');
    expect(splitAndTrim(sql)).toEqual([
      "create table public.notes (\n  id uuid primary key default gen_random_uuid(),\n  body text not null default ''\n)",
      'create function public.touch() returns trigger language plpgsql as $$\nbegin\n  new.updated_at := now();\n  return new;\nend;\n$$',
      'create trigger notes_touch before update on public.notes\n  for each row execute function public.touch()',
    ]);
  });
});

describe('splitStatements offsets', () => {
  it('points at the first character of each trimmed statement', () => {
    const sql = '-- header\ncreate table a (id int);\n\n  create table b (id int);\n';
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.sql)).toEqual([
      '-- header\ncreate table a (id int)',
      'create table b (id int)',
    ]);
    for (const s of statements) expect(sql.slice(s.offset, s.offset + s.sql.length)).toBe(s.sql);
    expect(lineColumnAt(sql, statements[1]!.offset)).toEqual({ line: 4, column: 3 });
  });

  it('counts columns in characters, not code units', () => {
    const sql = "select '🐘';\nselect 'é', x;";
    const second = splitStatements(sql)[1]!;
    expect(lineColumnAt(sql, second.offset + second.sql.indexOf('x'))).toEqual({ line: 2, column: 13 });
    expect(lineColumnAt(sql, sql.indexOf(';'))).toEqual({ line: 1, column: 11 });
  });
});
