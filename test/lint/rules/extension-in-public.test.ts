import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'extension-in-public';

describe(RULE, () => {
  it('flags CREATE EXTENSION without a schema', async () => {
    await expectFindings('create extension if not exists vector;', RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Extension vector is installed in schema public, which the Data API exposes; create it with schema extensions instead.',
      },
    ]);
  });

  it('flags WITH SCHEMA public and a bare CREATE EXTENSION after SET search_path', async () => {
    await expectFindings(
      'create extension pg_trgm with schema public;\nset search_path = public, extensions;\ncreate extension citext;',
      RULE,
      [
        { line: 1, column: 1 },
        { line: 3, column: 1 },
      ],
    );
  });

  it('accepts another schema, a later ALTER EXTENSION … SET SCHEMA and a DROP', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create extension vector with schema extensions;\ncreate extension pg_trgm;\ncreate extension citext;\nset search_path = extensions;\ncreate extension hstore;',
        '00002_b.sql': 'alter extension pg_trgm set schema extensions;\ndrop extension citext;',
      },
      RULE,
    );
  });

  it('accepts extensions Supabase already installs and those with a fixed schema', async () => {
    await expectClean(
      'create extension if not exists pgcrypto;\ncreate extension if not exists "uuid-ossp";\ncreate extension if not exists plpgsql;\ncreate extension pg_cron;\ncreate extension pg_graphql;',
      RULE,
    );
  });
});
