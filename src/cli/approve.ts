// Consent on the command line for changes to a database that is not throwaway: the plan on stderr, then --yes or
// a y/N question on a terminal; without either, a one-line error that says to rerun with --yes.
import readline from 'node:readline/promises';
import { KodoError } from '../core/errors.js';
import type { CliContext } from './define.js';

export interface Approval {
  /** The plan as lines, printed before anything is asked. */
  plan: string;
  /** `Apply 3 migration(s) to …?` */
  question: string;
  /** What needs approval, for the error: `Applying to …`. */
  action: string;
}

export async function approve(a: Approval, yes: boolean, ctx: CliContext): Promise<boolean> {
  ctx.log(a.plan);
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new KodoError(
      'approval-required',
      `${a.action} changes a database that is not throwaway; review the plan above and rerun with --yes.`,
    );
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${a.question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
