// What a client says of its own queue: its alerts from the engine's rules, figures from its latest report, and charts of its depth and refusals.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain.js';
import { alertText } from '../../../../shared/locales/wording.js';
import type { ReportedClient, ReportPoint } from '../../../../shared/report/index.js';
import { tk } from '../../i18n/keys.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { StatTile } from '../gauges/StatTiles.js';
import { InspectChart, type InspectSeries } from './InspectChart.js';

const QUEUE: InspectSeries<ReportPoint>[] = [
  { label: tk('reports.series.depth'), color: '--chart-depth', value: (p) => p.depth, style: 'area' },
  { label: tk('reports.series.capacity'), color: '--chart-limit', value: (p) => p.capacity, style: 'limit' },
  { label: tk('reports.series.inflight'), color: '--chart-inflight', value: (p) => p.inflight, style: 'line' },
];
const RATES: InspectSeries<ReportPoint>[] = [
  { label: tk('reports.series.accepted'), color: '--chart-out', value: (p) => p.acceptedRate, style: 'line' },
  { label: tk('reports.series.failed'), color: '--chart-failed', value: (p) => p.failedTryPublishRate, style: 'area' },
  { label: tk('reports.series.dropped'), color: '--chart-waiting', value: (p) => p.droppedRate, style: 'line' },
];

function AlertItem({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <article className={`alert-item severity-${alert.severity}`} data-testid={`report-alert-${alert.id}`} data-severity={alert.severity}>
      <div className="alert-body">
        <p className="alert-title">{t(`alertTitle.${alert.id}`)}</p>
        <p className="alert-message">{alertText(alert, t, f)}</p>
      </div>
      <span className="alert-since">{t('inspect.detail.since', { time: f.clock(alert.since) })}</span>
    </article>
  );
}

/** The report's alerts and figures; `compact` leaves the charts out (a proxied client's charts are the proxy's). */
export function ReportedDetail({ client, compact = false }: { client: ReportedClient; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const points = useGauge((s) => (s.reportHistoryOf === client.clientId ? s.reportHistory : EMPTY));
  const r = client.latest;
  const unknown = t('reports.detail.notReported');
  const rate = (value: number | null) => (value === null ? '—' : t('gauges.perSecond', { rate: f.compact(Math.round(value)) }));
  const fill = r.depth !== undefined && r.capacity ? r.depth / r.capacity : null;
  return (
    <section className="report-detail" aria-label={t('reports.detail.title')} data-testid="report-detail">
      <h3 className="report-detail-title">
        {t('reports.detail.title')} <span className="inspect-hint">{t('reports.detail.heard', { count: client.reports, time: f.duration(client.silentMs), library: r.library ?? unknown })}</span>
      </h3>
      <div className="alert-banner">
        {client.silent ? (
          <article className="alert-item severity-warning" data-testid="report-alert-silent">
            <div className="alert-body">
              <p className="alert-title">{t('reports.detail.silentTitle')}</p>
              <p className="alert-message">{t('reports.detail.silent', { time: f.duration(client.silentMs) })}</p>
            </div>
          </article>
        ) : null}
        {client.alerts.length === 0 && !client.silent ? <p className="alert-none">{t('reports.detail.noAlerts')}</p> : client.alerts.map((a) => <AlertItem key={a.id} alert={a} />)}
      </div>
      <div className="inspect-tiles">
        <StatTile
          testId="report-queue"
          dataValue={r.depth ?? -1}
          label={t('reports.detail.queue')}
          value={`${r.depth === undefined ? '—' : f.count(r.depth)} / ${r.capacity === undefined ? '—' : f.count(r.capacity)}`}
          detail={r.depth === undefined ? t('reports.detail.noDepth') : r.capacity === undefined ? unknown : t('reports.detail.percent', { percent: f.count(Math.round((fill ?? 0) * 100)) })}
          level={fill === null ? 'idle' : fill >= 0.8 ? 'warn' : 'ok'}
        />
        <StatTile testId="report-accepted" dataValue={client.acceptedRate ?? -1} label={t('reports.detail.accepted')} value={rate(client.acceptedRate)} detail={r.accepted === undefined ? unknown : t('reports.detail.total', { count: f.count(r.accepted) })} level="idle" />
        <StatTile
          testId="report-failed"
          dataValue={client.failedTryPublishRate ?? -1}
          label={t('reports.detail.failed')}
          value={rate(client.failedTryPublishRate)}
          detail={r.failedTryPublish === undefined ? unknown : t('reports.detail.total', { count: f.count(r.failedTryPublish) })}
          level={(client.failedTryPublishRate ?? 0) > 0 ? 'crit' : 'idle'}
        />
        <StatTile testId="report-dropped" dataValue={client.droppedRate ?? -1} label={t('reports.detail.dropped')} value={rate(client.droppedRate)} detail={r.dropped === undefined ? unknown : t('reports.detail.total', { count: f.count(r.dropped) })} level={(client.droppedRate ?? 0) > 0 ? 'warn' : 'idle'} />
        <StatTile
          testId="report-inflight"
          dataValue={r.inflight ?? -1}
          label={t('reports.detail.inflight')}
          value={`${r.inflight === undefined ? '—' : f.count(r.inflight)} / ${r.maxInflight === undefined ? '—' : f.count(r.maxInflight)}`}
          detail={r.pending === undefined ? unknown : t('reports.detail.pending', { count: f.count(r.pending) })}
          level="idle"
        />
        <StatTile
          testId="report-connection"
          dataValue={r.reconnects ?? -1}
          label={t('reports.detail.connection')}
          value={r.connection ? t(`reports.state.${r.connection}`) : '—'}
          detail={r.reconnects === undefined ? unknown : t('reports.detail.reconnects', { count: r.reconnects })}
          level={r.connection === 'connected' ? 'ok' : r.connection ? 'warn' : 'idle'}
        />
      </div>
      {compact ? null : (
        <div className="chart-grid inspect-charts">
          <InspectChart id="report-queue" title={t('reports.charts.queue')} unit="count" series={QUEUE} samples={points} />
          <InspectChart id="report-rates" title={t('reports.charts.rates')} unit="rate" series={RATES} samples={points} />
        </div>
      )}
    </section>
  );
}

const EMPTY: ReportPoint[] = [];
