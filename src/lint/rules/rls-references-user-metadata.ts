// rls-references-user-metadata: a policy trusts user_metadata, which every user can edit (splinter 0015).
import type { A_Const, FuncCall, RangeVar } from '@pgsql/types';
import { as, display, LEAF_KINDS, type Node, strings, walk } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { authFunction, isCurrentSetting, policyExpressions, policyName } from './support/splinter.js';

const JSON_OPS = new Set(['->', '->>', '#>', '#>>']);
const EXTRACT_FUNCTIONS = new Set([
  'jsonb_extract_path',
  'jsonb_extract_path_text',
  'json_extract_path',
  'json_extract_path_text',
]);

function stringOf(node: unknown): { value: string; location: number | undefined } | undefined {
  const c = as(node as Node, 'A_Const') as A_Const | undefined;
  if (c?.sval?.sval === undefined) {
    // `'user_metadata'::text` and friends.
    const cast = as(node as Node, 'TypeCast');
    return cast ? stringOf(cast.arg) : undefined;
  }
  return { value: c.sval.sval, location: c.location };
}

/** A key or path that names user_metadata: `'user_metadata'`, `'{user_metadata,role}'`. */
function namesUserMetadata(value: string): boolean {
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .some((part) => part.trim().replace(/^"|"$/g, '') === 'user_metadata');
}

/** The settings that hold the JWT's claims: `request.jwt.claims` (and the older `request.jwt.claim.*`). */
function jwtSetting(call: FuncCall): string | undefined {
  if (!isCurrentSetting(call)) return undefined;
  const name = stringOf(call.args?.[0])?.value;
  return name?.startsWith('request.jwt.claim') ? name : undefined;
}

/** Whether an expression reads the caller's JWT: `auth.jwt()` or `current_setting('request.jwt.claims')`. */
function readsJwt(expr: unknown): boolean {
  let found = false;
  walk(expr, (kind, payload) => {
    if (found) return false;
    if (kind !== 'FuncCall') return undefined;
    const call = payload as FuncCall;
    if (authFunction(call) === 'jwt' || jwtSetting(call) !== undefined) found = true;
    return undefined;
  });
  return found;
}

interface Use {
  location: number | undefined;
  what: 'jwt' | 'column';
}

/** Places in a policy expression that read user_metadata. */
function userMetadataUses(expr: Node | undefined): Use[] {
  const uses: Use[] = [];
  const add = (key: unknown, base: unknown) => {
    const s = stringOf(key);
    if (s && namesUserMetadata(s.value) && readsJwt(base)) uses.push({ location: s.location, what: 'jwt' });
  };
  // One walk: whether the expression reads auth.users is only known at its end, so column uses are kept
  // in place and dropped afterwards when it does not.
  let columnSource = false;
  walk(expr, (kind, payload) => {
    switch (kind) {
      case 'RangeVar': {
        const rv = payload as RangeVar;
        if (rv.schemaname === 'auth' && rv.relname === 'users') columnSource = true;
        break;
      }
      case 'A_Expr': {
        const op = strings(payload['name'] as Node[] | undefined).pop() ?? '';
        if (payload['kind'] === 'AEXPR_OP' && JSON_OPS.has(op)) add(payload['rexpr'], payload['lexpr']);
        break;
      }
      case 'A_Indirection':
        for (const i of (payload['indirection'] as Node[] | undefined) ?? [])
          add(as(i, 'A_Indices')?.uidx, payload['arg']);
        break;
      case 'FuncCall': {
        const call = payload as FuncCall;
        const name = strings(call.funcname).pop() ?? '';
        if (EXTRACT_FUNCTIONS.has(name)) for (const a of (call.args ?? []).slice(1)) add(a, call.args?.[0]);
        // The older per-claim setting: current_setting('request.jwt.claim.user_metadata').
        const setting = jwtSetting(call);
        if (setting && namesUserMetadata(setting.split('.').pop() ?? ''))
          uses.push({ location: stringOf(call.args?.[0])?.location, what: 'jwt' });
        break;
      }
      case 'ColumnRef': {
        const field = strings(payload['fields'] as Node[] | undefined).pop();
        if (field === 'raw_user_meta_data')
          uses.push({ location: payload['location'] as number | undefined, what: 'column' });
        break;
      }
    }
    // The insides of names and constants (a ColumnRef's fields, an A_Const's value) are read above if at all.
    return LEAF_KINDS.has(kind) ? false : undefined;
  });
  return columnSource ? uses : uses.filter((u) => u.what !== 'column');
}

export const rlsReferencesUserMetadata = {
  id: 'rls-references-user-metadata',
  severity: 'error',
  description:
    'An RLS policy that reads user_metadata (from the JWT or auth.users.raw_user_meta_data), which users can change themselves.',
  help: 'Users edit their own user_metadata (`supabase.auth.updateUser({ data })`), so it proves nothing: base the check on app_metadata, which only the service role can change, or on a table users cannot write.',
  create: ({ model, report }) => {
    return {
      runEnd() {
        for (const { table, policy, expr, stmt } of policyExpressions(model.tables.values())) {
          for (const use of userMetadataUses(expr)) {
            const what = use.what === 'jwt' ? 'user_metadata from the JWT' : 'auth.users.raw_user_meta_data';
            report({
              at: stmt,
              location: use.location,
              message: `Policy ${policyName(policy)} on ${display(table)} trusts ${what}, which every user can edit for themselves; base the check on app_metadata or on a table users cannot write.`,
            });
          }
        }
      },
    };
  },
} satisfies Rule;
