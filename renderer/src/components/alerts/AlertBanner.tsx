// The alert banner above the gauges: each alert that holds, worded in the reader's language, with a one-click fix where there is one.
import { useTranslation } from 'react-i18next';
import { LIMITS, type Alert } from '../../../../shared/domain.js';
import { adviseNow } from '../../actions/advisor.js';
import { applyCapacity, applyPolicy, setLoopStalled } from '../../actions/channel.js';
import { useFormat } from '../../i18n/format-hook.js';
import { alertText } from '../../../../shared/locales/wording.js';
import { useGauge } from '../../store/store.js';
import './alerts.css';

/** What a person can do about an alert, one click away. */
function AlertAction({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const f = useFormat();
  const capacity = useGauge((s) => s.capacity);
  const paused = useGauge((s) => s.paused);
  const policy = useGauge((s) => s.policy);
  if (alert.id === 'loop-stalled' && paused) {
    return (
      <button type="button" className="alert-action" onClick={() => void setLoopStalled(false)}>
        {t('alertBanner.resume')}
      </button>
    );
  }
  if ((alert.id === 'channel-nearly-full' || alert.id === 'try-publish-failing') && capacity < LIMITS.maxCapacity) {
    const raised = Math.min(LIMITS.maxCapacity, capacity * 2);
    // Doubling is the quick fix; the advisor says from the recording whether capacity is the cure at all, and how much.
    return (
      <>
        <button type="button" className="alert-action" onClick={() => void applyCapacity(raised)}>
          {t('alertBanner.raiseCapacity', { capacity: f.count(raised) })}
        </button>
        <button type="button" className="alert-action link-button" onClick={() => void adviseNow()}>
          {t('alertBanner.askAdvisor')}
        </button>
      </>
    );
  }
  if (alert.id === 'messages-dropped' && policy !== 'block') {
    return (
      <button type="button" className="alert-action" onClick={() => void applyPolicy('block')}>
        {t('alertBanner.switchToBlock')}
      </button>
    );
  }
  return null;
}

function SeverityIcon({ severity }: { severity: Alert['severity'] }) {
  return (
    <svg className="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
      {severity === 'critical' ? <circle cx="10" cy="10" r="8.5" /> : <path d="M10 1.8 19 17.8H1z" />}
      <path d="M10 6v5.2" className="glyph" />
      <circle cx="10" cy={severity === 'critical' ? 14.2 : 14.6} r="1.1" className="glyph-dot" />
    </svg>
  );
}

function AlertItem({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const f = useFormat();
  // The service pushes an alert again whenever its numbers move, so its words follow them; the title (the live region) does not change.
  return (
    <article className={`alert-item severity-${alert.severity}`} data-testid={`alert-${alert.id}`} data-severity={alert.severity}>
      <SeverityIcon severity={alert.severity} />
      <div className="alert-body">
        <p role="alert" className="alert-title">
          {t(`alertTitle.${alert.id}`)}
        </p>
        <p className="alert-message">{alertText(alert, t, f)}</p>
      </div>
      <span className="alert-since">{t('alertBanner.since', { time: f.axisTime(alert.since) })}</span>
      <AlertAction alert={alert} />
    </article>
  );
}

/** The alerts that hold now, most severe first, each with its plain-language advice. */
export function AlertBanner() {
  const { t } = useTranslation();
  const alerts = useGauge((s) => s.alerts);
  const sorted = [...alerts].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
  return (
    <section className={alerts.length > 0 ? 'alert-banner active' : 'alert-banner'} aria-label={t('alertBanner.title')} data-testid="alert-banner" data-count={alerts.length}>
      {sorted.length === 0 ? (
        <p className="alert-none">{t('alertBanner.none')}</p>
      ) : (
        sorted.map((alert) => <AlertItem key={alert.id} alert={alert} />)
      )}
    </section>
  );
}
