// What each fixture of fixtures.ts must produce, exactly, on every target: severity and category per check, and per
// finding the file, line and column of the statement that made the object, the object and the message.
import { MIGRATIONS } from './helpers.js';

export interface Expected {
  severity: 'error' | 'warning' | 'info';
  category: 'security' | 'performance';
  findings: { file: string; line: number; column: number; object: string; message: string }[];
}

/** A finding's place ('' when no migration is named: line and column are then 0), object and message. */
function at(file: string, line: number, column: number, object: string, message: string) {
  return { file: file ? `${MIGRATIONS}/${file}` : '', line, column, object, message };
}

export const EXPECTED: Record<string, Expected> = {
  'auth-users-exposed': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_people.sql',
        1,
        1,
        'public.people',
        "View public.people reads auth.users and anon and authenticated can select from it, and it runs with its owner's rights, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.",
      ),
    ],
  },
  'policy-exists-rls-disabled': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '002_books_policy.sql',
        1,
        1,
        'public.books',
        'Table public.books has policy "books readable" but row level security is disabled, so it is ignored and every role with table privileges sees all rows; enable row level security on public.books.',
      ),
    ],
  },
  'rls-enabled-no-policy': {
    severity: 'info',
    category: 'security',
    findings: [
      at(
        '001_ledger.sql',
        2,
        1,
        'public.ledger',
        'Row level security is enabled on public.ledger but it has no policy, so anon and authenticated can neither read nor write it; add the policies you intend.',
      ),
    ],
  },
  'security-definer-view': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_scores.sql',
        3,
        1,
        'public.top_scores',
        "View public.top_scores runs with its owner's rights, so anon and authenticated read its tables past their row level security; create it with (security_invoker = on) or revoke select on it from the API roles.",
      ),
    ],
  },
  'function-search-path-mutable': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_fn.sql',
        1,
        1,
        'public.double_it(integer, text)',
        "Function public.double_it(integer, text) has no fixed search_path, so the caller's search_path decides what its unqualified names resolve to; add set search_path = '' and qualify the names it uses.",
      ),
    ],
  },
  'rls-disabled-in-public': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_tags.sql',
        1,
        1,
        'public.tags',
        'Table public.tags is exposed through the Data API without row level security, so anon and authenticated can read every row (and change them where granted); enable row level security and add policies.',
      ),
    ],
  },
  'extension-in-public': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_ext.sql',
        1,
        1,
        'hstore',
        'Extension hstore is installed in schema public, which the Data API exposes; move it with alter extension hstore set schema extensions.',
      ),
    ],
  },
  'rls-references-user-metadata': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_reports.sql',
        3,
        1,
        'public.reports."editors read reports"',
        'Policy "editors read reports" on public.reports trusts user_metadata from the JWT, which every user can edit for themselves; base the check on app_metadata or on a table users cannot write.',
      ),
    ],
  },
  'materialized-view-in-api': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_stats.sql',
        3,
        1,
        'public.page_counts',
        'Materialized view public.page_counts is readable by anon and authenticated through the Data API, and no row level security applies to it; revoke select on it from the API roles or move it out of the exposed schema.',
      ),
    ],
  },
  'foreign-table-in-api': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '',
        0,
        0,
        'public.old_orders',
        'Foreign table public.old_orders is readable by anon and authenticated through the Data API, and no row level security applies to it; revoke select on it from the API roles or move it out of the exposed schema.',
      ),
    ],
  },
  'unsupported-reg-types': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_hooks.sql',
        1,
        51,
        'public.hooks.handler',
        'Column public.hooks.handler has type regproc, which pg_upgrade cannot carry to a new Postgres version; store the name as text instead.',
      ),
      at(
        '001_hooks.sql',
        1,
        68,
        'public.hooks.handlers',
        'Column public.hooks.handlers has type regprocedure[], which pg_upgrade cannot carry to a new Postgres version; store the name as text instead.',
      ),
    ],
  },
  'fkey-to-auth-unique': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_contacts.sql',
        3,
        14,
        'public.contacts.contacts_phone_fkey',
        'Foreign key contacts_phone_fkey on public.contacts references auth.users (phone), a unique key that Supabase Auth owns and may change; reference the primary key of auth.users instead.',
      ),
    ],
  },
  'extension-versions-outdated': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_ext.sql',
        1,
        1,
        'hstore',
        'Extension hstore is at version 1.4 but the server ships 1.8; run alter extension hstore update in a migration.',
      ),
    ],
  },
  'sensitive-columns-exposed': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_accounts.sql',
        1,
        66,
        'public.accounts',
        'Table public.accounts is readable by anon and authenticated through the Data API without row level security and has sensitive columns "Api-Key", password; enable row level security with policies or move them out of the exposed schema.',
      ),
    ],
  },
  'rls-policy-always-true': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_notes.sql',
        4,
        1,
        'public.notes."anyone adds notes"',
        'Policy "anyone adds notes" on public.notes lets anon and authenticated insert any row because its WITH CHECK is always true, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
      ),
      at(
        '001_notes.sql',
        3,
        1,
        'public.notes."anyone edits notes"',
        'Policy "anyone edits notes" on public.notes lets authenticated update any row because its USING is always true and it has no WITH CHECK, which bypasses row level security; write a condition on the row such as (select auth.uid()) = user_id.',
      ),
    ],
  },
  'public-bucket-allows-listing': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_bucket.sql',
        2,
        1,
        'storage.objects."list logos"',
        'Policy "list logos" on storage.objects lets clients list every file of public bucket \'logos\'; drop it or limit it to the files a user may list.',
      ),
    ],
  },
  'anon-security-definer-function-executable': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_fn.sql',
        1,
        1,
        'public.count_users()',
        "Function public.count_users() is security definer and anon can call it through the Data API (/rest/v1/rpc), so it runs with its owner's rights for anyone with the anon key; revoke execute on it from anon and public unless that is intended.",
      ),
    ],
  },
  'authenticated-security-definer-function-executable': {
    severity: 'warning',
    category: 'security',
    findings: [
      at(
        '001_fn.sql',
        1,
        1,
        'public.count_users()',
        "Function public.count_users() is security definer and authenticated can call it through the Data API (/rest/v1/rpc), so it runs with its owner's rights for every signed-in user; revoke execute on it from authenticated and public unless that is intended.",
      ),
    ],
  },
  'insecure-queue-exposed-in-api': {
    severity: 'error',
    category: 'security',
    findings: [
      at(
        '001_queue.sql',
        2,
        1,
        'pgmq.q_emails',
        'Queue table pgmq.q_emails has no row level security while pgmq_public is exposed through the Data API, so authenticated can read and send its messages; enable row level security on it and add policies.',
      ),
    ],
  },
  'unindexed-foreign-keys': {
    severity: 'info',
    category: 'performance',
    findings: [
      at(
        '001_lists.sql',
        2,
        66,
        'public.items.items_list_id_fkey',
        'Foreign key public.items(list_id) has no index starting with its columns, so deletes on public.lists scan public.items; add create index on public.items (list_id).',
      ),
    ],
  },
  'auth-rls-initplan': {
    severity: 'warning',
    category: 'performance',
    findings: [
      at(
        '001_todos.sql',
        3,
        1,
        'public.todos."own todos"',
        'Policy "own todos" on public.todos calls auth.uid() and current_setting() once per row; wrap each call in a subquery, e.g. (select auth.uid()), so Postgres evaluates it once per query.',
      ),
    ],
  },
  'no-primary-key': {
    severity: 'info',
    category: 'performance',
    findings: [
      at(
        '001_log.sql',
        1,
        1,
        'public.audit_log',
        'Table public.audit_log has no primary key; add one so every row can be identified.',
      ),
    ],
  },
  'multiple-permissive-policies': {
    severity: 'warning',
    category: 'performance',
    findings: [
      at(
        '002_posts_own.sql',
        1,
        1,
        'public.posts',
        'Table public.posts has 2 permissive policies ("read own", "read published") for authenticated on SELECT, and Postgres evaluates every one of them for each row; merge them into one policy.',
      ),
    ],
  },
  'duplicate-index': {
    severity: 'warning',
    category: 'performance',
    findings: [
      at(
        '001_users.sql',
        3,
        37,
        'public.members_email_again',
        'Index public.members_email_again on public.members duplicates index public.members_email; drop one of them.',
      ),
    ],
  },
};
