// Rows for each owner: a row of a table that belongs to user A (or B) is one whose owner columns hold A's id, A's
// organization, or the key of a row of A's in the table a policy looks it up in (created first, the same way).
// Rows are inserted as service_role, as an API server with the service key would, through the row generator,
// which fills every other required column from the catalog; a row that already exists for those owner values
// (made by a trigger, or for another table's lookup) is used as it is.
import { readTable } from '../../catalog/index.js';
import type { TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { toDatabaseError } from '../../db/errors.js';
import { keepAs } from '../identity.js';
import type { Persona } from '../personas.js';
import { insertRow, type RowContext, RowError } from '../rows/index.js';
import { orgKey } from './org-key.js';
import { type OwnerContext, ownershipOf, tableKey } from './owners.js';
import { quoteIdent, quoteTable } from './sql.js';

export interface SeededRow {
  ctid: string;
  row: Record<string, unknown>;
}

const MAX_DEPTH = 4;

export class Seeder {
  constructor(
    private readonly tx: Queryable,
    private readonly ctx: OwnerContext,
    private readonly service: Persona,
    private readonly rows: RowContext,
    /** The other party of rows that relate two users (see `withBystander`). */
    private readonly bystander: Persona | null = null,
  ) {}

  /** The owner columns of `table` for `who`, with the rows they point at created as needed. */
  async pins(table: TableInfo, who: Persona, depth = 0): Promise<Record<string, unknown>> {
    const pins: Record<string, unknown> = {};
    for (const owner of ownershipOf(table, this.ctx).owners) {
      if (owner.kind === 'user') pins[owner.column] = who.id;
      else if (owner.kind === 'org') pins[owner.column] = orgKey(who.orgId, columnType(table, owner.column));
      else {
        const { lookup } = owner;
        const other = await this.table(lookup.table.schema, lookup.table.name);
        const extra = lookup.userColumn ? { [lookup.userColumn]: who.id } : {};
        const row = await this.ensure(other, who, extra, depth + 1);
        pins[owner.column] = row.row[lookup.pick];
      }
    }
    return pins;
  }

  /** A row of `table` owned by `who` (plus `extra` fixed values): found, or inserted as service_role. */
  async ensure(
    table: TableInfo,
    who: Persona,
    extra: Record<string, unknown> = {},
    depth = 0,
  ): Promise<SeededRow> {
    if (depth > MAX_DEPTH) {
      throw new RowError(`${tableKey(table)}: its owner is looked up through more than ${MAX_DEPTH} tables`);
    }
    const pins = { ...(await this.pins(table, who, depth)), ...extra };
    try {
      const found = (await findRow(this.tx, table, pins)) ?? (await this.completeByKey(table, pins));
      if (found) return found;
      return await this.insertRelating(table, who, pins, depth);
    } catch (e) {
      // A pin Postgres refuses (a value of the wrong type for a column, a key it cannot find) makes this table
      // unprovable, not the whole run: the matrix reports it with Postgres's reason.
      if (e instanceof RowError) throw e;
      throw new RowError(`${tableKey(table)}: ${toDatabaseError(e).message}`);
    }
  }

  /**
   * A row relating two users (follows, blocks, friendships) has two owner columns, both pinned to the owner, and
   * often a check that they differ (`follower_id <> followed_id`). When the insert is refused, the later of two
   * columns pinned to the same value is pinned to a bystander instead: A follows C, B follows C, so a row of B's
   * that A reaches is still one that does not involve A.
   */
  private async insertRelating(
    table: TableInfo,
    who: Persona,
    pins: Record<string, unknown>,
    depth: number,
  ): Promise<SeededRow> {
    try {
      return await this.insert(table, who, pins);
    } catch (e) {
      if (!(e instanceof RowError) || !this.bystander) throw e;
      const columns = ownershipOf(table, this.ctx).owners.map((o) => o.column);
      const twins = columns.filter((c, i) => columns.slice(0, i).some((d) => pins[d] === pins[c]));
      if (twins.length === 0 || pins[twins[0]!] == null) throw e;
      const theirs = await this.pins(table, this.bystander, depth);
      const relating = { ...pins, ...Object.fromEntries(twins.map((c) => [c, theirs[c]])) };
      return await this.insert(table, who, relating);
    }
  }

  /**
   * Inserts as service_role carrying the owner's `sub`: triggers that stamp `auth.uid()` (a membership made for
   * whoever creates an organization, a created_by default) then stamp the owner, as when the owner made the row
   * through the API, instead of failing on a NULL.
   */
  private async insert(table: TableInfo, who: Persona, pins: Record<string, unknown>): Promise<SeededRow> {
    const service = who.user
      ? { ...this.service, claims: { ...this.service.claims, sub: who.id } }
      : this.service;
    try {
      return await keepAs(this.tx, service, () => insertRow(this.tx, table, pins, this.rows));
    } catch (e) {
      // service_role lacks a privilege on some schemas a project exposes; the connecting role seeds those.
      if (e instanceof RowError || toDatabaseError(e).sqlstate !== '42501') throw e;
      return insertRow(this.tx, table, pins, this.rows);
    }
  }

  /**
   * A row whose key the pins already cover but whose other owner columns differ (an organization made as the
   * parent of a membership, its nullable created_by left empty): it is this owner's row, so its owner columns
   * are set to the pins, as the connecting role, inside the matrix's transaction.
   */
  private async completeByKey(table: TableInfo, pins: Record<string, unknown>): Promise<SeededRow | null> {
    const key = [table.primaryKey, ...table.uniques].find(
      (k) => k.length > 0 && k.every((c) => pins[c] != null),
    );
    if (!key) return null;
    const byKey = await findRow(this.tx, table, Object.fromEntries(key.map((c) => [c, pins[c]])));
    if (!byKey) return null;
    const columns = Object.keys(pins).filter((c) => !key.includes(c));
    const set = columns
      .map((c, i) => `${quoteIdent(c)} = $${i + 2}::text::${columnType(table, c)}`)
      .join(', ');
    const { rows } = await this.tx.query<SeededRow>(
      `update ${quoteTable(table)} t set ${set} where ctid = $1::tid returning t.ctid::text as ctid, to_jsonb(t) as row`,
      [byKey.ctid, ...columns.map((c) => (pins[c] == null ? null : String(pins[c])))],
    );
    return rows[0] ?? null;
  }

  async table(schema: string, name: string): Promise<TableInfo> {
    const key = `${schema}.${name}`;
    let table = this.ctx.tables.get(key);
    if (!table) {
      table = await readTable(this.tx, schema, name);
      if (!table) throw new RowError(`${key}: a policy looks rows up in it, but it does not exist`);
      this.ctx.tables.set(key, table);
    }
    return table;
  }
}

async function findRow(
  tx: Queryable,
  table: TableInfo,
  pins: Record<string, unknown>,
): Promise<SeededRow | null> {
  const columns = Object.keys(pins);
  if (columns.length === 0) return null;
  const where = columns.map((c, i) => `t.${quoteIdent(c)}::text = $${i + 1}::text`).join(' and ');
  const { rows } = await tx.query<SeededRow>(
    `select t.ctid::text as ctid, to_jsonb(t) as row from ${quoteTable(table)} t where ${where} limit 1`,
    columns.map((c) => (pins[c] === null || pins[c] === undefined ? null : String(pins[c]))),
  );
  return rows[0] ?? null;
}

function columnType(table: TableInfo, name: string): string {
  return table.columns.find((c) => c.name === name)?.type ?? 'text';
}
