// The store's advisor slice: the last advice the capacity advisor gave, and the window it studies.
import type { StateCreator } from 'zustand';
import type { Advice, AdvisorWindow } from '../../../../shared/advisor/index.js';

export interface AdvisorSlice {
  /** The last advice, kept while the tab is closed; null until asked. */
  advice: Advice | null;
  advisorWindow: AdvisorWindow;
  setAdvice(advice: Advice | null): void;
  setAdvisorWindow(window: AdvisorWindow): void;
}

export const createAdvisorSlice: StateCreator<AdvisorSlice> = (set) => ({
  advice: null,
  advisorWindow: 300,
  setAdvice: (advice) => set({ advice }),
  setAdvisorWindow: (advisorWindow) => set({ advisorWindow }),
});
