// The columns of a generated table: id, the access columns the spec leaves out, the spec's columns, then
// created_at and updated_at; each checked (name, type, default, foreign key) with its path in the spec.
import type { AccessPlan } from './access.js';
import { checkColumnDefault } from './column-default.js';
import { checkColumnType } from './column-types.js';
import { identifierProblem, quoteIdent, quoteLiteral } from './identifiers.js';
import type { ColumnSpec, TableSpec } from './table-spec.js';

const AUTOMATIC = ['id', 'created_at', 'updated_at'];

export interface Column {
  name: string;
  type: string;
  definition: string;
  comment: string | undefined;
  references: { schema: string; table: string; column: string; onDelete: string } | undefined;
  unique: boolean;
}

export function buildColumns(
  spec: TableSpec,
  schema: string,
  access: AccessPlan,
  problems: string[],
): Column[] {
  const declared = new Set(spec.columns.map((c) => c.name));
  const missingAccess = access.columns.filter((c) => !declared.has(c.name));
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(spec.access)) {
    const problem = typeof value === 'string' ? identifierProblem(value) : null;
    if (problem) problems.push(`table.access.${key}: "${value}" ${problem}`);
  }
  const out: Column[] = [
    automatic('id', 'uuid primary key default gen_random_uuid()'),
    ...missingAccess
      .filter((c) => identifierProblem(c.name) === null)
      .map((c) => column(c, 'table.access', spec, schema, problems)),
  ];
  spec.columns.forEach((c, i) => {
    const path = `table.columns[${i}]`;
    if (AUTOMATIC.includes(c.name)) {
      problems.push(`${path}.name: "${c.name}" is added automatically; leave it out`);
      return;
    }
    if (seen.has(c.name)) problems.push(`${path}.name: "${c.name}" is declared twice`);
    seen.add(c.name);
    const built = column(c, path, spec, schema, problems);
    const role = access.columns.find((a) => a.name === c.name);
    if (role && (built.type !== 'uuid' || c.nullable)) {
      problems.push(`${path}: "${c.name}" is an access column, so it must be uuid and not nullable`);
    }
    out.push(built);
  });
  out.push(
    automatic('created_at', 'timestamptz not null default now()'),
    automatic('updated_at', 'timestamptz not null default now()'),
  );
  return out;
}

function automatic(name: string, rest: string): Column {
  return {
    name,
    type: rest.split(' ')[0]!,
    definition: `${name} ${rest}`,
    comment: undefined,
    references: undefined,
    unique: name === 'id',
  };
}

function column(c: ColumnSpec, path: string, spec: TableSpec, schema: string, problems: string[]): Column {
  const nameProblem = identifierProblem(c.name);
  if (nameProblem) problems.push(`${path}.name: "${c.name}" ${nameProblem}`);
  const type = checkColumnType(c.type);
  if (!type.ok) problems.push(`${path}.type: ${type.problem}`);
  const typeName = type.ok ? type.type : c.type;
  let definition = `${quoteIdent(c.name)} ${typeName}${c.nullable ? '' : ' not null'}`;
  if (c.default !== undefined) {
    const d = checkColumnDefault(c.default);
    if (d.ok) definition += ` default ${d.sql}`;
    else problems.push(`${path}.default: ${d.problem}`);
  }
  if (c.unique) definition += ' unique';
  if (c.oneOf) {
    if (typeName !== 'text') problems.push(`${path}.oneOf: needs a text column, not ${typeName}`);
    definition += ` check (${quoteIdent(c.name)} in (${c.oneOf.map(quoteLiteral).join(', ')}))`;
  }
  let references: Column['references'];
  if (c.references) {
    const parts = c.references.table.split('.');
    const [refSchema, refTable] = parts.length === 2 ? [parts[0]!, parts[1]!] : [schema, parts[0]!];
    const refColumn = c.references.column ?? 'id';
    if (parts.length > 2)
      problems.push(`${path}.references.table: "${c.references.table}" must be "table" or "schema.table"`);
    for (const [what, value] of [
      ['table', refSchema],
      ['table', refTable],
      ['column', refColumn],
    ] as const) {
      const problem = identifierProblem(value);
      if (problem) problems.push(`${path}.references.${what}: "${value}" ${problem}`);
    }
    const self = refSchema === schema && refTable === spec.name;
    const knownUuid = (refSchema === 'auth' && refTable === 'users') || (self && refColumn === 'id');
    if (knownUuid && typeName !== 'uuid') {
      problems.push(
        `${path}.type: references ${refSchema}.${refTable}(${refColumn}), a uuid, so the column must be uuid`,
      );
    }
    if (c.references.onDelete === 'set null' && !c.nullable) {
      problems.push(
        `${path}.references.onDelete: "set null" needs nullable: true (or use cascade or restrict)`,
      );
    }
    references = { schema: refSchema, table: refTable, column: refColumn, onDelete: c.references.onDelete };
  }
  return {
    name: c.name,
    type: typeName,
    definition,
    comment: c.comment,
    references,
    unique: c.unique ?? false,
  };
}
