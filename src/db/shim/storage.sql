-- Supabase Storage's schema as storage-api (github.com/supabase/storage, migrations/tenant/*.sql, read at v1.70.6)
-- leaves it: 10 tables with row level security on and no policies, the buckettype enum, the functions policies
-- and clients call, and the triggers. Bodies of the listing functions are simpler than the service's optimised ones
-- (same signatures and results for typical inputs). Owned by supabase_storage_admin as on Supabase; kodo's copy is
-- told apart by the comment on the schema (last line). Idempotent: an older kodo shim gets what it lacks.
create schema if not exists storage;
grant usage on schema storage to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to postgres, anon, authenticated, service_role;

-- 0038-iceberg-catalog-flag-on-buckets.sql, 0044-vector-bucket-type.sql
do $kodo$
begin
  if pg_catalog.to_regtype('storage.buckettype') is null then
    create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');
  end if;
end
$kodo$;

-- The table of the postgres-migrations library the service runs its migrations with.
create table if not exists storage.migrations (
  id integer not null,
  name character varying(100) not null,
  hash character varying(40) not null,
  executed_at timestamp without time zone default current_timestamp,
  constraint migrations_pkey primary key (id),
  constraint migrations_name_key unique (name)
);

create table if not exists storage.buckets (
  id text not null,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype not null default 'STANDARD',
  versioning_status text not null default 'DISABLED',
  constraint buckets_pkey primary key (id)
);
-- Columns an older kodo shim lacks (0038, 0062).
alter table storage.buckets add column if not exists type storage.buckettype not null default 'STANDARD';
alter table storage.buckets add column if not exists versioning_status text not null default 'DISABLED';
create unique index if not exists bname on storage.buckets (name);
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';
-- 0062-object-versioning-core.sql: versioning is not switched on for any bucket yet.
do $kodo$
begin
  if not exists (select from pg_catalog.pg_constraint where conrelid = 'storage.buckets'::regclass
                  and conname = 'buckets_versioning_status_check') then
    alter table storage.buckets add constraint buckets_versioning_status_check
      check (versioning_status in ('DISABLED', 'ENABLED', 'SUSPENDED'));
    alter table storage.buckets add constraint buckets_versioning_standard_only_check
      check (type = 'STANDARD' or versioning_status = 'DISABLED');
    alter table storage.buckets add constraint buckets_versioning_dark_check
      check (versioning_status = 'DISABLED');
  end if;
end
$kodo$;

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid(),
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb,
  archived_at timestamptz,
  is_delete_marker boolean not null default false,
  is_versioned boolean not null default false,
  constraint objects_pkey primary key (id),
  constraint "objects_bucketId_fkey" foreign key (bucket_id) references storage.buckets (id)
);
alter table storage.objects add column if not exists archived_at timestamptz;
alter table storage.objects add column if not exists is_delete_marker boolean not null default false;
alter table storage.objects add column if not exists is_versioned boolean not null default false;
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
create index if not exists idx_objects_bucket_id_name on storage.objects (bucket_id, name collate "C");
create index if not exists idx_objects_bucket_id_name_lower on storage.objects (bucket_id, lower(name) collate "C");

-- 0021-s3-multipart-uploads.sql and later.
create table if not exists storage.s3_multipart_uploads (
  id text not null,
  in_progress_size bigint not null default 0,
  upload_signature text not null,
  bucket_id text not null,
  key text collate "C" not null,
  version text not null,
  owner_id text,
  created_at timestamptz not null default now(),
  user_metadata jsonb,
  metadata jsonb,
  constraint s3_multipart_uploads_pkey primary key (id),
  constraint s3_multipart_uploads_bucket_id_fkey foreign key (bucket_id) references storage.buckets (id)
);
create index if not exists idx_multipart_uploads_list on storage.s3_multipart_uploads (bucket_id, key, created_at);

create table if not exists storage.s3_multipart_uploads_parts (
  id uuid not null default gen_random_uuid(),
  upload_id text not null,
  size bigint not null default 0,
  part_number integer not null,
  bucket_id text not null,
  key text collate "C" not null,
  etag text not null,
  owner_id text,
  version text not null,
  created_at timestamptz not null default now(),
  constraint s3_multipart_uploads_parts_pkey primary key (id),
  constraint s3_multipart_uploads_parts_upload_id_fkey foreign key (upload_id)
    references storage.s3_multipart_uploads (id) on delete cascade,
  constraint s3_multipart_uploads_parts_bucket_id_fkey foreign key (bucket_id) references storage.buckets (id)
);

-- Analytics (Iceberg) buckets: 0038 … 0048.
create table if not exists storage.buckets_analytics (
  name text not null,
  type storage.buckettype not null default 'ANALYTICS',
  format text not null default 'ICEBERG',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  id uuid not null default gen_random_uuid(),
  deleted_at timestamptz,
  constraint buckets_analytics_pkey primary key (id)
);
create unique index if not exists buckets_analytics_unique_name_idx on storage.buckets_analytics (name)
  where deleted_at is null;

create table if not exists storage.iceberg_namespaces (
  id uuid not null default gen_random_uuid(),
  bucket_name text not null,
  name text collate "C" not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  metadata jsonb not null default '{}'::jsonb,
  catalog_id uuid not null,
  constraint iceberg_namespaces_pkey primary key (id),
  constraint iceberg_namespaces_catalog_id_fkey foreign key (catalog_id)
    references storage.buckets_analytics (id) on delete cascade
);
create unique index if not exists idx_iceberg_namespaces_bucket_id on storage.iceberg_namespaces (catalog_id, name);

create table if not exists storage.iceberg_tables (
  id uuid not null default gen_random_uuid(),
  namespace_id uuid not null,
  bucket_name text not null,
  name text collate "C" not null,
  location text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  remote_table_id text,
  shard_key text,
  shard_id text,
  catalog_id uuid not null,
  constraint iceberg_tables_pkey primary key (id),
  constraint iceberg_tables_namespace_id_fkey foreign key (namespace_id)
    references storage.iceberg_namespaces (id) on delete cascade,
  constraint iceberg_tables_catalog_id_fkey foreign key (catalog_id)
    references storage.buckets_analytics (id) on delete cascade
);
create unique index if not exists idx_iceberg_tables_namespace_id on storage.iceberg_tables (catalog_id, namespace_id, name);
create unique index if not exists idx_iceberg_tables_location on storage.iceberg_tables (location);

-- Vector buckets: 0045-vector-buckets.sql.
create table if not exists storage.buckets_vectors (
  id text not null,
  type storage.buckettype not null default 'VECTOR',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint buckets_vectors_pkey primary key (id)
);

create table if not exists storage.vector_indexes (
  id text not null default gen_random_uuid(),
  name text collate "C" not null,
  bucket_id text not null,
  data_type text not null,
  dimension integer not null,
  distance_metric text not null,
  metadata_configuration jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint vector_indexes_pkey primary key (id),
  constraint vector_indexes_bucket_id_fkey foreign key (bucket_id) references storage.buckets_vectors (id)
);
create unique index if not exists vector_indexes_name_bucket_id_idx on storage.vector_indexes (name, bucket_id);

alter table storage.migrations enable row level security;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.s3_multipart_uploads enable row level security;
alter table storage.s3_multipart_uploads_parts enable row level security;
alter table storage.buckets_analytics enable row level security;
alter table storage.iceberg_namespaces enable row level security;
alter table storage.iceberg_tables enable row level security;
alter table storage.buckets_vectors enable row level security;
alter table storage.vector_indexes enable row level security;

-- Path helpers (0060, 0061): 'a/b/c.txt' has foldername {a,b}, filename c.txt, extension txt.
create or replace function storage.foldername(name text)
returns text[]
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text)
returns text
language plpgsql immutable
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text)
returns text
language plpgsql immutable
as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

create or replace function storage.get_size_by_bucket()
returns table (size bigint, bucket_id text)
language plpgsql stable
as $$
begin
  return query
    select sum((o.metadata ->> 'size')::bigint)::bigint as size, o.bucket_id
      from storage.objects as o
     group by o.bucket_id;
end
$$;

-- 0024, 0058: the operation the Storage API is performing, for policies.
create or replace function storage.operation()
returns text
language plpgsql stable
as $$
begin
  return current_setting('storage.operation', true);
end
$$;

create or replace function storage.allow_only_operation(expected_operation text)
returns boolean
language sql stable
as $$
  select case
    when coalesce(expected_operation, '') = '' then false
    else coalesce(
      regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(expected_operation, '^storage\.', ''),
      false)
  end
$$;

create or replace function storage.allow_any_operation(expected_operations text[])
returns boolean
language sql stable
as $$
  select exists (
    select from unnest(expected_operations) as e
     where coalesce(e, '') <> ''
       and regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(e, '^storage\.', ''))
$$;

-- 0015: whether RLS lets the caller insert this object; the row is never kept (the service's own trick).
create or replace function storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb)
returns void
language plpgsql
as $$
begin
  insert into storage.objects (bucket_id, name, owner, metadata) values (bucketid, name, owner, metadata);
  -- Undo the insert that just succeeded.
  raise sqlstate 'PT200' using message = 'ROLLBACK', detail = 'rollback successful insert';
end
$$;

-- 0050: the prefix of p_key up to and including the first delimiter after p_prefix; null for a leaf.
create or replace function storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text)
returns text
language sql immutable
as $$
  select case
    when position(p_delimiter in substring(p_key from length(p_prefix) + 1)) > 0
      then left(p_key, length(p_prefix) + position(p_delimiter in substring(p_key from length(p_prefix) + 1)))
  end
$$;

-- 0063: the files and folders one level under `prefix` (plus `search`) in a bucket, folders first as rows with
-- null id; name relative to the prefix.
create or replace function storage.search(
  prefix text,
  bucketname text,
  limits integer default 100,
  levels integer default 1,
  offsets integer default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
)
returns table (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
language plpgsql stable
as $$
declare
  v_prefix text := coalesce(prefix, '');
  v_column text := case lower(coalesce(sortcolumn, 'name'))
    when 'updated_at' then 'updated_at' when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at' else 'name' end;
  v_order text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute pg_catalog.format(
    $sql$
    with matching as (
      select o.*, substring(o.name from length($1) + 1) as rest
        from storage.objects o
       where o.bucket_id = $2 and lower(o.name) like lower($1 || $3) || '%%'
    ), entries as (
      select distinct split_part(m.rest, '/', 1) as name, null::uuid as id, null::timestamptz as updated_at,
             null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata, 0 as kind
        from matching m where position('/' in m.rest) > 0
      union all
      select m.rest, m.id, m.updated_at, m.created_at, m.last_accessed_at, m.metadata, 1
        from matching m where position('/' in m.rest) = 0
    )
    select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
      from entries e
     order by e.kind, e.%I %s, e.name
     limit $4 offset $5
    $sql$, v_column, v_order)
  using v_prefix, bucketname, coalesce(search, ''), least(coalesce(limits, 100), 1500), coalesce(offsets, 0);
end
$$;

-- 0050 (search_v2 / search_by_timestamp): key-style listing with common prefixes, after a cursor.
create or replace function storage.search_by_timestamp(
  p_prefix text,
  p_bucket_id text,
  p_limit integer,
  p_level integer,
  p_start_after text,
  p_sort_order text,
  p_sort_column text,
  p_sort_column_after text
)
returns table (key text, name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
language plpgsql stable
as $$
declare
  v_column text := case lower(coalesce(p_sort_column, 'name'))
    when 'updated_at' then 'updated_at' when 'created_at' then 'created_at' else 'name' end;
  v_order text := case when lower(coalesce(p_sort_order, 'asc')) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute pg_catalog.format(
    $sql$
    with entries as (
      select distinct on (coalesce(storage.get_common_prefix(o.name, $1, '/'), o.name))
             coalesce(storage.get_common_prefix(o.name, $1, '/'), o.name) as key,
             storage.get_common_prefix(o.name, $1, '/') is not null as folder,
             o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
        from storage.objects o
       where o.bucket_id = $2 and o.name like $1 || '%%'
       order by coalesce(storage.get_common_prefix(o.name, $1, '/'), o.name), o.name
    )
    select e.key, e.key,
           case when e.folder then null else e.id end, case when e.folder then null else e.updated_at end,
           case when e.folder then null else e.created_at end, case when e.folder then null else e.last_accessed_at end,
           case when e.folder then null else e.metadata end
      from entries e
     where coalesce($4, '') = '' or e.key collate "C" > $4
     order by e.%I %s, e.key collate "C"
     limit $3
    $sql$, case when v_column = 'name' then 'key' else v_column end, v_order)
  using coalesce(p_prefix, ''), p_bucket_id, least(coalesce(p_limit, 100), 1000), p_start_after;
end
$$;

create or replace function storage.search_v2(
  prefix text,
  bucket_name text,
  limits integer default 100,
  levels integer default 1,
  start_after text default '',
  sort_order text default 'asc',
  sort_column text default 'name',
  sort_column_after text default ''
)
returns table (key text, name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
language sql stable
as $$
  select * from storage.search_by_timestamp(prefix, bucket_name, limits, levels, start_after, sort_order, sort_column,
    sort_column_after)
$$;

-- 0050 (S3 ListObjectsV2): objects and common prefixes under prefix_param, after start_after / next_token.
create or replace function storage.list_objects_with_delimiter(
  _bucket_id text,
  prefix_param text,
  delimiter_param text,
  max_keys integer default 100,
  start_after text default '',
  next_token text default '',
  sort_order text default 'asc'
)
returns table (name text, id uuid, metadata jsonb, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz)
language plpgsql stable
as $$
declare
  v_after text := coalesce(nullif(next_token, ''), nullif(start_after, ''), '');
begin
  return query
    with entries as (
      select distinct on (coalesce(storage.get_common_prefix(o.name, coalesce(prefix_param, ''), delimiter_param), o.name))
             coalesce(storage.get_common_prefix(o.name, coalesce(prefix_param, ''), delimiter_param), o.name) as k,
             storage.get_common_prefix(o.name, coalesce(prefix_param, ''), delimiter_param) is not null as folder,
             o.id as oid, o.metadata as md, o.updated_at as ua, o.created_at as ca, o.last_accessed_at as la
        from storage.objects o
       where o.bucket_id = _bucket_id and o.name like coalesce(prefix_param, '') || '%'
       order by 1, o.name
    )
    select e.k, case when e.folder then null else e.oid end, case when e.folder then null else e.md end,
           case when e.folder then null else e.ua end, case when e.folder then null else e.ca end,
           case when e.folder then null else e.la end
      from entries e
     where v_after = '' or (case when lower(coalesce(sort_order, 'asc')) = 'desc'
                                 then e.k collate "C" < v_after else e.k collate "C" > v_after end)
     order by case when lower(coalesce(sort_order, 'asc')) = 'desc' then null else e.k collate "C" end,
              e.k collate "C" desc
     limit max_keys;
end
$$;

-- 0021: in-progress multipart uploads, grouped by delimiter like list_objects_with_delimiter.
create or replace function storage.list_multipart_uploads_with_delimiter(
  bucket_id text,
  prefix_param text,
  delimiter_param text,
  max_keys integer default 100,
  next_key_token text default '',
  next_upload_token text default ''
)
returns table (key text, id text, created_at timestamptz)
language plpgsql
as $$
begin
  return query
    select distinct on (k.key collate "C") k.key, k.id, k.created_at
      from (
        select coalesce(storage.get_common_prefix(u.key, coalesce(prefix_param, ''), delimiter_param), u.key) as key,
               u.id, u.created_at
          from storage.s3_multipart_uploads u
         where u.bucket_id = list_multipart_uploads_with_delimiter.bucket_id
           and u.key like coalesce(prefix_param, '') || '%'
           and (coalesce(next_upload_token, '') = '' or u.id collate "C" > next_upload_token)
      ) k
     where coalesce(next_key_token, '') = '' or coalesce(next_upload_token, '') <> '' or k.key collate "C" > next_key_token
     order by k.key collate "C", k.created_at
     limit max_keys;
end
$$;

-- Triggers: 0011 (updated_at), 0037 (bucket name length), 0055 (no direct deletes).
create or replace function storage.update_updated_at_column()
returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end
$$;

create or replace function storage.enforce_bucket_name_length()
returns trigger
language plpgsql
as $$
begin
  if length(new.name) > 100 then
    raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
  end if;
  return new;
end
$$;

-- A DELETE on buckets/objects is refused unless storage.allow_delete_query is 'true' (the Storage API removes
-- the files first); TRUNCATE is not affected.
create or replace function storage.protect_delete()
returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end
$$;

create or replace trigger update_objects_updated_at
  before update on storage.objects
  for each row execute function storage.update_updated_at_column();
create or replace trigger protect_objects_delete
  before delete on storage.objects
  for each statement execute function storage.protect_delete();
create or replace trigger enforce_bucket_name_length_trigger
  before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();
create or replace trigger protect_buckets_delete
  before delete on storage.buckets
  for each statement execute function storage.protect_delete();

-- Grants as the storage migrations leave them (0021, 0045, 0046, 0049).
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to postgres with grant option;
grant all on storage.buckets_analytics to anon, authenticated, service_role;
revoke all on storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts, storage.iceberg_namespaces,
  storage.iceberg_tables, storage.buckets_vectors, storage.vector_indexes, storage.migrations
  from anon, authenticated, service_role;
grant select on storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts, storage.iceberg_namespaces,
  storage.iceberg_tables to anon, authenticated;
grant all on storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts, storage.iceberg_namespaces,
  storage.iceberg_tables to service_role;
grant select on storage.buckets_vectors, storage.vector_indexes to anon, authenticated, service_role;
grant all on all tables in schema storage to postgres, dashboard_user;

do $kodo$
declare
  name text;
begin
  foreach name in array array['migrations', 'buckets', 'objects', 's3_multipart_uploads', 's3_multipart_uploads_parts',
    'buckets_analytics', 'iceberg_namespaces', 'iceberg_tables', 'buckets_vectors', 'vector_indexes']
  loop
    execute pg_catalog.format('alter table storage.%I owner to supabase_storage_admin', name);
  end loop;
end
$kodo$;
alter type storage.buckettype owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
alter function storage.filename(text) owner to supabase_storage_admin;
alter function storage.extension(text) owner to supabase_storage_admin;
alter function storage.get_size_by_bucket() owner to supabase_storage_admin;
alter function storage.operation() owner to supabase_storage_admin;
alter function storage.allow_only_operation(text) owner to supabase_storage_admin;
alter function storage.allow_any_operation(text[]) owner to supabase_storage_admin;
alter function storage.can_insert_object(text, text, uuid, jsonb) owner to supabase_storage_admin;
alter function storage.get_common_prefix(text, text, text) owner to supabase_storage_admin;
alter function storage.search(text, text, integer, integer, integer, text, text, text) owner to supabase_storage_admin;
alter function storage.search_by_timestamp(text, text, integer, integer, text, text, text, text) owner to supabase_storage_admin;
alter function storage.search_v2(text, text, integer, integer, text, text, text, text) owner to supabase_storage_admin;
alter function storage.list_objects_with_delimiter(text, text, text, integer, text, text, text) owner to supabase_storage_admin;
alter function storage.list_multipart_uploads_with_delimiter(text, text, text, integer, text, text) owner to supabase_storage_admin;
alter function storage.update_updated_at_column() owner to supabase_storage_admin;
alter function storage.enforce_bucket_name_length() owner to supabase_storage_admin;
alter function storage.protect_delete() owner to supabase_storage_admin;
alter schema storage owner to supabase_admin;
grant all on schema storage to supabase_storage_admin, dashboard_user;

-- kodo's mark (read by src/db/shim/index.ts).
comment on schema storage is 'kodo shim 2: Supabase Storage objects installed by kodo so that migrations apply';
