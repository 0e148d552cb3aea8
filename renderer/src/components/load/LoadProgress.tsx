// A load run's progress: sent, accepted, failed and dropped, the rate reached, how far along it is, and its timing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useGauge } from '../../store/store.js';
import { LoadTiming } from './LoadTiming.js';

/**
 * The load generator as it runs: what was sent, accepted, refused and
 * dropped, the rate reached, and how far it is, from what the run itself was
 * asked for (so a run started elsewhere, by the CLI or another window, shows
 * its progress too, and editing the form does not move the bar).
 */
export function LoadProgress() {
  const { t } = useTranslation();
  const f = useFormat();
  const load = useGauge((s) => s.load);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!load.running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [load.running]);

  if (!load.startedAt && load.sent === 0) return <p className="empty-note" data-testid="load-progress" data-running="false">{t('load.idle')}</p>;
  const elapsedMs = load.startedAt ? Math.max(0, now - load.startedAt) : 0;
  const achieved = elapsedMs > 0 ? (load.sent / elapsedMs) * 1000 : 0;
  const fraction = load.count ? load.sent / load.count : load.durationSec ? elapsedMs / (load.durationSec * 1000) : null;
  return (
    <div className="load-progress" data-testid="load-progress" data-running={load.running} role="status" aria-live="off">
      <div className="load-headline">
        <span className={load.running ? 'status-dot running' : 'status-dot'} aria-hidden="true" />
        {load.running ? t('load.running', { rate: f.count(load.rate) }) : t(`loadEnd.${load.endReason ?? 'stopped'}`)}
      </div>
      {fraction !== null && load.running ? <progress max={1} value={Math.min(1, fraction)} aria-label={t('load.progress')} /> : null}
      <dl className="load-figures">
        <div>
          <dt>{t('load.sent')}</dt>
          <dd data-testid="load-sent">{f.count(load.sent)}</dd>
        </div>
        <div>
          <dt>{t('load.accepted')}</dt>
          <dd data-testid="load-accepted">{f.count(load.accepted)}</dd>
        </div>
        <div className={load.failed > 0 ? 'bad' : undefined}>
          <dt>{t('load.failed')}</dt>
          <dd data-testid="load-failed">{f.count(load.failed)}</dd>
        </div>
        <div className={load.dropped > 0 ? 'warn' : undefined}>
          <dt>{t('load.dropped')}</dt>
          <dd data-testid="load-dropped">{f.count(load.dropped)}</dd>
        </div>
        {load.running ? (
          <div>
            <dt>{t('load.achieved')}</dt>
            <dd>{t('charts.perSecond', { rate: f.compact(achieved) })}</dd>
          </div>
        ) : null}
        {load.running ? (
          <div>
            <dt>{t('load.elapsed')}</dt>
            <dd>{f.duration(Math.floor(elapsedMs / 1000) * 1000)}</dd>
          </div>
        ) : null}
      </dl>
      <LoadTiming load={load} />
    </div>
  );
}
