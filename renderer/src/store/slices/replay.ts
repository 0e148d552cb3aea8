// The store's replay slice: the diagnostics bundle being replayed and the scrubber's place in it, or why a file could not be opened.
import type { StateCreator } from 'zustand';
import type { DiagnosticsBundle } from '../../../../shared/diagnostics/bundle.js';
import type { InspectSample, InspectStatus } from '../../../../shared/inspect.js';

/** A diagnostics bundle shown read-only, with the scrubber's sample. */
export interface ReplayState {
  bundle: DiagnosticsBundle;
  fileName: string;
  /** Index into bundle.samples of the sample under the scrubber. */
  index: number;
  /** Inspect as it was at the scrubber (null when the bundle has no Inspect part), and the chosen client's samples up to then. */
  inspect: InspectStatus | null;
  inspectHistory: InspectSample[];
}

/** The time under the scrubber: its sample's, or the bundle's own when it has no sample. */
export function replayTime(replay: Pick<ReplayState, 'bundle' | 'index'>): number {
  return replay.bundle.samples[replay.index]?.t ?? replay.bundle.createdAt;
}

export interface ReplaySlice {
  /** The bundle being replayed; null while live. */
  replay: ReplayState | null;
  /** Why the last file could not be opened (catalogue words), if it could not. */
  replayError: { problem: string; params: Record<string, string | number> } | null;
  setReplay(replay: ReplayState | null): void;
  setReplayIndex(index: number): void;
  setReplayInspect(inspect: InspectStatus | null, inspectHistory: InspectSample[]): void;
  setReplayError(error: ReplaySlice['replayError']): void;
}

export const createReplaySlice: StateCreator<ReplaySlice> = (set) => ({
  replay: null,
  replayError: null,
  setReplay: (replay) => set({ replay, replayError: null }),
  setReplayIndex: (index) => set((s) => (s.replay ? { replay: { ...s.replay, index } } : {})),
  setReplayInspect: (inspect, inspectHistory) => set((s) => (s.replay ? { replay: { ...s.replay, inspect, inspectHistory } } : {})),
  setReplayError: (replayError) => set({ replayError }),
});
