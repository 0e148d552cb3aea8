// What each live chart draws: its series (from the metrics history), how
// each is drawn, and how its values read.
import { tk } from '../../i18n/keys.js';
import type { SeriesName } from '../../metrics/index.js';

export type ValueUnit = 'count' | 'rate' | 'ms';

export interface ChartSeriesSpec {
  name: SeriesName;
  /** Catalogue key of the legend label. */
  label: string;
  /** CSS custom property holding its colour. */
  color: string;
  style: 'area' | 'line' | 'limit';
}

export interface ChartSpec {
  id: 'depth' | 'failures' | 'inflight' | 'throughput' | 'latency' | 'ping';
  title: string;
  description: string;
  unit: ValueUnit;
  series: ChartSeriesSpec[];
  /** Logarithmic y axis (latencies span orders of magnitude). */
  log?: boolean;
  /** Write what changed next to each marker line (the other charts draw the lines only). */
  markerLabels?: boolean;
}

export const CHARTS: ChartSpec[] = [
  {
    id: 'depth',
    title: tk('charts.depth.title'),
    description: tk('charts.depth.description'),
    unit: 'count',
    markerLabels: true,
    series: [
      { name: 'depth', label: tk('charts.series.depth'), color: '--chart-depth', style: 'area' },
      { name: 'capacity', label: tk('charts.series.capacity'), color: '--chart-limit', style: 'limit' },
      { name: 'waitingSenders', label: tk('charts.series.waiting'), color: '--chart-waiting', style: 'line' },
    ],
  },
  {
    id: 'failures',
    title: tk('charts.failures.title'),
    description: tk('charts.failures.description'),
    unit: 'rate',
    series: [
      { name: 'failedRate', label: tk('charts.series.failed'), color: '--chart-failed', style: 'area' },
      { name: 'droppedOldestRate', label: tk('charts.series.droppedOldest'), color: '--chart-dropped-oldest', style: 'line' },
      { name: 'droppedNewestRate', label: tk('charts.series.droppedNewest'), color: '--chart-dropped-newest', style: 'line' },
    ],
  },
  {
    id: 'inflight',
    title: tk('charts.inflight.title'),
    description: tk('charts.inflight.description'),
    unit: 'count',
    series: [
      { name: 'inflight', label: tk('charts.series.inflight'), color: '--chart-inflight', style: 'area' },
      { name: 'maxInflight', label: tk('charts.series.window'), color: '--chart-limit', style: 'limit' },
    ],
  },
  {
    id: 'throughput',
    title: tk('charts.throughput.title'),
    description: tk('charts.throughput.description'),
    unit: 'rate',
    series: [
      { name: 'messagesOutRate', label: tk('charts.series.out'), color: '--chart-out', style: 'area' },
      { name: 'messagesInRate', label: tk('charts.series.in'), color: '--chart-in', style: 'line' },
      { name: 'acceptedRate', label: tk('charts.series.accepted'), color: '--chart-accepted', style: 'line' },
    ],
  },
  {
    id: 'latency',
    title: tk('charts.latency.title'),
    description: tk('charts.latency.description'),
    unit: 'ms',
    log: true,
    series: [
      { name: 'queueP50', label: tk('charts.series.queueP50'), color: '--chart-queue-p50', style: 'line' },
      { name: 'queueP99', label: tk('charts.series.queueP99'), color: '--chart-queue-p99', style: 'line' },
      { name: 'ackP50', label: tk('charts.series.ackP50'), color: '--chart-ack-p50', style: 'line' },
      { name: 'ackP99', label: tk('charts.series.ackP99'), color: '--chart-ack-p99', style: 'line' },
    ],
  },
  {
    id: 'ping',
    title: tk('charts.ping.title'),
    description: tk('charts.ping.description'),
    unit: 'ms',
    series: [{ name: 'pingRtt', label: tk('charts.series.ping'), color: '--chart-ping', style: 'line' }],
  },
];
