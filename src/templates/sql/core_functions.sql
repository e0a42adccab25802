{{header}}

{{handle_updated_at}}

-- The caller's organisation from the JWT: the org_id claim (set by a custom access token hook), else
-- app_metadata.org_id. Never user_metadata: users can edit it themselves.
-- Read through auth.jwt(), Supabase's own reader of the request's claims, so the function follows however the
-- platform passes them. Null without a claim, so org policies then match no row.
-- security invoker: it reads only the caller's own claims, so it needs no privileges of its owner.
create or replace function public.get_org_id()
returns uuid
language sql
stable
security invoker
set search_path = ''
as $$
  select nullif(coalesce(claims ->> 'org_id', claims -> 'app_metadata' ->> 'org_id'), '')::uuid
  from (select auth.jwt() as claims) as jwt;
$$;
