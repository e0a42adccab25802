-- kodo stand-in for pg_net 0.19: the net schema, queue and response tables and functions with pg_net's signatures; requests are queued, never sent.
create schema if not exists net;

create domain net.http_method as text
  check (value ilike 'get' or value ilike 'post' or value ilike 'delete');

create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');

create type net.http_response as (status_code integer, headers jsonb, body text);

create type net.http_response_result as (status net.request_status, message text, response net.http_response);

create unlogged table net.http_request_queue (
  id bigserial not null,
  method net.http_method not null,
  url text not null,
  headers jsonb not null,
  body bytea,
  timeout_milliseconds integer not null
);

create unlogged table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out boolean,
  error_msg text,
  created timestamptz not null default pg_catalog.now()
);

create index on net._http_response (created);

create function net._urlencode_string(string character varying)
returns text
language sql
immutable
strict
set search_path = ''
as $$
  select coalesce(pg_catalog.string_agg(
    case
      when ch ~ '[A-Za-z0-9_.~-]' then ch
      else pg_catalog.upper(pg_catalog.regexp_replace(pg_catalog.encode(pg_catalog.convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g'))
    end, '' order by i), '')
  from pg_catalog.regexp_split_to_table($1, '') with ordinality as t(ch, i)
$$;

create function net._encode_url_with_params_array(url text, params_array text[])
returns text
language sql
immutable
strict
set search_path = ''
as $$
  select case
    when pg_catalog.cardinality($2) = 0 then $1
    else $1 || case when $1 like '%?%' then '&' else '?' end || pg_catalog.array_to_string($2, '&')
  end
$$;

create function net._kodo_enqueue(method text, url text, params jsonb, headers jsonb, body bytea, timeout_milliseconds integer)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  id bigint;
begin
  insert into net.http_request_queue as q (method, url, headers, body, timeout_milliseconds)
  values (
    method,
    net._encode_url_with_params_array(url, (
      select coalesce(pg_catalog.array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
      from pg_catalog.jsonb_each_text(coalesce(params, '{}'::jsonb))
    )),
    coalesce(headers, '{}'::jsonb),
    body,
    coalesce(timeout_milliseconds, 5000)
  )
  returning q.id into id;
  return id;
end
$$;

create function net.http_get(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000
)
returns bigint
language plpgsql
strict
volatile
parallel safe
security definer
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_net', 'http_get', pg_catalog.jsonb_build_object(
    'url', url, 'params', params, 'headers', headers, 'timeout_milliseconds', timeout_milliseconds));
  return net._kodo_enqueue('GET', url, params, headers, null, timeout_milliseconds);
end
$$;

create function net.http_post(
  url text,
  body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds integer default 5000
)
returns bigint
language plpgsql
volatile
parallel safe
security definer
set search_path = ''
as $$
declare
  content_type text;
begin
  perform kodo_standins.log_call('pg_net', 'http_post', pg_catalog.jsonb_build_object(
    'url', url, 'body', body, 'params', params, 'headers', headers, 'timeout_milliseconds', timeout_milliseconds));
  select h.value into content_type
    from pg_catalog.jsonb_each_text(coalesce(headers, '{}'::jsonb)) as h
   where pg_catalog.lower(h.key) = 'content-type'
   limit 1;
  if content_type is null then
    headers := coalesce(headers, '{}'::jsonb) || '{"Content-Type": "application/json"}'::jsonb;
  elsif content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;
  if body is null then
    raise exception 'body must not be null';
  end if;
  return net._kodo_enqueue('POST', url, params, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds);
end
$$;

create function net.http_delete(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000,
  body jsonb default null::jsonb
)
returns bigint
language plpgsql
volatile
parallel safe
security definer
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('pg_net', 'http_delete', pg_catalog.jsonb_build_object(
    'url', url, 'params', params, 'headers', headers, 'timeout_milliseconds', timeout_milliseconds, 'body', body));
  return net._kodo_enqueue('DELETE', url, params, headers,
    case when body is null then null else pg_catalog.convert_to(body::text, 'UTF8') end, timeout_milliseconds);
end
$$;

create function net._http_collect_response(request_id bigint, async boolean default true)
returns net.http_response_result
language plpgsql
strict
set search_path = ''
as $$
declare
  rec net._http_response;
begin
  select * into rec from net._http_response where id = request_id;
  if rec is null then
    return ('PENDING', 'request never sent: pg_net is a kodo stand-in on the embedded database', null)::net.http_response_result;
  end if;
  return ('SUCCESS', 'ok', (rec.status_code, rec.headers, rec.content)::net.http_response)::net.http_response_result;
end
$$;

create function net.http_collect_response(request_id bigint, async boolean default true)
returns net.http_response_result
language sql
strict
set search_path = ''
as $$
  select net._http_collect_response($1, $2)
$$;

create function net._await_response(request_id bigint)
returns boolean
language sql
strict
set search_path = ''
as $$
  select exists (select 1 from net._http_response where id = $1)
$$;

create function net.check_worker_is_up()
returns void
language sql
as $$ select $$;

create function net.wait_until_running()
returns void
language sql
as $$ select $$;

create function net.wake()
returns void
language sql
as $$ select $$;

create function net.worker_restart()
returns boolean
language sql
as $$ select true $$;

grant usage on schema net to postgres, anon, authenticated, service_role;
grant all on all tables in schema net to postgres, service_role;
grant all on all sequences in schema net to postgres, service_role;
