// The tuning panel's event loop pill: polling, slow, or paused, and for how long.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';
import { useGauge } from '../../store/store.js';

/** Whether the event loop is being polled, and if not, for how long it has not been. */
export function LoopStatus() {
  const { t } = useTranslation();
  const f = useFormat();
  const paused = useGauge((s) => s.paused);
  // Whole tenths of a second, and only once it matters, so this renders rarely.
  const idleTenths = useLatestSample((s) => (s && s.sinceLastPollMs >= 500 ? Math.floor(s.sinceLastPollMs / 100) : 0));
  const state = paused ? 'paused' : idleTenths > 0 ? 'slow' : 'polling';
  return (
    <p className={`loop-status loop-${state}`} data-testid="loop-status" data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="loop-label">{t('tuning.loopLabel')}</span>
      {paused
        ? t('tuning.loopPaused', { duration: f.duration(idleTenths * 100) })
        : idleTenths > 0
          ? t('tuning.loopSlow', { duration: f.duration(idleTenths * 100) })
          : t('tuning.loopPolling')}
    </p>
  );
}
