// The store's broker slice: what the current connection's CONNACK granted, and the last "Probe the broker" run.
import type { StateCreator } from 'zustand';
import type { BrokerGrant, ProbeReport } from '../../../../shared/contract.js';

/** Where the last probe stands. */
export type ProbeState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; report: ProbeReport }
  /** The service refused or could not run it (no profile, one already running, bad input). */
  | { phase: 'failed'; message: string };

export interface BrokerSlice {
  /** What the broker granted at the last CONNACK; null before one, and after the connection closed for good. */
  brokerGrant: BrokerGrant | null;
  probe: ProbeState;
  setBrokerGrant(grant: BrokerGrant | null): void;
  setProbe(probe: ProbeState): void;
}

export const createBrokerSlice: StateCreator<BrokerSlice> = (set) => ({
  brokerGrant: null,
  probe: { phase: 'idle' },
  setBrokerGrant: (brokerGrant) => set({ brokerGrant }),
  setProbe: (probe) => set({ probe }),
});
