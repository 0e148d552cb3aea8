import { useTranslation } from 'react-i18next';
import { BUILTIN_LIMIT_KEYS } from '../../../../shared/locales/keys.js';
import { useGauge } from '../../store/store.js';

/** The service's English limits, in order; when they match, the catalogue words them. */
const KNOWN_LIMITS = [/^Speaks MQTT 3\.1\.1/, /^Plain TCP only/, /^Listens on 127\.0\.0\.1 only/, /^Keeps everything in memory/, /^No authentication/, /^For those features, connect to a real broker/];

/** What the built-in test broker is, where it listens, what it cannot do, and how to use a broker of one's own. */
export function BuiltInBrokerNote() {
  const { t } = useTranslation();
  const info = useGauge((s) => s.builtInBroker);
  const limits = info?.limits ?? [];
  const worded = limits.length === BUILTIN_LIMIT_KEYS.length && limits.every((limit, i) => KNOWN_LIMITS[i]!.test(limit));
  return (
    <div className="builtin-note" data-testid="builtin-broker">
      <p className="builtin-where">
        {info?.running && info.port !== null ? t('builtIn.listening', { address: `127.0.0.1:${info.port}` }) : t('builtIn.notRunning')}
      </p>
      <ul className="builtin-limits" aria-label={t('builtIn.limitsTitle')}>
        <li className="builtin-limits-title" aria-hidden="true">
          {t('builtIn.limitsTitle')}
        </li>
        {worded
          ? BUILTIN_LIMIT_KEYS.map((key) => (
              <li key={key} title={t(`builtIn.limit.${key}`)}>
                <span aria-hidden="true">{t(`builtIn.short.${key}`)}</span>
                <span className="visually-hidden">{t(`builtIn.limit.${key}`)}</span>
              </li>
            ))
          : limits.map((limit) => <li key={limit}>{limit}</li>)}
      </ul>
      <p className="builtin-hint">{t('builtIn.ownBrokerHint')}</p>
    </div>
  );
}
