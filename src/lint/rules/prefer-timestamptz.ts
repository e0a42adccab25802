// prefer-timestamptz: timestamp without time zone columns (squawk's prefer-timestamptz / prefer-timestamp-tz).
import type { Rule } from '../types.js';
import { columnTypeHandlers, isBuiltin } from './util/column-types.js';

/** Hoisted: an array literal in the callback would be built for every column. */
const TIMESTAMP = ['timestamp'];

export const preferTimestamptz = {
  id: 'prefer-timestamptz',
  severity: 'warning',
  aliases: ['prefer-timestamp-tz'],
  description:
    'A column declared `timestamp` (without time zone) in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.',
  help: 'Use `timestamptz`: it stores an absolute instant, while `timestamp` stores wall-clock digits that every client reads in whatever zone it assumes.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, typeName, type }) => {
      if (!isBuiltin(type, TIMESTAMP)) return;
      report({
        at: stmt,
        location: typeName.location,
        message: `Column ${column} is ${type.text}, which keeps no time zone; use timestamptz.`,
      });
    }),
  }),
} satisfies Rule;
