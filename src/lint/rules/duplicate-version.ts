// duplicate-version: two migration files with the same version; the second fails at its history insert.
import type { LintFile, Rule } from '../types.js';

export const duplicateVersion = {
  id: 'duplicate-version',
  severity: 'error',
  description: 'Two migration files that share one version.',
  help: 'Give the newer file a version greater than every existing one (`kodo allocate` or `kodo new` picks it).',
  create: ({ report }) => {
    const seen = new Map<string, LintFile>();
    return {
      fileStart(file) {
        if (file.version === undefined) return;
        const first = seen.get(file.version);
        if (!first) {
          seen.set(file.version, file);
          return;
        }
        report({
          at: { file, offset: 0 },
          message: `Version ${file.version} is also used by ${first.name}; the Supabase CLI records each version once, so this migration fails. Renumber it.`,
        });
      },
    };
  },
} satisfies Rule;
