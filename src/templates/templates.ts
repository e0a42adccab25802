// The migration templates kodo writes, what each implies for the version (kind, workspace), and rendering.
import type { MigrationKind } from '../versions/allocate.js';
import type { TemplateName } from './names.js';
import { fill, fragment, header } from './render.js';
import coreFunctionsSql from './sql/core_functions.sql';
import emptySql from './sql/empty.sql';
import extensionsSql from './sql/extensions.sql';
import handleUpdatedAtSql from './sql/handle_updated_at.sql';
import { buildTable, renderTableMigration, type TableParts } from './table.js';
import type { TableSpec } from './table-spec.js';

export { TEMPLATE_NAMES, type TemplateName } from './names.js';

export interface TemplateInfo {
  summary: string;
  /** The kind this template's SQL is; undefined when the caller decides. */
  kind: MigrationKind | undefined;
  /** The hybrid workspace it belongs to when the caller names none. */
  workspace: 'bootstrap' | undefined;
}

export const TEMPLATES: Record<TemplateName, TemplateInfo> = {
  empty: { summary: 'a header to write your own SQL under', kind: undefined, workspace: undefined },
  table: {
    summary:
      'a table with RLS, policies, an updated_at trigger and comments (from a table spec); in hybrid mode two files, schema (even) then behaviour (odd)',
    kind: 'schema',
    workspace: undefined,
  },
  extensions: {
    summary: 'bootstrap 00000: extensions in the extensions schema',
    kind: 'schema',
    workspace: 'bootstrap',
  },
  core_functions: {
    summary: 'bootstrap 00001: handle_updated_at() and get_org_id()',
    kind: 'behavior',
    workspace: 'bootstrap',
  },
};

export interface RenderRequest {
  template: TemplateName;
  /** The normalised migration name. */
  name: string;
  created: Date;
  /** A table spec (validated here); only for the table template. */
  table?: unknown;
}

export function renderMigration(request: RenderRequest): string {
  const { name, created } = request;
  switch (request.template) {
    case 'empty':
      return fill(emptySql, {
        header: header({ name, created, purpose: '<what this migration changes, and why>' }),
      });
    case 'table':
      return renderTableMigration(request.table ?? defaultTableSpec(name), { name, created });
    case 'extensions':
      return fill(extensionsSql, {
        header: header({ name, created, purpose: 'Bootstrap: the extensions every service relies on.' }),
      });
    case 'core_functions':
      return fill(coreFunctionsSql, {
        header: header({
          name,
          created,
          purpose: 'Bootstrap: functions shared by triggers and RLS policies.',
        }),
        handle_updated_at: fragment(handleUpdatedAtSql),
      });
  }
}

/** The table template's two halves (validated), for the schema/behaviour pair of hybrid mode. */
export function tableParts(name: string, table: unknown): TableParts {
  return buildTable(table ?? defaultTableSpec(name));
}

/**
 * The table template without a spec: an owner-only table named after the migration
 * (`create_orders_table` → `orders`), ready to get its columns.
 */
export function defaultTableSpec(migrationName: string): TableSpec {
  const table = migrationName.replace(/^(create|add)_/, '').replace(/_table$/, '') || migrationName;
  return {
    name: table,
    // True of every table this default makes; the author refines it (never a TODO that would land in the catalog).
    comment: `${table}: rows owned by one user (user_id); each user reads and writes only their own.`,
    columns: [],
    access: { owner: 'user_id' },
  };
}
