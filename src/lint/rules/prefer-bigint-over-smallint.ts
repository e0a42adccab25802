// prefer-bigint-over-smallint: 16-bit integer columns (smallint, int2, smallserial) that can run out (squawk).
import type { Rule } from '../types.js';
import { columnTypeHandlers, isBuiltin, isSerial } from './util/column-types.js';

/** Hoisted: an array literal in the callback would be built for every column. */
const INT2 = ['int2'];

export const preferBigintOverSmallint = {
  id: 'prefer-bigint-over-smallint',
  severity: 'warning',
  description:
    'A column declared `smallint`, `int2` or `smallserial` in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.',
  help: 'Use `bigint` unless the range is bounded by design: a 16-bit column stops at 32,767 and widening it later rewrites the table under an ACCESS EXCLUSIVE lock.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, typeName, type, keyLike }) => {
      const serial = isSerial(type) && (type.name === 'smallserial' || type.name === 'serial2');
      if (!serial && !isBuiltin(type, INT2)) return;
      report({
        at: stmt,
        location: typeName.location,
        severity: keyLike ? 'warning' : 'info',
        message: serial
          ? `Column ${column} is ${type.text}, a 16-bit integer that runs out at 32,767; use bigint generated always as identity.`
          : `Column ${column} is ${type.text}, a 16-bit integer that runs out at 32,767; use bigint unless the range is bounded by design.`,
      });
    }),
  }),
} satisfies Rule;
