-- kodo stand-in for http (pgsql-http) 1.6: its types and functions with the real signatures; requests are recorded, never sent, and answer status 200 with an empty body.
create domain @extschema@.http_method as text;

create domain @extschema@.content_type as text check (value ~ '^\S+\/\S+');

create type @extschema@.http_header as (field character varying, value character varying);

create type @extschema@.http_response as (
  status integer,
  content_type character varying,
  headers @extschema@.http_header[],
  content character varying
);

create type @extschema@.http_request as (
  method @extschema@.http_method,
  uri character varying,
  headers @extschema@.http_header[],
  content_type character varying,
  content character varying
);

create function @extschema@.http_set_curlopt(curlopt character varying, value character varying)
returns boolean
language sql
as $$ select true $$;

create function @extschema@.http_reset_curlopt()
returns boolean
language sql
as $$ select true $$;

create function @extschema@.http_list_curlopt()
returns table(curlopt text, value text)
language sql
as $$ select null::text, null::text where false $$;

create function @extschema@.http_header(field character varying, value character varying)
returns @extschema@.http_header
language sql
as $$ select $1, $2 $$;

create function @extschema@.http(request @extschema@.http_request)
returns @extschema@.http_response
language plpgsql
as $$
begin
  perform kodo_standins.log_call('http', 'http', pg_catalog.jsonb_build_object(
    'method', (request).method, 'uri', (request).uri, 'content_type', (request).content_type, 'content', (request).content));
  return row(200, 'text/plain', array[]::@extschema@.http_header[], '')::@extschema@.http_response;
end
$$;

create function @extschema@.http_get(uri character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('GET', $1, null, null, null)::@extschema@.http_request) $$;

create function @extschema@.http_get(uri character varying, data jsonb)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('GET', $1, null, null, $2::text)::@extschema@.http_request) $$;

create function @extschema@.http_post(uri character varying, content character varying, content_type character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('POST', $1, null, $3, $2)::@extschema@.http_request) $$;

create function @extschema@.http_post(uri character varying, data jsonb)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('POST', $1, null, 'application/x-www-form-urlencoded', $2::text)::@extschema@.http_request) $$;

create function @extschema@.http_put(uri character varying, content character varying, content_type character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('PUT', $1, null, $3, $2)::@extschema@.http_request) $$;

create function @extschema@.http_patch(uri character varying, content character varying, content_type character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('PATCH', $1, null, $3, $2)::@extschema@.http_request) $$;

create function @extschema@.http_delete(uri character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('DELETE', $1, null, null, null)::@extschema@.http_request) $$;

create function @extschema@.http_delete(uri character varying, content character varying, content_type character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('DELETE', $1, null, $3, $2)::@extschema@.http_request) $$;

create function @extschema@.http_head(uri character varying)
returns @extschema@.http_response
language sql
as $$ select @extschema@.http(row('HEAD', $1, null, null, null)::@extschema@.http_request) $$;

create function @extschema@.urlencode(string character varying)
returns text
language sql
immutable
strict
as $$
  select coalesce(pg_catalog.string_agg(
    case
      when ch ~ '[A-Za-z0-9_.~-]' then ch
      else pg_catalog.upper(pg_catalog.regexp_replace(pg_catalog.encode(pg_catalog.convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g'))
    end, '' order by i), '')
  from pg_catalog.regexp_split_to_table($1, '') with ordinality as t(ch, i)
$$;

create function @extschema@.urlencode(string bytea)
returns text
language sql
immutable
strict
as $$ select @extschema@.urlencode(pg_catalog.convert_from($1, 'UTF8')::character varying) $$;

create function @extschema@.urlencode(data jsonb)
returns text
language sql
immutable
strict
as $$
  select coalesce(pg_catalog.string_agg(@extschema@.urlencode(key::character varying) || '=' || @extschema@.urlencode(value::character varying), '&'), '')
  from pg_catalog.jsonb_each_text($1)
$$;

create function @extschema@.text_to_bytea(data text)
returns bytea
language sql
immutable
strict
as $$ select pg_catalog.convert_to($1, 'UTF8') $$;

create function @extschema@.bytea_to_text(data bytea)
returns text
language sql
immutable
strict
as $$ select pg_catalog.convert_from($1, 'UTF8') $$;
