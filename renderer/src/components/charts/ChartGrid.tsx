// The centre's chart area: the time-window choice, the marker key, and one live chart per spec in chart-specs.ts.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format-hook.js';
import { CHART_WINDOWS_SEC } from '../../store/slices/settings.js';
import { useGauge } from '../../store/store.js';
import { SegmentedChoice } from '../common/fields.js';
import { CHARTS } from './chart-specs.js';
import { LiveChart } from './LiveChart.js';
import './charts.css';

/** Live charts of the channel, the loop and the connection, with a shared time window. */
export function ChartGrid() {
  const { t } = useTranslation();
  const f = useFormat();
  const windowSec = useGauge((s) => s.chartWindowSec);
  const setWindow = useGauge((s) => s.setChartWindow);
  return (
    <section className="chart-area" aria-label={t('charts.title')}>
      <div className="chart-toolbar">
        <h2>{t('charts.title')}</h2>
        <span className="chart-marker-key" aria-hidden="true">
          <span className="marker-line" /> {t('charts.markerKey')}
        </span>
        <SegmentedChoice
          className="small"
          label={t('charts.window')}
          hideLabel
          value={windowSec}
          options={CHART_WINDOWS_SEC.map((value) => ({ value, label: f.duration(value * 1000) }))}
          onValue={setWindow}
        />
      </div>
      <div className="chart-grid">
        {CHARTS.map((spec) => (
          <LiveChart key={spec.id} spec={spec} />
        ))}
      </div>
    </section>
  );
}
