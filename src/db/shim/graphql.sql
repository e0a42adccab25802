-- graphql_public.graphql(), PostgREST's entry point to pg_graphql (supabase/postgres creates it from the
-- pg_graphql event trigger, migrations/db/migrations/*graphql*): it calls graphql.resolve() when pg_graphql is
-- installed, and answers with an error otherwise, as Supabase's placeholder does.
create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;

create or replace function graphql_public.graphql(
  "operationName" text default null,
  query text default null,
  variables jsonb default null,
  extensions jsonb default null
)
returns jsonb
language plpgsql
as $$
begin
  if pg_catalog.to_regprocedure('graphql.resolve(text,jsonb,text,jsonb)') is null then
    return pg_catalog.jsonb_build_object('errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'message', 'pg_graphql extension is not enabled.')));
  end if;
  return graphql.resolve(query := query, variables := coalesce(variables, '{}'), "operationName" := "operationName",
    extensions := extensions);
end
$$;
grant execute on function graphql_public.graphql(text, text, jsonb, jsonb) to postgres, anon, authenticated, service_role;
alter function graphql_public.graphql(text, text, jsonb, jsonb) owner to supabase_admin;
alter schema graphql_public owner to supabase_admin;

-- kodo's mark (read by src/db/shim/index.ts).
comment on schema graphql_public is 'kodo shim 2: graphql_public installed by kodo so that migrations apply';
