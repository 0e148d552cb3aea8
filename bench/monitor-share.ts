// The monitor's share of client CPU from one alternating run: each attached window against the detached windows either side.
import { median } from './stats.js';
import type { MonitorWindow } from './types.js';

/**
 * (on − mean(off before, off after)) / on for every attached window with a
 * detached one on each side, and their median. Against both neighbours, a
 * steady drift of the process's CPU (the JIT warming up, the machine
 * getting busier) cancels, where a pair of one off and one on would read it
 * as the monitor's cost. NaN when there are too few windows.
 */
export function neighbourShare(windows: MonitorWindow[]): number {
  const shares: number[] = [];
  for (let i = 1; i + 1 < windows.length; i++) {
    const on = windows[i]!;
    const before = windows[i - 1]!;
    const after = windows[i + 1]!;
    if (!on.on || before.on || after.on || on.cpuUs <= 0) continue;
    shares.push((on.cpuUs - (before.cpuUs + after.cpuUs) / 2) / on.cpuUs);
  }
  return shares.length === 0 ? Number.NaN : median(shares);
}

/** CPU µs and wall ms summed over the windows with the monitor attached (true) or not. */
export function totalsOf(windows: MonitorWindow[], on: boolean): { cpuUs: number; ms: number } {
  let cpuUs = 0;
  let ms = 0;
  for (const w of windows) {
    if (w.on !== on) continue;
    cpuUs += w.cpuUs;
    ms += w.ms;
  }
  return { cpuUs, ms };
}

/** CPU ms per second over the windows with the monitor attached (true) or not. */
export function cpuMsPerSecond(windows: MonitorWindow[], on: boolean): number {
  const { cpuUs, ms } = totalsOf(windows, on);
  return ms > 0 ? cpuUs / ms : Number.NaN;
}
