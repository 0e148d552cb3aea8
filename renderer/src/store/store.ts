// The one store, built from slices. Components read it through atomic
// selectors (`useGauge((s) => s.capacity)`), or `useShallow` for derived
// objects; event handlers and IPC listeners call its actions directly.
import { create } from 'zustand';
import { createAdvisorSlice } from './slices/advisor.js';
import { createAlertsSlice } from './slices/alerts.js';
import { createBrokerSlice } from './slices/broker.js';
import { createChannelSlice } from './slices/channel.js';
import { createConnectionSlice } from './slices/connection.js';
import { createHealthSlice } from './slices/health.js';
import { createInspectSlice } from './slices/inspect.js';
import { createLoadSlice } from './slices/load.js';
import { createLogSlice } from './slices/log.js';
import { createMessagesSlice } from './slices/messages.js';
import { createPublishSlice } from './slices/publish.js';
import { createReplaySlice } from './slices/replay.js';
import { createReportsSlice } from './slices/reports.js';
import { createSettingsSlice } from './slices/settings.js';
import type { All } from './types.js';

export const useGauge = create<All>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createChannelSlice(...a),
  ...createHealthSlice(...a),
  ...createPublishSlice(...a),
  ...createLoadSlice(...a),
  ...createMessagesSlice(...a),
  ...createLogSlice(...a),
  ...createAlertsSlice(...a),
  ...createSettingsSlice(...a),
  ...createReplaySlice(...a),
  ...createInspectSlice(...a),
  ...createAdvisorSlice(...a),
  ...createBrokerSlice(...a),
  ...createReportsSlice(...a),
}));

const initialState = useGauge.getState();

/** Puts the store back as it was at start (tests, and a fresh connection to the service). */
export function resetStore(): void {
  useGauge.setState(initialState, true);
}

export type { All };
