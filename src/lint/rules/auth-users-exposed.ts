// auth-users-exposed: an API-readable view or materialized view that reads auth.users (splinter 0002).
import { display } from '../../sql/ast.js';
import type { Rule, View } from '../types.js';

const AUTH_USERS = 'auth.users';

export const authUsersExposed = {
  id: 'auth-users-exposed',
  severity: 'error',
  description:
    'A view or materialized view in an API-exposed schema, readable by anon or authenticated, that reads auth.users.',
  help: 'Keep auth.users out of the Data API: put the view in a schema the API does not expose, revoke select on it from anon and authenticated, or copy the fields you need into a public table (e.g. profiles) kept up to date by a trigger.',
  create: ({ model, report }) => ({
    runEnd() {
      // A view reads auth.users when its query does, directly or through other views.
      const memo = new Map<string, boolean>();
      const readsAuthUsers = (view: View, seen: Set<string>): boolean => {
        const known = memo.get(view.key);
        if (known !== undefined) return known;
        if (seen.has(view.key)) return false;
        seen.add(view.key);
        const result = view.references.some((ref) => {
          if (ref === AUTH_USERS) return true;
          const inner = model.views.get(ref);
          return inner !== undefined && readsAuthUsers(inner, seen);
        });
        memo.set(view.key, result);
        return result;
      };
      const usersRls = model.tables.get(AUTH_USERS)?.rls.enabled ?? false;
      for (const view of model.views.values()) {
        if (view.builtin || !model.isExposed(view) || !readsAuthUsers(view, new Set())) continue;
        let why: string;
        if (view.materialized) why = 'materialized views have no row level security';
        else if (!view.securityInvoker) why = "it runs with its owner's rights";
        else if (!usersRls) why = 'auth.users has no row level security';
        else continue;
        const kind = view.materialized ? 'Materialized view' : 'View';
        report({
          at: view.origin,
          message: `${kind} ${display(view)} reads auth.users and anon or authenticated can select from it, and ${why}, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.`,
        });
      }
    },
  }),
} satisfies Rule;
