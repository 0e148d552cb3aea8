// The store's alerts slice: the alerts the service says hold now.
import type { StateCreator } from 'zustand';
import type { Alert } from '../../../../shared/domain.js';

export interface AlertsSlice {
  /** The alerts that hold now, in rule order. */
  alerts: Alert[];
  setAlerts(alerts: Alert[]): void;
}

export const createAlertsSlice: StateCreator<AlertsSlice> = (set) => ({
  alerts: [],
  setAlerts: (alerts) => set({ alerts }),
});
