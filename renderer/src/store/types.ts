// The shape of the one store: the union of its slices.
import type { AdvisorSlice } from './slices/advisor.js';
import type { AlertsSlice } from './slices/alerts.js';
import type { BrokerSlice } from './slices/broker.js';
import type { ChannelSlice } from './slices/channel.js';
import type { ConnectionSlice } from './slices/connection.js';
import type { HealthSlice } from './slices/health.js';
import type { InspectSlice } from './slices/inspect.js';
import type { LoadSlice } from './slices/load.js';
import type { LogSlice } from './slices/log.js';
import type { MessagesSlice } from './slices/messages.js';
import type { PublishSlice } from './slices/publish.js';
import type { ReplaySlice } from './slices/replay.js';
import type { ReportsSlice } from './slices/reports.js';
import type { SettingsSlice } from './slices/settings.js';

export type All = ConnectionSlice & ChannelSlice & HealthSlice & PublishSlice & LoadSlice & MessagesSlice & LogSlice & AlertsSlice & SettingsSlice & ReplaySlice & InspectSlice & AdvisorSlice & BrokerSlice & ReportsSlice;
