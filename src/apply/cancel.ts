// Cancellation between migration files (MCP notifications/cancelled, SIGINT).

/**
 * Whether `signal` has aborted, after letting pending I/O run first: PGlite executes SQL on this thread, so a
 * cancellation that arrived while the last file ran is only read once the event loop gets a turn.
 */
export async function cancelRequested(signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return false;
  await new Promise((resolve) => setImmediate(resolve));
  return signal.aborted;
}
