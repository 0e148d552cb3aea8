// The header's connection pill: a coloured dot, the state (or reconnecting), the profile's name and the uptime.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';
import { selectRetrying } from '../../store/slices/health.js';
import { useGauge } from '../../store/store.js';

/** The connection's state at a glance: a coloured dot, the state, the profile, and how long it has been up. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const f = useFormat();
  const state = useGauge((s) => s.connectionState);
  const retrying = useGauge(selectRetrying);
  const profileName = useGauge((s) => s.activeProfile?.name ?? null);
  const builtIn = useGauge((s) => s.activeProfile?.kind === 'builtin');
  const uptimeSec = useLatestSample((s) => (s?.connectedSince ? Math.max(0, Math.floor((s.t - s.connectedSince) / 1000)) : null));
  return (
    <div className="connection-status" data-state={state} data-retrying={retrying ? 'true' : 'false'}>
      <span className="status-dot" aria-hidden="true" />
      <span data-testid="connection-state" data-state={state} className="status-text">
        {retrying ? t('health.reconnecting') : t(`connectionState.${state}`)}
      </span>
      {profileName ? <span className="status-target">{builtIn ? t('header.builtInBroker') : profileName}</span> : null}
      {uptimeSec !== null ? <span className="status-uptime">{t('header.uptime', { uptime: f.seconds(uptimeSec) })}</span> : null}
    </div>
  );
}
