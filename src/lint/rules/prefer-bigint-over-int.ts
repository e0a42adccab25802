// prefer-bigint-over-int: 32-bit integer columns (integer, int4, serial) that can run out (squawk).
import type { Rule } from '../types.js';
import { columnTypeHandlers, isBuiltin, isSerial } from './util/column-types.js';

/** Hoisted: an array literal in the callback would be built for every column. */
const INT4 = ['int4'];

export const preferBigintOverInt = {
  id: 'prefer-bigint-over-int',
  severity: 'warning',
  description:
    'A column declared `integer`, `int4` or `serial` in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.',
  help: 'Use `bigint` (`bigint generated always as identity` for keys): a 32-bit column stops at 2,147,483,647 and widening it later rewrites the table under an ACCESS EXCLUSIVE lock.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, typeName, type, keyLike }) => {
      const serial = isSerial(type) && (type.name === 'serial' || type.name === 'serial4');
      if (!serial && !isBuiltin(type, INT4)) return;
      report({
        at: stmt,
        location: typeName.location,
        // Keys grow with every row; a counter or a quantity rarely does.
        severity: keyLike ? 'warning' : 'info',
        message: serial
          ? `Column ${column} is ${type.text}, a 32-bit integer that runs out at 2,147,483,647; use bigint generated always as identity.`
          : `Column ${column} is ${type.text}, a 32-bit integer that runs out at 2,147,483,647; use bigint.`,
      });
    }),
  }),
} satisfies Rule;
