// ORM detection for a project: config and file system together, with evidence and warnings.

import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { isInside, realPathOf } from '../core/fs.js';
import { resolveRanges } from '../versions/ranges.js';
import { buildServices } from './folders.js';
import { mergeWithConfig } from './merge.js';
import { probeFile } from './probes/index.js';
import { DRIZZLE_JOURNAL, scanProject } from './scan.js';
import type { DetectResult } from './schema.js';
import type { ProbeContext } from './signal.js';

export type { DetectedWorkspace, DetectResult } from './schema.js';
export { detectResultSchema, detectResultShape } from './schema.js';

/** Manifests are small; anything bigger is generated or vendored and not worth reading. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Detects each workspace's ORM, migration tool, migrations folder and version range.
 * Throws the config's KodoError when `.kodo/config.json` is invalid; everything else is a warning.
 */
export async function detectProject(root: string): Promise<DetectResult> {
  const config = await loadConfig(root);
  const owners = config.mode === 'hybrid' ? resolveRanges(config) : [];
  const files = await scanProject(root);
  const ctx = fileContext(root);
  const journals = files.filter((f) => f.endsWith(`/${DRIZZLE_JOURNAL}`) || f === DRIZZLE_JOURNAL);
  const probed = await Promise.all(files.filter((f) => !journals.includes(f)).map((f) => probeFile(f, ctx)));
  const services = await buildServices(
    root,
    probed.flatMap((p) => p.signals),
    journals,
    ctx,
  );
  const merged = await mergeWithConfig(config, services, owners, ctx);
  return {
    mode: config.mode,
    configFile: config.file === null ? null : path.relative(root, config.file).split(path.sep).join('/'),
    workspaces: merged.workspaces,
    ranges: owners.map((o) => ({ workspace: o.workspace, prefix: o.prefix ?? null, range: o.range })),
    warnings: [...probed.flatMap((p) => p.warnings), ...merged.warnings],
  };
}

function fileContext(root: string): ProbeContext {
  const abs = (rel: string) => path.join(root, rel);
  const realRoot = realPathOf(root);
  return {
    // Evidence files are optional: one that is not a regular file of this project (a FIFO would block, a link out
    // of the project would show another folder's contents) is treated as absent.
    read: async (rel) => {
      try {
        if (!isInside(realPathOf(abs(rel)), realRoot)) return undefined;
        const handle = await fs.open(abs(rel), fsSync.constants.O_RDONLY | fsSync.constants.O_NONBLOCK);
        try {
          const stat = await handle.stat();
          if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
          return await handle.readFile('utf8');
        } finally {
          await handle.close();
        }
      } catch {
        return undefined;
      }
    },
    exists: async (rel) => {
      try {
        await fs.access(abs(rel));
        return true;
      } catch {
        return false;
      }
    },
  };
}
