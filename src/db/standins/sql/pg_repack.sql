-- kodo stand-in for pg_repack 1.5: the repack schema and its version functions; tables are never repacked.
create schema repack;

create function repack.version() returns text language sql immutable as $$ select 'pg_repack 1.5.2 (kodo stand-in)'::text $$;

create function repack.version_sql() returns text language sql immutable as $$ select 'pg_repack 1.5.2 (kodo stand-in)'::text $$;
