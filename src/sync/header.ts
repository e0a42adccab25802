// The tracking header of a synced file: comment lines at the very top that record which workspace and tool it came
// from, each source with its sha256 (several when one file was made from several migrations), and the sha256 of the
// body kodo wrote, so that drift (a changed source) and a hand edit (a changed body) are both detectable.
//
//   -- kodo sync: workspace=rust-realtime tool=sqlx-cli body-sha256=<hex>
//   -- kodo sync: source=services/rust-realtime/migrations/0002_add_reactions.up.sql sha256=<hex>
//   -- kodo sync: rollback=supabase/rollbacks/00302_rust_add_reactions.sql
//   -- kodo sync: no-transaction
//
// The body is everything after the header lines; to Postgres and the Supabase CLI the header is only comments.
import { createHash } from 'node:crypto';

const MARK = '-- kodo sync: ';

export interface TrackedSource {
  source: string;
  sha256: string;
}

export interface SyncHeader {
  workspace: string;
  tool: string;
  /** sha256 (hex) of the body as kodo wrote it. */
  bodySha256: string;
  sources: TrackedSource[];
  /** The rollback file kept for this migration (SQLx down), relative to the project root. */
  rollback: string | null;
  /** The source ran outside a transaction in its own tool (SQLx `-- no-transaction`). */
  noTransaction: boolean;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The body's hash ignores CRLF versus LF, so a checkout with core.autocrlf is not a hand edit. */
export function bodySha256(body: string): string {
  return sha256Hex(body.replace(/\r\n/g, '\n'));
}

/** Paths are written with spaces and other blanks escaped, so a line splits on spaces. */
const encodePath = (p: string) => encodeURI(p);
const decodePath = (p: string) => {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
};

/** The file kodo writes: the header for `body`, then `body`. */
export function withHeader(h: Omit<SyncHeader, 'bodySha256'>, body: string): string {
  const lines = [
    `${MARK}workspace=${encodePath(h.workspace)} tool=${h.tool} body-sha256=${bodySha256(body)}`,
    ...h.sources.map((s) => `${MARK}source=${encodePath(s.source)} sha256=${s.sha256}`),
    ...(h.rollback ? [`${MARK}rollback=${encodePath(h.rollback)}`] : []),
    ...(h.noTransaction ? [`${MARK}no-transaction`] : []),
  ];
  return `${lines.join('\n')}\n${body}`;
}

/** The header and body of a migration's text; null when it has no complete tracking header (not synced by kodo). */
export function readHeader(text: string): { header: SyncHeader; body: string } | null {
  const header: SyncHeader = {
    workspace: '',
    tool: '',
    bodySha256: '',
    sources: [],
    rollback: null,
    noTransaction: false,
  };
  let offset = 0;
  while (text.startsWith(MARK, offset)) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset + MARK.length, end < 0 ? text.length : end).replace(/\r$/, '');
    readLine(line, header);
    offset = end < 0 ? text.length : end + 1;
  }
  if (header.workspace === '' || header.bodySha256 === '') return null;
  return { header, body: text.slice(offset) };
}

function readLine(line: string, header: SyncHeader): void {
  if (line.trim() === 'no-transaction') {
    header.noTransaction = true;
    return;
  }
  const fields = new Map(
    line
      .trim()
      .split(/\s+/)
      .filter((f) => f.includes('='))
      .map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const),
  );
  const source = fields.get('source');
  const sha = fields.get('sha256');
  if (source !== undefined && sha !== undefined)
    header.sources.push({ source: decodePath(source), sha256: sha });
  const rollback = fields.get('rollback');
  if (rollback !== undefined) header.rollback = decodePath(rollback);
  const workspace = fields.get('workspace');
  if (workspace !== undefined) {
    header.workspace = decodePath(workspace);
    header.tool = fields.get('tool') ?? '';
    header.bodySha256 = fields.get('body-sha256') ?? '';
  }
}
