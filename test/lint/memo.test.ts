// Parse results are kept per text for the life of the process (the MCP server lints the same folder call after
// call). A second run over the same files must reuse them and find exactly what the first found: no rule or
// model step may change a parsed tree.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LintInput, lint } from '../../src/lint/engine.js';
import { loadParser, parseSql } from '../../src/sql/parse.js';

const root = path.resolve(import.meta.dirname, '../..');

function folder(dir: string): LintInput[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ path: `supabase/migrations/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

describe('parse results reused across runs', () => {
  it('returns the same result for the same text', async () => {
    await loadParser();
    const text = 'create table public.memo_probe (id bigint primary key);';
    expect(parseSql(text)).toBe(parseSql(text));
    expect(parseSql(`${text} `)).not.toBe(parseSql(text));
  });

  it.each(['test/lint/fixtures/real-world', 'examples/hybrid-saas/supabase/migrations'])(
    'finds the same the second time on %s',
    async (dir) => {
      const inputs = folder(path.join(root, dir));
      expect(inputs.length).toBeGreaterThan(3);
      const first = await lint(inputs);
      const second = await lint(inputs.map((i) => ({ ...i })));
      expect(second.findings).toEqual(first.findings);
      expect(second.summary).toEqual(first.summary);
    },
  );
});
