// extension-in-public: an extension installed in the public schema (splinter 0014).
import { ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';

/** Extensions whose control file pins their schema (procedural languages, pg_cron, …): SCHEMA is not theirs to choose. */
const FIXED_SCHEMA = new Set([
  'plpgsql',
  'plperl',
  'plperlu',
  'plpython3u',
  'pltcl',
  'pltclu',
  'plv8',
  'plcoffee',
  'plls',
  'pg_cron',
  'pg_graphql',
  'pgsodium',
  'supabase_vault',
  'pgmq',
  'pg_tle',
  'postgis_topology',
  'postgis_tiger_geocoder',
]);

export const extensionInPublic = {
  id: 'extension-in-public',
  severity: 'warning',
  description:
    'An extension installed in the public schema after all migrations (CREATE EXTENSION without SCHEMA, or WITH SCHEMA public).',
  help: 'Install extensions in their own schema: `create extension … with schema extensions` (or `alter extension … set schema extensions`). In public, their functions and types show up in the Data API and collide with yours.',
  create: ({ model, report }) => ({
    runEnd() {
      for (const ext of model.extensions.values()) {
        if (ext.builtin || ext.schema !== 'public' || FIXED_SCHEMA.has(ext.name)) continue;
        report({
          at: ext.origin,
          message: `Extension ${ident(ext.name)} is installed in schema public, which the Data API exposes; create it with schema extensions instead.`,
        });
      }
    },
  }),
} satisfies Rule;
