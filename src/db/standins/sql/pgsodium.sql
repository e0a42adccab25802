-- kodo stand-in for pgsodium 3.1: its roles, key table and main functions with pgsodium's signatures; "encryption" returns its input unchanged, locally.
do $kodo$
declare
  r text;
begin
  foreach r in array array['pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'] loop
    if not exists (select from pg_catalog.pg_roles where rolname = r) then
      execute format('create role %I nologin', r);
    end if;
  end loop;
end
$kodo$;

create type pgsodium.key_status as enum ('default', 'valid', 'invalid', 'expired');

create type pgsodium.key_type as enum (
  'aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash', 'generichash', 'kdf', 'secretbox',
  'secretstream', 'stream_xchacha20'
);

create table pgsodium.key (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  status pgsodium.key_status default 'valid',
  created timestamptz not null default current_timestamp,
  expires timestamptz,
  key_type pgsodium.key_type,
  key_id bigserial,
  key_context bytea default '\x7067736f6469756d'::bytea,
  name text unique,
  associated_data text default 'associated',
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid references pgsodium.key (id),
  comment text,
  user_data text
);

create view pgsodium.valid_key as
select id, name, status, key_type, key_id, key_context, created, expires, associated_data
from pgsodium.key
where status in ('valid', 'default') and case when expires is null then true else expires > pg_catalog.now() end;

create function pgsodium._kodo_random_bytes(size integer)
returns bytea
language sql
volatile
as $$
  select coalesce(pg_catalog.substring(pg_catalog.string_agg(pg_catalog.uuid_send(pg_catalog.gen_random_uuid()), ''::bytea) from 1 for $1), ''::bytea)
  from pg_catalog.generate_series(1, ($1 + 15) / 16)
$$;

create function pgsodium.randombytes_random() returns integer language sql volatile
as $$ select (pg_catalog.random() * 2147483647)::integer $$;

create function pgsodium.randombytes_uniform(upper_bound integer) returns integer language sql volatile
as $$ select (pg_catalog.random() * $1)::integer % greatest($1, 1) $$;

create function pgsodium.randombytes_buf(size integer) returns bytea language sql volatile
as $$ select pgsodium._kodo_random_bytes($1) $$;

create function pgsodium.crypto_secretbox_keygen() returns bytea language sql volatile
as $$ select pgsodium._kodo_random_bytes(32) $$;

create function pgsodium.crypto_secretbox_noncegen() returns bytea language sql volatile
as $$ select pgsodium._kodo_random_bytes(24) $$;

create function pgsodium.crypto_aead_det_keygen() returns bytea language sql volatile
as $$ select pgsodium._kodo_random_bytes(32) $$;

create function pgsodium.crypto_aead_det_noncegen() returns bytea language sql volatile
as $$ select pgsodium._kodo_random_bytes(16) $$;

create function pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $$ select $1 $$;

create function pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) returns bytea language sql immutable
as $$ select $1 $$;

create function pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea default null)
returns bytea language sql stable
as $$ select $1 $$;

create function pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea default null)
returns bytea language sql stable
as $$ select $1 $$;

create function pgsodium.create_key(
  key_type pgsodium.key_type default 'aead-det',
  name text default null,
  raw_key bytea default null,
  raw_key_nonce bytea default null,
  parent_key uuid default null,
  key_context bytea default '\x7067736f6469756d'::bytea,
  expires timestamptz default null,
  associated_data text default ''
)
returns pgsodium.valid_key
language plpgsql
security definer
set search_path = ''
as $$
declare
  created pgsodium.valid_key;
begin
  perform kodo_standins.log_call('pgsodium', 'create_key', pg_catalog.jsonb_build_object('key_type', key_type, 'name', name));
  insert into pgsodium.key as k (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  values (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  returning k.id, k.name, k.status, k.key_type, k.key_id, k.key_context, k.created, k.expires, k.associated_data
  into created;
  return created;
end
$$;

grant usage on schema pgsodium to pgsodium_keyiduser, pgsodium_keyholder, pgsodium_keymaker;
grant select on pgsodium.valid_key to pgsodium_keyiduser;
