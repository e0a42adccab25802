// changing-column-type: ALTER COLUMN … TYPE on an existing table that rewrites it (squawk).
import type { ColumnDef, Node } from '@pgsql/types';
import { as, ident, strings, type TypeInfo, typeInfo } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { alteredTable } from './support/altered-table.js';

/** Types whose typmod can grow without touching the rows (Postgres's length/precision support functions). */
const WIDENABLE = new Set(['varchar', 'varbit', 'numeric', 'timestamp', 'timestamptz', 'time', 'timetz']);

/** Serial columns are plain integers once created. */
const SERIAL_BASE: Record<string, string> = {
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
};

/** The built-in type's internal name, or undefined for user and extension types. */
function base(t: TypeInfo): string | undefined {
  if (t.schema !== undefined && t.schema !== 'pg_catalog') return undefined;
  return SERIAL_BASE[t.name] ?? t.name;
}

/** Whether `from` → `to` is a binary-compatible change Postgres makes without rewriting the table. */
function noRewrite(from: TypeInfo, to: TypeInfo): boolean {
  if (from.arrayDims > 0 || to.arrayDims > 0) return from.text === to.text;
  const a = base(from);
  const b = base(to);
  if (a === undefined || b === undefined) return from.text === to.text;
  if (a === b && from.mods.join() === to.mods.join()) return true;
  if (b === 'text') return a === 'varchar' || a === 'text';
  if (a === 'text' && b === 'varchar') return to.mods.length === 0;
  if (a === 'cidr' && b === 'inet') return true;
  // timestamp ↔ timestamptz is free when the session time zone is UTC (Postgres 12+, Supabase's default).
  const sameFamily =
    a === b || (['timestamp', 'timestamptz'].includes(a) && ['timestamp', 'timestamptz'].includes(b));
  if (!sameFamily || !WIDENABLE.has(a)) return false;
  if (to.mods.length === 0) return true;
  if (from.mods.length === 0) return false;
  const [p0, s0 = 0] = from.mods.map(Number);
  const [p1, s1 = 0] = to.mods.map(Number);
  if (p0 === undefined || p1 === undefined || Number.isNaN(p0) || Number.isNaN(p1)) return false;
  return p1 >= p0 && (a !== 'numeric' || s1 === s0);
}

/** `USING col` or `USING col::newtype` converts exactly as the implicit cast would. */
function trivialUsing(using: Node | undefined, column: string): boolean {
  if (!using) return true;
  const cast = as(using, 'TypeCast');
  const ref = as(cast ? cast.arg : using, 'ColumnRef');
  const fields = strings(ref?.fields);
  return fields.length === 1 && fields[0] === column;
}

export const changingColumnType = {
  id: 'changing-column-type',
  severity: 'warning',
  description:
    'ALTER COLUMN … TYPE on an existing table: unless the change is binary compatible, Postgres rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock.',
  help: 'Add a column of the new type, keep it in sync with a trigger, backfill it in batches and switch readers over; or widen only in binary-compatible ways (varchar(n) → varchar(m ≥ n) or text, numeric precision up).',
  create: ({ model, settings, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt);
        if (!altered) return;
        const { table, name } = altered;
        for (const item of node.cmds ?? []) {
          const cmd = as(item, 'AlterTableCmd');
          const def: ColumnDef | undefined = as(cmd?.def, 'ColumnDef');
          if (cmd?.subtype !== 'AT_AlterColumnType' || !def?.typeName || !cmd.name) continue;
          const column = table?.columns.get(cmd.name);
          const to = typeInfo(def.typeName);
          if (
            column &&
            !def.collClause &&
            trivialUsing(def.raw_default, cmd.name) &&
            (settings.pgVersion >= 12 ||
              !base(to)?.startsWith('timestamp') ||
              base(to) === base(column.type)) &&
            noRewrite(column.type, to)
          )
            continue;
          const from = column ? ` from ${column.type.text}` : '';
          report({
            at: stmt,
            location: def.location,
            message: `Changing the type of ${ident(cmd.name)} on ${name}${from} to ${to.text} rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a new column, backfill it in batches and switch over instead.`,
          });
        }
      },
    },
  }),
} satisfies Rule;
