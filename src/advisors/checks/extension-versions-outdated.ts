// extension-versions-outdated (splinter 0022): an extension older than the version the server ships.
import { ident, text } from '../names.js';
import type { Advisor } from '../types.js';

export const extensionVersionsOutdated: Advisor = {
  id: 'extension-versions-outdated',
  lint: '0022_extension_versions_outdated',
  level: 'warn',
  category: 'security',
  sql: `
select n.nspname as schema_name, e.extname as object_name, null as sub_name,
       jsonb_build_object('installed', e.extversion, 'default', a.default_version) as detail
  from pg_extension e
  join pg_namespace n on n.oid = e.extnamespace
  join pg_available_extensions a on a.name = e.extname
 where a.default_version is not null and e.extversion <> a.default_version`,
  help: 'Update it with `alter extension … update` in a migration: newer versions carry fixes, some of them for security.',
  advise(row) {
    const name = ident(row.object_name);
    return {
      object: row.object_name,
      message: `Extension ${name} is at version ${text(row, 'installed')} but the server ships ${text(row, 'default')}; run alter extension ${name} update in a migration.`,
      anchor: { kind: 'extension', name: row.object_name },
      mentions: [name],
    };
  },
};
