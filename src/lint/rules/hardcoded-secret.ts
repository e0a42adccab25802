// hardcoded-secret: API keys, JWTs, private keys and passwords written into a migration's literals or comments.
import type { DefElem, Node } from '@pgsql/types';
import { as, strings, walk } from '../../sql/ast.js';
import type { LintFile, Rule, RuleContext, Span, Statement } from '../types.js';

const TOKENS: { what: string; re: RegExp }[] = [
  {
    what: 'a JWT (Supabase anon and service_role keys are JWTs)',
    re: /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/g,
  },
  { what: 'a Supabase secret key', re: /\bsb_secret_[\w-]{16,}/g },
  { what: 'a Supabase access token', re: /\bsbp_[0-9a-f]{40}\b/g },
  { what: 'a Stripe secret key', re: /\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}/g },
  { what: 'an AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { what: 'a GitHub token', re: /\b(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_\w{60,})/g },
  { what: 'a Slack token', re: /\bxox[abprs]-[0-9A-Za-z-]{10,}/g },
  { what: 'a Google API key', re: /\bAIza[\w-]{35}\b/g },
  { what: 'an OpenAI or Anthropic API key', re: /\bsk-(?:ant-|proj-)?[\w-]{32,}/g },
  { what: 'a SendGrid API key', re: /\bSG\.[\w-]{22}\.[\w-]{43}\b/g },
  { what: 'a private key', re: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g },
  {
    what: 'a connection string with a password',
    re: /\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqps?):\/\/[^\s:@/'"]+:[^\s@/'"]+@/g,
  },
];

/**
 * Fixed text that each TOKENS pattern's match contains (the patterns are case-sensitive): a file whose text has
 * none of them cannot match any, so its literals and comments are not scanned one by one. One regex over the
 * file is several times faster than an `includes` per piece.
 */
const TOKEN_ANCHORS =
  /eyJ|s(?:b_secret_|bp_|k-)|k_(?:live|test)_|A(?:KIA|SIA|Iza)|g(?:h[pousr]_|ithub_pat_)|xox|SG\.|-----BEGIN|:\/\//;

const CALLS = /create_secret|set_config/i;

/**
 * `text` with every token the rule knows kept to its first four characters and the rest starred (same length, so
 * a caret under the line still points at the right column): what a code frame may show of a secret.
 */
export function maskSecretTokens(text: string): string {
  if (!TOKEN_ANCHORS.test(text)) return text;
  let out = text;
  for (const { re } of TOKENS) {
    re.lastIndex = 0;
    out = out.replace(re, (m) => m.slice(0, 4) + '*'.repeat(m.length - 4));
  }
  return out;
}

/** Setting names, column names and vault calls whose literal value is a secret. */
const SECRET_NAME =
  /(secret|passw(or)?d|api[_-]?key|private[_-]?key|access[_-]?token|auth[_-]?token|service[_-]?role[_-]?key)/i;

/**
 * Names that mention a secret but hold something else: where it is (`…_url`, `…_env`, `…_path`), what it is
 * called (`…_name`, `…_id`, `…_header`), or a hint about it. Seen in real folders: `oauth_token_url`,
 * `oauth_client_secret_env`.
 */
const NOT_A_SECRET_NAME = /[_-](?:url|uri|endpoint|env|var|path|file|name|id|header|hint|type|kind|hash)$/i;

/** Values that name a secret rather than hold it: an environment variable's name, or a URL without credentials. */
const NOT_A_SECRET_VALUE = /^(?:[A-Z][A-Z0-9_]{2,}|https?:\/\/[^\s@]+)$/;

/**
 * Values that stand where a secret will go: `TBD`, `changeme`, `REPLACE-ME`, `your-api-key-here`, `<token>`,
 * `{{ key }}`, `xxxx`. Seen in real folders (`vault.create_secret('REPLACE-ME', …)`, `encrypted_password = 'TBD'`).
 * Not for role passwords: `password 'changeme'` is the role's real password once the migration runs.
 */
const PLACEHOLDER =
  /^(?:tb[ad]|todo|fixme|n\/?a|none|null|nil|undefined|unset|empty|placeholder|dummy|redacted|change[-_. ]?(?:me|it|this)|replace[-_. ]?me|(?:replace|fill|set|your|enter|insert|put)[-_. ].*|.*[-_. ]here|x{3,}|\*{3,}|\.{3,}|-{3,}|<[^<>]+>|\{\{[^{}]+\}\}|\$\{[^{}]+\}|\[[^[\]]+\])$/i;

/** A literal that is one JWT, nothing around it. */
const JWT_VALUE = /^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}$/;

/** A bcrypt hash, the only thing GoTrue accepts in auth.users.encrypted_password: anything else cannot sign in. */
const BCRYPT = /^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/;

/** What a JWT's payload says about it, when it decodes: Supabase keys carry `role` and `iss`. */
function jwtClaims(token: string): { role?: unknown; iss?: unknown } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as { role?: unknown; iss?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How a JWT in a migration is reported. An anon key is public (every client ships it; RLS protects the data): an
 * info. The local stack's demo keys (`iss: supabase-demo`) are the same on every machine: not a secret, but they do
 * not work on a hosted project. A service_role key bypasses RLS: an error, as is any other JWT.
 */
function jwtReport(token: string): { severity?: 'info' | 'warning'; message: string } {
  const claims = jwtClaims(token);
  const role = typeof claims?.role === 'string' ? claims.role : undefined;
  if (role === 'anon')
    return {
      severity: 'info',
      message:
        'This literal holds a Supabase anon key (a JWT with role anon), which is public: every client ships it and row level security protects the data, so there is nothing to rotate; reading it from Vault keeps the migration working on every project.',
    };
  if (claims?.iss === 'supabase-demo')
    return {
      severity: 'warning',
      message: `This literal holds the local development ${role ? `${role} ` : ''}key (a JWT issued by supabase-demo), which every Supabase CLI shares: it is not a secret, but a hosted project rejects it; read the key from Vault instead.`,
    };
  if (role === 'service_role')
    return {
      message:
        'This literal holds a service_role key (a JWT with role service_role), which bypasses row level security; move it to a secret store (Vault, environment) and rotate it, since it is now in git history.',
    };
  return {
    message:
      'This literal holds a JWT (Supabase anon and service_role keys are JWTs); move it to a secret store (Vault, environment) and rotate it, since it is now in git history.',
  };
}

/** A name that says its literal value is a secret. */
const secretName = (name: string) => SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);

function scanTokens(ctx: RuleContext, file: LintFile, spans: Span[]): void {
  for (const span of spans) {
    const text = file.text.slice(span.start, span.end);
    for (const { what, re } of TOKENS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = { file, offset: span.start + m.index };
        if (m[0].startsWith('eyJ')) {
          ctx.report({ at, ...jwtReport(m[0]) });
          continue;
        }
        ctx.report({
          at,
          message: `This literal holds ${what}; move it to a secret store (Vault, environment) and rotate it, since it is now in git history.`,
        });
      }
    }
  }
}

function literal(node: Node | undefined): string | undefined {
  const value = as(node, 'A_Const')?.sval?.sval ?? as(node, 'String')?.sval;
  return value && value.trim() !== '' ? value : undefined;
}

/**
 * A literal that may be a secret: not empty, not the name of an environment variable or a plain URL, not a
 * placeholder, and not a JWT (the token scan reports those, saying which key it is).
 */
function secretLiteral(node: Node | undefined): string | undefined {
  const value = literal(node)?.trim();
  if (!value || NOT_A_SECRET_VALUE.test(value) || PLACEHOLDER.test(value)) return undefined;
  return JWT_VALUE.test(value) ? undefined : value;
}

function reportValue(ctx: RuleContext, stmt: Statement, location: number | undefined, what: string): void {
  ctx.report({
    at: stmt,
    location,
    message: `${what} is written as a literal; read it from Vault or a setting managed outside migrations, and rotate it.`,
  });
}

/** CREATE/ALTER ROLE … PASSWORD 'x'. */
function rolePassword(ctx: RuleContext, options: Node[] | undefined, stmt: Statement): void {
  for (const o of options ?? []) {
    const d = as(o, 'DefElem') as DefElem | undefined;
    if (d?.defname === 'password' && literal(d.arg)) reportValue(ctx, stmt, d.location, 'A role password');
  }
}

export const hardcodedSecret = {
  id: 'hardcoded-secret',
  severity: 'error',
  description: 'A key, token, JWT, private key or password written into a migration.',
  help: 'Keep secrets out of migrations: store them with Vault (`vault.create_secret` run by hand or from a seed outside git) or in the environment, and rotate any that were committed.',
  create: (ctx) => ({
    fileStart(file) {
      // Statements are slices of the file: without these names in the file, no statement calls them. Done
      // here rather than in a statement hook, which the engine would call for every statement.
      if (CALLS.test(file.text)) for (const stmt of file.statements) secretCalls(ctx, stmt);
      if (!TOKEN_ANCHORS.test(file.text)) return;
      scanTokens(ctx, file, file.literals);
      scanTokens(ctx, file, file.comments);
    },
    on: {
      InsertStmt: (node, stmt) => insertedSecrets(ctx, node.cols, node.selectStmt, stmt),
      CreateRoleStmt: (node, stmt) => rolePassword(ctx, node.options, stmt),
      AlterRoleStmt: (node, stmt) => rolePassword(ctx, node.options, stmt),
      VariableSetStmt(node, stmt) {
        if (node.name && secretName(node.name) && secretLiteral(node.args?.[0]))
          reportValue(ctx, stmt, undefined, `Setting ${node.name}`);
      },
      AlterDatabaseSetStmt(node, stmt) {
        const set = node.setstmt;
        if (set?.name && secretName(set.name) && secretLiteral(set.args?.[0]))
          reportValue(ctx, stmt, undefined, `Setting ${set.name}`);
      },
      AlterRoleSetStmt(node, stmt) {
        const set = node.setstmt;
        if (set?.name && secretName(set.name) && secretLiteral(set.args?.[0]))
          reportValue(ctx, stmt, undefined, `Setting ${set.name}`);
      },
    },
  }),
} satisfies Rule;

/** vault.create_secret('…') and set_config('app.secret', '…') calls in a statement. */
function secretCalls(ctx: RuleContext, stmt: Statement): void {
  // Walking a statement's tree is the costly part; only these two calls can pass a secret.
  if (!CALLS.test(stmt.text)) return;
  walk(stmt.ast, (kind, payload) => {
    if (kind !== 'FuncCall') return;
    const call = payload as { funcname?: Node[]; args?: Node[]; location?: number };
    const name = strings(call.funcname).pop();
    const [first, second] = call.args ?? [];
    if (name === 'create_secret' && secretLiteral(first))
      reportValue(ctx, stmt, call.location, 'A Vault secret');
    if (name === 'set_config' && secretName(literal(first) ?? '') && secretLiteral(second))
      reportValue(ctx, stmt, call.location, `Setting ${literal(first)}`);
  });
}

/** INSERT INTO t (api_key) VALUES ('…'): a literal value for a column named like a secret. */
function insertedSecrets(
  ctx: RuleContext,
  cols: Node[] | undefined,
  select: Node | undefined,
  stmt: Statement,
): void {
  const names = (cols ?? []).map((c) => as(c, 'ResTarget')?.name ?? '');
  const secretAt = names.flatMap((n, i) => (secretName(n) ? [i] : []));
  if (secretAt.length === 0) return;
  for (const row of as(select, 'SelectStmt')?.valuesLists ?? []) {
    const values = as(row, 'List')?.items ?? [];
    for (const i of secretAt) {
      const v = values[i];
      const value = secretLiteral(v);
      // auth.users.encrypted_password holds a bcrypt hash: any other literal ('TBD', 'x') cannot sign anyone in.
      if (value && (names[i] !== 'encrypted_password' || BCRYPT.test(value)))
        reportValue(ctx, stmt, as(v, 'A_Const')?.location, `Column ${names[i]}`);
      // crypt('the password', gen_salt('bf')): the password itself is in the migration.
      const call = as(v, 'FuncCall');
      if (call && strings(call.funcname).pop() === 'crypt' && secretLiteral(call.args?.[0]))
        reportValue(ctx, stmt, call.location, `The password hashed into ${names[i]}`);
    }
  }
}
