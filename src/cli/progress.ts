// Progress of long runs on stderr: one rewritten line on a terminal, one line per file otherwise.
import path from 'node:path';
import type { CliContext } from './define.js';

export interface Progress {
  update: (done: number, total: number, file: string) => void;
  /** Ends the rewritten line, if one was drawn. */
  finish: () => void;
}

export function fileProgress(ctx: CliContext): Progress {
  let drawn = false;
  return {
    update: (done, total, file) => {
      const name = path.basename(file);
      if (ctx.interactive) {
        process.stderr.write(`\r\x1b[2KApplying ${done}/${total} ${name}`);
        drawn = true;
      } else {
        ctx.log(`Applying migration ${name}...`);
      }
    },
    finish: () => {
      if (drawn) process.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
