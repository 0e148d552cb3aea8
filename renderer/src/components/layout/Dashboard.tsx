// The dashboard's layout: what goes in the header, the three columns and the bottom area, live or while a bundle is replayed.
import { useTranslation } from 'react-i18next';
import { AlertBanner } from '../alerts/AlertBanner.js';
import { ChartGrid } from '../charts/ChartGrid.js';
import { ConnectPanel } from '../connect/ConnectPanel.js';
import { BrokerLimitsPanel } from '../limits/BrokerLimitsPanel.js';
import { GaugeStrip } from '../gauges/GaugeStrip.js';
import { AppHeader } from '../header/AppHeader.js';
import { LoadPanel } from '../load/LoadPanel.js';
import { PublishPanel } from '../publish/PublishPanel.js';
import { SubscriptionsPanel } from '../subscriptions/SubscriptionsPanel.js';
import { TuningPanel } from '../tuning/TuningPanel.js';
import { DrillsPanel } from '../drills/DrillsPanel.js';
import { ReplayPanel } from '../replay/ReplayPanel.js';
import { InspectView } from '../inspect/InspectView.js';
import { useGauge } from '../../store/store.js';
import { BottomTabs } from './BottomTabs.js';
import { ServiceLostBanner } from './ServiceLostBanner.js';
import './layout.css';

/** The whole dashboard (in replay: the replay panel instead of the live controls; in Inspect: the proxy's clients instead of our own client): header; connect, the broker's limits and tuning on the left; alerts, gauges and charts in the centre; publish, load and subscriptions on the right; log and messages below. */
export function Dashboard() {
  const { t } = useTranslation();
  // Replaying a bundle: read-only, so no live control is offered.
  const replaying = useGauge((s) => s.replay !== null);
  // Inspect live, or the Inspect part of a replayed bundle.
  const inspecting = useGauge((s) => s.view === 'inspect');
  if (inspecting) {
    return (
      <div className="dashboard">
        <AppHeader />
        <ServiceLostBanner />
        <InspectView />
      </div>
    );
  }
  return (
    <div className="dashboard">
      <AppHeader />
      <ServiceLostBanner />
      <aside className="column column-left" aria-label={t('layout.left')}>
        {replaying ? (
          <ReplayPanel />
        ) : (
          <>
            <ConnectPanel />
            <BrokerLimitsPanel />
            <TuningPanel />
            <DrillsPanel />
          </>
        )}
      </aside>
      <main className="column column-centre">
        {replaying ? null : <AlertBanner />}
        <GaugeStrip />
        <ChartGrid />
      </main>
      <aside className="column column-right" aria-label={t('layout.right')}>
        {replaying ? null : (
          <>
            <PublishPanel />
            <LoadPanel />
            <SubscriptionsPanel />
          </>
        )}
      </aside>
      <div className="bottom">
        <BottomTabs />
      </div>
    </div>
  );
}
