// Where the CLI writes, and how it is interrupted: the real process in
// main.ts, anything else in tests.

/** A stream the CLI writes to; a terminal updates the status line in place. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a command needs of the outside world. */
export interface Io {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** Calls `handler` on Ctrl-C (or SIGTERM); returns the function that stops listening. */
  onInterrupt(handler: () => void): () => void;
}

/**
 * One status line: rewritten in place (\r) on a terminal, a plain line each
 * time otherwise, so logs and pipes get whole lines. Other lines are printed
 * above it without leaving a half-drawn status behind.
 */
export class StatusLine {
  private shown = 0;

  constructor(private readonly out: Output) {}

  /** True when the line is redrawn in place. */
  get live(): boolean {
    return this.out.isTTY === true;
  }

  update(text: string): void {
    if (!this.live) {
      this.out.write(`${text}\n`);
      return;
    }
    const width = Math.max(20, (this.out.columns ?? 120) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.out.write(`\r${line}${' '.repeat(Math.max(0, this.shown - line.length))}`);
    this.shown = line.length;
  }

  /** Prints a whole line above the status line. */
  print(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
  }

  /** Leaves the last status on screen and moves below it. */
  end(): void {
    if (this.live && this.shown > 0) this.out.write('\n');
    this.shown = 0;
  }

  private clear(): void {
    if (!this.live || this.shown === 0) return;
    this.out.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

/** Writes one JSON object as one line. */
export function jsonLine(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value)}\n`);
}
