// The header's reminder that the load generator is running, and at what rate.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';

/** A small reminder in the header that the load generator is running. */
export function LoadIndicator() {
  const { t } = useTranslation();
  const f = useFormat();
  const running = useGauge((s) => s.load.running);
  const rate = useGauge((s) => s.load.rate);
  if (!running) return null;
  return <span className="header-pill load-pill">{t('header.loadRunning', { rate: f.count(rate) })}</span>;
}
