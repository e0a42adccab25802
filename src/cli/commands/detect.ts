// `kodo detect`: each workspace's ORM, migration folder, version range and evidence, as a table or --json.
import type { DetectResult } from '../../detect/detect.js';
import { defineCommand } from '../define.js';

export const detectCommand = defineCommand({
  name: 'detect',
  summary: 'Show each workspace: language, ORM, migrations folder, version range and the evidence found.',
  configure: (cmd) => cmd,
  run: async (_args, _options, ctx) => {
    const { detectProject } = await import('../../detect/detect.js');
    const result = await detectProject(ctx.cwd);
    return { data: result, text: renderDetect(result), exitCode: 0 };
  },
});

const COLUMNS = ['workspace', 'language', 'orm', 'tool', 'range', 'migrations', 'source'] as const;

/** The human form: mode, a table of workspaces, their evidence, then warnings. */
export function renderDetect(result: DetectResult): string {
  const lines: string[] = [];
  const mode =
    result.mode === 'hybrid'
      ? 'hybrid: versions come from each workspace range'
      : 'supabase-only: versions are UTC timestamps';
  lines.push(`Mode: ${mode} (${result.configFile ?? 'no .kodo/config.json'})`, '');
  if (result.workspaces.length === 0) {
    lines.push('No workspaces: no config workspace and no ORM found in the project files.');
  } else {
    const rows = result.workspaces.map((w) => [
      w.name,
      w.language,
      `${w.orm ?? '(none)'}${w.supported ? '' : ' *'}`,
      w.migrationTool ?? '-',
      w.range ? `${w.range.start}-${w.range.end}${w.prefix ? ` ${w.prefix}` : ''}` : 'timestamps',
      w.migrationsDir ?? '-',
      w.source,
    ]);
    lines.push(...table([[...COLUMNS], ...rows]));
    if (result.workspaces.some((w) => !w.supported)) lines.push('* detected, but kodo cannot sync it yet');
    const others = result.ranges.filter((r) => !result.workspaces.some((w) => w.name === r.workspace));
    if (others.length > 0) {
      lines.push(
        `Other ranges: ${others.map((r) => `${r.workspace} ${r.range.start}-${r.range.end}${r.prefix ? ` ${r.prefix}` : ''}`).join(', ')}`,
      );
    }
    lines.push('', 'Evidence:');
    for (const w of result.workspaces) {
      lines.push(`  ${w.name}${w.path ? ` (${w.path})` : ''}`);
      if (w.evidence.length === 0) lines.push('    (none: from config only)');
      for (const e of w.evidence) lines.push(`    ${e}`);
    }
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of result.warnings) lines.push(`  [${w.code}] ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}
