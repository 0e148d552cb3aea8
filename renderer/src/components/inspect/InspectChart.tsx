// One chart of a client's samples (the proxy's, or the points of its own reports), drawn with uPlot in the dashboard's chart card and colours.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { InspectSample } from '../../../../shared/inspect.js';
import { useFormat } from '../../i18n/format-hook.js';
import { selectTheme } from '../../store/slices/settings.js';
import { useGauge } from '../../store/store.js';
import { canvasSupported } from '../charts/canvas-support.js';
import { cssColor, translucent } from '../charts/LiveChart.js';
import type { ValueUnit } from '../charts/chart-specs.js';
import { valueFormatter } from '../charts/value-format.js';

/** Anything charted over wall-clock time. */
type Timed = { t: number };

export interface InspectSeries<P extends Timed = InspectSample> {
  /** Catalogue key of its legend label. */
  label: string;
  color: string;
  value(sample: P): number | null;
  style: 'area' | 'line' | 'limit';
}

/** A chart of `samples` (oldest first); React draws the card, uPlot the canvas, and new samples only reach the canvas. */
export function InspectChart<P extends Timed = InspectSample>({ id, title, unit, series, samples }: { id: string; title: string; unit: ValueUnit; series: InspectSeries<P>[]; samples: P[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const theme = useGauge(selectTheme);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const titleId = useId();
  const format = valueFormatter(unit, f, t);

  useEffect(() => {
    const element = host.current;
    if (!element || !canvasSupported()) return;
    const axis = cssColor('--chart-axis');
    const grid = cssColor('--chart-grid');
    const font = '11px system-ui, sans-serif';
    const made = new uPlot(
      {
        width: Math.max(120, element.clientWidth),
        height: Math.max(60, element.clientHeight),
        legend: { show: false },
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 5 } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
        axes: [
          { stroke: axis, font, size: 22, space: 72, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1, size: 4 }, values: (_u, splits) => splits.map((s) => f.axisTime(s * 1000)) },
          { stroke: axis, font, size: 50, space: 24, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map((v) => format.axis(v)) },
        ],
        series: [
          {},
          ...series.map((s): uPlot.Series => {
            const color = cssColor(s.color);
            return {
              label: t(s.label),
              stroke: color,
              width: s.style === 'limit' ? 1.25 : 1.5,
              ...(s.style === 'area' ? { fill: translucent(color, 0.16) } : {}),
              ...(s.style === 'limit' ? { dash: [6, 4] } : {}),
              points: { show: false },
            };
          }),
        ],
      },
      [[], ...series.map(() => [])],
      element,
    );
    chart.current = made;
    const resize = new ResizeObserver(() => made.setSize({ width: Math.max(120, element.clientWidth), height: Math.max(60, element.clientHeight) }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      made.destroy();
      chart.current = null;
    };
    // Made again only for a new language or theme (f, t and format follow the language); data arrives below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language, theme]);

  useEffect(() => {
    chart.current?.setData([samples.map((s) => s.t / 1000), ...series.map((s) => samples.map((sample) => s.value(sample)))]);
  }, [samples, series]);

  const latest = samples.at(-1);
  return (
    <figure className="chart-card" aria-labelledby={titleId} data-testid={`inspect-chart-${id}`}>
      <figcaption className="chart-head">
        <h3 id={titleId}>{title}</h3>
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`swatch swatch-${s.style}`} style={{ background: `var(${s.color})` }} aria-hidden="true" />
              <span className="legend-label">{t(s.label)}</span>
              <span className="legend-value">{format.legend(latest ? s.value(latest) : null)}</span>
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="chart-plot" ref={host} role="img" aria-label={title} />
    </figure>
  );
}
