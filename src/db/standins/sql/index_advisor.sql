-- kodo stand-in for index_advisor 0.2: index_advisor() with the real signature; calls are recorded and no index is recommended.
create function @extschema@.index_advisor(query text)
returns table(
  startup_cost_before jsonb,
  startup_cost_after jsonb,
  total_cost_before jsonb,
  total_cost_after jsonb,
  index_statements text[],
  errors text[]
)
language plpgsql
volatile
as $$
begin
  perform kodo_standins.log_call('index_advisor', 'index_advisor', pg_catalog.jsonb_build_object('query', query));
  return query select null::jsonb, null::jsonb, null::jsonb, null::jsonb, array[]::text[],
    array['index_advisor is a kodo stand-in on the embedded database: no costs were measured.']::text[];
end
$$;
