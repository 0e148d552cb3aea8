/**
 * Last-chance cleanup when the test process goes away, so brokers and temp
 * dirs do not outlive it.
 *
 * 'exit' alone is not enough: Vitest stops its fork workers with SIGTERM,
 * and a signal's default action kills the process without emitting 'exit'.
 * So the same tasks also run on SIGINT/SIGTERM/SIGHUP, after which the
 * signal is re-raised so the process still dies of it as it would have.
 * A SIGKILLed process runs nothing; tests should still stop what they start.
 */

const tasks: Array<() => void> = [];
let installed = false;

/** Registers a synchronous task to run once when the process exits or is terminated by a signal. */
export function onProcessExit(task: () => void): void {
  tasks.push(task);
  install();
}

function runAll(): void {
  for (const task of tasks.splice(0)) {
    try {
      task();
    } catch {
      // One failed cleanup must not stop the others, nor change the exit.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      runAll();
      // If somebody else handles this signal, it is theirs to act on; if we
      // were the only listener, restore the default action and re-raise.
      if (process.listeners(signal).length === 1) {
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, handler);
  }
}
