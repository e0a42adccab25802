// The catalog as plain data, read the same way on PGlite and on a server.
export { readAccess } from './read-access.js';
export { readPolicies } from './read-policies.js';
export { readTable, readTables } from './read-tables.js';
export type * from './types.js';
