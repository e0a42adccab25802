// function-search-path-mutable (splinter 0011): a function or procedure without a fixed search_path.
import { relation, text } from '../names.js';
import type { Advisor } from '../types.js';

export const functionSearchPathMutable: Advisor = {
  id: 'function-search-path-mutable',
  lint: '0011_function_search_path_mutable',
  level: 'warn',
  category: 'security',
  sql: `
select f.schema_name, f.object_name, null as sub_name, jsonb_build_object('args', f.args) as detail
  from fn f
 where not exists (select 1 from unnest(f.proconfig) c where c like 'search\\_path=%')`,
  help: "Add `set search_path = ''` to the function and schema-qualify every name in its body (`public.orders`, `auth.uid()`); `alter function … set search_path = ''` fixes an existing one.",
  advise(row) {
    const fn = `${relation(row)}(${text(row, 'args')})`;
    return {
      object: fn,
      message: `Function ${fn} has no fixed search_path, so the caller's search_path decides what its unqualified names resolve to; add set search_path = '' and qualify the names it uses.`,
      anchor: { kind: 'function', schema: row.schema_name, name: row.object_name, args: text(row, 'args') },
      mentions: [relation(row)],
    };
  },
};
