// The chosen client in detail: its verdicts in plain words, its figures, and charts of its rates, in flight, ack latency and unread time.
import { useTranslation } from 'react-i18next';
import type { InspectClient, InspectVerdict } from '../../../../shared/inspect.js';
import { inspectVerdictText } from '../../../../shared/locales/wording.js';
import { tk } from '../../i18n/keys.js';
import { useFormat } from '../../i18n/format-hook.js';
import { rosterOf } from '../../../../shared/report/index.js';
import { shownInspect, shownInspectHistory } from '../../store/slices/inspect.js';
import { shownReports } from '../../store/slices/reports.js';
import { useGauge } from '../../store/store.js';
import { StatTile } from '../gauges/StatTiles.js';
import { InspectChart, type InspectSeries } from './InspectChart.js';
import { ReportedDetail } from './ReportedDetail.js';

const RATES: InspectSeries[] = [
  { label: tk('inspect.series.publish'), color: '--chart-out', value: (s) => s.publishRate, style: 'area' },
  { label: tk('inspect.series.deliver'), color: '--chart-in', value: (s) => s.deliveryRate, style: 'line' },
];
const INFLIGHT: InspectSeries[] = [
  { label: tk('inspect.series.inflight'), color: '--chart-inflight', value: (s) => s.inflight, style: 'area' },
  { label: tk('inspect.series.unacked'), color: '--chart-waiting', value: (s) => s.deliveriesUnacked, style: 'line' },
  { label: tk('inspect.series.limit'), color: '--chart-limit', value: (s) => s.inflightLimit, style: 'limit' },
];
const ACKS: InspectSeries[] = [
  { label: tk('inspect.series.brokerP50'), color: '--chart-out', value: (s) => s.brokerAckP50Ms, style: 'line' },
  { label: tk('inspect.series.brokerP99'), color: '--chart-failed', value: (s) => s.brokerAckP99Ms, style: 'line' },
  { label: tk('inspect.series.clientP99'), color: '--chart-in', value: (s) => s.clientAckP99Ms, style: 'line' },
];
const UNREAD: InspectSeries[] = [
  { label: tk('inspect.series.unread'), color: '--chart-failed', value: (s) => s.unreadMs, style: 'area' },
  { label: tk('inspect.series.silence'), color: '--chart-waiting', value: (s) => s.sinceClientPacketMs, style: 'line' },
];

function VerdictItem({ verdict }: { verdict: InspectVerdict }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <article className={`alert-item severity-${verdict.severity}`} data-testid={`inspect-verdict-${verdict.id}`} data-severity={verdict.severity}>
      <div className="alert-body">
        <p className="alert-title">{t(`inspectVerdictTitle.${verdict.id}`)}</p>
        <p className="alert-message">{inspectVerdictText(verdict, t, f)}</p>
      </div>
      <span className="alert-since">{t('inspect.detail.since', { time: f.clock(verdict.since) })}</span>
    </article>
  );
}

function Figures({ client }: { client: InspectClient }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = client.latest;
  const [q0, q1, q2] = s.publishRateByQos;
  return (
    <div className="inspect-tiles">
      <StatTile testId="inspect-publish" dataValue={s.publishRate} label={t('inspect.detail.publish')} value={t('gauges.perSecond', { rate: f.compact(Math.round(s.publishRate)) })} detail={t('inspect.detail.byQos', { q0: f.compact(Math.round(q0)), q1: f.compact(Math.round(q1)), q2: f.compact(Math.round(q2)) })} level="idle" />
      <StatTile testId="inspect-deliver" dataValue={s.deliveryRate} label={t('inspect.detail.deliver')} value={t('gauges.perSecond', { rate: f.compact(Math.round(s.deliveryRate)) })} detail={t('inspect.detail.bytes', { up: f.bytes(s.bytesUpRate), down: f.bytes(s.bytesDownRate) })} level="idle" />
      <StatTile
        testId="inspect-inflight"
        dataValue={s.inflight}
        label={t('inspect.detail.inflight')}
        value={`${f.count(s.inflight)} / ${s.inflightLimit === null ? '—' : f.count(s.inflightLimit)}`}
        detail={s.inflightLimit === null ? t('inspect.detail.noLimit') : t('inspect.detail.receiveMaximum')}
        level={s.inflightLimit !== null && s.inflight >= s.inflightLimit ? 'warn' : 'idle'}
      />
      <StatTile testId="inspect-acks" dataValue={s.brokerAckP50Ms ?? 0} label={t('inspect.detail.brokerAck')} value={f.latency(s.brokerAckP50Ms)} detail={t('inspect.detail.p99', { p99: f.latency(s.brokerAckP99Ms) })} level="idle" />
      <StatTile
        testId="inspect-unread"
        dataValue={s.unreadMs}
        label={t('inspect.detail.unread')}
        value={s.unreadMs > 0 ? f.duration(s.unreadMs) : '—'}
        detail={t('inspect.detail.waiting', { bytes: f.bytes(s.waitingBytes), total: f.duration(client.totals.unreadMs) })}
        level={s.unreadMs >= 1000 ? 'crit' : s.unreadMs > 0 ? 'warn' : 'idle'}
      />
      <StatTile testId="inspect-dup" dataValue={client.totals.dupResends} label={t('inspect.detail.dup')} value={f.count(client.totals.dupResends)} detail={t('inspect.detail.clientAck', { p99: f.latency(s.clientAckP99Ms) })} level={client.totals.dupResends > 0 ? 'warn' : 'idle'} />
    </div>
  );
}

export function InspectClientDetail() {
  const { t } = useTranslation();
  const selected = useGauge((s) => s.inspectSelected);
  const client = useGauge((s) => shownInspect(s).clients.find((c) => c.connection === s.inspectSelected));
  const samples = useGauge(shownInspectHistory);
  const reportOnly = useGauge((s) => (s.reportSelected === null ? undefined : shownReports(s).clients.find((c) => c.clientId === s.reportSelected)));
  // The report joined to the chosen connection (the same client id, its newest open connection).
  const joined = useGauge((s) => (client ? rosterOf(shownInspect(s).clients, shownReports(s).clients).find((row) => row.inspected?.connection === client.connection)?.reported : undefined));
  if (reportOnly) return <ReportedDetail client={reportOnly} />;
  if (selected === null || !client) {
    return <p className="inspect-hint inspect-choose">{t('inspect.detail.choose')}</p>;
  }
  return (
    <section className="inspect-detail" aria-label={t('inspect.detail.title', { client: client.identity.clientId || `#${client.connection}` })} data-testid="inspect-detail">
      <div className="alert-banner">
        {client.verdicts.length === 0 ? <p className="alert-none">{t('inspect.detail.noVerdicts')}</p> : client.verdicts.map((v) => <VerdictItem key={v.id} verdict={v} />)}
      </div>
      <Figures client={client} />
      {joined ? <ReportedDetail client={joined} compact /> : null}
      <div className="chart-grid inspect-charts">
        <InspectChart id="rates" title={t('inspect.charts.rates')} unit="rate" series={RATES} samples={samples} />
        <InspectChart id="inflight" title={t('inspect.charts.inflight')} unit="count" series={INFLIGHT} samples={samples} />
        <InspectChart id="acks" title={t('inspect.charts.acks')} unit="ms" series={ACKS} samples={samples} />
        <InspectChart id="unread" title={t('inspect.charts.unread')} unit="ms" series={UNREAD} samples={samples} />
      </div>
    </section>
  );
}
