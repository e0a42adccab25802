// The prefix-snapshot cache on disk: per database state, `<key>.tar` (the PGlite data directory) and `<key>.json`
// (how many migrations it holds, the warnings they produced, the archive's sha256), the JSON written last so that
// it marks a complete entry. An entry whose JSON cannot be read or whose archive does not match its checksum is
// ignored and removed, never trusted. Bounded: the least recently used entries go once the folder holds more than
// the budget.
import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../../core/fs.js';

export interface CheckpointMeta {
  format: 2;
  /** How many migrations the state holds. */
  prefix: number;
  /** The apply warnings of those migrations, in order, so a cached replay reports what a cold one does. */
  warnings: string[];
  sha256: string;
}

export interface CacheHit {
  key: string;
  meta: CheckpointMeta;
  /** The archive, not yet verified: see `verify`. */
  tar: string;
}

export interface CacheBudget {
  maxBytes: number;
  maxEntries: number;
}

export class PrefixCache {
  constructor(
    readonly dir: string,
    private readonly budget: CacheBudget,
  ) {}

  private files(key: string): { json: string; tar: string } {
    return { json: path.join(this.dir, `${key}.json`), tar: path.join(this.dir, `${key}.tar`) };
  }

  /** The longest cached prefix among `keys` (keys[i] = the state after i + 1 files), or null. */
  find(keys: readonly string[]): CacheHit | null {
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const { json, tar } = this.files(key);
      let text: string;
      try {
        text = fsSync.readFileSync(json, 'utf8');
      } catch {
        continue;
      }
      const meta = parseMeta(text, i + 1);
      if (meta) {
        const now = new Date();
        fsSync.utimesSync(json, now, now);
        return { key, meta, tar };
      }
      this.remove(key);
    }
    return null;
  }

  /** Whether the archive is the one the entry was written with; a damaged entry is removed. */
  async verify(hit: CacheHit): Promise<boolean> {
    return (await this.archive(hit)) !== null;
  }

  /** The archive's bytes once verified, or null (and the damaged entry removed). */
  async archive(hit: CacheHit): Promise<Buffer | null> {
    const bytes = await readWhole(hit.tar).catch(() => null);
    if (bytes !== null && sha256(bytes) === hit.meta.sha256) return bytes;
    this.remove(hit.key);
    return null;
  }

  remove(key: string): void {
    const { json, tar } = this.files(key);
    for (const file of [json, tar]) fsSync.rmSync(file, { force: true });
  }

  /** `capture` writes the archive into the (new) file it is given and returns its sha256. */
  async save(
    key: string,
    prefix: number,
    warnings: string[],
    capture: (file: string) => Promise<string>,
  ): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const files = this.files(key);
    const tmp = tmpName(files.tar);
    let sha: string;
    try {
      sha = await capture(tmp);
      await fs.rename(tmp, files.tar);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
    const meta: CheckpointMeta = { format: 2, prefix, warnings, sha256: sha };
    await writeAtomic(files.json, JSON.stringify(meta));
    await this.evict();
  }

  /** Keeps the most recently used entries within the budget; leftovers of killed writers go too. */
  async evict(): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const entries: { key: string; size: number; used: number }[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat) continue;
      if (name.endsWith('.tmp') || name.startsWith('.kodo-tmp-')) {
        if (Date.now() - stat.mtimeMs > 10 * 60_000) await fs.rm(file, { force: true });
      } else if (name.endsWith('.json')) {
        const key = name.slice(0, -'.json'.length);
        const tar = await fs.stat(this.files(key).tar).catch(() => null);
        entries.push({ key, size: stat.size + (tar?.size ?? 0), used: stat.mtimeMs });
      } else if (name.endsWith('.tar') && !names.includes(`${name.slice(0, -4)}.json`)) {
        // An archive whose description never got written (killed between the two renames).
        if (Date.now() - stat.mtimeMs > 10 * 60_000) await fs.rm(file, { force: true });
      }
    }
    entries.sort((a, b) => b.used - a.used);
    let bytes = 0;
    for (const [i, entry] of entries.entries()) {
      bytes += entry.size;
      if (i >= this.budget.maxEntries || bytes > this.budget.maxBytes) this.remove(entry.key);
    }
  }
}

function parseMeta(text: string, prefix: number): CheckpointMeta | null {
  try {
    const meta = JSON.parse(text) as CheckpointMeta;
    const valid =
      meta.format === 2 &&
      meta.prefix === prefix &&
      typeof meta.sha256 === 'string' &&
      Array.isArray(meta.warnings) &&
      meta.warnings.every((w) => typeof w === 'string');
    return valid ? meta : null;
  } catch {
    return null;
  }
}

/**
 * One read request for the whole file: it completes on the thread pool while the main thread lints, where
 * fs.readFile would need the main thread for every 512 KB chunk.
 */
export async function readWhole(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    if (bytesRead !== size) throw new Error('short read');
    return buffer;
  } finally {
    await handle.close();
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function tmpName(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}
