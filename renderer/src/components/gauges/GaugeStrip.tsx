// The strip of big figures under the alerts: the depth dial, the stat tiles and the connection health card.
import { useTranslation } from 'react-i18next';
import { DepthGauge } from './DepthGauge.js';
import { HealthCard } from './HealthCard.js';
import { AcceptedTile, DroppedTile, FailedTile, InflightTile, LatencyTile, ThroughputTile } from './StatTiles.js';
import './gauges.css';

/** The big figures: depth against capacity, failures, drops, in-flight, throughput, latency, and connection health. */
export function GaugeStrip() {
  const { t } = useTranslation();
  return (
    <section className="gauge-strip" aria-label={t('gauges.title')}>
      <DepthGauge />
      <div className="stat-grid">
        <FailedTile />
        <DroppedTile />
        <InflightTile />
        <AcceptedTile />
        <ThroughputTile />
        <LatencyTile />
      </div>
      <HealthCard />
    </section>
  );
}
