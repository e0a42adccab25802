// syntax-error: SQL that Postgres cannot parse. Reported by the engine from the parser's errors.
import type { Rule } from '../types.js';

export const syntaxError = {
  id: 'syntax-error',
  severity: 'error',
  description: 'SQL that Postgres cannot parse; the migration fails when applied.',
  help: 'Fix the statement: Postgres rejects it, and the Supabase CLI stops at this migration.',
  create: () => ({}),
} satisfies Rule;
