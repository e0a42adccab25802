// Typed errors shared by every capability: both doors (CLI, MCP) turn them into their own form.

/**
 * `input`: the user gave something we cannot use (bad config, bad name, full range, dead database).
 * `check`: the operation ran and found problems (a failed migration, an RLS leak).
 * CLI maps `input` to exit code 2 and `check` to exit code 1; MCP answers both with `isError: true`.
 */
export type KodoErrorKind = 'input' | 'check';

export class KodoError extends Error {
  readonly kind: KodoErrorKind;
  readonly code: string;

  constructor(code: string, message: string, kind: KodoErrorKind = 'input') {
    super(message);
    this.name = 'KodoError';
    this.code = code;
    this.kind = kind;
  }
}

export function isKodoError(e: unknown): e is KodoError {
  return e instanceof KodoError;
}

/** One sentence for an unknown failure, without a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
