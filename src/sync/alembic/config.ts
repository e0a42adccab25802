// Which Alembic config runs a workspace: the alembic.ini (or pyproject.toml [tool.alembic]) whose versions folder
// is the workspace's, found with detection's own probes so the two never disagree about script_location.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import { readRegularFileSync } from '../../core/fs.js';
import { iniSection, probeAlembicIni, probePyproject } from '../../detect/probes/python.js';
import type { ProbeContext } from '../../detect/signal.js';
import type { SyncWorkspace } from '../types.js';

export interface AlembicConfig {
  /** The alembic.ini to pass with `-c` (absolute), or null for pyproject.toml, which Alembic finds in `cwd`. */
  ini: string | null;
  /** Where Alembic runs: the config's folder, so relative paths in it (prepend_sys_path = .) mean what they mean. */
  cwd: string;
  /** `recursive_version_locations = true`: revision files may sit in subfolders of the versions folder. */
  recursive: boolean;
}

const ON = /^(true|yes|on|1)$/i;

export async function findAlembicConfig(ws: SyncWorkspace): Promise<AlembicConfig> {
  const rel = (abs: string) => path.relative(ws.root, abs).split(path.sep).join('/');
  const ctx = probeContext(ws.root);
  const scriptDir = path.dirname(ws.migrationsDir);
  // alembic.ini beside the service, beside the script folder (`alembic/`), or inside it (Flask-Migrate's layout).
  const candidates = [...new Set([ws.dir, path.dirname(scriptDir), scriptDir])].map((d) =>
    path.join(d, 'alembic.ini'),
  );
  const refused: string[] = [];
  for (const ini of candidates) {
    if (!fs.existsSync(ini)) continue;
    const { signals } = await probeAlembicIni(rel(ini), ctx);
    const signal = signals[0];
    if (!signal) continue;
    if (signal.migrationsDir === undefined || !/script_location/.test(signal.evidence)) {
      refused.push(signal.evidence);
      continue;
    }
    if (path.resolve(ws.root, signal.migrationsDir) !== path.resolve(ws.migrationsDir)) continue;
    const text = readRegularFileSync(ini, rel(ini)).toString('utf8');
    const recursive = ON.test(iniSection(text, 'alembic')['recursive_version_locations'] ?? '');
    return { ini, cwd: path.dirname(ini), recursive };
  }
  // Alembic 1.16+ reads [tool.alembic] from pyproject.toml in the folder it runs in.
  const pyproject = path.join(ws.dir, 'pyproject.toml');
  if (fs.existsSync(pyproject)) {
    const { signals } = await probePyproject(rel(pyproject), ctx);
    const tool = signals.find((s) => s.evidence.includes('[tool.alembic]') && s.migrationsDir !== undefined);
    if (tool && path.resolve(ws.root, tool.migrationsDir!) === path.resolve(ws.migrationsDir)) {
      return { ini: null, cwd: ws.dir, recursive: false };
    }
  }
  const versions = rel(ws.migrationsDir);
  if (refused.length > 0) {
    throw new KodoError(
      'alembic-config-unusable',
      `${refused[0]}: kodo runs \`alembic upgrade --sql\` itself and needs script_location in its [alembic] section (Flask-Migrate passes the folder at run time); add script_location = ${path.basename(scriptDir)} to that alembic.ini.`,
    );
  }
  throw new KodoError(
    'alembic-config-missing',
    `No alembic.ini (or pyproject.toml [tool.alembic]) whose script_location leads to ${versions} was found in ${rel(ws.dir) || '.'}; kodo runs Alembic with the project's own config, so add one or fix the workspace's migrationsDir in .kodo/config.json.`,
  );
}

/** Detection's probes read through this: files relative to the root, absent when not a readable regular file. */
function probeContext(root: string): ProbeContext {
  return {
    read: async (rel) => {
      try {
        return readRegularFileSync(path.join(root, rel), rel).toString('utf8');
      } catch {
        return undefined;
      }
    },
    exists: async (rel) => fs.existsSync(path.join(root, rel)),
  };
}
