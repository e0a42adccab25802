// A minimal tar reader (ustar, GNU long names, pax paths): enough for PGlite's extension tarballs and data dumps.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface TarEntry {
  path: string;
  type: 'file' | 'directory';
  /** Empty for a directory. */
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function field(block: Uint8Array, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/** The regular files and directories in an uncompressed tar archive, in archive order. */
export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header[0] === 0) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = decoder.decode(body).replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(decoder.decode(body));
      if (match) longName = match[1];
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    const clean = name.replace(/^\.?\//, '').replace(/\/$/, '');
    if (type === '0' || type === '\0') entries.push({ path: clean, type: 'file', data: body });
    else if (type === '5' && clean !== '') entries.push({ path: clean, type: 'directory', data: body });
  }
  return entries;
}

const encoder = new TextEncoder();

function put(header: Uint8Array, text: string, start: number, length: number): void {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new Error(`Tar field too long: ${text}.`);
  header.set(bytes, start);
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** The 512-byte ustar header of `entry`, written into `header` (zero-filled). */
function writeHeader(header: Uint8Array, path: string, type: TarEntry['type'], size: number): void {
  const full = type === 'directory' ? `${path}/` : path;
  // Paths over 100 bytes are split at a slash into ustar's prefix and name fields.
  const cut = encoder.encode(full).length > 100 ? full.lastIndexOf('/', full.length - 2) : -1;
  put(header, cut === -1 ? full : full.slice(cut + 1), 0, 100);
  if (cut !== -1) put(header, full.slice(0, cut), 345, 155);
  put(header, octal(type === 'directory' ? 0o700 : 0o600, 8), 100, 8);
  put(header, octal(0, 8), 108, 8);
  put(header, octal(0, 8), 116, 8);
  put(header, octal(type === 'directory' ? 0 : size, 12), 124, 12);
  put(header, octal(0, 12), 136, 12);
  put(header, type === 'directory' ? '5' : '0', 156, 1);
  put(header, 'ustar\u000000', 257, 8);
  // The checksum is computed with its own field read as spaces.
  put(header, '        ', 148, 8);
  const sum = header.reduce((a, b) => a + b, 0);
  put(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
}

/** A ustar archive of `entries` (directories before what they hold), as readTar and PGlite read them. */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const size = entries.reduce((sum, e) => sum + BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK, 2 * BLOCK);
  const archive = new Uint8Array(size);
  let offset = 0;
  for (const entry of entries) {
    writeHeader(archive.subarray(offset, offset + BLOCK), entry.path, entry.type, entry.data.length);
    offset += BLOCK;
    if (entry.type === 'file') {
      archive.set(entry.data, offset);
      offset += Math.ceil(entry.data.length / BLOCK) * BLOCK;
    }
  }
  return archive;
}

/**
 * Archives the folder `dir` straight into the file `out`, one member at a time (so a 50 MB data directory never
 * sits in memory), keeping the members `keep` accepts; returns the archive's sha256.
 */
export function writeTreeTarSync(dir: string, out: string, keep: (path: string) => boolean): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(out, 'wx');
  const write = (bytes: Uint8Array) => {
    hash.update(bytes);
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
  };
  const walk = (abs: string, prefix: string) => {
    const children = fs
      .readdirSync(abs, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) {
      const rel = prefix ? `${prefix}/${child.name}` : child.name;
      const full = path.join(abs, child.name);
      if (!keep(rel)) continue;
      const header = new Uint8Array(BLOCK);
      if (child.isDirectory()) {
        writeHeader(header, rel, 'directory', 0);
        write(header);
        walk(full, rel);
      } else if (child.isFile()) {
        const data = fs.readFileSync(full);
        writeHeader(header, rel, 'file', data.length);
        write(header);
        write(data);
        const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
        if (pad > 0) write(new Uint8Array(pad));
      }
    }
  };
  try {
    walk(dir, '');
    write(new Uint8Array(2 * BLOCK));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Every directory and file under `dir`, each directory before its content, in a stable order. Synchronous on
 * purpose: thousands of small relation files go several times faster without a thread-pool hop each.
 */
export function readTreeSync(dir: string, prefix = ''): TarEntry[] {
  const entries: TarEntry[] = [];
  const children = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) {
    const rel = prefix ? `${prefix}/${child.name}` : child.name;
    const full = path.join(dir, child.name);
    if (child.isDirectory()) {
      entries.push({ path: rel, type: 'directory', data: new Uint8Array() });
      entries.push(...readTreeSync(full, rel));
    } else if (child.isFile()) {
      entries.push({ path: rel, type: 'file', data: fs.readFileSync(full) });
    }
  }
  return entries;
}
