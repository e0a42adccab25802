// The advisors as part of `kodo check`: run on the check's own database after the seeds, and reported only where
// the static linter has not already said the same. Waivers written for the linter hold for them too: a rule
// turned off in lint.rules, a severity set there, and `-- kodo-ignore <rule>` on the statement that created the
// object.
import type { Database } from '../db/database.js';
import type { LintRun } from '../lint/engine.js';
import { readIgnores } from '../lint/ignores.js';
import { rules } from '../lint/rules/index.js';
import { configuredSeverity, effectiveSeverity, ruleNames } from '../lint/settings.js';
import type { Finding, LintFile, SeveritySetting } from '../lint/types.js';
import type { Project } from '../project/project.js';
import { type Advised, advise } from './advise.js';
import type { AdvisorFinding } from './types.js';

/**
 * Every level: the check is the gate, and error-level catalog findings fail it as the linter's do. Without the
 * inventory checks (pg_graphql's), which list what the API shows rather than what is wrong.
 */
export async function checkAdvisors(
  db: Database,
  project: Project,
  lint: LintRun,
): Promise<AdvisorFinding[]> {
  const { advised } = await advise(db, {
    apiSchemas: project.apiSchemas(),
    statistics: false,
    level: 'info',
    inventory: false,
    model: lint.model,
  });
  const configured = (await project.config()).lint.rules;
  const waived = waiver(configured);
  return advised
    .filter((a) => !waived(a) && !reportedStatically(a, lint.findings))
    .map((a) => withConfiguredSeverity(a.finding, configured));
}

/** The static linter found it: same rule, same file, and the same line or a message naming the same object. */
function reportedStatically(a: Advised, statics: readonly Finding[]): boolean {
  const f = a.finding;
  return statics.some(
    (s) =>
      s.rule === f.rule &&
      s.file === f.file &&
      (s.line === f.line || a.mentions.every((name) => names(s.message, name))),
  );
}

/** `name` appears in `message` as a whole name (`public.todos` is not in `public.todos_archive`). */
function names(message: string, name: string): boolean {
  for (let at = message.indexOf(name); at >= 0; at = message.indexOf(name, at + 1)) {
    const before = message[at - 1] ?? ' ';
    const after = message[at + name.length] ?? ' ';
    if (!/[\w$.]/.test(before) && !/[\w$]/.test(after)) return true;
  }
  return false;
}

function waiver(configured: Record<string, SeveritySetting>): (a: Advised) => boolean {
  const canonical = ruleNames(rules);
  const ignores = new Map<LintFile, ReturnType<typeof readIgnores>>();
  return (a) => {
    const rule = rules.find((r) => r.id === a.finding.rule);
    if (rule && effectiveSeverity(rule, configured) === 'off') return true;
    const file = a.origin?.file;
    if (!file) return false;
    let ig = ignores.get(file);
    if (!ig) {
      ig = readIgnores(file, (name) => canonical.get(name));
      ignores.set(file, ig);
    }
    return ig.isIgnored(a.finding.rule, a.finding.line);
  };
}

function withConfiguredSeverity(
  f: AdvisorFinding,
  configured: Record<string, SeveritySetting>,
): AdvisorFinding {
  const rule = rules.find((r) => r.id === f.rule);
  const severity = rule && configuredSeverity(rule, configured);
  return severity ? { ...f, severity } : f;
}
