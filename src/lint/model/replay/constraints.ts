// Table constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE) from column or table definitions,
// with the names Postgres would generate and the indexes primary and unique constraints bring.
import type { Constraint } from '@pgsql/types';
import { as, keyOf, strings } from '../../../sql/ast.js';
import type { FkAction, Index, Table, TableConstraint } from '../types.js';
import { originAt, type Replay, uniqueName } from './context.js';

const FK_ACTIONS: Record<string, FkAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

const KIND: Partial<Record<string, TableConstraint['kind']>> = {
  CONSTR_PRIMARY: 'primary',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclusion',
};

const SUFFIX: Record<TableConstraint['kind'], string> = {
  primary: 'pkey',
  unique: 'key',
  foreign: 'fkey',
  check: 'check',
  exclusion: 'excl',
};

/**
 * Adds a constraint to `table`. `column` is set for a column constraint (`id uuid primary key`);
 * `textEnd` bounds the source text that belongs to it (to see whether `ON DELETE` was written).
 */
export function addConstraint(
  r: Replay,
  table: Table,
  c: Constraint,
  column: string | undefined,
  textEnd: number,
): TableConstraint | undefined {
  const kind = c.contype ? KIND[c.contype] : undefined;
  if (!kind) return undefined;
  let columns: string[];
  if (kind === 'foreign') columns = column ? [column] : strings(c.fk_attrs);
  else if (kind === 'exclusion')
    columns = (c.exclusions ?? []).map((e) => as(as(e, 'List')?.items?.[0], 'IndexElem')?.name ?? '');
  else if (kind === 'check') columns = column ? [column] : [];
  else columns = column ? [column] : strings(c.keys);
  if (c.indexname && kind !== 'foreign') {
    const index = r.model.index({ schema: table.schema, name: c.indexname });
    if (index) columns = index.columns;
  }
  const base =
    kind === 'primary'
      ? `${table.name}_pkey`
      : `${table.name}_${columns.length ? columns.join('_') : kind === 'check' ? '' : 'expr'}_${SUFFIX[kind]}`.replace(
          '__',
          '_',
        );
  const name =
    c.conname ??
    uniqueName(
      base,
      (n) => table.constraints.has(n) || r.model.indexes.has(keyOf({ schema: table.schema, name: n })),
    );
  const start = r.stmt.offsetOf(c.location);
  const constraint: TableConstraint = {
    name,
    kind,
    columns,
    notValid: Boolean(c.skip_validation),
    usingIndex: c.indexname,
    foreignKey:
      kind === 'foreign'
        ? {
            table: table.key,
            references: keyOf(r.model.resolve(c.pktable ?? '', r.model.tables)),
            referencedColumns: strings(c.pk_attrs),
            onDelete: FK_ACTIONS[c.fk_del_action ?? 'a'] ?? 'no action',
            onUpdate: FK_ACTIONS[c.fk_upd_action ?? 'a'] ?? 'no action',
            onDeleteWritten: /\bon\s+delete\b/i.test(r.stmt.file.text.slice(start, textEnd)),
          }
        : undefined,
    expr: c.raw_expr,
    origin: originAt(r.stmt, c.location),
  };
  table.constraints.set(name, constraint);
  if (kind === 'primary') {
    for (const col of columns) {
      const column = table.columns.get(col);
      if (column) column.notNull = true;
    }
  }
  if ((kind === 'primary' || kind === 'unique' || kind === 'exclusion') && !c.indexname) {
    addIndex(r, table, {
      schema: table.schema,
      name,
      table: table.key,
      columns,
      include: strings(c.including),
      unique: kind !== 'exclusion',
      constraint: name,
      method: c.access_method ?? 'btree',
      where: undefined,
      definition: `${kind === 'exclusion' ? '' : 'unique '}${c.access_method ?? 'btree'} (${columns.join(', ')})`,
      origin: originAt(r.stmt, c.location),
    });
  } else if (c.indexname) {
    const index = r.model.index({ schema: table.schema, name: c.indexname });
    if (index) {
      // ADD CONSTRAINT … USING INDEX renames the index to the constraint's name.
      removeIndex(r, index);
      addIndex(r, table, { ...index, name, constraint: name });
    }
  }
  return constraint;
}

export function addIndex(r: Replay, table: Table, index: Index): void {
  table.indexes.set(index.name, index);
  r.model.indexes.set(keyOf(index), index);
}

export function removeIndex(r: Replay, index: Index): void {
  r.model.indexes.delete(keyOf(index));
  r.model.tables.get(index.table)?.indexes.delete(index.name);
}

export function dropConstraint(r: Replay, table: Table, name: string): void {
  const c = table.constraints.get(name);
  if (!c) return;
  table.constraints.delete(name);
  for (const index of table.indexes.values()) if (index.constraint === name) removeIndex(r, index);
}
