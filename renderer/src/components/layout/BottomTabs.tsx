// The area under the charts: the event log and the incoming messages as tabs, each with its count.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { Tabs } from '../common/Tabs.js';
import { EventLog } from '../log/EventLog.js';
import { MessagesSummary, MessagesView } from '../messages/MessagesView.js';

/** The event log and the incoming messages, as tabs under the charts. */
export function BottomTabs() {
  const { t } = useTranslation();
  const f = useFormat();
  const tab = useGauge((s) => s.bottomTab);
  const setTab = useGauge((s) => s.setBottomTab);
  const logCount = useGauge((s) => s.logEntries.length);
  const messageCount = useGauge((s) => s.messages.length);
  return (
    <section className="bottom-tabs" aria-label={t('bottom.title')}>
      <Tabs
        label={t('bottom.title')}
        selected={tab}
        onSelect={setTab}
        actions={tab === 'messages' ? <MessagesSummary /> : null}
        tabs={[
          { key: 'log', label: t('eventLog.title'), badge: f.compact(logCount) },
          { key: 'messages', label: t('messages.title'), badge: f.compact(messageCount) },
        ]}
      >
        {tab === 'log' ? <EventLog /> : <MessagesView />}
      </Tabs>
    </section>
  );
}
