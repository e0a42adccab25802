// fkey-to-auth-unique: a foreign key to a unique, non-primary key of an auth table such as auth.users(email) (splinter 0021).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';

export const fkeyToAuthUnique = {
  id: 'fkey-to-auth-unique',
  severity: 'error',
  description:
    'A foreign key that references a unique key of a table in the auth schema other than its primary key, e.g. auth.users(email).',
  help: 'Reference the primary key (`references auth.users (id)`): Supabase Auth may change or drop its other unique constraints in an upgrade, which a foreign key would block or break.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const table of model.tables.values()) {
        if (table.builtin) continue;
        for (const c of table.constraints.values()) {
          const fk = c.foreignKey;
          if (!fk?.references.startsWith('auth.') || fk.referencedColumns.length === 0) continue;
          const target = model.tables.get(fk.references);
          const pk = [...(target?.constraints.values() ?? [])].find((k) => k.kind === 'primary');
          // Auth tables the model does not know all have an `id` primary key.
          const pkColumns = pk?.columns ?? (target ? [] : ['id']);
          const cols = fk.referencedColumns;
          if (pkColumns.length === cols.length && cols.every((col) => pkColumns.includes(col))) continue;
          const dot = fk.references.indexOf('.');
          const ref = display({ schema: 'auth', name: fk.references.slice(dot + 1) });
          report({
            at: c.origin,
            message: `Foreign key ${c.name} on ${display(table)} references ${ref} (${cols.join(', ')}), a unique key that Supabase Auth owns and may change; reference ${ref} (${pkColumns.join(', ') || 'id'}) instead.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
