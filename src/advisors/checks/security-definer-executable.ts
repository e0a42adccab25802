// What splinter 0028 and 0029 share: a SECURITY DEFINER function in an exposed schema that an API role may call
// through /rest/v1/rpc, where it runs with its owner's rights, past row level security.
import { relation, text } from '../names.js';
import type { Advisor } from '../types.js';

export function definerExecutable(role: 'anon' | 'authenticated', lint: string): Advisor {
  return {
    id: `${role}-security-definer-function-executable`,
    lint,
    level: 'warn',
    category: 'security',
    // has_function_privilege counts the EXECUTE that every function grants PUBLIC unless revoked.
    sql: `
select f.schema_name, f.object_name, null as sub_name, jsonb_build_object('args', f.args) as detail
  from fn f
  join api_role a on a.rolname = '${role}'
 where f.prosecdef and f.in_api and has_function_privilege(a.oid, f.oid, 'EXECUTE')`,
    help: `Revoke execute from ${role} (and from public, which every function grants by default) if clients should not call it, move it to a schema the Data API does not expose, or make it security invoker; a definer function callable through the API must check the caller itself (auth.uid()).`,
    advise(row) {
      const fn = `${relation(row)}(${text(row, 'args')})`;
      return {
        object: fn,
        message: `Function ${fn} is security definer and ${role} can call it through the Data API (/rest/v1/rpc), so it runs with its owner's rights for ${role === 'anon' ? 'anyone with the anon key' : 'every signed-in user'}; revoke execute on it from ${role} and public unless that is intended.`,
        anchor: { kind: 'function', schema: row.schema_name, name: row.object_name, args: text(row, 'args') },
        mentions: [relation(row)],
      };
    },
  };
}
