// function-search-path-mutable: a function without a fixed search_path (splinter 0011).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { isUserObject } from './support/splinter.js';

export const functionSearchPathMutable = {
  id: 'function-search-path-mutable',
  severity: 'warning',
  description: 'A function or procedure with no `set search_path` in its definition after all migrations.',
  help: "Add `set search_path = ''` to the function and schema-qualify every name in its body (`public.orders`, `auth.uid()`); `alter function … set search_path = ''` fixes an existing one.",
  create: ({ model, report }) => ({
    runEnd() {
      for (const overloads of model.functions.values()) {
        for (const fn of overloads) {
          if (!isUserObject(fn) || fn.config.has('search_path')) continue;
          const kind = fn.kind === 'procedure' ? 'Procedure' : 'Function';
          report({
            at: fn.origin,
            message: `${kind} ${overloads.length > 1 ? fn.signature : display(fn)} has no fixed search_path, so the caller's search_path decides what its unqualified names resolve to; add set search_path = '' and qualify the names it uses.`,
          });
        }
      }
    },
  }),
} satisfies Rule;
