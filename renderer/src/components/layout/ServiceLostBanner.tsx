// The banner shown when the page loses the MQTT Gauge service itself (web mode), with a button to reload.
import { useTranslation } from 'react-i18next';
import { useGauge } from '../../store/store.js';

/** Says plainly when the page has lost the MQTT Gauge service itself (web mode): nothing on screen is live any more. */
export function ServiceLostBanner() {
  const { t } = useTranslation();
  const reason = useGauge((s) => s.serviceLost);
  if (reason === null) return null;
  return (
    <div className="service-lost" role="alert" data-testid="service-lost">
      <span>{t('serviceLost.message', { reason })}</span>
      <button type="button" onClick={() => window.location.reload()}>
        {t('serviceLost.reload')}
      </button>
    </div>
  );
}
