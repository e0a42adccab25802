// security-definer-view: an API-readable view that runs with its owner's rights, bypassing RLS (splinter 0010).
import { display } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { isUserObject } from './support/splinter.js';

export const securityDefinerView = {
  id: 'security-definer-view',
  severity: 'error',
  description:
    "A view in an API-exposed schema, readable by anon or authenticated, without security_invoker, so it reads its tables with its owner's rights.",
  help: 'Create the view `with (security_invoker = on)` (Postgres 15+) so the RLS policies of the tables it reads apply to the caller, or revoke select on it from anon and authenticated.',
  create: ({ model, settings, report }) => ({
    runEnd() {
      // security_invoker exists from Postgres 15; before that every view runs as its owner.
      if (settings.pgVersion < 15) return;
      for (const view of model.views.values()) {
        if (view.materialized || view.securityInvoker || !isUserObject(view) || !model.isExposed(view))
          continue;
        report({
          at: view.origin,
          message: `View ${display(view)} runs with its owner's rights, so anon and authenticated read its tables past their row level security; create it with (security_invoker = on) or revoke select on it from the API roles.`,
        });
      }
    },
  }),
} satisfies Rule;
