// Ctrl-C during a long run: the first SIGINT asks the run to stop after the file in progress (which commits or
// rolls back whole); the second one gets Node's default behaviour, and the process ends at once.
export interface Interrupt {
  signal: AbortSignal;
  /** Removes the handler; call when the run is over. */
  dispose: () => void;
}

/** Exit code of a run stopped by SIGINT, as shells report it (128 + 2). */
export const INTERRUPTED_EXIT = 130;

export function onFirstInterrupt(log: (line: string) => void): Interrupt {
  const controller = new AbortController();
  const handler = () => {
    process.off('SIGINT', handler);
    log('Interrupted: stopping after the migration in progress (press Ctrl-C again to stop at once).');
    controller.abort();
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', handler) };
}
