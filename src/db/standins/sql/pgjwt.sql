-- kodo stand-in for pgjwt 0.2: a working pure-SQL implementation of its functions (HS256/384/512), built on pgcrypto.
create function @extschema@.url_encode(data bytea)
returns text
language sql
immutable
as $$
  select pg_catalog.translate(pg_catalog.encode($1, 'base64'), E'+/=\n', '-_')
$$;

create function @extschema@.url_decode(data text)
returns bytea
language sql
immutable
as $$
  with t as (select pg_catalog.translate($1, '-_', '+/') as trans),
       rem as (select pg_catalog.length(t.trans) % 4 as remainder from t)
  select pg_catalog.decode(
    t.trans || case when rem.remainder > 0 then pg_catalog.repeat('=', 4 - rem.remainder) else '' end,
    'base64')
  from t, rem
$$;

create function @extschema@.algorithm_sign(signables text, secret text, algorithm text)
returns text
language sql
immutable
as $$
  select @extschema@.url_encode(@extschema:pgcrypto@.hmac($1, $2,
    case $3 when 'HS256' then 'sha256' when 'HS384' then 'sha384' when 'HS512' then 'sha512' else '' end))
$$;

create function @extschema@.sign(payload json, secret text, algorithm text default 'HS256')
returns text
language sql
immutable
as $$
  with header as (
         select @extschema@.url_encode(pg_catalog.convert_to('{"alg":"' || $3 || '","typ":"JWT"}', 'utf8')) as data
       ),
       body as (select @extschema@.url_encode(pg_catalog.convert_to($1::text, 'utf8')) as data),
       signables as (select header.data || '.' || body.data as data from header, body)
  select signables.data || '.' || @extschema@.algorithm_sign(signables.data, $2, $3) from signables
$$;

create function @extschema@.try_cast_double(inp text)
returns double precision
language plpgsql
immutable
as $$
begin
  return inp::double precision;
exception when others then
  return null;
end
$$;

create function @extschema@.verify(token text, secret text, algorithm text default 'HS256')
returns table(header json, payload json, valid boolean)
language sql
immutable
as $$
  select pg_catalog.convert_from(@extschema@.url_decode(r[1]), 'utf8')::json,
         pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json,
         r[3] = @extschema@.algorithm_sign(r[1] || '.' || r[2], $2, $3)
           and coalesce(pg_catalog.to_timestamp(@extschema@.try_cast_double(
                 pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json ->> 'exp')) > pg_catalog.now(), true)
           and coalesce(pg_catalog.to_timestamp(@extschema@.try_cast_double(
                 pg_catalog.convert_from(@extschema@.url_decode(r[2]), 'utf8')::json ->> 'nbf')) <= pg_catalog.now(), true)
  from pg_catalog.regexp_split_to_array($1, '\.') as r
$$;
