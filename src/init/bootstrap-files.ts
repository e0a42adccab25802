// The two bootstrap migrations init writes (00000_extensions.sql, 00001_core_functions.sql), from the same
// templates as `kodo new --template extensions|core_functions`, each skipped with its reason when the folder
// already answers for its version.
import type { MigrationFile } from '../migrations/list.js';
import { renderMigration } from '../templates/templates.js';
import { inRange, type Range } from '../versions/ranges.js';
import type { InitFile } from './result.js';

const BOOTSTRAP = [
  { version: '00000', template: 'extensions' },
  { version: '00001', template: 'core_functions' },
] as const;

export function planBootstrapFiles(existing: MigrationFile[], bootstrap: Range, created: Date): InitFile[] {
  return BOOTSTRAP.map(({ version, template }) => {
    const path = `supabase/migrations/${version}_${template}.sql`;
    const skip = (reason: string): InitFile => ({ path, action: 'skip', reason, content: null });
    if (existing.some((f) => f.file === path))
      return skip(`${path} already exists; kodo never overwrites a migration.`);
    const same = existing.find((f) => f.version === version);
    if (same) {
      return skip(
        `Version ${version} is already taken by ${same.file}; check that it holds the ${template.replace('_', ' ')} this file would, or write it under a free bootstrap version with kodo new --template ${template}.`,
      );
    }
    const above = existing.filter((f) => inRange(f.version, bootstrap) && f.version > version).at(-1);
    if (above) {
      return skip(
        `${above.file} is already above ${version} in the bootstrap range, and a new ${version} would run before migrations a database may have applied; add what it lacks with kodo new --template ${template}.`,
      );
    }
    return {
      path,
      action: 'create',
      reason: `Bootstrap migration: ${template === 'extensions' ? 'the extensions every service relies on' : 'handle_updated_at() and get_org_id()'}.`,
      content: renderMigration({ template, name: template, created }),
    };
  });
}
