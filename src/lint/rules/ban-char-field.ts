// ban-char-field: char(n) / character columns, blank-padded and never better than text (squawk).
import type { Rule } from '../types.js';
import { columnTypeHandlers, isBuiltin } from './util/column-types.js';

/** Hoisted: an array literal in the callback would be built for every column. */
const BPCHAR = ['bpchar'];

export const banCharField = {
  id: 'ban-char-field',
  severity: 'warning',
  description:
    'A column declared `char(n)`, `character(n)` or `bpchar` in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.',
  help: 'Use `text` (with a CHECK on its length if needed): char(n) pads values with spaces, compares them with trailing spaces ignored, and is no faster.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, typeName, type }) => {
      if (!isBuiltin(type, BPCHAR)) return;
      report({
        at: stmt,
        location: typeName.location,
        message: `Column ${column} is ${type.text}, which pads values with spaces; use text.`,
      });
    }),
  }),
} satisfies Rule;
