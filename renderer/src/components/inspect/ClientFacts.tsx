// The chosen client's facts: who it said it was (never its password), what the broker granted, its subscriptions, and how it ended.
import { useTranslation } from 'react-i18next';
import type { InspectClient } from '../../../../shared/inspect.js';
import { connackName, hexCode } from '../../../../shared/locales/wording.js';
import { useFormat } from '../../i18n/format-hook.js';
import { shownInspect } from '../../store/slices/inspect.js';
import { shownReports } from '../../store/slices/reports.js';
import { useGauge } from '../../store/store.js';
import { Panel } from '../common/Panel.js';
import { ReportFacts } from './ReportFacts.js';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function protocolName(version: InspectClient['identity']['protocolVersion']): string {
  return version === 5 ? '5' : version === 4 ? '3.1.1' : version === 3 ? '3.1' : '—';
}

export function ClientFacts() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useGauge((s) => shownInspect(s).clients.find((c) => c.connection === s.inspectSelected));
  const reportOnly = useGauge((s) => (s.reportSelected === null ? undefined : shownReports(s).clients.find((c) => c.clientId === s.reportSelected)));
  if (reportOnly) return <ReportFacts client={reportOnly} />;
  if (!client) {
    return (
      <Panel title={t('inspect.facts.title')} testId="inspect-facts">
        <p className="inspect-hint">{t('inspect.detail.choose')}</p>
      </Panel>
    );
  }
  const id = client.identity;
  const grant = client.grant;
  const none = '—';
  const yes = (value: boolean | null) => (value === null ? none : value ? t('inspect.facts.yes') : t('inspect.facts.no'));
  const num = (value: number | null) => (value === null ? none : f.count(value));
  return (
    <>
      <Panel title={t('inspect.facts.title')} testId="inspect-facts">
        <dl className="inspect-facts">
          <Fact label={t('inspect.facts.clientId')} value={id.clientId || t('inspect.clients.noId')} testId="fact-client-id" />
          <Fact label={t('inspect.facts.remote')} value={client.remote} />
          <Fact label={t('inspect.facts.protocol')} value={protocolName(id.protocolVersion)} testId="fact-protocol" />
          <Fact label={t('inspect.facts.keepAlive')} value={id.keepAliveSec === null ? none : f.duration(id.keepAliveSec * 1000)} />
          <Fact label={t('inspect.facts.cleanStart')} value={yes(id.cleanStart)} />
          <Fact label={t('inspect.facts.username')} value={id.username ?? none} />
          <Fact label={t('inspect.facts.password')} value={id.hasPassword ? t('inspect.facts.passwordSent') : t('inspect.facts.no')} />
          <Fact label={t('inspect.facts.clientReceiveMaximum')} value={num(id.receiveMaximum)} />
          <Fact label={t('inspect.facts.connects')} value={f.count(client.connectsLastMinute)} />
        </dl>
      </Panel>
      <Panel title={t('inspect.facts.grantTitle')} testId="inspect-grant">
        {grant ? (
          <dl className="inspect-facts">
            <Fact label={t('inspect.facts.reason')} value={grant.reasonCode === 0 ? t('inspect.facts.accepted') : `${connackName(t, grant.reasonCode) ?? grant.reason} (${hexCode(grant.reasonCode)})`} testId="fact-reason" />
            <Fact label={t('inspect.facts.sessionPresent')} value={yes(grant.sessionPresent)} />
            <Fact label={t('inspect.facts.receiveMaximum')} value={num(grant.receiveMaximum)} />
            <Fact label={t('inspect.facts.maximumPacketSize')} value={grant.maximumPacketSize === null ? none : f.bytes(grant.maximumPacketSize)} />
            <Fact label={t('inspect.facts.topicAliasMaximum')} value={num(grant.topicAliasMaximum)} />
            <Fact label={t('inspect.facts.serverKeepAlive')} value={grant.serverKeepAliveSec === null ? none : f.duration(grant.serverKeepAliveSec * 1000)} />
            <Fact label={t('inspect.facts.assignedClientId')} value={grant.assignedClientId ?? none} />
          </dl>
        ) : (
          <p className="inspect-hint">{t('inspect.facts.noGrant')}</p>
        )}
      </Panel>
      <Panel title={t('inspect.facts.subscriptionsTitle')} testId="inspect-subscriptions">
        {client.subscriptions.length === 0 ? (
          <p className="inspect-hint">{t('inspect.facts.noSubscriptions')}</p>
        ) : (
          <ul className="inspect-subscriptions">
            {client.subscriptions.map((s) => (
              <li key={s.topic}>
                <code>{s.topic}</code> {t('inspect.facts.subscription', { qos: s.qos, granted: s.granted === null ? '?' : s.granted >= 0x80 ? t('inspect.facts.refusedCode', { code: hexCode(s.granted) }) : String(s.granted) })}
              </li>
            ))}
          </ul>
        )}
        {client.ending ? (
          <p className="inspect-ending" data-testid="inspect-ending">
            {t('inspect.facts.ended', { time: f.clock(client.closedAt ?? 0), reason: client.ending.reason })}
          </p>
        ) : null}
      </Panel>
    </>
  );
}
