// The replay panel, in place of the live controls: which bundle, a scrubber through its samples, its alerts and log there, and its summary.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { summarizeBundle } from '../../../../shared/diagnostics/summary.js';
import { alertText, logText, summaryLine } from '../../../../shared/locales/wording.js';
import { backToLive, scrubTo } from '../../actions/replay.js';
import { useFormat } from '../../i18n/format-hook.js';
import { replayTime } from '../../store/slices/replay.js';
import { useGauge } from '../../store/store.js';
import './replay.css';

const LOG_LINES = 30;

/** Replay of a diagnostics bundle: what file, a time scrubber, the alerts and log at the scrubber, and the summary. */
export function ReplayPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const replay = useGauge((s) => s.replay);
  const bundle = replay?.bundle ?? null;
  const summary = useMemo(() => (bundle ? summarizeBundle(bundle).map((item) => summaryLine(item, t, f)) : []), [bundle, t, f]);
  const peakDepth = useMemo(() => (bundle ? bundle.samples.reduce((peak, s) => Math.max(peak, s.depth), 0) : 0), [bundle]);
  if (!replay || !bundle) return null;
  const at = replayTime(replay);
  const alerts = bundle.alerts.filter((a) => a.since <= at && (a.clearedAt === null || a.clearedAt > at));
  const log = bundle.log.filter((entry) => entry.t <= at).slice(-LOG_LINES);
  return (
    <section className="replay-panel panel" aria-label={t('replay.title')} data-testid="replay-panel">
      <div className="replay-banner" role="status">
        <strong>{t('replay.banner', { file: replay.fileName, time: f.clock(bundle.createdAt) })}</strong>
        <button type="button" onClick={backToLive}>
          {t('replay.backToLive')}
        </button>
      </div>
      <div className="replay-scrub">
        <label htmlFor="replay-scrubber">{t('replay.scrubber')}</label>
        <input
          id="replay-scrubber"
          type="range"
          min={0}
          max={Math.max(0, bundle.samples.length - 1)}
          step={1}
          value={replay.index}
          disabled={bundle.samples.length === 0}
          aria-valuetext={f.clock(at)}
          onChange={(event) => scrubTo(Number(event.target.value))}
        />
        <output htmlFor="replay-scrubber" data-testid="replay-time">
          {f.clock(at)}
        </output>
      </div>
      <p className="field-hint">
        {t('replay.peakDepth')} <span data-testid="replay-peak-depth">{peakDepth}</span>
      </p>
      {bundle.inspect ? (
        <p className="field-hint" data-testid="replay-inspect-part">
          {t('replay.inspectPart', { count: bundle.inspect.status.clients.length })}
        </p>
      ) : null}
      <h3>{t('replay.summary')}</h3>
      <ul className="replay-summary" aria-label={t('replay.summary')}>
        {summary.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h3>{t('replay.alertsAt')}</h3>
      <ul className="replay-alerts" aria-label={t('replay.alertsAt')} data-count={alerts.length}>
        {alerts.length === 0 ? <li className="field-hint">{t('replay.noAlerts')}</li> : null}
        {alerts.map((alert) => (
          <li key={`${alert.id}-${alert.since}`} data-alert={alert.id}>
            <strong>{t(`alertTitle.${alert.id}`)}</strong> — {alertText(alert, t, f)}
          </li>
        ))}
      </ul>
      <h3>{t('replay.logUpTo')}</h3>
      <ol className="replay-log" aria-label={t('replay.logUpTo')}>
        {log.map((entry, i) => (
          <li key={i} data-category={entry.category}>
            <time>{f.clock(entry.t)}</time> {logText(entry, t, f)}
          </li>
        ))}
      </ol>
    </section>
  );
}
