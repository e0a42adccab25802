// migration-filename: a file the Supabase CLI would skip (not `<version>_<name>.sql`) or a name not in snake_case.
import { MIGRATION_FILE_RE, normalizeMigrationName } from '../../versions/grammar.js';
import type { Rule } from '../types.js';

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

function suggestion(name: string): string {
  try {
    return normalizeMigrationName(name);
  } catch {
    return 'describe_the_change';
  }
}

export const migrationFilename = {
  id: 'migration-filename',
  severity: 'error',
  description:
    'A migration file name that does not match `<version>_<name>.sql` or whose name is not snake_case.',
  help: 'Name migrations `<version>_<snake_case_name>.sql`, e.g. `20240101120000_create_profiles.sql`; `kodo new` does it for you.',
  create: ({ report }) => ({
    fileStart(file) {
      const at = { file, offset: 0 };
      const m = MIGRATION_FILE_RE.exec(file.name);
      if (!m) {
        const stem = file.name.replace(/\.sql$/i, '');
        report({
          at,
          message: `File name ${file.name} does not match <version>_<name>.sql, so the Supabase CLI skips it; rename it like 20240101120000_${suggestion(stem.replace(/^[0-9]+/, ''))}.sql.`,
        });
        return;
      }
      const [, version, name = ''] = m;
      if (!SNAKE.test(name)) {
        report({
          at,
          severity: 'warning',
          message: `Migration name "${name}" is not snake_case; rename the file to ${version}_${suggestion(name)}.sql.`,
        });
      }
    },
  }),
} satisfies Rule;
