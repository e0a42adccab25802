// `kodo init` / `init_hybrid`: the hybrid bootstrap. Writes 00000_extensions.sql and 00001_core_functions.sql and
// the detected workspaces with their ranges into .kodo/config.json; skips, with the reason, whatever is there
// already; never overwrites. A dry run computes exactly the same plan and writes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseJsonText } from '../config/json.js';
import { KodoError } from '../core/errors.js';
import { createExclusive, readRegularFileSync, writeAtomic } from '../core/fs.js';
import { withLock } from '../core/lock.js';
import { migrationsDir } from '../core/project.js';
import { detectProject } from '../detect/detect.js';
import { Project } from '../project/project.js';
import { assertProjectRoot } from '../versions/allocate-version.js';
import { BOOTSTRAP_RANGE } from '../versions/ranges.js';
import { planBootstrapFiles } from './bootstrap-files.js';
import { CONFIG_PATH, planConfig } from './config-plan.js';
import type { InitFile, InitResult } from './result.js';

export interface InitOptions {
  dryRun?: boolean | undefined;
  /** The date in the files' headers (tests pass a fixed one). */
  now?: Date | undefined;
}

export async function initProject(root: string, options: InitOptions = {}): Promise<InitResult> {
  await assertProjectRoot(root);
  const dryRun = options.dryRun ?? false;
  if (dryRun) return finish(await plan(root, options.now), dryRun, []);
  // The migrations lock: a concurrent kodo new must not take 00000 or 00001 between the plan and the writes.
  return withLock(migrationsDir(await fs.realpath(root)), async () => {
    const planned = await plan(root, options.now);
    const written: string[] = [];
    for (const file of planned.files) {
      if (file.action === 'skip' || file.content === null) continue;
      const target = path.join(root, file.path);
      if (file.action === 'update') await writeAtomic(target, file.content);
      else if (!(await createExclusive(target, file.content))) {
        // Created by something other than kodo since the plan: theirs stays.
        Object.assign(file, {
          action: 'skip',
          reason: `${file.path} appeared while kodo init ran; it is kept.`,
          content: null,
        });
        continue;
      }
      written.push(file.path);
    }
    return finish(planned, dryRun, written);
  });
}

interface Plan {
  files: InitFile[];
  workspaces: InitResult['workspaces'];
}

async function plan(root: string, now: Date = new Date()): Promise<Plan> {
  // An invalid config stops init with its own one-sentence error: init never replaces a config it cannot read.
  const project = new Project(root);
  const config = await project.config();
  // The config's JSON as written, read again only to add to it: the typed config has dropped unknown keys' order.
  const raw =
    config.file === null
      ? undefined
      : (parseJsonText(
          readRegularFileSync(config.file, CONFIG_PATH).toString('utf8'),
          CONFIG_PATH,
          'config-invalid',
        ) as Record<string, unknown>);
  const existing = project.folder().files;
  const timestamped = existing.find((f) => f.version.length !== BOOTSTRAP_RANGE.start.length);
  if (timestamped) {
    throw new KodoError(
      'init-timestamp-project',
      `${timestamped.file} has a timestamp version, and hybrid numbers such as 00000 sort before it, so a database that applied it would have to run earlier versions; kodo init wrote nothing: keep timestamp versions (kodo new needs no init) or renumber the existing migrations into ranges first.`,
    );
  }
  const detected = await detectProject(root);
  const configPlan = planConfig(config, raw, detected.workspaces);
  return {
    files: [
      ...planBootstrapFiles(existing, config.specialRanges.bootstrap ?? BOOTSTRAP_RANGE, now),
      configPlan.file,
    ],
    workspaces: configPlan.workspaces,
  };
}

function finish(planned: Plan, dryRun: boolean, written: string[]): InitResult {
  return {
    dryRun,
    written,
    skipped: planned.files.filter((f) => f.action === 'skip').map((f) => f.path),
    planned: planned.files.filter((f) => f.action !== 'skip').map((f) => f.path),
    files: planned.files,
    workspaces: planned.workspaces,
  };
}
