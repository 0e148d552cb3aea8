// How chart values read on the axis and in the legend: counts, rates per second and latencies, in the reader's locale.
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../../shared/format/index.js';
import type { ValueUnit } from './chart-specs.js';

/** How a chart's values read on its axis and in its legend. */
export function valueFormatter(unit: ValueUnit, f: Formatters, t: TFunction): { axis(value: number): string; legend(value: number | null | undefined): string } {
  const none = '—';
  switch (unit) {
    case 'count':
      return { axis: (v) => f.compact(v), legend: (v) => (v == null ? none : f.compact(v)) };
    case 'rate':
      return { axis: (v) => f.compact(v), legend: (v) => (v == null ? none : t('charts.perSecond', { rate: f.compact(v) })) };
    case 'ms':
      return { axis: (v) => f.latency(v), legend: (v) => (v == null ? none : f.latency(v)) };
  }
}
