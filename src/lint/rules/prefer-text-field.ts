// prefer-text-field: varchar(n) columns, whose length can only change under an ACCESS EXCLUSIVE lock (squawk).
import { ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { columnTypeHandlers, isBuiltin } from './util/column-types.js';

/** Hoisted: an array literal in the callback would be built for every column. */
const VARCHAR = ['varchar'];

export const preferTextField = {
  id: 'prefer-text-field',
  severity: 'warning',
  description:
    'A column declared `varchar(n)` (with a length) in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE.',
  help: 'Use `text` with a `CHECK (char_length(col) <= n)` constraint: changing a varchar length takes an ACCESS EXCLUSIVE lock, while a CHECK can be replaced with NOT VALID and VALIDATE without blocking.',
  create: ({ model, report }) => ({
    on: columnTypeHandlers(model, ({ stmt, column, name, typeName, type }) => {
      if (!isBuiltin(type, VARCHAR) || type.mods.length === 0) return;
      const check =
        type.arrayDims === 0
          ? ` with a CHECK (char_length(${ident(name)}) <= ${type.mods[0]}) constraint`
          : '';
      report({
        at: stmt,
        location: typeName.location,
        message: `Column ${column} is ${type.text}; use text${check}, because changing a varchar length later locks the table.`,
      });
    }),
  }),
} satisfies Rule;
