// Every registered rule has a unique kebab-case id, a doc page with its three sections, a test file, and doc
// examples that behave: "Instead of" SQL triggers the rule and "Use" SQL does not.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/lint/rules/index.js';
import { findingsOf, type SqlOrFiles } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECTIONS = ['Why it matters', 'Instead of', 'Use'];

function docOf(id: string): string {
  return fs.readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8');
}

function section(doc: string, title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const rest = doc.slice(start + title.length + 5);
  const next = rest.search(/\n## /);
  return next < 0 ? rest : rest.slice(0, next);
}

/** The ```sql blocks of a section; `-- file: name.sql` lines split a block into migration files. */
function examples(doc: string, title: string): SqlOrFiles {
  const blocks = [...section(doc, title).matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const sql = blocks.join('\n');
  if (!/^-- file: /m.test(sql)) return sql;
  const files: Record<string, string> = {};
  for (const part of sql.split(/^(?=-- file: )/m)) {
    const m = /^-- file: (\S+)\n([\s\S]*)$/.exec(part);
    if (m) files[m[1]!] = m[2]!;
  }
  return files;
}

describe('rule registry', () => {
  it('has unique kebab-case ids and aliases', () => {
    const names = rules.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('has no doc page without a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    const pages = fs.readdirSync(path.join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md'));
    expect(pages.filter((p) => !ids.has(p.replace(/\.md$/, '')))).toEqual([]);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('describes itself in sentences', () => {
        expect(rule.description).toMatch(/^[A-Z`].*\.$/s);
        expect(rule.help).toMatch(/^[A-Z`].*\.$/s);
      });

      it('has a doc page with its sections and a test file', () => {
        const doc = docOf(rule.id);
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        for (const title of SECTIONS) expect(section(doc, title).trim(), `## ${title}`).not.toBe('');
        expect(fs.existsSync(path.join(ROOT, 'test/lint/rules', `${rule.id}.test.ts`))).toBe(true);
      });

      it('flags the "Instead of" example and not the "Use" example', async () => {
        const doc = docOf(rule.id);
        const allowSyntaxErrors = rule.id === 'syntax-error';
        const bad = await findingsOf(examples(doc, 'Instead of'), rule.id, { allowSyntaxErrors });
        expect(bad.length, 'findings for "Instead of"').toBeGreaterThan(0);
        const good = await findingsOf(examples(doc, 'Use'), rule.id);
        expect(good.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    });
  }
});
