// Alembic's offline output cut per revision: canned outputs recorded from a real `alembic upgrade heads --sql`
// (alembic 1.8.1, SQLAlchemy 1.4.46), so these run without Python.
import { describe, expect, it } from 'vitest';
import { splitOfflineSql } from '../../src/sync/alembic/offline-sql.js';

/** transaction_per_migration=True, version_table="kodo_versions", version_table_schema="app", an autocommit block. */
const PER_MIGRATION = `BEGIN;

CREATE TABLE app.kodo_versions (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT kodo_versions_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 0001

CREATE TABLE entries (
    id SERIAL NOT NULL, 
    amount_cents INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

INSERT INTO app.kodo_versions (version_num) VALUES ('0001') RETURNING app.kodo_versions.version_num;

COMMIT;

BEGIN;

-- Running upgrade 0001 -> 0002

UPDATE entries SET amount_cents = 0 WHERE amount_cents IS NULL;

COMMIT;

CREATE INDEX CONCURRENTLY ix_entries_amount ON entries (amount_cents);

BEGIN;

COMMENT ON TABLE entries IS 'ledger';

UPDATE app.kodo_versions SET version_num='0002' WHERE app.kodo_versions.version_num = '0001';

COMMIT;

`;

/** The default: one transaction; a merge step; SQLAlchemy 1.x's INSERT without RETURNING; a blank line in a body. */
const ONE_TRANSACTION = `BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> aaa111

CREATE FUNCTION f() RETURNS int AS $$
BEGIN

  RETURN 1;
END;
$$ LANGUAGE plpgsql;

INSERT INTO alembic_version (version_num) VALUES ('aaa111');

-- Running upgrade aaa111 -> ccc333

UPDATE alembic_version SET version_num='ccc333' WHERE alembic_version.version_num = 'aaa111';

-- Running upgrade aaa111 -> bbb222

CREATE TABLE alembic_version_notes (id int);

INSERT INTO alembic_version (version_num) VALUES ('bbb222') RETURNING alembic_version.version_num;

-- Running upgrade bbb222, ccc333 -> ddd444

DELETE FROM alembic_version WHERE alembic_version.version_num = 'bbb222';

UPDATE alembic_version SET version_num='ddd444' WHERE alembic_version.version_num = 'ccc333';

COMMIT;

`;

describe('splitOfflineSql', () => {
  it('one part per step, the version table found from its CREATE, an autocommit block noticed', () => {
    expect(splitOfflineSql(PER_MIGRATION)).toEqual({
      preamble: '',
      revisions: [
        {
          to: '0001',
          from: [],
          sql: 'CREATE TABLE entries (\n    id SERIAL NOT NULL, \n    amount_cents INTEGER NOT NULL, \n    PRIMARY KEY (id)\n);',
          autocommit: false,
        },
        {
          to: '0002',
          from: ['0001'],
          sql: "UPDATE entries SET amount_cents = 0 WHERE amount_cents IS NULL;\n\nCREATE INDEX CONCURRENTLY ix_entries_amount ON entries (amount_cents);\n\nCOMMENT ON TABLE entries IS 'ledger';",
          autocommit: true,
        },
      ],
    });
  });

  it('keeps blank lines inside statements and tables that only start like the version table', () => {
    const { revisions } = splitOfflineSql(ONE_TRANSACTION);
    expect(revisions.map((r) => [r.to, r.from, r.sql, r.autocommit])).toEqual([
      [
        'aaa111',
        [],
        'CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;',
        false,
      ],
      ['ccc333', ['aaa111'], '', false],
      ['bbb222', ['aaa111'], 'CREATE TABLE alembic_version_notes (id int);', false],
      ['ddd444', ['bbb222', 'ccc333'], '', false],
    ]);
  });

  it('reports SQL env.py emits before the first revision instead of copying it', () => {
    const out = `BEGIN;\n\nSET search_path TO app;\n\n${ONE_TRANSACTION.replace('BEGIN;\n\n', '')}`;
    expect(splitOfflineSql(out).preamble).toBe('SET search_path TO app;');
  });
});
