// The pane beside the messages table: the selected message's topic, time, QoS, size and payload, decoded as chosen.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { decodePayload, type PayloadView } from '../../payload/decode.js';
import type { ShownMessage } from '../../store/slices/messages.js';

/** The selected message in full (as much as the preview holds). */
export function MessageDetail({ message, view, onClose }: { message: ShownMessage; view: PayloadView; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const payload = decodePayload(message.preview, view, true);
  return (
    <aside className="message-detail" aria-label={t('messages.detail')} data-testid="message-detail">
      <div className="detail-head">
        <p className="detail-topic">{message.topic}</p>
        <button type="button" className="icon-button" aria-label={t('messages.closeDetail')} onClick={onClose}>
          ×
        </button>
      </div>
      <p className="detail-meta">
        {t('messages.detailMeta', { time: f.clock(message.t), qos: message.qos, size: f.bytes(message.size) })}
        {message.retain ? ` · ${t('messages.retained')}` : ''}
        {' · '}
        {t(`messages.shownAs.${payload.shownAs}`)}
      </p>
      {payload.notJson ? <p className="field-hint">{t('messages.notJson')}</p> : null}
      {message.truncated ? <p className="field-hint">{t('messages.truncated', { size: f.bytes(message.size) })}</p> : null}
      <pre className="detail-payload">{payload.text}</pre>
    </aside>
  );
}
