// Human text for `kodo list` / `kodo status`: the Supabase CLI's LOCAL | REMOTE | TIME (UTC) table and sections.
import type { StatusResult } from '../apply/status.js';

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `20240102030405` as `2024-01-02 03:04:05`; any other version as itself, as the CLI does. */
function timeOf(version: string): string {
  const m = TIMESTAMP.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : version;
}

export function historyTable(status: StatusResult): string {
  const rows = status.migrations.map((m) => [
    m.local ? m.version : '',
    m.applied ? m.version : '',
    timeOf(m.version),
  ]);
  const headers = ['LOCAL', 'REMOTE', 'TIME (UTC)'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)) + 2);
  const cell = (text: string, i: number) => ` ${text.padEnd(widths[i]! - 1)}`;
  const line = (cells: string[]) => `  ${cells.map(cell).join('│')}`.trimEnd();
  return [
    line(headers),
    `  ${widths.map((w) => '─'.repeat(w)).join('┼')}`,
    ...(rows.length > 0 ? rows.map(line) : ['  (no migrations)']),
  ].join('\n');
}

/** The lists under the table: what `up` would do and what needs attention. */
export function statusSections(status: StatusResult): string {
  const fileOf = new Map(status.migrations.map((m) => [m.version, m.file ?? m.version]));
  const list = (versions: string[]) => versions.map((v) => `  ${fileOf.get(v) ?? v}`).join('\n');
  const out: string[] = [];
  const inOrder = status.pending.filter((v) => !status.outOfOrder.includes(v));
  if (status.pending.length === 0 && status.missingLocal.length === 0) out.push('Database is up to date.');
  if (inOrder.length > 0) out.push(`Pending (${inOrder.length}), applied by kodo up:\n${list(inOrder)}`);
  if (status.outOfOrder.length > 0)
    out.push(
      `Out of order (${status.outOfOrder.length}), applied only with kodo up --include-all:\n${list(status.outOfOrder)}`,
    );
  if (status.missingLocal.length > 0)
    out.push(
      `Applied but missing locally (${status.missingLocal.length}); kodo up refuses until they are restored or reverted with kodo repair --status reverted ${status.missingLocal.join(' ')}:\n${list(status.missingLocal)}`,
    );
  out.push(...status.notes.map((n) => `note: ${n}`), ...status.warnings.map((w) => `warning: ${w}`));
  return out.join('\n\n');
}
