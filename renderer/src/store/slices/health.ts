// The store's health slice: a sample's slow facts (connection state, pause, reconnects, last error), copied only when they change.
import type { StateCreator } from 'zustand';
import type { ConnectionState, ErrorInfo, Sample } from '../../../../shared/domain.js';
import type { ChannelSlice } from './channel.js';
import type { ConnectionSlice } from './connection.js';

/** What a sample also updates outside this slice: the channel's settings, unless the person has a change pending. */
type HealthSees = Pick<ChannelSlice, 'capacity' | 'policy' | 'pending'>;

/**
 * The slow-changing facts of a sample (state, pause, reconnects, last error).
 * Fast numbers (depth, rates, RTT) stay in the metrics history, outside React.
 */
export interface HealthSlice {
  connectionState: ConnectionState;
  paused: boolean;
  reconnects: number;
  lastError: ErrorInfo | null;
  connectedSince: number | null;
  /** Whether any sample has arrived yet. */
  sampling: boolean;
  /** Copies what changed from a sample; sets nothing (and renders nothing) when nothing did. */
  applySample(sample: Sample): void;
  setPaused(paused: boolean): void;
}

export const createHealthSlice: StateCreator<HealthSlice & HealthSees, [], [], HealthSlice> = (set, get) => ({
  connectionState: 'disconnected',
  paused: false,
  reconnects: 0,
  lastError: null,
  connectedSince: null,
  sampling: false,
  applySample: (s) => {
    const state = get();
    const patch: Partial<HealthSlice & HealthSees> = {};
    if (!state.sampling) patch.sampling = true;
    if (state.connectionState !== s.connectionState) patch.connectionState = s.connectionState;
    const pending = state.pending;
    if (pending.paused === undefined && state.paused !== s.paused) patch.paused = s.paused;
    if (state.reconnects !== s.reconnects) patch.reconnects = s.reconnects;
    if (state.connectedSince !== s.connectedSince) patch.connectedSince = s.connectedSince;
    if (!sameError(state.lastError, s.lastError)) patch.lastError = s.lastError;
    if (pending.capacity === undefined && state.capacity !== s.capacity) patch.capacity = s.capacity;
    if (pending.policy === undefined && state.policy !== s.policy) patch.policy = s.policy;
    for (const _ in patch) {
      set(patch);
      return;
    }
  },
  setPaused: (paused) => set({ paused }),
});

function sameError(a: Sample['lastError'], b: Sample['lastError']): boolean {
  if (a === b) return true;
  return !!a && !!b && a.at === b.at && a.code === b.code && a.message === b.message;
}

/**
 * Whether the engine is retrying on its own: not connected, with an error on
 * record, while the person's session still stands (connected once, or its
 * first attempt failed; a deliberate disconnect sets the attempt to idle).
 */
export function selectRetrying(s: HealthSlice & Pick<ConnectionSlice, 'connectAttempt'>): boolean {
  const phase = s.connectAttempt.phase;
  return s.connectionState !== 'connected' && s.lastError !== null && (phase === 'connected' || phase === 'failed');
}
