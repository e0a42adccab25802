// The prefix-snapshot cache on disk: one file per checkpoint, `<key>.ckpt`, holding a small JSON header (the prefix
// length, the warnings its files produced, the checksum of the archive) and a tar of the PGlite data directory.
// Written atomically; an entry that cannot be read, parsed or checksummed is ignored and removed, never trusted.
// Bounded: the oldest entries (by last use) go once the folder holds more than the budget.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mark } from '../../core/timing.js';

export interface CheckpointMeta {
  format: 1;
  /** How many migrations the state holds. */
  prefix: number;
  /** The apply warnings of those migrations, in order, so a cached replay reports what a cold one does. */
  warnings: string[];
  sha256: string;
}

export interface Checkpoint {
  meta: CheckpointMeta;
  tar: Uint8Array;
}

export interface CacheBudget {
  maxBytes: number;
  maxEntries: number;
}

const MAGIC = 'KODOCKPT';

/** The most recently used checkpoints, kept in memory by a long-lived process (the MCP server). */
const warm = new Map<string, Checkpoint>();
const WARM_ENTRIES = 2;

function remember(key: string, checkpoint: Checkpoint): void {
  warm.delete(key);
  warm.set(key, checkpoint);
  while (warm.size > WARM_ENTRIES) warm.delete(warm.keys().next().value as string);
}

export class PrefixCache {
  constructor(
    readonly dir: string,
    private readonly budget: CacheBudget,
  ) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.ckpt`);
  }

  /** The longest cached prefix among `keys` (keys[i] = the state after i + 1 files), or null. */
  async find(keys: readonly string[]): Promise<{ key: string; checkpoint: Checkpoint } | null> {
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const hot = warm.get(key);
      if (hot) return { key, checkpoint: hot };
      const checkpoint = await this.read(key, i + 1);
      if (checkpoint) {
        remember(key, checkpoint);
        return { key, checkpoint };
      }
    }
    return null;
  }

  private async read(key: string, prefix: number): Promise<Checkpoint | null> {
    const file = this.file(key);
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) return null;
    mark('check: checkpoint read');
    const checkpoint = decode(bytes, prefix);
    mark('check: checkpoint verified');
    if (!checkpoint) {
      await fs.rm(file, { force: true }).catch(() => undefined);
      return null;
    }
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => undefined);
    return checkpoint;
  }

  async save(key: string, prefix: number, warnings: string[], tar: Uint8Array): Promise<void> {
    const meta: CheckpointMeta = { format: 1, prefix, warnings, sha256: sha256(tar) };
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.file(key);
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const header = Buffer.from(JSON.stringify(meta));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    try {
      // Written piece by piece: the archive is tens of MB, and a concatenated copy would double the peak memory.
      const handle = await fs.open(tmp, 'wx');
      try {
        for (const piece of [Buffer.from(MAGIC), length, header, tar]) await handle.write(piece);
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    await this.evict();
  }

  /** Keeps the most recently used entries within the budget; leftovers of killed writers go too. */
  async evict(): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const entries: { file: string; size: number; used: number }[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat) continue;
      const stale = name.endsWith('.tmp') && Date.now() - stat.mtimeMs > 10 * 60_000;
      if (stale) await fs.rm(file, { force: true }).catch(() => undefined);
      else if (name.endsWith('.ckpt')) entries.push({ file, size: stat.size, used: stat.mtimeMs });
    }
    entries.sort((a, b) => b.used - a.used);
    let bytes = 0;
    for (const [i, entry] of entries.entries()) {
      bytes += entry.size;
      if (i >= this.budget.maxEntries || bytes > this.budget.maxBytes)
        await fs.rm(entry.file, { force: true }).catch(() => undefined);
    }
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The entry, or null when anything about it is off: wrong magic, bad header, another prefix, a bad checksum. */
function decode(bytes: Buffer, prefix: number): Checkpoint | null {
  try {
    if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
    const length = bytes.readUInt32BE(MAGIC.length);
    const start = MAGIC.length + 4;
    const meta = JSON.parse(bytes.subarray(start, start + length).toString()) as CheckpointMeta;
    const tar = bytes.subarray(start + length);
    const valid =
      meta.format === 1 &&
      meta.prefix === prefix &&
      Array.isArray(meta.warnings) &&
      meta.warnings.every((w) => typeof w === 'string') &&
      meta.sha256 === sha256(tar);
    return valid ? { meta, tar } : null;
  } catch {
    return null;
  }
}
