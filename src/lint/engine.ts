// The lint engine: parses every file, replays them in version order into the schema model, runs each rule's
// hooks with the model as it stands before each statement, then applies severities and ignore comments.

import { EMPTY_CONFIG, type KodoConfig } from '../config/load.js';
import { mark, printTallies } from '../core/timing.js';
import SHIM_AUTH from '../db/shim/auth.sql';
import SHIM_EXTENSIONS from '../db/shim/extensions.sql';
import SHIM_GRANTS from '../db/shim/grants.sql';
import SHIM_GRAPHQL from '../db/shim/graphql.sql';
import SHIM_REALTIME from '../db/shim/realtime.sql';
import SHIM_STORAGE from '../db/shim/storage.sql';
import SHIM_WEBHOOKS from '../db/shim/webhooks.sql';
import { checkFunctionBodiesSet } from '../sql/ast.js';
import { loadParser } from '../sql/parse.js';
import { shortenQuotedToken } from '../sql/quoted-token.js';
import { SourceText } from '../sql/source.js';
import { type LintInput, type PreparedFile, prepareFile, replayOrder } from './files.js';
import { type FileHook, hookTable, timedAs } from './hooks.js';
import { readIgnores } from './ignores.js';
import { SchemaModel } from './model/model.js';
import { applyStatement, beginFile } from './model/replay/index.js';
import SUPABASE_EXTRAS from './model/supabase.sql';
import { ENGINE_RULES, rules as registry } from './rules/index.js';
import { configuredSeverity, DEFAULT_SETTINGS, effectiveSeverity, ruleNames } from './settings.js';
import type {
  Finding,
  LintFile,
  LintSettings,
  Report,
  Rule,
  RuleContext,
  RuleHooks,
  Severity,
  SeveritySetting,
  Statement,
} from './types.js';

export type { LintInput } from './files.js';

export interface LintOptions {
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
  /** `lint.rules` from `.kodo/config.json`: rule id or alias → severity or `off`. */
  severities?: Record<string, SeveritySetting>;
  settings?: Partial<LintSettings>;
  /** The project config rules may read (ranges); default: none (supabase-only). */
  config?: KodoConfig;
  /** The config file, to point `unknown-rule` findings for `lint.rules` at the right line. */
  configFile?: { path: string; text: string };
}

export interface LintSummary {
  files: number;
  statements: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface LintResult {
  findings: Finding[];
  summary: LintSummary;
}

/** A result plus the texts its findings point into (for reporters that show source lines). */
export interface LintRun extends LintResult {
  sources: Map<string, SourceText>;
  /** The schema after every file, with where each object was created (the catalog advisors name those files). */
  model: SchemaModel;
}

interface Pending {
  finding: Finding;
  file: LintFile | undefined;
}

const SYNTAX_ERROR = 'syntax-error';
const UNCHECKED_BODY_HELP =
  'Fix the body: this file turns check_function_bodies off (as pg_dump output does), so Postgres creates the function anyway, and every call to it fails.';
const TOO_DEEP_HELP =
  'Split the expression into smaller parts (a CTE, a helper function), or run kodo check to see whether Postgres accepts it.';
const UNKNOWN_RULE = 'unknown-rule';

export async function lint(inputs: LintInput[], options: LintOptions = {}): Promise<LintRun> {
  await loadParser();
  // syntax-error and unknown-rule come from the engine itself, so they are always part of the run.
  const allRules = [...new Set([...ENGINE_RULES, ...(options.rules ?? registry)])];
  const configured = options.severities ?? {};
  const settings: LintSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const names = ruleNames(registry.concat(allRules.filter((r) => !registry.includes(r))));
  const byId = new Map(allRules.map((r) => [r.id, r]));
  const pending: Pending[] = [];

  const severityOf = (ruleId: string, fallback: Severity): Severity => {
    const rule = byId.get(ruleId);
    return (rule && configuredSeverity(rule, configured)) ?? fallback;
  };
  const enabled = (ruleId: string): boolean => {
    const rule = byId.get(ruleId);
    return rule !== undefined && effectiveSeverity(rule, configured) !== 'off';
  };
  const push = (file: LintFile | undefined, f: Omit<Finding, 'severity'>, severity: Severity) => {
    if (file && !file.reported) return;
    pending.push({ file, finding: { ...f, severity: severityOf(f.rule, severity) } });
  };

  const model = new SchemaModel(settings);
  replayBuiltins(model);

  const prepared: PreparedFile[] = replayOrder(inputs).map((input, i) => prepareFile(input, i));
  const files = prepared.map((p) => p.file);
  mark('lint: files parsed');
  for (const { file, syntaxErrors } of prepared) {
    if (!enabled(SYNTAX_ERROR)) break;
    for (const e of syntaxErrors) {
      const pos = file.source.position(e.offset);
      push(
        file,
        {
          rule: SYNTAX_ERROR,
          file: file.path,
          ...pos,
          message: sentence(e.message),
          help: e.tooDeep
            ? TOO_DEEP_HELP
            : e.inBody && !functionBodiesChecked(file, e.offset)
              ? UNCHECKED_BODY_HELP
              : (byId.get(SYNTAX_ERROR)?.help ?? ''),
        },
        // A statement too deep to read is unchecked, not known to be wrong: a warning, so up does not refuse it.
        e.tooDeep ? 'warning' : 'error',
      );
    }
  }

  // A rule that throws loses that one check, reported where it failed; the run goes on.
  const failed = (rule: Rule, at: LintFile | Statement | undefined, e: unknown) => {
    if (!at) return;
    const file = 'ast' in at ? at.file : at;
    push(
      file,
      {
        rule: rule.id,
        file: file.path,
        ...('ast' in at ? { line: at.line, column: at.column } : { line: 1, column: 1 }),
        message: `Rule ${rule.id} failed here (${e instanceof Error ? e.message : String(e)}); this is a kodo bug, please report it.`,
        help: 'The rest of the run is unaffected; waive this finding with an ignore comment until it is fixed.',
      },
      'warning',
    );
  };
  const guard = (rule: Rule, at: LintFile | Statement | undefined, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      failed(rule, at, e);
    }
  };
  const active: { rule: Rule; hooks: RuleHooks }[] = [];
  for (const rule of allRules) {
    if (effectiveSeverity(rule, configured) === 'off') continue;
    const ctx: RuleContext = {
      model,
      files,
      settings,
      config: options.config ?? EMPTY_CONFIG,
      report: (report) => push(...toFinding(rule, report)),
    };
    guard(rule, files[0], () => active.push({ rule, hooks: rule.create(ctx) }));
  }
  const hooks = hookTable(active);
  const runFileHooks = (list: readonly FileHook[], file: LintFile) => {
    for (const h of list) {
      try {
        h.run(file);
      } catch (e) {
        failed(h.rule, file, e);
      }
    }
  };
  const apply = timedAs('model replay', applyStatement);

  let txId = 0;
  for (const file of files) {
    beginFile(model);
    runFileHooks(hooks.fileStarts, file);
    let tx: Statement['tx'] = { id: ++txId, explicit: false, implicit: settings.assumeInTransaction };
    // A DO block's statements run in the DO's transaction.
    let outer = tx;
    for (const stmt of file.statements) {
      if (!stmt.nested) outer = tx;
      (stmt as { tx: Statement['tx'] }).tx = outer;
      const payload = hooks.handles(stmt.kind) ? stmt.node(stmt.kind) : undefined;
      for (const h of hooks.handlersFor(stmt.kind)) {
        try {
          h.run(payload, stmt);
        } catch (e) {
          failed(h.rule, stmt, e);
        }
      }
      try {
        apply(model, stmt);
      } catch {
        // A statement the model cannot follow (e.g. nested too deeply to print) leaves the model as it was.
      }
      if (!stmt.nested) tx = nextTransaction(stmt, tx, settings, () => ++txId);
    }
    runFileHooks(hooks.fileEnds, file);
  }
  const last = files[files.length - 1];
  for (const { rule, hooks: ruleHooks } of active) {
    if (ruleHooks.runEnd)
      guard(
        rule,
        last,
        timedAs(`rule ${rule.id} runEnd`, () => ruleHooks.runEnd?.()),
      );
  }
  mark('lint: replayed and rules run');
  printTallies();

  if (options.configFile || Object.keys(configured).length > 0) {
    reportUnknownConfigNames(configured, names, options.configFile, (f) => push(undefined, f, 'warning'));
  }
  const findings = applyIgnores(pending, files, (name) => names.get(name), enabled, push);
  mark('lint: ignores applied');
  const sources = new Map(files.map((f) => [f.path, f.source]));
  if (options.configFile) sources.set(options.configFile.path, new SourceText(options.configFile.text));
  return { findings, summary: summarize(findings, files), sources, model };
}

/** Whether Postgres checks a function body at `offset`: on unless an earlier SET in the file turned it off. */
function functionBodiesChecked(file: LintFile, offset: number): boolean {
  let on = true;
  for (const stmt of file.statements) {
    if (stmt.start >= offset) break;
    on = checkFunctionBodiesSet(stmt.ast) ?? on;
  }
  return on;
}

let builtinFile: PreparedFile | undefined;

/** The Supabase platform objects (auth.users, auth.uid(), …), as a context file that is never reported. */
function replayBuiltins(model: SchemaModel): void {
  // The same platform objects `kodo up` installs where they are missing (one source of truth), then the rest.
  const text = [
    SHIM_EXTENSIONS,
    SHIM_AUTH,
    SHIM_STORAGE,
    SHIM_REALTIME,
    SHIM_WEBHOOKS,
    SHIM_GRAPHQL,
    SHIM_GRANTS,
    SUPABASE_EXTRAS,
  ];
  builtinFile ??= prepareFile({ path: '<supabase>', text: text.join('\n'), reported: false }, -1);
  const { file } = builtinFile;
  for (const stmt of file.statements) applyStatement(model, stmt);
  model.searchPath = ['public'];
}

function toFinding(rule: Rule, report: Report): [LintFile, Omit<Finding, 'severity'>, Severity] {
  const file = report.at.file;
  const offset = 'ast' in report.at ? report.at.offsetOf(report.location) : report.at.offset;
  const pos = file.source.position(offset);
  return [
    file,
    { rule: rule.id, file: file.path, ...pos, message: report.message, help: report.help ?? rule.help },
    report.severity ?? rule.severity,
  ];
}

/** Supabase wraps each file in a transaction; COMMIT ends it and the rest runs in a new one. */
function nextTransaction(
  stmt: Statement,
  tx: Statement['tx'],
  settings: LintSettings,
  newId: () => number,
): Statement['tx'] {
  const t = stmt.node('TransactionStmt');
  switch (t?.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return { id: tx.explicit || tx.implicit ? tx.id : newId(), explicit: true, implicit: tx.implicit };
    case 'TRANS_STMT_COMMIT':
    case 'TRANS_STMT_ROLLBACK':
    case 'TRANS_STMT_PREPARE':
      return { id: newId(), explicit: false, implicit: settings.assumeInTransaction };
    default:
      // Outside any transaction each statement commits on its own.
      return tx.explicit || tx.implicit ? tx : { ...tx, id: newId() };
  }
}

function applyIgnores(
  pending: Pending[],
  files: LintFile[],
  canonical: (name: string) => string | undefined,
  enabled: (ruleId: string) => boolean,
  push: (file: LintFile | undefined, f: Omit<Finding, 'severity'>, severity: Severity) => void,
): Finding[] {
  const ignores = new Map(files.filter((f) => f.reported).map((f) => [f, readIgnores(f, canonical)]));
  if (enabled(UNKNOWN_RULE)) {
    for (const [file, ig] of ignores) {
      for (const u of ig.unknown) {
        push(
          file,
          {
            rule: UNKNOWN_RULE,
            file: file.path,
            ...file.source.position(u.offset),
            message: `Unknown rule "${u.name}" in an ignore comment; use a rule id from kodo's rule list or remove it.`,
            help: 'Run `kodo lint --format json` to see rule ids, or read docs/rules/.',
          },
          'warning',
        );
      }
    }
  }
  const kept = pending.filter(({ file, finding }) => {
    const ig = file ? ignores.get(file) : undefined;
    return !ig || finding.rule === UNKNOWN_RULE || !ig.isIgnored(finding.rule, finding.line);
  });
  const order = new Map(files.map((f) => [f.path, f.index]));
  return kept
    .map((p) => p.finding)
    .sort(
      (a, b) =>
        (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
    );
}

function reportUnknownConfigNames(
  configured: Record<string, SeveritySetting>,
  names: Map<string, string>,
  configFile: { path: string; text: string } | undefined,
  push: (f: Omit<Finding, 'severity'>) => void,
): void {
  const path = configFile?.path ?? '.kodo/config.json';
  const source = configFile ? new SourceText(configFile.text) : undefined;
  for (const name of Object.keys(configured)) {
    if (names.has(name)) continue;
    const at = configFile ? configFile.text.indexOf(JSON.stringify(name)) : -1;
    const pos = source && at >= 0 ? source.position(at + 1) : { line: 1, column: 1 };
    push({
      rule: UNKNOWN_RULE,
      file: path,
      ...pos,
      message: `Unknown rule "${name}" in lint.rules; use a rule id from kodo's rule list or remove the entry.`,
      help: 'Rule ids are listed in docs/rules/; squawk aliases such as prefer-timestamp-tz are accepted.',
    });
  }
}

function summarize(findings: Finding[], files: LintFile[]): LintSummary {
  const reported = files.filter((f) => f.reported);
  return {
    files: reported.length,
    // What the files say, not what DO blocks run.
    statements: reported.reduce((n, f) => n + f.statements.filter((s) => !s.nested).length, 0),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** Postgres messages are lower-case fragments; findings are sentences. */
function sentence(message: string): string {
  const short = shortenQuotedToken(message);
  const text = short.charAt(0).toUpperCase() + short.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
