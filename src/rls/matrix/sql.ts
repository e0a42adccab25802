// Quoting for the statements the matrix builds from catalog names: always quoted, so keywords and capitals are safe.
import type { TableInfo } from '../../catalog/types.js';
import { ident } from '../../db/scratch-cleanup.js';

export { ident as quoteIdent };

export function quoteTable(t: Pick<TableInfo, 'schema' | 'name'>): string {
  return `${ident(t.schema)}.${ident(t.name)}`;
}
