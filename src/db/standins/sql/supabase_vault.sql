-- kodo stand-in for supabase_vault 0.3: vault.secrets, vault.decrypted_secrets and vault's functions; secrets are stored unencrypted, locally.
create table vault.secrets (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  name text,
  description text not null default '',
  secret text not null,
  key_id uuid,
  nonce bytea,
  created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp
);

comment on table vault.secrets is 'Table with encrypted `secret` column for storing sensitive information on disk.';

create unique index on vault.secrets using btree (name) where name is not null;

create view vault.decrypted_secrets as
select s.id, s.name, s.description, s.secret, s.secret as decrypted_secret, s.key_id, s.nonce, s.created_at, s.updated_at
from vault.secrets s;

create function vault.create_secret(
  new_secret text,
  new_name text = null,
  new_description text = '',
  new_key_id uuid = null
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  id uuid;
begin
  perform kodo_standins.log_call('supabase_vault', 'create_secret',
    pg_catalog.jsonb_build_object('new_name', new_name, 'new_description', new_description));
  insert into vault.secrets as s (secret, name, description)
  values (new_secret, new_name, coalesce(new_description, ''))
  returning s.id into id;
  return id;
end
$$;

create function vault.update_secret(
  secret_id uuid,
  new_secret text = null,
  new_name text = null,
  new_description text = null,
  new_key_id uuid = null
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform kodo_standins.log_call('supabase_vault', 'update_secret',
    pg_catalog.jsonb_build_object('secret_id', secret_id, 'new_name', new_name, 'new_description', new_description));
  update vault.secrets s
     set secret = coalesce(new_secret, s.secret),
         name = coalesce(new_name, s.name),
         description = coalesce(new_description, s.description),
         updated_at = pg_catalog.now()
   where s.id = secret_id;
end
$$;

revoke all on vault.secrets, vault.decrypted_secrets from public;
revoke execute on function vault.create_secret(text, text, text, uuid), vault.update_secret(uuid, text, text, text, uuid) from public;
grant usage on schema vault to postgres, service_role;
grant all on vault.secrets, vault.decrypted_secrets to postgres, service_role;
grant execute on function vault.create_secret(text, text, text, uuid), vault.update_secret(uuid, text, text, text, uuid) to postgres, service_role;

select pg_catalog.pg_extension_config_dump('vault.secrets', '');
