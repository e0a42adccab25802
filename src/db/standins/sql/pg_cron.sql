-- kodo stand-in for pg_cron 1.6: the cron schema, job tables and functions with pg_cron's signatures; jobs are stored, never run.
create schema cron;

-- Whatever schema CREATE EXTENSION named, the extension lives in pg_catalog, as on Supabase (see registry.ts):
-- the row this CREATE EXTENSION just inserted is moved there, and its dependency on the named schema dropped
-- (objects in pg_catalog need none), so dropping that schema never drops pg_cron.
delete from pg_catalog.pg_depend
 where classid = 'pg_catalog.pg_extension'::pg_catalog.regclass
   and objid = (select oid from pg_catalog.pg_extension where extname = 'pg_cron')
   and refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass;
update pg_catalog.pg_extension set extnamespace = 'pg_catalog'::pg_catalog.regnamespace where extname = 'pg_cron';

create table cron.job (
  jobid bigserial primary key,
  schedule text not null,
  command text not null,
  nodename text not null default 'localhost',
  nodeport integer not null default coalesce(pg_catalog.inet_server_port(), 5432),
  database text not null default pg_catalog.current_database(),
  username text not null default current_user,
  active boolean not null default true,
  jobname text,
  constraint jobname_username_uniq unique (jobname, username)
);

create table cron.job_run_details (
  jobid bigint,
  runid bigserial primary key,
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamptz,
  end_time timestamptz
);

-- pg_cron rejects a malformed schedule at schedule time; so does the stand-in, so `kodo check` catches it.
create function cron._kodo_check_schedule(schedule text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if schedule is null or schedule !~* '^\s*(@(yearly|annually|monthly|weekly|daily|hourly|reboot)|[0-9]+\s+seconds?|(\S+\s+){4}\S+)\s*$' then
    raise exception 'invalid schedule: %', schedule
      using hint = 'Use five cron fields, "@daily"-style shortcuts or "N seconds".';
  end if;
end
$$;

create function cron.schedule(job_name text, schedule text, command text)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  id bigint;
begin
  perform kodo_standins.log_call('pg_cron', 'schedule',
    pg_catalog.jsonb_build_object('job_name', job_name, 'schedule', schedule, 'command', command));
  perform cron._kodo_check_schedule(schedule);
  insert into cron.job as j (jobname, schedule, command)
  values (job_name, schedule, command)
  on conflict on constraint jobname_username_uniq do update set schedule = excluded.schedule, command = excluded.command
  returning j.jobid into id;
  return id;
end
$$;

create function cron.schedule(schedule text, command text)
returns bigint
language plpgsql
strict
set search_path = ''
as $$
declare
  id bigint;
begin
  perform kodo_standins.log_call('pg_cron', 'schedule',
    pg_catalog.jsonb_build_object('schedule', schedule, 'command', command));
  perform cron._kodo_check_schedule(schedule);
  insert into cron.job (schedule, command) values (schedule, command) returning jobid into id;
  return id;
end
$$;

create function cron.schedule_in_database(
  job_name text,
  schedule text,
  command text,
  database text,
  username text default null,
  active boolean default true
)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  id bigint;
begin
  perform kodo_standins.log_call('pg_cron', 'schedule_in_database',
    pg_catalog.jsonb_build_object('job_name', job_name, 'schedule', schedule, 'command', command,
      'database', database, 'username', username, 'active', active));
  perform cron._kodo_check_schedule(schedule);
  insert into cron.job as j (jobname, schedule, command, database, username, active)
  values (job_name, schedule, command, database, coalesce(username, current_user), coalesce(active, true))
  on conflict on constraint jobname_username_uniq do update
    set schedule = excluded.schedule, command = excluded.command, database = excluded.database, active = excluded.active
  returning j.jobid into id;
  return id;
end
$$;

create function cron.alter_job(
  job_id bigint,
  schedule text default null,
  command text default null,
  database text default null,
  username text default null,
  active boolean default null
)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_cron', 'alter_job',
    pg_catalog.jsonb_build_object('job_id', job_id, 'schedule', schedule, 'command', command,
      'database', database, 'username', username, 'active', active));
  if schedule is not null then
    perform cron._kodo_check_schedule(schedule);
  end if;
  update cron.job j
     set schedule = coalesce(alter_job.schedule, j.schedule),
         command = coalesce(alter_job.command, j.command),
         database = coalesce(alter_job.database, j.database),
         username = coalesce(alter_job.username, j.username),
         active = coalesce(alter_job.active, j.active)
   where j.jobid = job_id;
  if not found then
    raise exception 'Job % does not exist or you don''t own it', job_id;
  end if;
end
$$;

create function cron.unschedule(job_id bigint)
returns boolean
language plpgsql
strict
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_cron', 'unschedule', pg_catalog.jsonb_build_object('job_id', job_id));
  delete from cron.job where jobid = job_id;
  if not found then
    raise exception 'could not find valid entry for job %', job_id;
  end if;
  return true;
end
$$;

create function cron.unschedule(job_name text)
returns boolean
language plpgsql
strict
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_cron', 'unschedule', pg_catalog.jsonb_build_object('job_name', job_name));
  delete from cron.job where jobname = job_name and username = current_user;
  if not found then
    raise exception 'could not find valid entry for job ''%''', job_name;
  end if;
  return true;
end
$$;

grant usage on schema cron to public;
grant select on cron.job, cron.job_run_details to public;
