// The stat tiles: failed tryPublish, dropped, in flight, accepted, throughput and latency, each coloured by how worrying it is.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';

/** One figure with its label, a secondary line and a colour for how worrying it is (Inspect reuses it for an inspected client). */
export function StatTile({ label, value, detail, level, testId, dataValue }: { label: string; value: ReactNode; detail?: ReactNode; level: 'ok' | 'warn' | 'crit' | 'idle'; testId: string; dataValue: number }) {
  return (
    <div className={`stat-tile level-${level}`} data-testid={testId} data-value={dataValue} data-level={level}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}

export function FailedTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const total = useLatestSample((s) => s?.failedTryPublish ?? 0);
  const rate = useLatestSample((s) => Math.round(s?.failedTryPublishRate ?? 0));
  return <StatTile testId="gauge-failed" dataValue={total} label={t('gauges.failed')} value={f.compact(total)} detail={t('gauges.perSecond', { rate: f.compact(rate) })} level={rate > 0 ? 'crit' : total > 0 ? 'warn' : 'idle'} />;
}

export function DroppedTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const oldest = useLatestSample((s) => s?.droppedOldest ?? 0);
  const newest = useLatestSample((s) => s?.droppedNewest ?? 0);
  const rate = useLatestSample((s) => Math.round((s?.droppedOldestRate ?? 0) + (s?.droppedNewestRate ?? 0)));
  return (
    <StatTile
      testId="gauge-dropped"
      dataValue={oldest + newest}
      label={t('gauges.dropped')}
      value={f.compact(oldest + newest)}
      detail={t('gauges.droppedDetail', { oldest: f.compact(oldest), newest: f.compact(newest) })}
      level={rate > 0 ? 'warn' : 'idle'}
    />
  );
}

export function InflightTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const inflight = useLatestSample((s) => s?.inflight ?? 0);
  const max = useLatestSample((s) => s?.maxInflight ?? 0);
  const resend = useLatestSample((s) => s?.pendingResend ?? 0);
  const full = max > 0 && inflight >= max;
  return (
    <StatTile
      testId="gauge-inflight"
      dataValue={inflight}
      label={t('gauges.inflight')}
      value={t('gauges.ofWindow', { value: f.compact(inflight), window: f.compact(max) })}
      detail={resend > 0 ? t('gauges.pendingResend', { count: resend }) : full ? t('gauges.windowFull') : t('gauges.awaitingAck')}
      level={full ? 'warn' : 'ok'}
    />
  );
}

export function ThroughputTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const out = useLatestSample((s) => Math.round(s?.messagesOutRate ?? 0));
  const into = useLatestSample((s) => Math.round(s?.messagesInRate ?? 0));
  const total = useLatestSample((s) => s?.messagesOut ?? 0);
  return <StatTile testId="gauge-throughput" dataValue={out} label={t('gauges.throughput')} value={t('gauges.rateValue', { rate: f.compact(out) })} detail={t('gauges.inRate', { rate: f.compact(into), total: f.compact(total) })} level="ok" />;
}

export function LatencyTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const queue = useLatestSample((s) => (s?.queueLatencyP99 == null ? null : Math.round(s.queueLatencyP99 * 10) / 10));
  const ack = useLatestSample((s) => (s?.ackLatencyP99 == null ? null : Math.round(s.ackLatencyP99 * 10) / 10));
  return <StatTile testId="gauge-latency" dataValue={queue ?? -1} label={t('gauges.queueLatency')} value={f.latency(queue)} detail={t('gauges.ackLatency', { latency: f.latency(ack) })} level={queue !== null && queue > 1000 ? 'warn' : 'ok'} />;
}

export function AcceptedTile() {
  const { t } = useTranslation();
  const f = useFormat();
  const accepted = useLatestSample((s) => s?.accepted ?? 0);
  const rate = useLatestSample((s) => Math.round(s?.acceptedRate ?? 0));
  return <StatTile testId="gauge-accepted" dataValue={accepted} label={t('gauges.accepted')} value={f.compact(accepted)} detail={t('gauges.perSecond', { rate: f.compact(rate) })} level="ok" />;
}
