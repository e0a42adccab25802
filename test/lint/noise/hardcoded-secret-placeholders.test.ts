// Noise seen on real folders (issue 9): placeholders, plain URLs and public keys are not leaked secrets. Each
// silent case has a twin that must still fire.
import { describe, expect, it } from 'vitest';
import { expectClean, expectFindings, findingsOf } from '../helpers.js';

const RULE = 'hardcoded-secret';
const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc`;
const ANON = jwt({
  iss: 'supabase',
  ref: 'abcdefghijklmnopqrst',
  role: 'anon',
  iat: 1715019144,
  exp: 2030595144,
});
const SERVICE = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1, exp: 2 });
const DEMO_SERVICE = jwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 });
const BCRYPT = '$2a$10$abcdefghijklmnopqrstuu5.Ey3d0NnJ9G0dmo8yVbVeAd5Jw0yNe';

describe('hardcoded-secret: placeholders are not secrets', () => {
  it.each([
    'TBD',
    'tbd',
    '',
    'changeme',
    'REPLACE-ME',
    'your-api-key-here',
    '<service role key>',
    'xxxxxxxx',
  ])('a placeholder %j in a secret-named column, a setting or a Vault secret', async (value) => {
    await expectClean(
      `insert into auth.users (id, email, encrypted_password) values (gen_random_uuid(), 'a@example.com', '${value}');
insert into public.integrations (name, api_key) values ('mail', '${value}');
select set_config('app.api_key', '${value}', false);
select vault.create_secret('${value}', 'anon_key');`,
      RULE,
    );
  });

  it('twin: a real-looking value in the same places still fires', async () => {
    await expectFindings(
      `insert into public.integrations (name, api_key) values ('mail', 'k3y-9f8a7b6c5d4e');
select set_config('app.api_key', 'k3y-9f8a7b6c5d4e', false);
select vault.create_secret('k3y-9f8a7b6c5d4e', 'mail_key');`,
      RULE,
      [
        {
          line: 1,
          column: 65,
          message:
            'Column api_key is written as a literal; read it from Vault or a setting managed outside migrations, and rotate it.',
        },
        { line: 2, column: 8 },
        {
          line: 3,
          column: 8,
          message:
            'A Vault secret is written as a literal; read it from Vault or a setting managed outside migrations, and rotate it.',
        },
      ],
    );
  });

  it('twin: a role password stays a finding even when it looks like a placeholder (it is the real password)', async () => {
    await expectFindings(`create role reporter login password 'changeme';`, RULE, [{ line: 1, column: 28 }]);
  });
});

describe('hardcoded-secret: auth.users.encrypted_password', () => {
  it('twin: a bcrypt hash still fires', async () => {
    await expectFindings(
      `insert into auth.users (id, email, encrypted_password) values (gen_random_uuid(), 'a@example.com', '${BCRYPT}');`,
      RULE,
      [{ line: 1, column: 100 }],
    );
  });

  it('a plain password hashed at insert time now fires: the password is in the migration', async () => {
    await expectFindings(
      `insert into auth.users (id, email, encrypted_password) values (gen_random_uuid(), 'a@example.com', crypt('Manila2026!', gen_salt('bf')));`,
      RULE,
      [
        {
          line: 1,
          column: 100,
          message:
            'The password hashed into encrypted_password is written as a literal; read it from Vault or a setting managed outside migrations, and rotate it.',
        },
      ],
    );
  });

  it('crypt() of a placeholder stays silent', async () => {
    await expectClean(
      `insert into auth.users (id, email, encrypted_password) values (gen_random_uuid(), 'a@example.com', crypt('changeme', gen_salt('bf')));`,
      RULE,
    );
  });
});

describe('hardcoded-secret: Vault secrets that are not secret', () => {
  it('a project URL kept in Vault (a real folder) stays silent', async () => {
    await expectClean(
      `select vault.create_secret('http://host.docker.internal:54321', 'project_url');`,
      RULE,
    );
  });

  it('twin: a URL with a password in it still fires', async () => {
    const findings = await findingsOf(
      `select vault.create_secret('postgres://app:s3cr3t-pw@db.example.com:5432/app', 'db_url');`,
      RULE,
    );
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error']);
  });
});

describe('hardcoded-secret: JWTs say which key they are', () => {
  it('an anon key is an info that says it is public', async () => {
    await expectFindings(`select vault.create_secret('${ANON}', 'anon_key');`, RULE, [
      {
        line: 1,
        column: 29,
        severity: 'info',
        message:
          'This literal holds a Supabase anon key (a JWT with role anon), which is public: every client ships it and row level security protects the data, so there is nothing to rotate; reading it from Vault keeps the migration working on every project.',
      },
    ]);
  });

  it('an anon key in a cron job header (a real folder) is an info too', async () => {
    await expectFindings(
      `select cron.schedule('fetch', '0 * * * *', $$ select net.http_post(url := 'https://x.supabase.co/functions/v1/f', headers := '{"Authorization": "Bearer ${ANON}"}'::jsonb) $$);`,
      RULE,
      [{ line: 1, column: 153, severity: 'info' }],
    );
  });

  it('twin: a service_role key stays an error and says what it can do', async () => {
    await expectFindings(`select vault.create_secret('${SERVICE}', 'service_role_key');`, RULE, [
      {
        line: 1,
        column: 29,
        severity: 'error',
        message:
          'This literal holds a service_role key (a JWT with role service_role), which bypasses row level security; move it to a secret store (Vault, environment) and rotate it, since it is now in git history.',
      },
    ]);
  });

  it('the local stack demo service_role key is a warning: public, but it fails on a hosted project', async () => {
    await expectFindings(`select vault.create_secret('${DEMO_SERVICE}', 'service_role_key');`, RULE, [
      {
        line: 1,
        column: 29,
        severity: 'warning',
        message:
          'This literal holds the local development service_role key (a JWT issued by supabase-demo), which every Supabase CLI shares: it is not a secret, but a hosted project rejects it; read the key from Vault instead.',
      },
    ]);
  });

  it('twin: a JWT whose payload does not decode stays an error', async () => {
    await expectFindings(
      `select vault.create_secret('eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc', 'k');`,
      RULE,
      [{ line: 1, column: 29, severity: 'error' }],
    );
  });
});
