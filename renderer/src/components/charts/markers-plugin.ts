// Markers on the charts: a dashed line, and a label where it fits, at each capacity, policy or in-flight change, pause, resume and drill.
import type { TFunction } from 'i18next';
import type uPlot from 'uplot';
import type { Formatters } from '../../../../shared/format/index.js';
import { policyName } from '../../../../shared/locales/wording.js';
import { shownMarkers, type ChartMarker } from '../../metrics/index.js';

/** The CSS custom property holding each kind of marker's colour. */
const MARKER_COLORS: Record<ChartMarker['kind'], string> = {
  capacity: '--marker-capacity',
  policy: '--marker-policy',
  inflight: '--marker-inflight',
  pause: '--marker-pause',
  resume: '--marker-resume',
  drill: '--marker-drill',
};

export function markerLabel(marker: ChartMarker, t: TFunction, f: Formatters): string {
  switch (marker.kind) {
    case 'capacity':
      return t('charts.marker.capacity', { to: marker.to === null ? '?' : f.compact(marker.to) });
    case 'policy':
      return t('charts.marker.policy', { to: policyName(t, marker.to) });
    case 'inflight':
      return t('charts.marker.inflight', { to: marker.to === null ? '?' : f.compact(marker.to) });
    case 'pause':
      return t('charts.marker.pause');
    case 'resume':
      return t('charts.marker.resume');
    case 'drill':
      return marker.phase === 'start' ? t('charts.marker.drillStart', { drill: t(`drill.${marker.drill}`) }) : t('charts.marker.drillEnd', { drill: t(`drill.${marker.drill}`) });
  }
}

/** A draw hook that puts a dashed vertical line (and, if asked, a label) at each change. */
export function drawMarkers(withLabels: boolean, color: (cssVar: string) => string, t: TFunction, f: Formatters): (u: uPlot) => void {
  return (u) => {
    const markers = shownMarkers().all;
    if (markers.length === 0) return;
    const { left, top, width, height } = u.bbox;
    const ctx = u.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = Math.max(1, dpr);
    ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    // Where each label row is free again; a label that fits no row is left out (its line stays).
    const rowEnds = [-Infinity, -Infinity, -Infinity];
    for (const marker of markers) {
      const x = Math.round(u.valToPos(marker.t / 1000, 'x', true));
      if (x < left || x > left + width) continue;
      const stroke = color(MARKER_COLORS[marker.kind]);
      ctx.strokeStyle = stroke;
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x + 0.5, top);
      ctx.lineTo(x + 0.5, top + height);
      ctx.stroke();
      if (withLabels) {
        const label = markerLabel(marker, t, f);
        const textWidth = ctx.measureText(label).width;
        const textX = Math.min(x + 3 * dpr, left + width - textWidth - 2 * dpr);
        const row = rowEnds.findIndex((end) => textX > end);
        if (row === -1) continue;
        ctx.fillStyle = stroke;
        ctx.fillText(label, textX, top + (2 + row * 12) * dpr);
        rowEnds[row] = textX + textWidth + 4 * dpr;
      }
    }
    ctx.restore();
  };
}
