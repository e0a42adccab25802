// The human text of `kodo init`: one line per file and workspace with what happened and why; a dry run adds the
// config it would write in full and a summary of each SQL file (the whole text is in --json).
import type { InitResult } from '../init/result.js';

export function initText(result: InitResult): string {
  const lines: string[] = [];
  const verb = (action: string) =>
    result.dryRun ? `would ${action}` : action === 'create' ? 'created' : 'updated';
  for (const file of result.files) {
    if (file.action === 'skip') lines.push(`skipped ${file.path}: ${file.reason}`);
    else lines.push(`${verb(file.action)} ${file.path}: ${file.reason}`);
  }
  for (const ws of result.workspaces) {
    const range = ws.range ? `${ws.range.start}-${ws.range.end}` : 'no range';
    const what = `workspace ${ws.name} (${ws.language}, ${ws.orm ?? 'plain SQL'}) ${range}`;
    lines.push(
      `${what}: ${ws.status === 'added' && result.dryRun ? 'would be added' : ws.status}${ws.reason ? ` (${ws.reason})` : ''}`,
    );
  }
  if (result.dryRun) {
    for (const file of result.files) {
      if (file.content === null) continue;
      if (file.path.endsWith('.json')) lines.push('', `${file.path}:`, file.content.trimEnd());
      else
        lines.push(
          '',
          `${file.path}: ${file.content.split('\n').length} lines (kodo init --dry-run --json shows them)`,
        );
    }
    lines.push('', 'Dry run: nothing was written.');
  } else if (result.written.length === 0)
    lines.push('Nothing to do: everything kodo init writes is there already.');
  return lines.join('\n');
}
