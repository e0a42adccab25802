// extension-in-public (splinter 0014): an extension installed in the public schema.
import { ident } from '../names.js';
import type { Advisor } from '../types.js';

export const extensionInPublic: Advisor = {
  id: 'extension-in-public',
  lint: '0014_extension_in_public',
  level: 'warn',
  category: 'security',
  sql: `
select n.nspname as schema_name, e.extname as object_name, null as sub_name, null::jsonb as detail
  from pg_extension e
  join pg_namespace n on n.oid = e.extnamespace
 where n.nspname = 'public' and e.extname <> 'plpgsql'`,
  help: 'Install extensions in their own schema: `create extension … with schema extensions` (or `alter extension … set schema extensions`). In public, their functions and types show up in the Data API and collide with yours.',
  advise(row) {
    return {
      object: row.object_name,
      message: `Extension ${ident(row.object_name)} is installed in schema public, which the Data API exposes; move it with alter extension ${ident(row.object_name)} set schema extensions.`,
      anchor: { kind: 'extension', name: row.object_name },
      mentions: [ident(row.object_name)],
    };
  },
};
