// The store's channel slice: capacity, overflow policy and in-flight window, with the changes sent but not yet applied.
import type { StateCreator } from 'zustand';
import type { OverflowPolicy } from '../../../../shared/domain.js';

/** The channel's settings: what the tuning panel shows and changes. */
export interface ChannelSlice {
  capacity: number;
  policy: OverflowPolicy;
  /** The in-flight window asked for (the live one may be smaller: the broker's Receive Maximum). */
  inflightWindow: number;
  /** False when the last in-flight change waits for the next connection. */
  inflightAppliedLive: boolean;
  /**
   * Changes sent to the service and not yet answered. They show at once
   * (so a radio or switch follows the click), and samples taken before the
   * service applied them do not move them back.
   */
  pending: { capacity?: number; policy?: OverflowPolicy; paused?: boolean };
  setPending(change: Partial<ChannelSlice['pending']>): void;
  clearPending(field: keyof ChannelSlice['pending']): void;
  setChannel(change: Partial<Pick<ChannelSlice, 'capacity' | 'policy' | 'inflightWindow' | 'inflightAppliedLive'>>): void;
}

export const createChannelSlice: StateCreator<ChannelSlice> = (set) => ({
  capacity: 1000,
  policy: 'block',
  inflightWindow: 100,
  inflightAppliedLive: true,
  pending: {},
  setPending: (change) => set((state) => ({ pending: { ...state.pending, ...change } })),
  clearPending: (field) =>
    set((state) => {
      const { [field]: _cleared, ...rest } = state.pending;
      return { pending: rest };
    }),
  setChannel: (change) => set(change),
});
