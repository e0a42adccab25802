// The rules' hooks arranged for the engine's loop: per statement kind, the handlers to call in order, made once
// per run; file hooks in rule order. With KODO_TIMING=1 each hook's time adds up under its rule.
import { tally, timingOn } from '../core/timing.js';
import type { LintFile, Rule, RuleHooks, Statement } from './types.js';

export interface StatementHandler {
  rule: Rule;
  run: (node: unknown, stmt: Statement) => void;
}

export interface FileHook {
  rule: Rule;
  run: (file: LintFile) => void;
}

export interface HookTable {
  /** The statement hooks, then the handlers for `kind`. */
  handlersFor(kind: string): StatementHandler[];
  /** Whether some rule handles `kind` (else the payload need not be looked up). */
  handles(kind: string): boolean;
  fileStarts: FileHook[];
  fileEnds: FileHook[];
}

/** `fn`, its time added up under `key` when KODO_TIMING=1; `fn` itself otherwise. */
export function timedAs<F extends (...args: never[]) => unknown>(key: string, fn: F): F {
  return timingOn ? (tally(key, fn as never) as F) : fn;
}

export function hookTable(active: { rule: Rule; hooks: RuleHooks }[]): HookTable {
  const byKind = new Map<string, StatementHandler[]>();
  const statementHooks: StatementHandler[] = [];
  const fileStarts: FileHook[] = [];
  const fileEnds: FileHook[] = [];
  for (const { rule, hooks } of active) {
    for (const [kind, handler] of Object.entries(hooks.on ?? {})) {
      if (!handler) continue;
      const list = byKind.get(kind) ?? [];
      list.push({ rule, run: timedAs(`rule ${rule.id}`, handler as StatementHandler['run']) });
      byKind.set(kind, list);
    }
    // Bound: a rule may write its hooks as methods of one object.
    const { statement, fileStart, fileEnd } = hooks;
    if (statement) {
      const run = statement.bind(hooks);
      statementHooks.push({ rule, run: timedAs(`rule ${rule.id}`, (_node, stmt) => run(stmt)) });
    }
    if (fileStart)
      fileStarts.push({ rule, run: timedAs(`rule ${rule.id} fileStart`, fileStart.bind(hooks)) });
    if (fileEnd) fileEnds.push({ rule, run: timedAs(`rule ${rule.id} fileEnd`, fileEnd.bind(hooks)) });
  }
  const dispatch = new Map<string, StatementHandler[]>();
  return {
    handlersFor(kind) {
      let list = dispatch.get(kind);
      if (!list) {
        list = statementHooks.concat(byKind.get(kind) ?? []);
        dispatch.set(kind, list);
      }
      return list;
    },
    handles: (kind) => byKind.has(kind),
    fileStarts,
    fileEnds,
  };
}
