// A hook reading one figure of the newest sample (live, or under the replay scrubber) that re-renders only when that figure changes.
import { useSyncExternalStore } from 'react';
import type { Sample } from '../../../shared/domain.js';
import { sampleHistory, shownHistory } from './index.js';

/** Live samples, and the replay's cursor (replayView.history is replaced per bundle: listeners are kept here). */
export const replayListeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  const stop = sampleHistory.subscribe(listener);
  replayListeners.add(listener);
  return () => {
    stop();
    replayListeners.delete(listener);
  };
};

/**
 * One figure of the newest sample. `select` must return a primitive (or a
 * stable value): the component renders again only when that figure changes,
 * so a leaf gauge follows 10 Hz without the tree around it.
 */
export function useLatestSample<T extends string | number | boolean | null>(select: (sample: Sample | null) => T): T {
  return useSyncExternalStore(subscribe, () => select(shownHistory().latest));
}
