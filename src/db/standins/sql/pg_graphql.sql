-- kodo stand-in for pg_graphql 1.5: the graphql schema and functions with pg_graphql's signatures; queries are recorded and answered with an error.
create function graphql.resolve(
  query text,
  variables jsonb default '{}'::jsonb,
  "operationName" text default null,
  extensions jsonb default null
)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_graphql', 'resolve', pg_catalog.jsonb_build_object(
    'query', query, 'variables', variables, 'operationName', "operationName"));
  return pg_catalog.jsonb_build_object('data', null, 'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'message', 'pg_graphql is a kodo stand-in on the embedded database: GraphQL queries are not executed.')));
end
$$;

create function graphql.comment_directive(comment_ text)
returns jsonb
language sql
immutable
as $$
  select case
    when pg_catalog.substring($1 from '@graphql\((.*)\)') is null then '{}'::jsonb
    else pg_catalog.substring($1 from '@graphql\((.*)\)')::jsonb
  end
$$;

create function graphql.exception(message text)
returns text
language plpgsql
as $$
begin
  raise exception using errcode = '22000', message = message;
end
$$;

create function graphql.get_schema_version()
returns integer
language sql
as $$ select 1 $$;

create function graphql.increment_schema_version()
returns event_trigger
language plpgsql
as $$ begin end $$;

grant usage on schema graphql to postgres, anon, authenticated, service_role;
grant execute on function graphql.resolve(text, jsonb, text, jsonb) to postgres, anon, authenticated, service_role;
