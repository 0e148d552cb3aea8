// One requestAnimationFrame for every chart: samples and markers only ask
// for a frame, so however fast they come, charts redraw at most once per
// frame (and not at all while the page is hidden).
import { chartMarkers, sampleHistory } from '../../metrics/index.js';

const drawers = new Set<() => void>();
let frame = 0;

function run(): void {
  frame = 0;
  for (const draw of drawers) draw();
}

export function requestDraw(): void {
  if (frame === 0 && drawers.size > 0 && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
}

/** Adds a chart's draw function; returns the function that removes it. */
export function registerDrawer(draw: () => void): () => void {
  drawers.add(draw);
  requestDraw();
  return () => {
    drawers.delete(draw);
  };
}

sampleHistory.subscribe(requestDraw);
chartMarkers.subscribe(requestDraw);

/** Tells every chart to draw again (the replay's bundle or cursor changed). */
export function requestRedraw(): void {
  requestDraw();
}
