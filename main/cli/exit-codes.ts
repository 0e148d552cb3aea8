/** What the CLI's exit code means, for scripts. */
export const EXIT = {
  /** Done as asked. */
  ok: 0,
  /** The command line was wrong; nothing was done. `--help` says how to use it. */
  usage: 1,
  /** The broker (or the web-mode instance asked for) could not be reached, so nothing was measured. */
  unreachable: 2,
  /** It ran, but failed: a file could not be written or read, a bundle is not valid, a drill was refused, the connection was lost mid-run. */
  failed: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
