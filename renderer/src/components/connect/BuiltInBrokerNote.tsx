// The connect panel's note on the built-in test broker: where it listens, what it cannot do, and a hint to use one's own broker.
import { useTranslation } from 'react-i18next';
import { useGauge } from '../../store/store.js';

/** What the built-in test broker is, where it listens, what it cannot do, and how to use a broker of one's own. */
export function BuiltInBrokerNote() {
  const { t } = useTranslation();
  const info = useGauge((s) => s.builtInBroker);
  const limits = info?.limits ?? [];
  return (
    <div className="builtin-note" data-testid="builtin-broker">
      <p className="builtin-where">
        {info?.running && info.port !== null ? t('builtIn.listening', { address: `127.0.0.1:${info.port}` }) : t('builtIn.notRunning')}
      </p>
      <ul className="builtin-limits" aria-label={t('builtIn.limitsTitle')}>
        <li className="builtin-limits-title" aria-hidden="true">
          {t('builtIn.limitsTitle')}
        </li>
        {limits.map((id) => (
          <li key={id} title={t(`builtIn.limit.${id}`)}>
            <span aria-hidden="true">{t(`builtIn.short.${id}`)}</span>
            <span className="visually-hidden">{t(`builtIn.limit.${id}`)}</span>
          </li>
        ))}
      </ul>
      <p className="builtin-hint">{t('builtIn.ownBrokerHint')}</p>
    </div>
  );
}
