// The request channel's depth dial: fill against capacity, coloured by the alert threshold, with the high-water mark and waiting senders.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { useLatestSample } from '../../metrics/use-latest.js';
import { useGauge } from '../../store/store.js';

/** Colour band of a fill level: calm below half, warning to the alert threshold, critical above. */
export function depthLevel(fraction: number, alertPercent: number): 'ok' | 'warn' | 'crit' {
  if (fraction * 100 >= alertPercent) return 'crit';
  if (fraction >= 0.5) return 'warn';
  return 'ok';
}

const R = 52;
const ARC = Math.PI * R; // half circle

/** The channel's depth against its capacity: a half-dial with colour thresholds and the high-water mark. */
export function DepthGauge() {
  const { t } = useTranslation();
  const f = useFormat();
  const depth = useLatestSample((s) => s?.depth ?? 0);
  const capacity = useLatestSample((s) => s?.capacity ?? 0);
  const highWater = useLatestSample((s) => s?.highWater ?? 0);
  const waiting = useLatestSample((s) => s?.waitingSenders ?? 0);
  const alertPercent = useGauge((s) => s.settings?.alerts.depthPercent ?? 80);
  const fraction = capacity > 0 ? Math.min(1, depth / capacity) : 0;
  const highFraction = capacity > 0 ? Math.min(1, highWater / capacity) : 0;
  const level = depthLevel(fraction, alertPercent);
  const angle = Math.PI * (1 - highFraction);
  return (
    <div
      className={`depth-gauge level-${level}`}
      role="meter"
      aria-label={t('gauges.depth')}
      aria-valuemin={0}
      aria-valuemax={capacity}
      aria-valuenow={depth}
      aria-valuetext={t('gauges.depthValueText', { depth: f.count(depth), capacity: f.count(capacity), percent: f.percent(fraction) })}
      data-testid="gauge-depth"
      data-depth={depth}
      data-capacity={capacity}
      data-high-water={highWater}
      data-level={level}
    >
      <div className="gauge-title">{t('gauges.depth')}</div>
      <svg viewBox="0 0 128 74" className="dial" aria-hidden="true">
        <path d={`M ${64 - R} 66 A ${R} ${R} 0 0 1 ${64 + R} 66`} className="dial-track" />
        <path d={`M ${64 - R} 66 A ${R} ${R} 0 0 1 ${64 + R} 66`} className="dial-fill" strokeDasharray={`${ARC * fraction} ${ARC}`} />
        {highWater > 0 ? <line x1={64 + (R - 9) * Math.cos(angle)} y1={66 - (R - 9) * Math.sin(angle)} x2={64 + (R + 9) * Math.cos(angle)} y2={66 - (R + 9) * Math.sin(angle)} className="dial-highwater" /> : null}
      </svg>
      <div className="dial-reading">
        <span className="dial-value">{f.compact(depth)}</span>
        <span className="dial-capacity">{t('gauges.ofCapacity', { capacity: f.compact(capacity) })}</span>
      </div>
      <div className="gauge-foot">
        <span className="dial-percent">{f.percent(fraction)}</span>
        <span title={t('gauges.highWaterHint')}>{t('gauges.highWater', { value: f.compact(highWater) })}</span>
        {waiting > 0 ? <span className="waiting">{t('gauges.waitingSenders', { count: waiting })}</span> : null}
      </div>
    </div>
  );
}
