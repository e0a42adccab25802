// The text format's code frames: a secret the linter found is never printed back (JSON, SARIF and GitHub output
// carry no source text at all), and a 20,000-character line is shown as a window around the column.
import { describe, expect, it } from 'vitest';
import { runKodo } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.${'Q'.repeat(43)}`;
const STRIPE = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;

describe('text format code frames', () => {
  it('mask every secret the rule finds, on the line and in the literal it points at', async () => {
    const root = await makeFiles({
      [`${M}/00001_secrets.sql`]: [
        `select set_config('app.service_role_key', '${JWT}', false);`,
        `create role reporter login password 'Tr0ub4dor&3';`,
        `-- the old key was ${STRIPE}`,
        `select vault.create_secret('plain-vault-value-123');`,
      ].join('\n'),
    });
    const run = await runKodo(['lint', '--cwd', root]);
    expect(run.code).toBe(1);
    for (const secret of [
      JWT,
      JWT.slice(5, 40),
      'Tr0ub4dor&3',
      STRIPE,
      STRIPE.slice(4),
      'plain-vault-value-123',
    ])
      expect(run.stdout).not.toContain(secret);
    const frames = run.stdout.split('\n').filter((l) => /^ {2}\d+ \| /.test(l));
    // The service_role key is one finding, at the literal: the literal is starred, the setting's name is not secret.
    expect(frames).toEqual([
      `  1 | select set_config('app.service_role_key', '${'*'.repeat(JWT.length)}', false);`,
      `  2 | create role reporter login password '***********';`,
      `  3 | -- the old key was sk_l${'*'.repeat(STRIPE.length - 4)}`,
      `  4 | select vault.create_secret('*********************');`,
    ]);
  });

  it('cut a very long line to a window around the column, with the caret under it', async () => {
    const long = `select ${'1 + '.repeat(5000)}1 frm t;`;
    const root = await makeFiles({ [`${M}/00001_long.sql`]: long });
    const run = await runKodo(['lint', '--cwd', root]);
    const lines = run.stdout.split('\n');
    const frame = lines.findIndex((l) => l.startsWith('  1 | '));
    const [source, caret] = [lines[frame]!, lines[frame + 1]!];
    expect(source.length).toBeLessThan(140);
    expect(source).toMatch(/^ {2}1 \| …(1 \+ )+1 frm t;$/);
    // The caret sits under "t", where Postgres's error points.
    expect(source[caret.indexOf('^')]).toBe('t');
    expect(lines[0]).toBe(
      `${M}/00001_long.sql:1:${long.indexOf(' t;') + 2} error [syntax-error] Syntax error at or near "t".`,
    );
  });
});
