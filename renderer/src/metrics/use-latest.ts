import { useSyncExternalStore } from 'react';
import type { Sample } from '../../../shared/domain.js';
import { sampleHistory } from './index.js';

const subscribe = (listener: () => void) => sampleHistory.subscribe(listener);

/**
 * One figure of the newest sample. `select` must return a primitive (or a
 * stable value): the component renders again only when that figure changes,
 * so a leaf gauge follows 10 Hz without the tree around it.
 */
export function useLatestSample<T extends string | number | boolean | null>(select: (sample: Sample | null) => T): T {
  return useSyncExternalStore(subscribe, () => select(sampleHistory.latest));
}
