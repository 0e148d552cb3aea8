// One uPlot chart fed from the metrics history on the shared animation frame, in the theme's colours, with the tuning markers.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import { useFormat } from '../../i18n/format-hook.js';
import { SERIES, shownHistory, shownMarkers } from '../../metrics/index.js';
import { selectTheme } from '../../store/slices/settings.js';
import { useGauge } from '../../store/store.js';
import { canvasSupported } from './canvas-support.js';
import type { ChartSpec } from './chart-specs.js';
import { registerDrawer } from './frame-scheduler.js';
import { drawMarkers } from './markers-plugin.js';
import { valueFormatter } from './value-format.js';

/** A colour from the theme's CSS custom properties (Inspect's charts read theirs the same way). */
export function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888888';
}

/** The same colour, see-through, for area fills. */
export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Whole decades between min and max, thinned so that labels keep about 22 px apart. */
function decadeSplits(u: uPlot, _axis: number, min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const low = Math.ceil(Math.log10(min) - 1e-9);
  const high = Math.floor(Math.log10(max) + 1e-9);
  const room = Math.max(1, Math.floor(u.bbox.height / (window.devicePixelRatio || 1) / 22));
  const step = Math.max(1, Math.ceil((high - low + 1) / room));
  const splits: number[] = [];
  for (let exponent = low; exponent <= high; exponent += step) splits.push(10 ** exponent);
  return splits;
}

/**
 * One live chart: a uPlot canvas fed from the metrics history on the shared
 * animation frame. React renders it once (and again only for a new language,
 * theme or window); the data never passes through React.
 */
export function LiveChart({ spec }: { spec: ChartSpec }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const theme = useGauge(selectTheme);
  const windowSec = useGauge((s) => s.chartWindowSec);
  const replayed = useGauge((s) => s.replay?.bundle ?? null);
  const plotRef = useRef<HTMLDivElement>(null);
  const valueRefs = useRef<Array<HTMLSpanElement | null>>([]);
  const titleId = useId();

  useEffect(() => {
    const host = plotRef.current;
    if (!host || !canvasSupported()) return;
    const format = valueFormatter(spec.unit, f, t);
    const axis = cssColor('--chart-axis');
    const grid = cssColor('--chart-grid');
    const font = '11px system-ui, sans-serif';
    const names = spec.series.map((series) => series.name);

    const writeLegend = (u: uPlot) => {
      const idx = u.cursor.idx;
      const latest = shownHistory().latest;
      spec.series.forEach((series, i) => {
        const column = u.data[i + 1] as Array<number | null> | undefined;
        // Under the cursor: the value drawn there; otherwise the newest sample's own value.
        const value = column && idx != null ? column[idx] : latest ? SERIES[series.name](latest) : null;
        const span = valueRefs.current[i];
        if (span) span.textContent = format.legend(value);
      });
    };

    const options: uPlot.Options = {
      width: Math.max(120, host.clientWidth),
      height: Math.max(60, host.clientHeight),
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 5 } },
      scales: {
        x: { time: true },
        y: spec.log ? { distr: 3, log: 10 } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [
        { stroke: axis, font, size: 22, space: 72, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1, size: 4 }, values: (_u, splits) => splits.map((s) => f.axisTime(s * 1000)) },
        {
          stroke: axis,
          font,
          size: 50,
          space: 24,
          grid: { stroke: grid, width: 1 },
          ticks: { show: false },
          // A log axis is split at whole decades, as many as fit.
          ...(spec.log ? { splits: decadeSplits } : {}),
          values: (_u, splits) => splits.map((v) => format.axis(v)),
        },
      ],
      series: [
        {},
        ...spec.series.map((series): uPlot.Series => {
          const color = cssColor(series.color);
          return {
            label: t(series.label),
            stroke: color,
            width: series.style === 'limit' ? 1.25 : 1.5,
            ...(series.style === 'area' ? { fill: translucent(color, 0.16) } : {}),
            ...(series.style === 'limit' ? { dash: [6, 4], paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
            points: { show: false },
            spanGaps: false,
          };
        }),
      ],
      hooks: {
        draw: [drawMarkers(!!spec.markerLabels, cssColor, t, f), drawCursor],
        setCursor: [writeLegend],
      },
    };

    let chart: uPlot;
    // In replay: where the scrubber is, as a solid line across the chart.
    function drawCursor(u: uPlot) {
      const cursor = replayed ? shownHistory().latest : null;
      if (!cursor) return;
      const x = Math.round(u.valToPos(cursor.t / 1000, 'x', true));
      const { top, height } = u.bbox;
      u.ctx.save();
      u.ctx.strokeStyle = cssColor('--text');
      u.ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
      u.ctx.beginPath();
      u.ctx.moveTo(x, top);
      u.ctx.lineTo(x, top + height);
      u.ctx.stroke();
      u.ctx.restore();
    }
    try {
      chart = new uPlot(options, [[], ...spec.series.map(() => [])], host);
    } catch {
      return;
    }
    let drawn = '';
    const draw = () => {
      const history = shownHistory();
      const latest = history.latest;
      const key = `${history.version}|${shownMarkers().version}|${chart.width}x${chart.height}`;
      if (!latest || key === drawn) return;
      drawn = key;
      // Live: the last `windowSec` up to the newest sample; replay: the whole recording.
      const fromMs = replayed ? (history.firstTime ?? latest.t) : latest.t - windowSec * 1000;
      const max = (replayed ? (history.lastTime ?? latest.t) : latest.t) / 1000;
      const min = replayed ? Math.min(fromMs / 1000, max - 1) : max - windowSec;
      const data = history.window(names, fromMs, Math.max(100, Math.round(chart.bbox.width / (window.devicePixelRatio || 1))));
      chart.batch(() => {
        chart.setData(data, true);
        chart.setScale('x', { min, max });
      });
      writeLegend(chart);
    };
    const unregister = registerDrawer(draw);
    const resize = new ResizeObserver(() => {
      const width = Math.max(120, host.clientWidth);
      const height = Math.max(60, host.clientHeight);
      if (width !== chart.width || height !== chart.height) chart.setSize({ width, height });
      draw();
    });
    resize.observe(host);
    return () => {
      unregister();
      resize.disconnect();
      chart.destroy();
    };
    // f and t follow i18n.language (listed instead); theme changes the colours read from CSS.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, i18n.language, theme, windowSec, replayed]);

  return (
    <figure className="chart-card" aria-labelledby={titleId} data-testid={`chart-${spec.id}`}>
      <figcaption className="chart-head">
        <h3 id={titleId}>{t(spec.title)}</h3>
        <ul className="chart-legend">
          {spec.series.map((series, i) => (
            <li key={series.name}>
              <span className={`swatch swatch-${series.style}`} style={{ background: `var(${series.color})` }} aria-hidden="true" />
              <span className="legend-label">{t(series.label)}</span>
              <span className="legend-value" ref={(el) => void (valueRefs.current[i] = el)}>
                —
              </span>
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="chart-plot" ref={plotRef} role="img" aria-label={t(spec.description)} />
    </figure>
  );
}
