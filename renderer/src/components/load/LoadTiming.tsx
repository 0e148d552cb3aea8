// A load run's timing: queue, ack and end-to-end latency side by side, and the overruns that say the generator itself fell behind.
import { useTranslation } from 'react-i18next';
import { LOAD_OVERRUN_AFTER_MS, LOAD_STAMP_BYTES, type LoadStatus } from '../../../../shared/domain.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';

/**
 * Latency of the run at three points: in the channel (queue), at the broker
 * (ack) and back on our own subscription (end-to-end, from the stamps in the
 * payloads); then whether the generator kept its timetable. Overruns are the
 * generator's own falling behind, worded apart from "failed", which is the
 * channel refusing.
 */
export function LoadTiming({ load }: { load: LoadStatus }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queueP50 = useLatestSample((s) => s?.queueLatencyP50 ?? null);
  const queueP99 = useLatestSample((s) => s?.queueLatencyP99 ?? null);
  const ackP50 = useLatestSample((s) => s?.ackLatencyP50 ?? null);
  const ackP99 = useLatestSample((s) => s?.ackLatencyP99 ?? null);
  const pair = (p50: number | null, p99: number | null) => t('loadTiming.pair', { p50: f.latency(p50), p99: f.latency(p99) });
  const endToEnd = load.endToEnd;
  const late = load.overruns > 0;
  const behind = load.behindMs > LOAD_OVERRUN_AFTER_MS;

  return (
    <div className="load-timing" data-testid="load-timing">
      <dl className="load-figures">
        <div>
          <dt>{t('loadTiming.queue')}</dt>
          <dd data-testid="load-queue-latency">{pair(queueP50, queueP99)}</dd>
        </div>
        <div>
          <dt>{t('loadTiming.ack')}</dt>
          <dd data-testid="load-ack-latency">{pair(ackP50, ackP99)}</dd>
        </div>
        <div>
          <dt>{t('loadTiming.endToEnd')}</dt>
          <dd data-testid="load-end-to-end">{endToEnd ? pair(endToEnd.p50, endToEnd.p99) : f.latency(null)}</dd>
        </div>
      </dl>
      <p className="load-note" data-testid="load-end-to-end-note">
        {load.stamping === 'payload-too-small'
          ? t('loadTiming.payloadTooSmall', { bytes: LOAD_STAMP_BYTES })
          : load.stamping === 'off'
            ? t('loadTiming.stampsOff')
            : endToEnd
              ? t('loadTiming.received', { count: endToEnd.received })
              : t('loadTiming.subscribe')}
        {endToEnd && endToEnd.otherRuns > 0 ? ` ${t('loadTiming.otherRuns', { count: endToEnd.otherRuns })}` : null}
      </p>
      <p className={late || behind ? 'load-note warn' : 'load-note'} data-testid="load-overruns" data-value={load.overruns}>
        {late
          ? t('loadTiming.overruns', { count: load.overruns, ms: LOAD_OVERRUN_AFTER_MS, lag: f.latency(load.overrunLagMs / load.overruns) })
          : t('loadTiming.onTime', { ms: LOAD_OVERRUN_AFTER_MS })}
        {behind ? ` ${t('loadTiming.behind', { lag: f.latency(load.behindMs) })}` : null}
      </p>
      {load.failed > 0 ? (
        <p className="load-note bad" data-testid="load-refused-note">
          {t('loadTiming.refused', { count: load.failed })}
        </p>
      ) : null}
    </div>
  );
}
