// The tracking header: written and read back, several sources in one file, hand edits detected, CRLF tolerated.
import { describe, expect, it } from 'vitest';
import { bodySha256, readHeader, withHeader } from '../../src/sync/header.js';

const header = {
  workspace: 'node-api',
  tool: 'drizzle-kit',
  sources: [
    { source: 'services/api/drizzle/0000_a.sql', sha256: 'aa' },
    { source: 'services/api/drizzle/0001 b.sql', sha256: 'bb' },
  ],
  rollback: 'supabase/rollbacks/00100_node_a.sql',
  noTransaction: true,
};

describe('tracking header', () => {
  it('writes one line per fact above the body and reads them back', () => {
    const text = withHeader(header, 'create table a (id int);\n');
    expect(text).toBe(
      [
        `-- kodo sync: workspace=node-api tool=drizzle-kit body-sha256=${bodySha256('create table a (id int);\n')}`,
        '-- kodo sync: source=services/api/drizzle/0000_a.sql sha256=aa',
        '-- kodo sync: source=services/api/drizzle/0001%20b.sql sha256=bb',
        '-- kodo sync: rollback=supabase/rollbacks/00100_node_a.sql',
        '-- kodo sync: no-transaction',
        'create table a (id int);',
        '',
      ].join('\n'),
    );
    expect(readHeader(text)).toEqual({
      header: { ...header, bodySha256: bodySha256('create table a (id int);\n') },
      body: 'create table a (id int);\n',
    });
  });

  it('is only at the very top: a file without one, or with an incomplete one, is not tracked', () => {
    expect(readHeader('-- Migration: a\n-- kodo sync: source=x sha256=aa\nselect 1;\n')).toBeNull();
    expect(readHeader('-- kodo sync: source=x sha256=aa\nselect 1;\n')).toBeNull();
  });

  it('hashes the body with CRLF read as LF, so a checkout with autocrlf is no edit', () => {
    expect(bodySha256('select 1;\r\nselect 2;\r\n')).toBe(bodySha256('select 1;\nselect 2;\n'));
    const crlf = withHeader(header, 'select 1;\n').replace(/\n/g, '\r\n');
    expect(readHeader(crlf)?.header.sources.map((s) => s.source)).toEqual([
      'services/api/drizzle/0000_a.sql',
      'services/api/drizzle/0001 b.sql',
    ]);
    expect(bodySha256(readHeader(crlf)!.body)).toBe(readHeader(crlf)!.header.bodySha256);
  });
});
