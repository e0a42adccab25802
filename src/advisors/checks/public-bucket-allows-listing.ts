// public-bucket-allows-listing (splinter 0025): a public bucket with a SELECT policy that lets clients list it.
import { ident, list, quoted, words } from '../names.js';
import type { Advisor } from '../types.js';

/** Blanks removed, so that `bucket_id = 'x'` and `bucket_id='x'` compare equal (translate: see rls-policy-always-true). */
const BARE = (e: string) => `translate(${e}, E' \\t\\n\\r', '')`;

export const publicBucketAllowsListing: Advisor = {
  id: 'public-bucket-allows-listing',
  lint: '0025_public_bucket_allows_listing',
  level: 'warn',
  category: 'security',
  // Files of a public bucket are served by URL without any policy; a SELECT policy is only needed to list them. A
  // policy that admits every object of the bucket (no condition, always true, or exactly bucket_id = '<id>') lets
  // anyone list all its files. One finding per policy, naming the buckets it opens.
  requires: 'storage.buckets',
  sql: `
select p.schema_name, p.table_name as object_name, p.polname as sub_name,
       jsonb_build_object('buckets', array_agg(b.id::text order by b.id::text)) as detail
  from pol p
  join storage.buckets b on b.public
 where p.schema_name = 'storage' and p.table_name = 'objects'
   and p.polpermissive and p.polcmd in ('r', '*') and p.for_api
   and (p.using_expr is null
        or ${BARE('p.using_expr')} in ('true', '(true)', '1=1', '(1=1)')
        or ${BARE('p.using_expr')} = ${BARE(`lower(format('(bucket_id = %L::text)', b.id))`)})
 group by p.schema_name, p.table_name, p.polname`,
  help: 'Drop the policy, or narrow it to what clients must list (e.g. `(storage.foldername(name))[1] = (select auth.uid())::text`): a public bucket serves its files by URL without any SELECT policy, so a broad one only adds the power to list every file.',
  advise(row) {
    const buckets = list(row, 'buckets');
    return {
      object: `storage.objects.${ident(row.sub_name ?? '')}`,
      message: `Policy ${quoted(row.sub_name ?? '')} on storage.objects lets clients list every file of public bucket${buckets.length > 1 ? 's' : ''} ${words(buckets.map((b) => `'${b}'`))}; drop it or limit it to the files a user may list.`,
      anchor: { kind: 'policy', schema: 'storage', table: 'objects', name: row.sub_name ?? '' },
      mentions: [quoted(row.sub_name ?? ''), 'storage.objects'],
    };
  },
};
