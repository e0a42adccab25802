// Puts extension files into a running PGlite's file system: PGlite's contrib tarballs and kodo's stand-ins.
// PGlite's own `extensions` option preloads (compiles) every bundle's WebAssembly at start, which costs ~0.4 s for
// the set Supabase projects use; written as plain files instead, a library is compiled only when Postgres first
// loads it, and CREATE EXTENSION, pg_extension, DROP EXTENSION and WITH SCHEMA behave as with any extension.
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { EXTENSION_BUNDLES, extensionBundlePath } from './assets.js';
import { controlFile, STANDINS } from './standins/registry.js';
import { readTar } from './tar.js';

const gunzip = promisify(zlib.gunzip);

export interface ExtensionFile {
  /** Relative to PGlite's install prefix, e.g. `share/postgresql/extension/vector.control`. */
  path: string;
  data: Uint8Array | string;
}

const filesByDir = new Map<string, Promise<ExtensionFile[]>>();

/**
 * Every file to install, read once per asset folder and process. Decompression runs on libuv's thread pool, so
 * starting this before PGlite.create hides its cost behind PGlite's own start.
 */
export function loadExtensionFiles(assetDir: string): Promise<ExtensionFile[]> {
  let files = filesByDir.get(assetDir);
  if (!files) {
    files = readExtensionFiles(assetDir);
    filesByDir.set(assetDir, files);
    files.catch(() => filesByDir.delete(assetDir));
  }
  return files;
}

async function readExtensionFiles(assetDir: string): Promise<ExtensionFile[]> {
  const archives = await Promise.all(
    EXTENSION_BUNDLES.map(async (name) => {
      const tarball = extensionBundlePath(assetDir, name);
      try {
        return await gunzip(await fs.readFile(tarball));
      } catch (e) {
        throw new Error(
          `Cannot read PGlite's ${name} extension at ${tarball} (${(e as Error).message}); reinstall kodo.`,
        );
      }
    }),
  );
  const files: ExtensionFile[] = [];
  for (const archive of archives) {
    // Headers are for compiling against the extension, which never happens here.
    for (const entry of readTar(archive)) {
      if (entry.type === 'file' && !entry.path.startsWith('include/')) files.push(entry);
    }
  }
  for (const s of STANDINS) {
    files.push({ path: `share/postgresql/extension/${s.name}.control`, data: controlFile(s) });
    files.push({ path: `share/postgresql/extension/${s.name}--${s.version}.sql`, data: s.sql });
  }
  return files;
}

/** Writes every extension's files into `pg`'s file system; call right after PGlite.create. */
export function installExtensionFiles(pg: PGlite, files: readonly ExtensionFile[]): void {
  const mod = pg.Module as unknown as { FS: EmscriptenFs; WASM_PREFIX?: string };
  const prefix = mod.WASM_PREFIX ?? '/pglite';
  if (!mod.FS.analyzePath(`${prefix}/share/postgresql/extension/plpgsql.control`).exists) {
    throw new Error(`PGlite's file layout changed: no ${prefix}/share/postgresql/extension; update kodo.`);
  }
  for (const file of files) {
    const full = `${prefix}/${file.path}`;
    mod.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    mod.FS.writeFile(full, file.data);
  }
}

interface EmscriptenFs {
  analyzePath(path: string): { exists: boolean };
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
}
