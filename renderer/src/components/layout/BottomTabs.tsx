// The area under the charts: the event log, the incoming messages (each with its count) and the capacity advisor, as tabs.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import type { BottomTab } from '../../store/slices/settings.js';
import { useGauge } from '../../store/store.js';
import { AdvisorActions, AdvisorView } from '../advisor/AdvisorView.js';
import { Tabs, type TabSpec } from '../common/Tabs.js';
import { EventLog } from '../log/EventLog.js';
import { MessagesSummary, MessagesView } from '../messages/MessagesView.js';

/** The event log, the incoming messages and (for our own client, not Inspect's) the capacity advisor, as tabs under the charts. */
export function BottomTabs() {
  const { t } = useTranslation();
  const f = useFormat();
  const withAdvisor = useGauge((s) => s.view !== 'inspect');
  const chosen = useGauge((s) => s.bottomTab);
  const tab = chosen === 'advisor' && !withAdvisor ? 'log' : chosen;
  const setTab = useGauge((s) => s.setBottomTab);
  const logCount = useGauge((s) => s.logEntries.length);
  const messageCount = useGauge((s) => s.messages.length);
  return (
    <section className="bottom-tabs" aria-label={t('bottom.title')}>
      <Tabs
        label={t('bottom.title')}
        selected={tab}
        onSelect={setTab}
        actions={tab === 'messages' ? <MessagesSummary /> : tab === 'advisor' ? <AdvisorActions /> : null}
        tabs={[
          { key: 'log', label: t('eventLog.title'), badge: f.compact(logCount) },
          { key: 'messages', label: t('messages.title'), badge: f.compact(messageCount) },
          ...(withAdvisor ? [{ key: 'advisor', label: t('advisor.title') } satisfies TabSpec<BottomTab>] : []),
        ]}
      >
        {tab === 'log' ? <EventLog /> : tab === 'messages' ? <MessagesView /> : <AdvisorView />}
      </Tabs>
    </section>
  );
}
