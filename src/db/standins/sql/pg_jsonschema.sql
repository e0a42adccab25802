-- kodo stand-in for pg_jsonschema 0.3: its functions with the real signatures; every instance is accepted (no validation).
create function @extschema@.json_matches_schema(schema json, instance json) returns boolean
language sql immutable strict parallel safe as $$ select true $$;

create function @extschema@.jsonb_matches_schema(schema json, instance jsonb) returns boolean
language sql immutable strict parallel safe as $$ select true $$;

create function @extschema@.jsonschema_is_valid(schema json) returns boolean
language sql immutable strict parallel safe as $$ select true $$;

create function @extschema@.jsonschema_validation_errors(schema json, instance json) returns text[]
language sql immutable strict parallel safe as $$ select array[]::text[] $$;
