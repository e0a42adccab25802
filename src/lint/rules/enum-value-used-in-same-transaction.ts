// enum-value-used-in-same-transaction: a value added by ALTER TYPE … ADD VALUE used before it commits (SQLSTATE 55P04).
import type {
  A_Expr,
  AlterTableStmt,
  ColumnDef,
  ColumnRef,
  FuncCall,
  InsertStmt,
  Node,
  RangeVar,
  TypeCast,
  TypeName,
  UpdateStmt,
} from '@pgsql/types';
import { as, display, strings, type TypeInfo, typeInfo, walk } from '../../sql/ast.js';
import type { EnumValue, Rule, SchemaModel, Statement, Table, TypeDef } from '../types.js';

/** An enum with values added in the current transaction, by name. */
interface Unsafe {
  type: TypeDef;
  values: Map<string, EnumValue>;
}

/** Elements of an array literal such as `{a,"b c"}`; undefined when the text is not one. */
function arrayElements(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const out: string[] = [];
  for (const m of t.slice(1, -1).matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|([^,{}"]*))\s*(?:,|$)/g)) {
    const value = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
    if (m[0] === '') break;
    out.push(value);
  }
  return out;
}

/** Column name → types in scope, and per alias / table name. */
interface Scope {
  columns: Map<string, TypeInfo[]>;
  byAlias: Map<string, Map<string, TypeInfo>>;
}

function buildScope(stmt: Statement, model: SchemaModel): Scope {
  const scope: Scope = { columns: new Map(), byAlias: new Map() };
  const add = (name: string, type: TypeInfo, alias?: string) => {
    const list = scope.columns.get(name) ?? [];
    list.push(type);
    scope.columns.set(name, list);
    if (alias) {
      const cols = scope.byAlias.get(alias) ?? new Map<string, TypeInfo>();
      cols.set(name, type);
      scope.byAlias.set(alias, cols);
    }
  };
  const create = stmt.node('CreateStmt');
  const addRelation = (rv: RangeVar) => {
    const table = model.table(rv);
    const alias = rv.alias?.aliasname ?? rv.relname;
    for (const col of table?.columns.values() ?? []) add(col.name, col.type, alias);
  };
  walk(stmt.ast, (kind, payload) => {
    if (kind === 'RangeVar') addRelation(payload as RangeVar);
    // UPDATE, INSERT, ALTER TABLE, CREATE INDEX and CREATE POLICY hold their table as a bare RangeVar.
    for (const field of ['relation', 'table']) {
      const rv = payload[field] as RangeVar | undefined;
      if (rv && typeof rv === 'object' && typeof rv.relname === 'string') addRelation(rv);
    }
    if (kind === 'ColumnDef') {
      const def = payload as ColumnDef;
      if (def.colname && def.typeName?.names?.length) {
        add(def.colname, typeInfo(def.typeName), create?.relation?.relname);
      }
    }
  });
  return scope;
}

export const enumValueUsedInSameTransaction = {
  id: 'enum-value-used-in-same-transaction',
  severity: 'error',
  description:
    'An enum value added by `ALTER TYPE … ADD VALUE` used (in a DEFAULT, CHECK, INSERT, UPDATE, comparison or cast) in the same transaction, which fails with SQLSTATE 55P04.',
  help: 'Postgres refuses to use a new enum value before the transaction that added it commits ("unsafe use of new value"), and the Supabase CLI runs each migration file in one transaction: add the value in one migration file and use it in a later one.',
  create: ({ model, settings, report }) => {
    let tx = -1;
    /** Keys of enum types that received ADD VALUE in transaction `tx`. */
    let touched = new Set<string>();

    function unsafeTypes(stmt: Statement): Map<string, Unsafe> {
      const out = new Map<string, Unsafe>();
      for (const key of touched) {
        const type = model.types.get(key);
        if (type?.kind !== 'enum') continue;
        // Postgres 17 accepts values added to an enum created in the same transaction.
        if (settings.pgVersion >= 17 && model.createdInTransaction(type, stmt)) continue;
        const values = new Map<string, EnumValue>();
        for (const v of type.values) {
          if (v.origin.tx === stmt.tx.id && v.origin.statement.kind === 'AlterEnumStmt')
            values.set(v.name, v);
        }
        if (values.size > 0) out.set(key, { type, values });
      }
      return out;
    }

    function check(stmt: Statement, unsafe: Map<string, Unsafe>) {
      const enumOf = (info: TypeInfo | undefined): Unsafe | undefined => {
        if (!info || info.schema === 'pg_catalog') return undefined;
        const type = model.type(info.schema ? `${info.schema}.${info.name}` : info.name);
        return type ? unsafe.get(type.key) : undefined;
      };
      let scope: Scope | undefined;
      const columnType = (ref: ColumnRef | undefined): TypeInfo | undefined => {
        const fields = strings(ref?.fields);
        const name = fields[fields.length - 1];
        if (!ref || !name) return undefined;
        scope ??= buildScope(stmt, model);
        if (fields.length >= 2) return scope.byAlias.get(fields[fields.length - 2]!)?.get(name);
        return scope.columns.get(name)?.find((t) => enumOf(t));
      };
      const reported = new Set<number>();
      const flag = (node: Node | undefined, target: TypeInfo | undefined) => {
        const c = as(node, 'A_Const');
        const text = c?.sval?.sval;
        const e = enumOf(target);
        if (!c || text === undefined || !e || !target) return;
        const names = target.arrayDims > 0 ? (arrayElements(text) ?? []) : [text];
        const value = names.map((n) => e.values.get(n)).find((v) => v !== undefined);
        if (!value) return;
        const at = c.location ?? -1;
        if (reported.has(at)) return;
        reported.add(at);
        const line = value.origin.file.source.position(value.origin.offset).line;
        report({
          at: stmt,
          location: c.location,
          message: `Value '${value.name}' was added to enum ${display(e.type)} in this same transaction (line ${line}), and Postgres cannot use it until that commits (55P04 unsafe use of new value); use it in a later migration file.`,
        });
      };
      const flagBoth = (a: Node | undefined, b: Node | undefined) => {
        const list = as(b, 'List')?.items;
        const ref = as(a, 'ColumnRef');
        if (ref) {
          const t = columnType(ref);
          if (!t || !enumOf(t)) return;
          for (const item of list ?? [b]) flag(item, t);
        }
      };
      const targetColumns = (relation: RangeVar | undefined): Table | undefined =>
        relation ? model.table(relation) : undefined;

      walk(stmt.ast, (kind, payload) => {
        switch (kind) {
          case 'TypeCast': {
            const cast = payload as TypeCast;
            flag(cast.arg, typeInfo(cast.typeName));
            return;
          }
          case 'ColumnDef': {
            const def = payload as ColumnDef;
            if (!def.typeName) return;
            const t = typeInfo(def.typeName);
            for (const c of def.constraints ?? []) {
              const con = as(c, 'Constraint');
              if (con?.contype === 'CONSTR_DEFAULT') flag(con.raw_expr, t);
            }
            return;
          }
          case 'AlterTableStmt': {
            const alter = payload as AlterTableStmt;
            const table = targetColumns(alter.relation);
            const added = new Map<string, TypeName>();
            for (const c of alter.cmds ?? []) {
              const cmd = as(c, 'AlterTableCmd');
              const def = as(cmd?.def, 'ColumnDef');
              if (cmd?.subtype === 'AT_AddColumn' && def?.colname && def.typeName)
                added.set(def.colname, def.typeName);
              if (cmd?.subtype === 'AT_ColumnDefault' && cmd.name) {
                const written = added.get(cmd.name);
                flag(cmd.def, written ? typeInfo(written) : table?.columns.get(cmd.name)?.type);
              }
            }
            return;
          }
          case 'A_Expr': {
            const expr = payload as A_Expr;
            if (expr.kind === 'AEXPR_OP_ANY' || expr.kind === 'AEXPR_OP_ALL') {
              // col = any('{a,b}'): the literal is an array of the column's type.
              const ref = as(expr.lexpr, 'ColumnRef');
              const t = ref ? columnType(ref) : undefined;
              if (t && enumOf(t)) flag(expr.rexpr, { ...t, arrayDims: 1 });
              return;
            }
            flagBoth(expr.lexpr, expr.rexpr);
            flagBoth(expr.rexpr, expr.lexpr);
            return;
          }
          case 'InsertStmt': {
            const insert = payload as InsertStmt;
            const table = targetColumns(insert.relation);
            if (!table) return;
            const written = (insert.cols ?? []).map((c) => as(c, 'ResTarget')?.name ?? '');
            const names = written.length > 0 ? written : [...table.columns.keys()];
            const values = as(insert.selectStmt, 'SelectStmt')?.valuesLists ?? [];
            for (const row of values) {
              (as(row, 'List')?.items ?? []).forEach((item, i) => {
                flag(item, table.columns.get(names[i] ?? '')?.type);
              });
            }
            for (const t of insert.onConflictClause?.targetList ?? []) {
              const target = as(t, 'ResTarget');
              flag(target?.val, table.columns.get(target?.name ?? '')?.type);
            }
            return;
          }
          case 'UpdateStmt': {
            const update = payload as UpdateStmt;
            const table = targetColumns(update.relation);
            for (const t of update.targetList ?? []) {
              const target = as(t, 'ResTarget');
              flag(target?.val, table?.columns.get(target?.name ?? '')?.type);
            }
            return;
          }
          case 'FuncCall': {
            // enum_range() reads every value of the type, the new ones included.
            const call = payload as FuncCall;
            const fn = strings(call.funcname);
            if (fn[fn.length - 1] !== 'enum_range' || (fn.length > 1 && fn[0] !== 'pg_catalog')) return;
            const cast = as(call.args?.[0], 'TypeCast');
            const e = cast ? enumOf(typeInfo(cast.typeName)) : undefined;
            const value = e ? [...e.values.values()][0] : undefined;
            if (!e || !value || reported.has(call.location ?? -1)) return;
            reported.add(call.location ?? -1);
            const line = value.origin.file.source.position(value.origin.offset).line;
            report({
              at: stmt,
              location: call.location,
              message: `Calling enum_range() on enum ${display(e.type)} reads '${value.name}', which was added in this same transaction (line ${line}) and cannot be used until that commits (55P04); call it in a later migration file.`,
            });
            return;
          }
          default:
            return;
        }
      });
    }

    return {
      statement(stmt) {
        if (stmt.tx.id !== tx) {
          tx = stmt.tx.id;
          touched = new Set();
        }
        if (touched.size === 0) return;
        const unsafe = unsafeTypes(stmt);
        if (unsafe.size > 0) check(stmt, unsafe);
      },
      on: {
        AlterEnumStmt(node) {
          if (node.oldVal || !node.newVal) return;
          const type = model.type(node.typeName ?? []);
          // Outside a transaction the value commits at once; the next statement starts a new id anyway.
          if (type?.kind === 'enum') touched.add(type.key);
        },
      },
    };
  },
} satisfies Rule;
