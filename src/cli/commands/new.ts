// `kodo new <name>`: creates a migration file with the next free version (or a checked --version), never
// overwriting one; the table template in hybrid mode creates its schema/behaviour pair.
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { parseJsonText } from '../../config/json.js';
import { KodoError } from '../../core/errors.js';
import { MAX_SQL_BYTES, readRegularFileSync } from '../../core/fs.js';
import { TEMPLATE_NAMES, type TemplateName } from '../../templates/names.js';
import { MIGRATION_KINDS, type MigrationKind } from '../../versions/allocate.js';
import { defineCommand } from '../define.js';
import { describeAllocation } from '../describe-allocation.js';

export const newCommand = defineCommand({
  name: 'new',
  summary: 'Create a migration in supabase/migrations with the next free version.',
  configure: (cmd) =>
    cmd
      .argument('<name>', 'what the migration does, e.g. "add orders" (normalised to snake_case)')
      .option('--workspace <name>', 'hybrid mode: a config workspace, bootstrap, shared, or node/python/rust')
      .addOption(
        new Option('--kind <kind>', 'schema (even) or behavior (odd); default: from the template').choices(
          MIGRATION_KINDS,
        ),
      )
      .addOption(
        new Option('--template <template>', 'default: empty (table with --table-spec)').choices(
          TEMPLATE_NAMES,
        ),
      )
      .option('--table-spec <file>', 'a JSON table spec (- for stdin) generating the table migration')
      .option(
        '--version <version>',
        'use this version instead of the next free one; refused, with the version kodo would pick, when it breaks the range rules',
      ),
  run: async (args, options, ctx) => {
    const { createMigration } = await import('../../migrations/create.js');
    const specFile = options['tableSpec'] as string | undefined;
    const template = options['template'] as TemplateName | undefined;
    // As `supabase migration new`: SQL piped in (`kodo diff | kodo new x`) becomes the file, read whole before
    // anything is written; a terminal, /dev/null or an empty pipe gives the template.
    const piped = specFile === undefined && template === undefined ? await readPipedSql(ctx.log) : undefined;
    const created = await createMigration(ctx.cwd, {
      name: args[0] ?? '',
      workspace: options['workspace'] as string | undefined,
      kind: options['kind'] as MigrationKind | undefined,
      template,
      version: options['version'] as string | undefined,
      table: specFile === undefined ? undefined : await readTableSpec(specFile),
      sql: piped,
    });
    const stdin = piped === undefined ? '' : ', with the SQL from stdin';
    return {
      data: created,
      text: created.files
        .map(
          (f) =>
            `Created ${f.file} (version ${f.version}, ${describeAllocation({ ...created, ...f })})${stdin}`,
        )
        .join('\n'),
      exitCode: 0,
    };
  },
});

/** A file path is relative to the shell's directory, as for any command-line file argument. */
async function readTableSpec(file: string): Promise<unknown> {
  // A regular file of bounded size: `--table-spec /dev/zero` must fail, not fill memory.
  const text =
    file === '-'
      ? await readStdin()
      : readRegularFileSync(path.resolve(file), `Table spec ${file}`).toString('utf8');
  return parseJsonText(text, `Table spec ${file}`, 'table-spec-invalid');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_SQL_BYTES) throw tooMuchStdin();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** How long a stdin that is a socket may stay silent before kodo stops waiting for SQL on it. */
const SOCKET_WAIT_MS = 1000;

/**
 * The SQL on stdin, undefined when there is none (blank counts as none). A shell pipe or a redirected file is read
 * to its end, as `supabase migration new` does; a terminal or a device (/dev/null) is not read. A socket is what a
 * program that spawns kodo passes: SQL it sends arrives at once, but some harnesses hold stdin open and send
 * nothing, so a socket that stays silent for a second gives the template instead of waiting forever.
 */
async function readPipedSql(log: (line: string) => void): Promise<string | undefined> {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(0);
  } catch {
    return undefined;
  }
  if (process.stdin.isTTY) return undefined;
  let text: string | undefined;
  if (stat.isFIFO() || stat.isFile()) text = await readStdin();
  else if (stat.isSocket()) {
    text = await readSocketStdin(SOCKET_WAIT_MS);
    if (text === undefined)
      log(
        `stdin is open but sent nothing for ${SOCKET_WAIT_MS / 1000} s, so the new file gets the template; to write SQL into it, pipe SQL that ends (echo "…" | kodo new <name>) or redirect a file (< file.sql).`,
      );
  }
  if (text === undefined) return undefined;
  text = text.replace(/^\uFEFF/, '');
  return text.trim() === '' ? undefined : text;
}

/** Reads a socket stdin to its end, or gives up (undefined) when nothing at all arrives within `ms`. */
function readSocketStdin(ms: number): Promise<string | undefined> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      clearTimeout(timer);
      stdin.off('data', onData).off('end', onEnd).off('error', onError);
      stdin.pause();
    };
    const onData = (chunk: Buffer) => {
      clearTimeout(timer);
      size += chunk.length;
      if (size > MAX_SQL_BYTES) {
        done();
        reject(tooMuchStdin());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const timer = setTimeout(() => {
      done();
      // Not waiting for it any more: it must not keep the process alive either.
      (stdin as unknown as { unref?: () => void }).unref?.();
      resolve(undefined);
    }, ms);
    stdin.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function tooMuchStdin(): KodoError {
  return new KodoError(
    'file-too-large',
    `stdin holds more than ${MAX_SQL_BYTES / (1024 * 1024)} MB, over kodo's limit for one SQL file; nothing was written.`,
  );
}
