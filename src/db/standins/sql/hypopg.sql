-- kodo stand-in for hypopg 1.4: its functions and view with the real signatures; no hypothetical index is ever created.
create function @extschema@.hypopg(
  out indexname text, out indexrelid oid, out indrelid oid, out innatts integer, out indisunique boolean,
  out indkey int2vector, out indcollation oidvector, out indclass oidvector, out indoption oidvector,
  out indexprs pg_node_tree, out indpred pg_node_tree, out amid oid
)
returns setof record
language sql
as $$
  select null::text, null::oid, null::oid, null::integer, null::boolean, null::int2vector, null::oidvector,
         null::oidvector, null::oidvector, null::pg_node_tree, null::pg_node_tree, null::oid
  where false
$$;

create function @extschema@.hypopg_create_index(sql_order text, out indexrelid oid, out indexname text)
returns setof record
language plpgsql
as $$
begin
  perform kodo_standins.log_call('hypopg', 'hypopg_create_index', pg_catalog.jsonb_build_object('sql_order', sql_order));
end
$$;

create function @extschema@.hypopg_drop_index(indexid oid) returns boolean language sql as $$ select false $$;

create function @extschema@.hypopg_reset() returns void language sql as $$ select $$;

create function @extschema@.hypopg_reset_index() returns void language sql as $$ select $$;

create function @extschema@.hypopg_relation_size(indexid oid) returns bigint language sql as $$ select 0::bigint $$;

create function @extschema@.hypopg_get_indexdef(indexid oid) returns text language sql as $$ select null::text $$;

create function @extschema@.hypopg_hidden_indexes() returns table(indexid oid) language sql as $$ select null::oid where false $$;

create function @extschema@.hypopg_hide_index(indexid oid) returns boolean language sql as $$ select false $$;

create function @extschema@.hypopg_unhide_index(indexid oid) returns boolean language sql as $$ select false $$;

create function @extschema@.hypopg_unhide_all_indexes() returns void language sql as $$ select $$;

create view @extschema@.hypopg_list_indexes as
select h.indexrelid, h.indexname as index_name, n.nspname as schema_name, c.relname as table_name, am.amname as am_name
from @extschema@.hypopg() h
join pg_catalog.pg_class c on c.oid = h.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_am am on am.oid = h.amid;

create view @extschema@.hypopg_hidden_indexes as
select h.indexid as indexrelid, c.relname as index_name
from @extschema@.hypopg_hidden_indexes() h
join pg_catalog.pg_class c on c.oid = h.indexid;
