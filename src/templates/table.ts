// A table spec in, the seven-step table migration out (table, indexes, foreign keys, RLS, policies,
// updated_at trigger, comments), as one file or as its schema and behaviour halves, every statement safe to run
// twice; any spec that would generate unsafe or failing SQL is refused.

import { formatZodIssues } from '../config/json.js';
import { KodoError } from '../core/errors.js';
import { type AccessPlan, planAccess } from './access.js';
import { derivedName, identifierProblem, qualified, quoteIdent, quoteLiteral } from './identifiers.js';
import { fill, fragment, header } from './render.js';
import foreignKeySql from './sql/foreign_key.sql';
import handleUpdatedAtSql from './sql/handle_updated_at.sql';
import tableSql from './sql/table.sql';
import tableBehaviorSql from './sql/table_behavior.sql';
import tableSchemaSql from './sql/table_schema.sql';
import { buildColumns, type Column } from './table-columns.js';
import { type TableSpec, tableSpecSchema } from './table-spec.js';

/** Supabase manages these schemas; a service's tables do not belong there. */
const MANAGED_SCHEMAS = new Set([
  'auth',
  'storage',
  'realtime',
  'extensions',
  'graphql',
  'graphql_public',
  'vault',
  'pgsodium',
  'net',
  'cron',
  'supabase_functions',
  'supabase_migrations',
  'pg_catalog',
  'information_schema',
]);

/** Validates untrusted input against the spec schema, then the rules zod cannot express. */
export function parseTableSpec(input: unknown): TableSpec {
  const parsed = tableSpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new KodoError(
      'table-spec-invalid',
      `Table spec is invalid: ${formatZodIssues(parsed.error.issues, ['table'])}.`,
    );
  }
  return parsed.data;
}

/** A validated table spec as the two halves of its migration, before any header is added. */
export interface TableParts {
  /** `public.orders`, for headers. */
  display: string;
  /** The table's own name (`orders`), for naming the behaviour file. */
  name: string;
  comment: string;
  /** True when the SQL calls public.get_org_id(), created by the bootstrap migration 00001. */
  usesOrgFunction: boolean;
  /** Steps 1-3: table, indexes, foreign keys (an even, schema migration in hybrid mode). */
  schema: string;
  /** Steps 4-7: RLS, policies, the updated_at trigger, comments (an odd, behaviour migration in hybrid mode). */
  behavior: string;
}

/** The note every file calling public.get_org_id() carries, so a reader knows what must run first. */
export const ORG_FUNCTION_NOTE =
  'Requires public.get_org_id() from the bootstrap migration 00001_core_functions.sql (kodo init, or create_migration / kodo new with template core_functions).';

/** One file with all seven steps: timestamp versions have no even/odd rule, so nothing asks for two files. */
export function renderTableMigration(input: unknown, meta: { name: string; created: Date }): string {
  return renderTableFile(buildTable(input), meta);
}

export function renderTableFile(parts: TableParts, meta: { name: string; created: Date }): string {
  return fill(tableSql, {
    header: header({
      name: meta.name,
      created: meta.created,
      purpose: `Create ${parts.display}: ${parts.comment}`,
      notes: parts.usesOrgFunction ? [ORG_FUNCTION_NOTE] : [],
    }),
    schema: parts.schema,
    behavior: parts.behavior,
  });
}

/** Validates a spec and renders both halves; every problem is reported at once, before anything is written. */
export function buildTable(input: unknown): TableParts {
  const spec = parseTableSpec(input);
  const problems: string[] = [];
  const schema = spec.schema ?? 'public';
  const ident = (path: string, value: string) => {
    const problem = identifierProblem(value);
    if (problem) problems.push(`${path}: "${value}" ${problem}`);
  };
  ident('table.schema', schema);
  ident('table.name', spec.name);
  if (MANAGED_SCHEMAS.has(schema)) {
    problems.push(
      `table.schema: "${schema}" is managed by Supabase; put service tables in public or your own schema`,
    );
  }
  const access = planAccess(spec.access);
  const columns = buildColumns(spec, schema, access, problems);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const indexes = buildIndexes(spec, byName, access, problems);
  if (problems.length > 0) {
    throw new KodoError('table-spec-invalid', `Table spec is invalid: ${problems.join('; ')}.`);
  }

  const table = qualified(schema, spec.name);
  const col = (c: string) => `${table}.${quoteIdent(c)}`;
  const foreignKeys = columns
    .filter((c) => c.references)
    .map((c) => {
      const r = c.references!;
      const constraint = derivedName('fk', spec.name, c.name);
      return fragment(
        fill(foreignKeySql, {
          table,
          table_literal: quoteLiteral(table),
          name: quoteIdent(constraint),
          name_literal: quoteLiteral(constraint),
          column: quoteIdent(c.name),
          referenced: qualified(r.schema, r.table),
          referenced_column: quoteIdent(r.column),
          on_delete: r.onDelete,
        }),
      );
    });
  const comments = [
    `comment on table ${table} is ${quoteLiteral(spec.comment)};`,
    ...columns
      .filter((c) => c.comment)
      .map((c) => `comment on column ${col(c.name)} is ${quoteLiteral(c.comment!)};`),
  ];
  return {
    display: `${schema}.${spec.name}`,
    name: spec.name,
    comment: spec.comment,
    usesOrgFunction: access.usesOrgFunction,
    schema: fragment(
      fill(tableSchemaSql, {
        table,
        columns: columns.map((c) => `  ${c.definition}`).join(',\n'),
        indexes: indexes
          .map(
            (ix) =>
              `create ${ix.unique ? 'unique index' : 'index'} if not exists ${quoteIdent(derivedName(ix.unique ? 'uniq' : 'idx', spec.name, ...ix.columns))} on ${table} (${ix.columns.map(quoteIdent).join(', ')});`,
          )
          .join('\n'),
        foreign_keys: foreignKeys.length > 0 ? foreignKeys.join('\n\n') : '-- None.',
      }),
    ),
    behavior: fragment(
      fill(tableBehaviorSql, {
        table,
        access: access.label,
        policies: [...grants(schema, table, access), ...access.policies(table, spec.name)].join('\n\n'),
        handle_updated_at: fragment(handleUpdatedAtSql),
        comments: comments.join('\n'),
      }),
    ),
  };
}

/** Outside public, Supabase's default privileges do not apply, so the policies would filter nothing. */
function grants(schema: string, table: string, access: AccessPlan): string[] {
  if (schema === 'public') return [];
  const roles = [...new Set([...access.readRoles, ...access.writeRoles])];
  return [
    [
      `-- ${schema} is not public, so the API roles get no privileges by default.`,
      `grant usage on schema ${quoteIdent(schema)} to ${roles.join(', ')};`,
      `grant select on ${table} to ${access.readRoles.join(', ')};`,
      `grant insert, update, delete on ${table} to ${access.writeRoles.join(', ')};`,
    ].join('\n'),
  ];
}

interface Index {
  columns: string[];
  unique: boolean;
}

/** Declared indexes, then one for each access and foreign-key column that no index or unique key leads with. */
function buildIndexes(
  spec: TableSpec,
  columns: Map<string, Column>,
  access: AccessPlan,
  problems: string[],
): Index[] {
  const out: Index[] = [];
  const keys = new Set<string>();
  (spec.indexes ?? []).forEach((ix, i) => {
    for (const c of ix.columns) {
      if (!columns.has(c)) problems.push(`table.indexes[${i}].columns: "${c}" is not a column of the table`);
    }
    const key = `${ix.unique ? 'u' : 'i'}:${ix.columns.join(',')}`;
    if (keys.has(key)) problems.push(`table.indexes[${i}]: repeats an earlier index`);
    keys.add(key);
    out.push({ columns: ix.columns, unique: ix.unique ?? false });
  });
  const needed = [
    ...access.columns.map((c) => c.name),
    ...[...columns.values()].filter((c) => c.references).map((c) => c.name),
  ];
  for (const name of new Set(needed)) {
    const covered = columns.get(name)?.unique || out.some((ix) => ix.columns[0] === name);
    if (!covered) out.push({ columns: [name], unique: false });
  }
  return out;
}
