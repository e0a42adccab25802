// The row being built: which columns are written and with what text, which of them the caller pinned (never
// changed), and the INSERT that writes them.
import type { ColumnInfo, TableInfo } from '../../catalog/types.js';
import { ident } from '../../db/scratch-cleanup.js';
import { tableKey } from './context.js';
import { RowError } from './errors.js';
import type { Random } from './random.js';
import { makeValue, type Purpose } from './values.js';

/** Column values as Postgres text (null: NULL), keyed by column name. */
export type TextValues = Record<string, string | null>;

/** Aliases of the columns returned as text beside `*` (a parent's referenced columns, for its children). */
const TEXT_ALIAS = 'kodo_text_';

export class Draft {
  readonly key: string;
  readonly values = new Map<string, string | null>();
  readonly pinned = new Set<string>();
  private readonly byName: Map<string, ColumnInfo>;

  constructor(
    readonly table: TableInfo,
    pins: TextValues,
  ) {
    this.key = tableKey(table);
    this.byName = new Map(table.columns.map((c) => [c.name, c]));
    for (const [name, value] of Object.entries(pins)) {
      const column = this.byName.get(name);
      if (!column) throw new RowError(`${this.key} has no column "${name}" to pin`);
      if (column.generated)
        throw new RowError(`${this.key}: column "${name}" is generated and cannot be pinned`);
      this.values.set(name, value);
      this.pinned.add(name);
    }
  }

  column(name: string): ColumnInfo | undefined {
    return this.byName.get(name);
  }

  /** Columns a repair may change: neither pinned nor generated. */
  changeable(): ColumnInfo[] {
    return this.table.columns.filter((c) => !c.generated && !this.pinned.has(c.name));
  }

  isKey(name: string): boolean {
    return this.table.primaryKey.includes(name) || this.table.uniques.some((u) => u.includes(name));
  }

  /** Writes a fresh value into a column the caller did not pin. */
  generate(column: ColumnInfo, random: Random, purpose?: Purpose): void {
    if (this.pinned.has(column.name)) return;
    const chosen = purpose ?? (this.isKey(column.name) ? 'key' : 'plain');
    this.values.set(column.name, makeValue(column, random, chosen, this.key));
  }

  /** Whether the INSERT needs OVERRIDING SYSTEM VALUE (a GENERATED ALWAYS identity column is written). */
  private overriding(): boolean {
    return [...this.values.keys()].some((n) => this.byName.get(n)?.identity === 'a');
  }

  /** The INSERT … RETURNING ctid, * (and `text` columns as text), with its parameters. */
  insert(text: string[]): { sql: string; params: Array<string | null> } {
    const names = this.table.columns.map((c) => c.name).filter((n) => this.values.has(n));
    const params = names.map((n) => this.values.get(n)!);
    const target = `${ident(this.table.schema)}.${ident(this.table.name)}`;
    const body =
      names.length === 0
        ? 'default values'
        : `(${names.map(ident).join(', ')})${this.overriding() ? ' overriding system value' : ''} values (${names
            .map((n, i) => `$${i + 1}::text::${this.byName.get(n)!.type}`)
            .join(', ')})`;
    return { sql: `insert into ${target} ${body} returning ${returning(text)}`, params };
  }

  /** The SELECT of one existing row whose `columns` hold these values (any row when none are given). */
  select(
    columns: string[],
    values: Array<string | null>,
    text: string[],
  ): { sql: string; params: Array<string | null> } {
    const where = columns
      .map((c, i) => `${ident(c)} = $${i + 1}::text::${this.byName.get(c)!.type}`)
      .join(' and ');
    const target = `${ident(this.table.schema)}.${ident(this.table.name)}`;
    return {
      sql: `select ${returning(text)} from ${target}${where ? ` where ${where}` : ''} limit 1`,
      params: values,
    };
  }
}

function returning(text: string[]): string {
  return ['ctid::text as ctid', '*', ...text.map((c, i) => `${ident(c)}::text as ${TEXT_ALIAS}${i}`)].join(
    ', ',
  );
}

/** Splits a returned row into the table's row and the text of the `text` columns. */
export function splitReturned(
  returned: Record<string, unknown>,
  text: string[],
): { ctid: string; row: Record<string, unknown>; text: TextValues } {
  const row: Record<string, unknown> = {};
  const asText: TextValues = {};
  for (const [k, v] of Object.entries(returned)) {
    if (k === 'ctid') continue;
    if (k.startsWith(TEXT_ALIAS)) asText[text[Number(k.slice(TEXT_ALIAS.length))]!] = v as string | null;
    else row[k] = v;
  }
  return { ctid: returned['ctid'] as string, row, text: asText };
}
