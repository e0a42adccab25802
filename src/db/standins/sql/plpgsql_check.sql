-- kodo stand-in for plpgsql_check 2.7: its check functions with the real signatures; calls are recorded and report no problems.
create function @extschema@.plpgsql_check_function(
  funcoid regprocedure,
  relid regclass default 0,
  format text default 'text',
  fatal_errors boolean default true,
  other_warnings boolean default true,
  performance_warnings boolean default false,
  extra_warnings boolean default true,
  security_warnings boolean default false,
  compatibility_warnings boolean default false,
  oldtable name default null,
  newtable name default null,
  anyelememttype regtype default 'int',
  anyenumtype regtype default '-',
  anyrangetype regtype default 'int4range',
  anycompatibletype regtype default 'int',
  anycompatiblerangetype regtype default 'int4range',
  without_warnings boolean default false,
  all_warnings boolean default false,
  use_incomment_options boolean default true,
  incomment_options_usage_warning boolean default false,
  constant_tracing boolean default true
)
returns setof text
language plpgsql
as $$
begin
  perform kodo_standins.log_call('plpgsql_check', 'plpgsql_check_function',
    pg_catalog.jsonb_build_object('funcoid', funcoid::text));
end
$$;

create function @extschema@.plpgsql_check_function_tb(
  funcoid regprocedure,
  relid regclass default 0,
  fatal_errors boolean default true,
  other_warnings boolean default true,
  performance_warnings boolean default false,
  extra_warnings boolean default true,
  security_warnings boolean default false,
  compatibility_warnings boolean default false,
  oldtable name default null,
  newtable name default null,
  anyelememttype regtype default 'int',
  anyenumtype regtype default '-',
  anyrangetype regtype default 'int4range',
  anycompatibletype regtype default 'int',
  anycompatiblerangetype regtype default 'int4range',
  without_warnings boolean default false,
  all_warnings boolean default false,
  use_incomment_options boolean default true,
  incomment_options_usage_warning boolean default false,
  constant_tracing boolean default true
)
returns table(
  functionid regproc, lineno integer, statement text, sqlstate text, message text, detail text, hint text,
  level text, "position" integer, query text, context text
)
language plpgsql
as $$
begin
  perform kodo_standins.log_call('plpgsql_check', 'plpgsql_check_function_tb',
    pg_catalog.jsonb_build_object('funcoid', funcoid::text));
end
$$;
