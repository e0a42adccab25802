// The MCP server's confinement: the folders it may read and write (its roots), and the check every `cwd` and
// path argument passes. Paths are compared after resolving symlinks, so a link inside a root that points
// elsewhere is outside, and a link to a root from elsewhere is inside.
import path from 'node:path';
import { KodoError } from '../core/errors.js';
import { isInside, realPathOf } from '../core/fs.js';
import { CONFIG_FILE, defaultProjectRoot, MIGRATIONS_DIR, realDirectory } from '../core/project.js';
import { EMBEDDED_DIR } from '../db/pglite.js';

/** Longer than any path Linux accepts (PATH_MAX is 4096). */
const MAX_PATH = 4096;

export class Roots {
  /** Real paths of the roots; the first is the default project. */
  readonly dirs: string[];

  constructor(given: string[], env: NodeJS.ProcessEnv = process.env) {
    const dirs = given.length > 0 ? given.map((d) => path.resolve(d)) : [defaultProjectRoot(env)];
    this.dirs = dirs.map((d) =>
      realDirectory(d, `The MCP root ${d}`, 'start the server with an existing folder'),
    );
  }

  /** The project folder a tool works on: `cwd` (relative to the first root) or the first root. */
  project(cwd: string | undefined): string {
    if (cwd === undefined || cwd.trim() === '') return this.checkProject(this.dirs[0]!);
    // Confined first, so that a probe outside the roots learns nothing about what exists there.
    const abs = this.path(this.dirs[0]!, cwd, 'cwd');
    return this.checkProject(
      realDirectory(abs, `cwd "${cwd}"`, `pass a project folder inside ${this.describe()}`),
    );
  }

  /** An absolute path for a path argument, refused when it resolves outside the roots. */
  path(base: string, p: string, argument: string): string {
    // Checked before any file system call, which would fail with an internal error quoting the whole value.
    if (p.includes('\0'))
      throw new KodoError('bad-path', `${argument} contains a NUL byte; pass a plain path.`);
    if (p.length > MAX_PATH) {
      throw new KodoError(
        'bad-path',
        `${argument} is ${p.length} characters long; pass a path under ${MAX_PATH}.`,
      );
    }
    const abs = path.resolve(base, p);
    this.confine(realPathOf(abs), `${argument} "${p}"`);
    return abs;
  }

  /** Refuses a real path outside every root. */
  confine(real: string, what: string): void {
    if (this.dirs.some((root) => isInside(real, root))) return;
    throw new KodoError(
      'outside-root',
      `${what} is outside the MCP server's ${this.describe()}; pass a path inside it (start the server with --root DIR to allow another folder).`,
    );
  }

  private describe(): string {
    return this.dirs.length === 1 ? `root ${this.dirs[0]}` : `roots ${this.dirs.join(', ')}`;
  }

  /** The folders every tool reads or writes under a project must not lead out of the roots through a symlink. */
  private checkProject(dir: string): string {
    for (const rel of [MIGRATIONS_DIR, path.dirname(CONFIG_FILE), EMBEDDED_DIR]) {
      this.confine(realPathOf(path.join(dir, rel)), `${rel.split(path.sep).join('/')} of ${dir}`);
    }
    return dir;
  }
}
