// The schema and specs the RLS spec suites run: an owner policy, org isolation through a get_org_id() that reads
// the org_id claim, an MFA (aal2) policy, and a storage bucket with a folder per user.
export const SCHEMA = `
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique
);
alter table public.organizations enable row level security;

create table public.documents (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id),
  org_id uuid references public.organizations (id),
  title text not null constraint documents_title_check check (title <> '')
);
alter table public.documents enable row level security;
create policy documents_read on public.documents for select to authenticated using (owner_id = auth.uid());
create policy documents_insert on public.documents for insert to authenticated with check (owner_id = auth.uid());
create policy documents_update on public.documents for update to authenticated
  using (owner_id = auth.uid()) with check (owner_id = auth.uid());
create policy documents_delete on public.documents for delete to authenticated using (owner_id = auth.uid());

create function public.get_org_id() returns uuid language sql stable
  as $$ select nullif(auth.jwt() ->> 'org_id', '')::uuid $$;
create table public.projects (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id),
  name text not null
);
alter table public.projects enable row level security;
create policy projects_org on public.projects for all to authenticated
  using (org_id = (select public.get_org_id())) with check (org_id = (select public.get_org_id()));

create table public.secrets (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id),
  body text not null
);
alter table public.secrets enable row level security;
create policy secrets_mfa_read on public.secrets for select to authenticated
  using (owner_id = auth.uid() and (auth.jwt() ->> 'aal') = 'aal2');
create policy secrets_mfa_write on public.secrets for insert to authenticated
  with check (owner_id = auth.uid() and (auth.jwt() ->> 'aal') = 'aal2');

create policy avatars_read on storage.objects for select to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
create policy avatars_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
create policy avatars_update on storage.objects for update to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text)
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
create policy avatars_delete on storage.objects for delete to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
`;

/** Tables whose row counts must be the same before and after a run. */
export const TOUCHED = [
  'public.organizations',
  'public.documents',
  'public.projects',
  'public.secrets',
  'storage.buckets',
  'storage.objects',
  'auth.users',
  'auth.identities',
  'auth.sessions',
];

export const OWNER_SPEC = `
personas:
  alice: {}
  bob: {}
fixtures:
  - { name: alice_doc, table: documents, values: { owner_id: $alice, title: A } }
  - { name: bob_doc, table: documents, values: { owner_id: $bob, title: B } }
expect:
  - table: documents
    select: { alice: [alice_doc], bob: [bob_doc], anon: 0, service_role: 2 }
    insert:
      - { as: alice, values: { owner_id: $alice, title: mine }, allow: true }
      - { as: [bob, anon], values: { owner_id: $alice, title: not mine }, allow: false }
    update: { alice: [alice_doc], bob: [bob_doc], anon: [] }
    delete: { alice: [alice_doc], bob: [bob_doc] }
`;

/** The owner schema, expected wrongly: every case here fails. */
export const WRONG_SPEC = `
personas:
  alice: {}
  bob: {}
fixtures:
  - { name: alice_doc, table: documents, values: { owner_id: $alice, title: A } }
  - { name: bob_doc, table: documents, values: { owner_id: $bob, title: B } }
expect:
  - table: documents
    select: { bob: [alice_doc, bob_doc], alice: 0 }
    insert:
      - { as: bob, values: { owner_id: $bob, title: x }, allow: false }
      - { as: alice, values: { owner_id: $alice, title: "" }, allow: false }
    update:
      - { as: alice, row: alice_doc, set: { owner_id: $bob }, allow: true }
    delete: { anon: true }
`;

export const ORG_SPEC = `
personas:
  alice: { org: acme }
  carol: { org: acme, email: carol@acme.test }
  bob: { org: globex }
fixtures:
  - { name: acme, table: organizations, values: { name: Acme, slug: acme } }
  - { name: globex, table: organizations, values: { name: Globex, slug: globex } }
  - { name: acme_site, table: projects, values: { org_id: $acme, name: "$acme.slug site" } }
  - { name: globex_site, table: projects, values: { org_id: $globex, name: "\${globex.slug}-site" } }
expect:
  - table: projects
    select: { alice: [acme_site], carol: [acme_site], bob: [globex_site], anon: false }
    insert:
      - { as: [alice, carol], values: { org_id: $acme, name: new }, allow: true }
      - { as: alice, values: { org_id: $globex, name: sneaky }, allow: false }
    update:
      - { as: bob, row: globex_site, set: { org_id: $acme }, allow: false }
      - { as: bob, row: globex_site, set: { name: renamed }, allow: true }
    delete: { alice: [acme_site], bob: [globex_site] }
`;

export const AAL_SPEC = `
personas:
  alice: { aal: aal2 }
  bob: { aal: aal1 }
fixtures:
  - { name: alice_secret, table: secrets, values: { owner_id: $alice, body: "alice's" } }
  - { name: bob_secret, table: secrets, values: { owner_id: $bob, body: "bob's" } }
expect:
  - table: public.secrets
    select: { alice: [alice_secret], bob: [] }
    insert:
      - { as: alice, values: { owner_id: $alice, body: x }, allow: true }
      - { as: bob, values: { owner_id: $bob, body: x }, allow: false }
`;

export const STORAGE_SPEC = `
personas:
  alice: {}
  bob: {}
fixtures:
  - { name: alice_avatar, bucket: avatars, path: $alice/avatar.png, owner: alice }
  - { name: bob_avatar, bucket: avatars, path: $bob/avatar.png, owner: bob, values: { metadata: { size: 10 } } }
expect:
  - bucket: avatars
    select: { alice: [alice_avatar], bob: [bob_avatar], anon: false }
    insert:
      - { as: alice, path: $alice/new.png, allow: true }
      - { as: bob, path: $alice/x.png, allow: false }
    update:
      - { as: alice, row: alice_avatar, allow: true }
      - { as: alice, row: alice_avatar, set: { name: $bob/mine-now.png }, allow: false }
      - { as: bob, row: alice_avatar, allow: false }
    delete: { alice: [alice_avatar], bob: [bob_avatar], anon: [] }
`;
