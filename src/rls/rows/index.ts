// The row generator: rows of any table, made from the catalog, that Postgres accepts (NOT NULL, foreign keys,
// checks, enums, unique keys). The RLS matrix seeds its owners' rows with it.
export { createRowContext, type RowContext, type RowContextOptions, tableOf } from './context.js';
export { RowError } from './errors.js';
export { type InsertedRow, insertRow } from './insert.js';
