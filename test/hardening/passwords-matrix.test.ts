// Item 2 of issue 8: no password in any output, whatever form the database was given in.
//
// The matrix: FORMS (63 connection strings: URLs with encoded and unencoded #, ?, @, /, %, :, spaces; no scheme;
// other schemes; key=value strings with quotes, escapes and spaces; ?password=; a password equal to the user name,
// shaped like a host or a URL, unicode, 2 KB long; malformed strings of each kind), each pointed at a closed port
// on 127.0.0.1, run through
// - the CLI, every form × `status` × (--db, KODO_DATABASE_URL)                                   = 126 processes
// - the CLI, every form × `up --dry-run`, half of them as --db and half as KODO_DATABASE_URL        =  63 processes
// - the CLI, the first 4 forms × `up --yes`, `check`, `repair --dry-run`, `list` × (--db, env)    =  32 processes
// - one MCP server, every form × migration_status, apply_migrations {dryRun}, check_migrations,
//   repair_history {dryRun} as the `db` argument                                                   = 252 calls
// - MCP servers started with KODO_DATABASE_URL, the first 4 forms × the same 4 tools               =  16 calls
// - the real server: three forms with a wrong password (auth failure) through status, up --dry-run and the MCP
//   tools, and the key=value form with the right credentials, which connects.
// Every stdout, stderr, JSON document and MCP text is searched for the form's password, its URL-encoded forms
// and its distinctive pieces. About 35 s on an idle two-core machine (CLI processes 4 at a time, ~0.3 s each;
// measured 250 s with the machine's load average at 15), hence the generous per-test budget.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runKodo } from '../helpers/cli.js';
import { connectStdio, pluginServerCommand } from '../helpers/mcp.js';
import { deadPort } from '../helpers/net.js';
import { SERVER_URL, serverAvailable } from '../helpers/postgres.js';
import { makeFiles } from '../helpers/temp.js';

const S = 'S3cr#t?pw@x/1';
const enc = encodeURIComponent;

interface Form {
  name: string;
  /** The password to look for; every form's is distinctive. */
  secret: string;
  spec: (host: string, port: number) => string;
}

/** Forms built from one password in many URL and key=value spellings. */
function spellings(tag: string, secret: string): Form[] {
  return [
    { name: `${tag}: URL, unencoded`, secret, spec: (h, p) => `postgresql://u:${secret}@${h}:${p}/db` },
    { name: `${tag}: URL, encoded`, secret, spec: (h, p) => `postgres://u:${enc(secret)}@${h}:${p}/db` },
    {
      name: `${tag}: key=value, quoted`,
      secret,
      spec: (h, p) => `host=${h} port=${p} dbname=db user=u password='${secret.replace(/['\\]/g, '\\$&')}'`,
    },
  ];
}

const FORMS: Form[] = [
  ...spellings('distinctive', S),
  { name: 'no scheme', secret: S, spec: (h, p) => `u:${S}@${h}:${p}/db` },
  { name: 'no scheme, encoded', secret: S, spec: (h, p) => `u:${enc(S)}@${h}:${p}/db` },
  {
    name: 'query password, encoded',
    secret: S,
    spec: (h, p) => `postgresql://u@${h}:${p}/db?password=${enc(S)}`,
  },
  {
    name: 'query password, unencoded',
    secret: 'Qpw4Secret',
    spec: (h, p) => `postgresql://u@${h}:${p}/db?sslmode=disable&password=Qpw4Secret`,
  },
  {
    name: 'password equal to the user',
    secret: 'SameAsUser9',
    spec: (h, p) => `postgresql://SameAsUser9:SameAsUser9@${h}:${p}/db`,
  },
  {
    name: 'key=value, password equal to the user',
    secret: 'SameAsUser8',
    spec: (h, p) => `host=${h} port=${p} user=SameAsUser8 password=SameAsUser8`,
  },
  ...spellings('only #', 'pw#Hash1Secret'),
  ...spellings('only ?', 'pw?Quest2Secret'),
  ...spellings('only @', 'pw@At3Secret'),
  ...spellings('only /', 'pw/Slash4Secret'),
  {
    name: 'only %, unencoded',
    secret: 'pw%Pct5Secret',
    spec: (h, p) => `postgresql://u:pw%Pct5Secret@${h}:${p}/db`,
  },
  {
    name: 'colon in password',
    secret: 'pw:Colon6Secret',
    spec: (h, p) => `postgresql://u:pw:Colon6Secret@${h}:${p}/db`,
  },
  {
    name: 'space in URL password',
    secret: 'pw Space7Secret',
    spec: (h, p) => `postgresql://u:pw Space7Secret@${h}:${p}/db`,
  },
  {
    name: 'password like a host',
    secret: 'db.Host8Secret.example.com',
    spec: (h, p) => `postgresql://u:db.Host8Secret.example.com@${h}:${p}/db`,
  },
  {
    name: 'password like host:port',
    secret: 'evil.Host9Secret.com:5432',
    spec: (h, p) => `postgresql://u:evil.Host9Secret.com:5432@${h}:${p}/db`,
  },
  {
    name: 'password like a URL',
    secret: 'postgres://e:Url10Secret@h/d',
    spec: (h, p) => `postgresql://u:postgres://e:Url10Secret@h/d@${h}:${p}/db`,
  },
  ...spellings('unicode', 'pässwört-Üni11-日本'),
  ...spellings('2 KB', `Long12Secret${'x'.repeat(2000)}`),
  {
    name: 'ampersand and equals in query password',
    secret: 'a&b=Amp13Secret',
    spec: (h, p) => `postgresql://u@${h}:${p}/db?password=a&b=Amp13Secret`,
  },
  {
    name: 'empty user',
    secret: 'NoUser14Secret',
    spec: (h, p) => `postgresql://:NoUser14Secret@${h}:${p}/db`,
  },
  { name: 'IPv6 host', secret: S, spec: (_h, p) => `postgresql://u:${S}@[::1]:${p}/db` },
  { name: 'fragment after the database', secret: S, spec: (h, p) => `postgresql://u:${S}@${h}:${p}/db#frag` },
  { name: 'port not a number', secret: S, spec: (h) => `postgresql://u:${S}@${h}:5x2/db` },
  { name: 'several hosts', secret: S, spec: (h, p) => `postgresql://u:${S}@${h}:${p},${h}:${p}/db` },
  {
    name: 'two readings',
    secret: 'Amb15Secret',
    spec: (h, p) => `postgresql://u:Amb15Secret@${h}:${p}/my@db`,
  },
  { name: 'uppercase scheme', secret: S, spec: (h, p) => `POSTGRES://u:${S}@${h}:${p}/db` },
  { name: 'mysql scheme', secret: S, spec: (h, p) => `mysql://u:${S}@${h}:${p}/db` },
  { name: 'misspelt scheme', secret: S, spec: (h, p) => `postgress://u:${S}@${h}:${p}/db` },
  { name: 'one slash', secret: S, spec: (h, p) => `postgres:/u:${S}@${h}:${p}/db` },
  { name: 'jdbc', secret: S, spec: (h, p) => `jdbc:postgresql://${h}:${p}/db?user=u&password=${S}` },
  {
    name: 'leading and trailing spaces',
    secret: S,
    spec: (h, p) => `  postgresql://u:${enc(S)}@${h}:${p}/db  `,
  },
  {
    name: 'sslrootcert missing',
    secret: S,
    spec: (h, p) =>
      `postgresql://u:${enc(S)}@${h}:${p}/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`,
  },
  {
    name: 'verify-ca without a CA',
    secret: S,
    spec: (h, p) => `host=${h} port=${p} password='${S}' sslmode=verify-ca`,
  },
  {
    name: 'key=value, unquoted',
    secret: 'Kv16Secret#?@/',
    spec: (h, p) => `host=${h} port=${p} dbname=db user=u password=Kv16Secret#?@/`,
  },
  {
    name: 'key=value, spaces around =',
    secret: 'Kv17Secret',
    spec: (h, p) => `host = ${h}  port = ${p} password = Kv17Secret`,
  },
  {
    name: 'key=value, password first',
    secret: 'Kv18Secret',
    spec: (h, p) => `password=Kv18Secret host=${h} port=${p}`,
  },
  {
    name: 'key=value, escaped spaces',
    secret: 'Kv19 Sec ret',
    spec: (h, p) => `host=${h} port=${p} password=Kv19\\ Sec\\ ret`,
  },
  {
    name: 'key=value, quote inside',
    secret: "Kv20'Secret",
    spec: (h, p) => `host=${h} port=${p} password='Kv20\\'Secret'`,
  },
  {
    name: 'key=value, tabs',
    secret: 'Kv21Secret',
    spec: (h, p) => `host=${h}\tport=${p}\tpassword=Kv21Secret`,
  },
  {
    name: 'key=value, = in password',
    secret: 'a=Kv22Secret',
    spec: (h, p) => `host=${h} port=${p} password=a=Kv22Secret`,
  },
  {
    name: 'key=value, unterminated quote',
    secret: 'Kv23Secret',
    spec: (h, p) => `host=${h} port=${p} password='Kv23Secret`,
  },
  {
    name: 'key=value, missing =',
    secret: 'Kv24Secret',
    spec: (h, p) => `host=${h} port=${p} password Kv24Secret`,
  },
  {
    name: 'key=value, misspelt keyword',
    secret: 'Kv25Secret',
    spec: (h, p) => `host=${h} port=${p} pasword=Kv25Secret`,
  },
  {
    name: 'key=value, space in unquoted password',
    secret: 'Kv26 Secret',
    spec: (h, p) => `host=${h} port=${p} password=Kv26 Secret`,
  },
  { name: 'key=value, service', secret: 'Kv27Secret', spec: () => 'service=prod password=Kv27Secret' },
  {
    name: 'key=value, two passwords',
    secret: 'Kv28Secret',
    spec: (h, p) => `host=${h} port=${p} password=Kv28Secret password=Kv28Secret`,
  },
  {
    name: 'key=value, newline',
    secret: 'Kv29Secret',
    spec: (h, p) => `host=${h}\nport=${p}\npassword=Kv29Secret`,
  },
  { name: 'just the password', secret: 'Bare30Secret', spec: () => 'Bare30Secret' },
];

/** What must never appear: the password, its encodings, and its distinctive pieces. */
function needles(secret: string): string[] {
  const pieces = secret
    .split(/[#?@/:%&= '\-.]/)
    .filter((p) => p.length >= 6 && /Secret|S3cr|Üni|Long/.test(p));
  return [...new Set([secret, enc(secret), encodeURI(secret), ...pieces, secret.slice(0, 12)])];
}

function expectClean(form: Form, where: string, text: string): void {
  for (const needle of needles(form.secret)) {
    if (text.includes(needle)) throw new Error(`${form.name} (${where}) shows "${needle}":\n${text}`);
  }
}

/** Runs `jobs` with at most `limit` at once. */
async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** Per test: the machine may be shared and loaded; the header states the idle timing. */
const LONG = 240_000;
const VERSION = '20240101000000';
const CLI_COMMANDS: Record<string, string[]> = {
  status: ['status', '--json'],
  'up --dry-run': ['up', '--dry-run', '--json'],
  'up --yes': ['up', '--yes'],
  check: ['check'],
  'repair --dry-run': ['repair', VERSION, '--status', 'applied', '--dry-run'],
  list: ['list'],
};
const TOOLS: Array<[string, Record<string, unknown>]> = [
  ['migration_status', {}],
  ['apply_migrations', { dryRun: true }],
  ['check_migrations', {}],
  ['repair_history', { versions: [VERSION], status: 'applied', dryRun: true }],
];

let root: string;
let port: number;
beforeAll(async () => {
  root = await makeFiles({ [`supabase/migrations/${VERSION}_t.sql`]: 'create table t (id int);\n' });
  port = await deadPort();
});

/** One CLI run; returns everything it printed. */
async function cli(form: Form, command: string, via: 'arg' | 'env', host = '127.0.0.1', p = port) {
  const spec = form.spec(host, p);
  const args = CLI_COMMANDS[command]!;
  const run =
    via === 'arg'
      ? await runKodo([...args, '--db', spec], { cwd: root })
      : await runKodo(args, { cwd: root, env: { KODO_DATABASE_URL: spec } });
  expectClean(form, `${command} via ${via}`, `${run.stdout}\n${run.stderr}`);
  return run;
}

async function mcpText(client: Client, tool: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name: tool, arguments: { cwd: root, ...args } });
  return {
    isError: result.isError === true,
    text: JSON.stringify(result),
  };
}

describe('the CLI never prints a password', () => {
  it(
    'every form through status (--db and KODO_DATABASE_URL) and up --dry-run (either)',
    async () => {
      const runs = FORMS.flatMap((form, i) => [
        { form, command: 'status', via: 'arg' as const },
        { form, command: 'status', via: 'env' as const },
        { form, command: 'up --dry-run', via: i % 2 === 0 ? ('arg' as const) : ('env' as const) },
      ]);
      const jobs = runs.map(({ form, command, via }) => async () => {
        const run = await cli(form, command, via);
        // Every one of these is refused or cannot connect: never an unexpected failure, never success.
        expect(run.code, `${form.name} ${command} ${via}: ${run.stderr}`).toBe(2);
        expect(run.stderr, form.name).toMatch(/^error: /);
        expect(run.stderr, form.name).not.toContain('unexpected failure');
      });
      await pool(jobs, 4);
    },
    LONG,
  );

  it(
    'four forms through up --yes, check, repair --dry-run and list',
    async () => {
      const jobs = FORMS.slice(0, 4).flatMap((form) =>
        ['up --yes', 'check', 'repair --dry-run', 'list'].flatMap((command) =>
          (['arg', 'env'] as const).map((via) => async () => {
            const run = await cli(form, command, via);
            expect(run.stderr, `${form.name} ${command} ${via}`).not.toContain('unexpected failure');
            expect(run.code, `${form.name} ${command} ${via}: ${run.stderr}`).toBe(2);
          }),
        ),
      );
      await pool(jobs, 4);
    },
    LONG,
  );
});

describe('MCP tools never show a password', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectStdio(root);
  });
  afterAll(async () => {
    await client?.close();
  });

  it(
    'every form as the db argument of the four database tools',
    async () => {
      for (const form of FORMS) {
        for (const [tool, args] of TOOLS) {
          const { isError, text } = await mcpText(client, tool, {
            ...args,
            db: form.spec('127.0.0.1', port),
          });
          expectClean(form, tool, text);
          expect(isError, `${form.name} ${tool}: ${text}`).toBe(true);
          expect(text).not.toContain('Internal error');
        }
      }
    },
    LONG,
  );

  it(
    'KODO_DATABASE_URL in the server environment, for four forms',
    async () => {
      const { command, args } = pluginServerCommand();
      await pool(
        FORMS.slice(0, 4).map((form) => async () => {
          const transport = new StdioClientTransport({
            command,
            args,
            cwd: REPO_ROOT,
            env: {
              PATH: process.env['PATH'] ?? '',
              HOME: process.env['HOME'] ?? '',
              CLAUDE_PROJECT_DIR: root,
              KODO_DATABASE_URL: form.spec('127.0.0.1', port),
            },
            stderr: 'pipe',
          });
          const envClient = new Client({ name: 'kodo-test', version: '0' });
          await envClient.connect(transport);
          try {
            for (const [tool, toolArgs] of TOOLS) {
              const { isError, text } = await mcpText(envClient, tool, toolArgs);
              expectClean(form, `${tool} (env)`, text);
              expect(isError, `${form.name} ${tool}: ${text}`).toBe(true);
            }
          } finally {
            await envClient.close();
          }
        }),
        4,
      );
    },
    LONG,
  );
});

describe.skipIf(!serverAvailable)('the real server', () => {
  const server = new URL(SERVER_URL);
  const host = server.hostname;
  const realPort = Number(server.port || 5432);
  const user = decodeURIComponent(server.username);
  const wrong: Form[] = [
    {
      name: 'wrong password, URL unencoded',
      secret: S,
      spec: (h, p) => `postgresql://${user}:${S}@${h}:${p}/postgres`,
    },
    {
      name: 'wrong password, key=value',
      secret: S,
      spec: (h, p) => `host=${h} port=${p} dbname=postgres user=${user} password='${S}'`,
    },
    {
      name: 'wrong password, query',
      secret: S,
      spec: (h, p) => `postgres://${user}@${h}:${p}/postgres?password=${enc(S)}`,
    },
  ];

  it(
    'an authentication failure names the user and server, never the password',
    async () => {
      for (const form of wrong) {
        for (const command of ['status', 'up --dry-run']) {
          const run = await cli(form, command, 'arg', host, realPort);
          expect(run.code).toBe(2);
          expect(run.stderr).toMatch(
            /^error: Cannot connect to postgres(ql)?:\/\/.*:\*\*\*@.* \(password authentication failed for user ".*"\); check the user and password\.$/,
          );
        }
      }
      const client = await connectStdio(root);
      try {
        for (const form of wrong) {
          for (const [tool, args] of TOOLS) {
            const { isError, text } = await mcpText(client, tool, { ...args, db: form.spec(host, realPort) });
            expectClean(form, tool, text);
            expect(isError).toBe(true);
            expect(text).toContain('password authentication failed');
          }
        }
      } finally {
        await client.close();
      }
    },
    LONG,
  );

  it(
    'the key=value form with the right credentials connects',
    async () => {
      const password = decodeURIComponent(server.password);
      const kv = `host=${host} port=${realPort} dbname=${server.pathname.slice(1) || 'postgres'} user=${user} password='${password.replace(/['\\]/g, '\\$&')}'`;
      const run = await runKodo(['status', '--db', kv, '--json'], { cwd: root });
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as { target: string; pending: string[] };
      expect(json.pending).toEqual([VERSION]);
      expect(json.target).toMatch(new RegExp(`^postgresql://.*@${host}:${realPort}/`));
      expect(json.target).not.toContain(`:${password}@`);
    },
    LONG,
  );
});
