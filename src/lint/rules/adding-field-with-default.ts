// adding-field-with-default: ADD COLUMN on an existing table that must write every row (squawk).
import type { FuncCall, Node } from '@pgsql/types';
import { as, ident, lastString, startLocation, strings, walk } from '../../sql/ast.js';
import type { Rule, SchemaModel } from '../types.js';
import { alteredTable } from './support/altered-table.js';

/** Volatile functions a default might call: built-ins (`provolatile = 'v'`) and common extension ones. */
const VOLATILE = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuid_generate_v7',
  'gen_random_bytes',
  'gen_salt',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'currval',
  'lastval',
  'setval',
  'array_shuffle',
  'array_sample',
  'txid_status',
  'pg_xact_status',
  'current_query',
]);

const SERIALS = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** The first call in `expr` that Postgres must evaluate once per row, as written (`gen_random_uuid()`). */
function volatileCall(expr: Node, model: SchemaModel): string | undefined {
  let found: string | undefined;
  walk(expr, (kind, payload) => {
    if (found) return false;
    if (kind !== 'FuncCall') return undefined;
    const call = payload as FuncCall;
    const argc = call.args?.length ?? 0;
    const overloads = model.functionsNamed(call.funcname ?? []);
    const matching = overloads.filter(
      (f) => f.args.filter((a) => a.mode !== 'out' && a.mode !== 'table').length === argc,
    );
    const volatile =
      overloads.length > 0
        ? (matching.length > 0 ? matching : overloads).some((f) => f.volatility === 'volatile')
        : VOLATILE.has(lastString(call.funcname));
    if (volatile) found = `${strings(call.funcname).map(ident).join('.')}()`;
    return undefined;
  });
  return found;
}

function isNullConst(expr: Node): boolean {
  const c = as(expr, 'A_Const') ?? as(as(expr, 'TypeCast')?.arg, 'A_Const');
  return Boolean(c?.isnull);
}

export const addingFieldWithDefault = {
  id: 'adding-field-with-default',
  severity: 'warning',
  description:
    'ALTER TABLE … ADD COLUMN on an existing table with a volatile default, a stored generated value, an identity or a serial type: Postgres rewrites every row under an ACCESS EXCLUSIVE lock.',
  help: 'Add the column nullable and without that default, set the default (or trigger) for new rows in a second statement, and backfill existing rows in batches.',
  create: ({ model, settings, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt);
        if (!altered) return;
        const { table, name } = altered;
        for (const item of node.cmds ?? []) {
          const cmd = as(item, 'AlterTableCmd');
          const def = as(cmd?.def, 'ColumnDef');
          if (cmd?.subtype !== 'AT_AddColumn' || !def) continue;
          const col = ident(def.colname ?? '');
          if (cmd.missing_ok && table?.columns.has(def.colname ?? '')) continue;
          const constraints = (def.constraints ?? []).flatMap((c) => as(c, 'Constraint') ?? []);
          const rewrite = (location: number | undefined, what: string, fix: string) =>
            report({
              at: stmt,
              location,
              message: `Adding column ${col} to ${name} ${what} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; ${fix}.`,
            });
          const generated = constraints.find((c) => c.contype === 'CONSTR_GENERATED');
          if (generated) {
            rewrite(
              generated.location,
              'as a stored generated column',
              'add a plain nullable column, keep it up to date with a trigger and backfill existing rows in batches',
            );
            continue;
          }
          const identity = constraints.find((c) => c.contype === 'CONSTR_IDENTITY');
          const typeName = lastString(def.typeName?.names);
          if (identity || SERIALS.has(typeName)) {
            rewrite(
              identity?.location ?? def.typeName?.location,
              identity ? 'as an identity column' : `as ${typeName}`,
              'add a nullable bigint column, backfill it in batches, then attach the identity or sequence default',
            );
            continue;
          }
          const expr = def.raw_default ?? constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
          if (!expr || isNullConst(expr)) continue;
          if (settings.pgVersion < 11) {
            rewrite(
              startLocation(expr),
              `with a default on Postgres ${settings.pgVersion}`,
              'add the column without a default, set the default in a second statement and backfill existing rows in batches',
            );
            continue;
          }
          const call = volatileCall(expr, model);
          if (call) {
            rewrite(
              startLocation(expr),
              `with the volatile default ${call}`,
              'add the column without a default, set the default in a second statement and backfill existing rows in batches',
            );
          }
        }
      },
    },
  }),
} satisfies Rule;
