// The messages published by hand, newest first, each with its fate, to resend or to load back into the editor.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import type { PublishRecord } from '../../store/slices/publish.js';
import { useGauge } from '../../store/store.js';
import { publishOutcomeText } from './publish-words.js';

/** Messages sent by hand, newest first, with their state; each can be resent or loaded back into the editor. */
export function PublishHistory({ onResend, onEdit }: { onResend(record: PublishRecord): void; onEdit(record: PublishRecord): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useGauge((s) => s.publishHistory);
  const policy = useGauge((s) => s.policy);
  if (history.length === 0) return <p className="empty-note">{t('publish.history.empty')}</p>;
  return (
    <ol className="publish-history" aria-label={t('publish.history.title')} data-testid="publish-history">
      {history.map((record) => (
        <li key={record.seq} className={`history-item state-${record.state}`} data-state={record.state}>
          <span className={`state-chip state-${record.state}`}>{t(`publishState.${record.state}`)}</span>
          <span className="history-topic" title={record.draft.topic}>
            {record.draft.topic}
          </span>
          <span className="history-meta">
            {t('publish.history.meta', { qos: record.draft.qos, time: f.axisTime(record.sentAt) })}
          </span>
          <span className="history-outcome">{publishOutcomeText(record, t, f, policy)}</span>
          <span className="history-actions">
            <button type="button" className="link-button" aria-label={t('publish.history.resendLabel', { topic: record.draft.topic })} onClick={() => onResend(record)}>
              {t('publish.history.resend')}
            </button>
            <button type="button" className="link-button" aria-label={t('publish.history.editLabel', { topic: record.draft.topic })} onClick={() => onEdit(record)}>
              {t('publish.history.edit')}
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
