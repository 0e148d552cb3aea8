// The connection health card: state, ping round trip, reconnects, uptime and the last error, never cut off.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';
import { selectRetrying } from '../../store/slices/health.js';
import { useGauge } from '../../store/store.js';

/** Connection health: state, ping round trip, reconnects, uptime and the last error. */
export function HealthCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const state = useGauge((s) => s.connectionState);
  const retrying = useGauge(selectRetrying);
  const reconnects = useGauge((s) => s.reconnects);
  const lastError = useGauge((s) => s.lastError);
  const rtt = useLatestSample((s) => (s?.pingRttMs == null ? null : Math.round(s.pingRttMs * 10) / 10));
  const uptimeSec = useLatestSample((s) => (s?.connectedSince ? Math.max(0, Math.floor((s.t - s.connectedSince) / 1000)) : null));
  const pingLimit = useGauge((s) => s.settings?.alerts.pingRttMs ?? 1000);
  const lastErrorText = lastError ? t('health.lastError', { time: f.clock(lastError.at), message: lastError.message }) : null;
  const level = state === 'connected' ? (rtt !== null && rtt > pingLimit ? 'warn' : 'ok') : state === 'connecting' ? 'warn' : 'crit';
  return (
    <section className={`health-card level-${level}`} aria-label={t('health.title')} data-testid="connection-health" data-state={state} data-retrying={retrying ? 'true' : 'false'}>
      <div className="gauge-title">{t('health.title')}</div>
      <div className="health-state">
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="health-state">{retrying ? t('health.reconnecting') : t(`connectionState.${state}`)}</span>
      </div>
      <dl className="health-list">
        <div>
          <dt>{t('health.rtt')}</dt>
          <dd data-testid="health-rtt">{f.latency(rtt)}</dd>
        </div>
        <div>
          <dt>{t('health.reconnects')}</dt>
          <dd data-testid="health-reconnects">{f.count(reconnects)}</dd>
        </div>
        <div>
          <dt>{t('health.uptime')}</dt>
          <dd data-testid="health-uptime">{uptimeSec === null ? '—' : f.seconds(uptimeSec)}</dd>
        </div>
      </dl>
      <p className="health-error" data-testid="health-last-error" title={lastErrorText ?? undefined}>
        {lastErrorText ?? t('health.noError')}
      </p>
    </section>
  );
}
