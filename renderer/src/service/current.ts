// The service the renderer talks to: its only dependency, set once at start
// (and by tests, with a fake).
import type { GaugeApi } from '../../../shared/contract.js';

let current: GaugeApi | null = null;

export function setService(api: GaugeApi | null): void {
  current = api;
}

/** The GaugeApi in use; throws when none was set (a bug, not a user error). */
export function service(): GaugeApi {
  if (!current) throw new Error('no GaugeApi: call bindService() first');
  return current;
}
