// The store's load slice: the load generator's status as the service reports it.
import type { StateCreator } from 'zustand';
import type { LoadStatus } from '../../../../shared/domain.js';

export interface LoadSlice {
  load: LoadStatus;
  setLoad(load: LoadStatus): void;
}

export const IDLE_LOAD: LoadStatus = { running: false, sent: 0, accepted: 0, failed: 0, dropped: 0, rate: 0, startedAt: null, stamping: 'off', endToEnd: null, overruns: 0, overrunLagMs: 0, behindMs: 0 };

export const createLoadSlice: StateCreator<LoadSlice> = (set) => ({
  load: IDLE_LOAD,
  setLoad: (load) => set({ load }),
});
