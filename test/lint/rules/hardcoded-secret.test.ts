import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'hardcoded-secret';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc';

describe(RULE, () => {
  it('flags a JWT inside a function body at its exact position', async () => {
    await expectFindings(
      `create function call_hook() returns void language plpgsql as $$\nbegin\n  perform net.http_post('https://x.supabase.co', headers => '{"Authorization": "Bearer ${JWT}"}');\nend $$;`,
      RULE,
      [
        {
          line: 3,
          column: 88,
          message:
            'This literal holds a service_role key (a JWT with role service_role), which bypasses row level security; move it to a secret store (Vault, environment) and rotate it, since it is now in git history.',
        },
      ],
    );
  });

  it('flags provider keys in literals and comments', async () => {
    await expectFindings(
      "-- old key: sk_live_4eC39HqLyjWDarjtT1zdp7dc\ninsert into settings (name, value) values ('stripe', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc');",
      RULE,
      [
        { line: 1, column: 13 },
        { line: 2, column: 55 },
      ],
      { allowSyntaxErrors: false },
    );
  });

  // One per kind of token: a kind whose pattern the file-level pre-check (TOKEN_ANCHORS) forgot would be missed.
  it.each([
    ['a Supabase secret key', 'sb_secret_a1B2c3D4e5F6g7H8i9'],
    ['a Supabase access token', 'sbp_0123456789abcdef0123456789abcdef01234567'],
    ['a Stripe secret key', 'rk_test_Ab12Cd34Ef56Gh78'],
    ['an AWS access key', 'ASIAIOSFODNN7EXAMPLE'],
    ['a GitHub token', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['a Slack token', 'xoxb-1234567890-abcdefghij'],
    ['a Google API key', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
    ['an OpenAI or Anthropic API key', 'sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6'],
    ['a SendGrid API key', 'SG.A1b2C3d4E5f6G7h8I9j0K1.A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['a connection string with a password', 'postgres://app:hunter2@db.example.com/app'],
  ])('flags %s', async (what, token) => {
    await expectFindings(`select '${token}';`, RULE, [
      {
        line: 1,
        column: 9,
        message: `This literal holds ${what}; move it to a secret store (Vault, environment) and rotate it, since it is now in git history.`,
      },
    ]);
  });

  it('flags role passwords, secret settings, vault secrets and secret columns', async () => {
    await expectFindings(
      `create role reporter login password 'hunter2';
alter database postgres set "app.jwt_secret" to 'abc';
select vault.create_secret('s3cr3t', 'smtp');
select set_config('app.api_key', 'k-123', false);
insert into integrations (name, api_key) values ('mail', 'k-456');`,
      RULE,
      [
        {
          line: 1,
          column: 28,
          message:
            'A role password is written as a literal; read it from Vault or a setting managed outside migrations, and rotate it.',
        },
        { line: 2, column: 1 },
        { line: 3, column: 8 },
        { line: 4, column: 8 },
        { line: 5, column: 58 },
      ],
    );
  });

  it('accepts secrets read at run time and harmless literals', async () => {
    await expectClean(
      `create role reporter nologin;
select set_config('app.api_key', current_setting('app.settings.api_key'), false);
insert into integrations (name, api_key) values ('mail', null);
select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key';
comment on table integrations is 'Tokens live in Vault, never here.';`,
      RULE,
    );
  });

  it('accepts columns that say where a secret is, and values that name one (a real folder had both)', async () => {
    await expectClean(
      `insert into public.mcp_servers (name, oauth_token_url, oauth_client_secret_env, api_key_header, api_key)
values ('github', 'https://github.com/login/oauth/access_token', 'GITHUB_MCP_CLIENT_SECRET', 'X-Api-Key', 'GITHUB_TOKEN');
select set_config('app.service_role_key', 'SERVICE_ROLE_KEY', false);`,
      RULE,
    );
    // A value that is not an environment variable's name is still a secret, whatever the other columns are.
    await expectFindings(
      `insert into public.mcp_servers (oauth_token_url, client_secret) values ('https://x.test/token', 'Zq8-local-dev');`,
      RULE,
      [{ line: 1, column: 97 }],
    );
  });
});
