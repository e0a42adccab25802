import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'fkey-to-auth-unique';

describe(RULE, () => {
  it('flags a foreign key to auth.users (phone), at the constraint', async () => {
    await expectFindings(
      'create table public.invites (\n  id bigint primary key,\n  phone text references auth.users (phone)\n);',
      RULE,
      [
        {
          line: 3,
          column: 14,
          message:
            'Foreign key invites_phone_fkey on public.invites references auth.users (phone), a unique key that Supabase Auth owns and may change; reference auth.users (id) instead.',
        },
      ],
    );
  });

  it('flags auth.users (email) added by ALTER TABLE and other auth tables', async () => {
    await expectFindings(
      {
        '00001_a.sql': 'create table public.contacts (id bigint primary key, email text, session uuid);',
        '00002_b.sql':
          'alter table public.contacts add constraint contacts_email_fkey foreign key (email) references auth.users (email);\nalter table public.contacts add foreign key (session) references auth.refresh_tokens (session_id);',
      },
      RULE,
      [
        {
          file: '00002_b.sql',
          line: 1,
          column: 33,
          message:
            'Foreign key contacts_email_fkey on public.contacts references auth.users (email), a unique key that Supabase Auth owns and may change; reference auth.users (id) instead.',
        },
        { file: '00002_b.sql', line: 2, column: 33 },
      ],
    );
  });

  it('accepts references to primary keys, implicit or named', async () => {
    await expectClean(
      `create table public.profiles (
  id uuid primary key references auth.users on delete cascade,
  owner uuid references auth.users (id),
  identity uuid references auth.identities (id),
  factor uuid references auth.mfa_factors (id)
);`,
      RULE,
    );
  });

  it('accepts a foreign key dropped later and unique keys outside auth', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create table public.accounts (id int primary key, email text unique);\ncreate table public.invites (id int primary key, email text references public.accounts (email), phone text references auth.users (phone));',
        '00002_b.sql': 'alter table public.invites drop constraint invites_phone_fkey;',
      },
      RULE,
    );
  });
});
