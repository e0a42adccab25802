// The declarative schema files, found as the Supabase CLI finds them: supabase/schemas walked recursively and
// sorted by path, or [db.migrations] schema_paths in its order, a pattern that matches nothing refused.
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/project/project.js';
import { makeFiles } from '../helpers/temp.js';

const files = (root: string) => new Project(root).declaredSchemas().listing.files.map((f) => f.file);

describe('declared schema files', () => {
  it('walks supabase/schemas recursively, *.sql only, sorted by full path', async () => {
    const root = await makeFiles({
      'supabase/schemas/b.sql': 'select 1;',
      'supabase/schemas/a/z.sql': 'select 1;',
      'supabase/schemas/a.sql': 'select 1;',
      'supabase/schemas/notes.md': '#',
    });
    expect(files(root)).toEqual([
      'supabase/schemas/a.sql',
      'supabase/schemas/a/z.sql',
      'supabase/schemas/b.sql',
    ]);
    expect(new Project(root).declaredSchemas().listing.source).toBe('supabase/schemas');
  });

  it('has no files without the folder', async () => {
    expect(files(await makeFiles({ 'supabase/migrations/0001_a.sql': 'select 1;' }))).toEqual([]);
  });

  it('follows schema_paths in its order, each pattern sorted, a file matched twice used once', async () => {
    const root = await makeFiles({
      'supabase/config.toml': '[db.migrations]\nschema_paths = ["./schemas/types.sql", "./schemas/*.sql"]\n',
      'supabase/schemas/types.sql': 'select 1;',
      'supabase/schemas/a_tables.sql': 'select 1;',
      'supabase/schemas/z_policies.sql': 'select 1;',
    });
    expect(files(root)).toEqual([
      'supabase/schemas/types.sql',
      'supabase/schemas/a_tables.sql',
      'supabase/schemas/z_policies.sql',
    ]);
    expect(new Project(root).declaredSchemas().listing.source).toBe('[db.migrations] schema_paths');
  });

  it('refuses a pattern that matches nothing, or one that leaves the project, with the fix', async () => {
    const none = await makeFiles({
      'supabase/config.toml': '[db.migrations]\nschema_paths = ["./schemas/*.sql"]\n',
    });
    expect(() => files(none)).toThrow(
      'supabase/config.toml [db.migrations] schema_paths: "./schemas/*.sql" matches no file; fix the pattern or remove it.',
    );
    const out = await makeFiles({
      'supabase/config.toml': '[db.migrations]\nschema_paths = ["../../x.sql"]\n',
    });
    expect(() => files(out)).toThrow(
      /"\.\.\/\.\.\/x\.sql" is outside the project \(patterns are relative to supabase\/\)/,
    );
    const bad = await makeFiles({ 'supabase/config.toml': '[db.migrations]\nschema_paths = "x"\n' });
    expect(() => files(bad)).toThrow(/schema_paths must be an array of glob strings/);
  });
});
