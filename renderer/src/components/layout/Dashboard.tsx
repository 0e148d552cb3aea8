import { useTranslation } from 'react-i18next';
import { AlertBanner } from '../alerts/AlertBanner.js';
import { ChartGrid } from '../charts/ChartGrid.js';
import { ConnectPanel } from '../connect/ConnectPanel.js';
import { GaugeStrip } from '../gauges/GaugeStrip.js';
import { AppHeader } from '../header/AppHeader.js';
import { LoadPanel } from '../load/LoadPanel.js';
import { PublishPanel } from '../publish/PublishPanel.js';
import { SubscriptionsPanel } from '../subscriptions/SubscriptionsPanel.js';
import { TuningPanel } from '../tuning/TuningPanel.js';
import { BottomTabs } from './BottomTabs.js';
import { ServiceLostBanner } from './ServiceLostBanner.js';

/** The whole dashboard: header; connect and tuning on the left; alerts, gauges and charts in the centre; publish, load and subscriptions on the right; log and messages below. */
export function Dashboard() {
  const { t } = useTranslation();
  return (
    <div className="dashboard">
      <AppHeader />
      <ServiceLostBanner />
      <aside className="column column-left" aria-label={t('layout.left')}>
        <ConnectPanel />
        <TuningPanel />
      </aside>
      <main className="column column-centre">
        <AlertBanner />
        <GaugeStrip />
        <ChartGrid />
      </main>
      <aside className="column column-right" aria-label={t('layout.right')}>
        <PublishPanel />
        <LoadPanel />
        <SubscriptionsPanel />
      </aside>
      <div className="bottom">
        <BottomTabs />
      </div>
    </div>
  );
}
