// The store's Inspect slice: which view is shown, the proxy and its clients as the service pushes them, and the chosen client's samples.
import type { StateCreator } from 'zustand';
import type { InspectSample, InspectStatus } from '../../../../shared/inspect.js';

export type View = 'client' | 'inspect';

/** Samples kept of the chosen client: five minutes at 10 Hz. */
export const INSPECT_HISTORY_SAMPLES = 3000;

export interface InspectSlice {
  view: View;
  setView(view: View): void;
  inspect: InspectStatus;
  setInspect(status: InspectStatus): void;
  /** The connection whose charts and facts are shown; null for none. */
  inspectSelected: number | null;
  selectInspected(connection: number | null): void;
  inspectHistory: InspectSample[];
  setInspectHistory(samples: InspectSample[]): void;
}

export const IDLE_INSPECT: InspectStatus = { listening: false, listen: null, upstream: null, clients: [] };

/** What the Inspect view shows: the live proxy, or while a bundle is replayed, its Inspect part at the scrubber (idle when it has none). */
export const shownInspect = (s: InspectSlice & { replay: { inspect: InspectStatus | null } | null }): InspectStatus => (s.replay ? (s.replay.inspect ?? IDLE_INSPECT) : s.inspect);
/** The chosen client's samples, live or replayed. */
export const shownInspectHistory = (s: InspectSlice & { replay: { inspectHistory: InspectSample[] } | null }): InspectSample[] => (s.replay ? s.replay.inspectHistory : s.inspectHistory);

export const createInspectSlice: StateCreator<InspectSlice> = (set, get) => ({
  view: 'client',
  setView: (view) => set({ view }),
  inspect: IDLE_INSPECT,
  setInspect: (inspect) => {
    const selected = get().inspectSelected;
    const chosen = selected === null ? undefined : inspect.clients.find((c) => c.connection === selected);
    const history = get().inspectHistory;
    // The pushes carry each client's latest sample: the chosen one's extends its history.
    if (chosen && chosen.latest.t > (history.at(-1)?.t ?? 0)) {
      const next = history.length >= INSPECT_HISTORY_SAMPLES ? history.slice(history.length - INSPECT_HISTORY_SAMPLES + 1) : history.slice();
      next.push(chosen.latest);
      set({ inspect, inspectHistory: next });
      return;
    }
    set({ inspect });
  },
  inspectSelected: null,
  selectInspected: (inspectSelected) => set({ inspectSelected, inspectHistory: [] }),
  inspectHistory: [],
  setInspectHistory: (samples) => set({ inspectHistory: samples.slice(-INSPECT_HISTORY_SAMPLES) }),
});
