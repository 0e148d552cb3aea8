// The "Broker limits" card: what the CONNACK granted beside what this client asked, which one binds in words, and the "Probe the broker" button with its report.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { brokerLimits, type BrokerLimits, type LimitRow } from '../../../../shared/broker-limits.js';
import { bindingSummary, grantedValue, limitStatementText, limitValueText } from '../../../../shared/locales/limits-wording.js';
import { probeBroker } from '../../actions/probe.js';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { Panel } from '../common/Panel.js';
import { ProbeResults } from './ProbeResults.js';
import './limits.css';

/** A granted value; one the broker left out of its CONNACK is what MQTT 5 means by the absence, marked as not announced. */
function GrantedCell({ row, limits }: { row: LimitRow; limits: BrokerLimits }) {
  const { t } = useTranslation();
  const f = useFormat();
  const granted = grantedValue(row, limits, t, f);
  return (
    <td className="num">
      {granted.text}
      {granted.announced ? null : <small className="limits-not-announced">{t('limits.notAnnounced')}</small>}
    </td>
  );
}

/** Granted vs asked, the binding limits highlighted and said in words, and the probe. */
export function BrokerLimitsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const grant = useGauge((s) => s.brokerGrant);
  const connected = useGauge((s) => s.connectionState === 'connected');
  const hasProfile = useGauge((s) => s.activeProfile !== null);
  const probe = useGauge((s) => s.probe);
  const limits = useMemo(() => (grant ? brokerLimits(grant) : null), [grant]);
  const running = probe.phase === 'running';

  return (
    <Panel
      title={t('limits.title')}
      className="limits-panel"
      testId="broker-limits"
      actions={
        <button type="button" onClick={() => void probeBroker()} disabled={running || !hasProfile} title={t('probe.hint')}>
          {running ? t('probe.running') : t('probe.run')}
        </button>
      }
    >
      {limits && connected ? (
        <>
          <div className={`limits-binding${limits.binding.length > 0 ? ' limits-binding-broker' : ''}`} role="status" data-testid="limits-binding">
            {limits.binding.length > 0 ? <p className="limits-binding-title">{t('limits.bindingTitle')}</p> : null}
            <ul>
              {bindingSummary(limits, t, f).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          <table className="limits-table" aria-label={t('limits.table')}>
            <thead>
              <tr>
                <th scope="col">{t('limits.limit')}</th>
                <th scope="col" className="num">
                  {t('limits.asked')}
                </th>
                <th scope="col" className="num">
                  {t('limits.granted')}
                </th>
              </tr>
            </thead>
            <tbody>
              {limits.rows.map((row) => (
                <tr key={row.id} className={row.brokerBinds ? 'binds' : undefined} data-limit={row.id} data-binds={row.brokerBinds ? 'broker' : 'client'} title={limitStatementText(row, t, f)}>
                  <th scope="row">
                    {t(`limits.name.${row.id}`)}
                    {row.brokerBinds ? <span className="visually-hidden"> ({t('limits.bindsBroker')})</span> : null}
                  </th>
                  <td className="num">{limitValueText(row, row.asked, t, f)}</td>
                  <GrantedCell row={row} limits={limits} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="limits-hint">{t('limits.notConnected')}</p>
      )}
      <ProbeResults />
    </Panel>
  );
}
