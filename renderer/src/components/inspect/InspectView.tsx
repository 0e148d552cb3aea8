// The Inspect view: the proxy's and the report listener's controls on the left, the clients it forwards and the chosen one's charts in the centre, its facts on the right, the log below.
import { useTranslation } from 'react-i18next';
import { BottomTabs } from '../layout/BottomTabs.js';
import { ClientFacts } from './ClientFacts.js';
import { InspectClientDetail } from './InspectClientDetail.js';
import { InspectClientList } from './InspectClientList.js';
import { InspectControlPanel } from './InspectControlPanel.js';
import { ReportListenerPanel } from './ReportListenerPanel.js';
import { ReplayPanel } from '../replay/ReplayPanel.js';
import { useGauge } from '../../store/store.js';
import './inspect.css';

/** Inspect in the dashboard's grid. */
export function InspectView() {
  const { t } = useTranslation();
  // A replayed bundle is read-only: its scrubber takes the proxy's controls' place.
  const replaying = useGauge((s) => s.replay !== null);
  return (
    <>
      <aside className="column column-left" aria-label={t('inspect.left')}>
        {replaying ? (
          <ReplayPanel />
        ) : (
          <>
            <InspectControlPanel />
            <ReportListenerPanel />
          </>
        )}
      </aside>
      <main className="column column-centre inspect-centre">
        <InspectClientList />
        <InspectClientDetail />
      </main>
      <aside className="column column-right" aria-label={t('inspect.right')}>
        <ClientFacts />
      </aside>
      <div className="bottom">
        <BottomTabs />
      </div>
    </>
  );
}
