// The sentence a hand-published message's state becomes in the status line and the history (queued, written, acked, full, dropped, …).
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../../shared/format/index.js';
import { policyName } from '../../../../shared/locales/wording.js';
import type { PublishRecord } from '../../store/slices/publish.js';

/** What happened to a sent message, in a sentence. */
export function publishOutcomeText(record: PublishRecord, t: TFunction, f: Formatters, policy: string): string {
  const written = record.writtenMs !== undefined ? f.latency(record.writtenMs) : '';
  switch (record.state) {
    case 'sending':
      return record.draft.mode === 'publish' ? t('publish.outcome.sendingWait') : t('publish.outcome.sending');
    case 'queued':
      return t('publish.outcome.queued');
    case 'written':
      return record.draft.qos === 0 ? t('publish.outcome.writtenQos0', { written }) : t('publish.outcome.written', { written });
    case 'acked':
      return t('publish.outcome.acked', { written: written || '—', ack: f.latency(record.ackMs ?? null) });
    case 'failed':
      return t('publish.outcome.failed', { reason: record.reason ?? '' });
    case 'full':
      return t('publish.outcome.full');
    case 'dropped':
      return t('publish.outcome.dropped', { policy: policyName(t, policy) });
    case 'closed':
      return t('publish.outcome.closed');
    case 'refused':
      return t('publish.outcome.refused', { reason: record.reason ?? '' });
  }
}
