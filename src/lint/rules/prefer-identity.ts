// prefer-identity: serial-family column types where an identity column is the modern equivalent (squawk).
import type { Rule } from '../types.js';
import { columnTypeHandlers, isSerial } from './util/column-types.js';

export const preferIdentity = {
  id: 'prefer-identity',
  severity: 'warning',
  description: 'A column declared `serial`, `bigserial` or `smallserial` (or `serial2/4/8`).',
  help: 'Use `bigint generated always as identity`: the sequence belongs to the column (no separate grants or ownership to manage) and explicit inserts cannot silently bypass it.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, typeName, type }) => {
      if (!isSerial(type)) return;
      report({
        at: stmt,
        location: typeName.location,
        message: `Column ${column} is ${type.text}; use bigint generated always as identity instead of a serial type.`,
      });
    }),
  }),
} satisfies Rule;
