// Replay: a diagnostics bundle opened from a file and shown read-only in the
// same dashboard. The charts and gauges read the bundle's samples (see
// metrics/index.ts replayView) instead of the live stream, which keeps
// flowing underneath so "Back to live" is immediate.
import { historyUpTo, inspectAt } from '../../../shared/diagnostics/inspect-at.js';
import { parseBundle } from '../../../shared/diagnostics/parse.js';
import { requestRedraw } from '../components/charts/frame-scheduler.js';
import { ChartMarkers, markerFromLog, replayView, SampleHistory, sampleHistory, type ChartMarker } from '../metrics/index.js';
import { replayListeners } from '../metrics/use-latest.js';
import { replayTime } from '../store/slices/replay.js';
import { useGauge } from '../store/store.js';

function notify(): void {
  for (const listener of replayListeners) listener();
  requestRedraw();
}

/** Opens a bundle from its file's text: replay on success, the worded problem on failure (and stays live). */
export function openBundle(text: string, fileName: string): boolean {
  const parsed = parseBundle(text);
  if (!parsed.ok) {
    useGauge.getState().setReplayError({ problem: parsed.problem, params: parsed.params });
    return false;
  }
  const { bundle } = parsed;
  const history = new SampleHistory(Math.max(1, bundle.samples.length));
  history.seed(bundle.samples);
  const markers = new ChartMarkers();
  markers.add(bundle.log.map(markerFromLog).filter((marker): marker is ChartMarker => marker !== null));
  replayView.history = history;
  replayView.markers = markers;
  replayView.active = true;
  const index = Math.max(0, bundle.samples.length - 1);
  // A client chosen live is not the bundle's client of the same number.
  useGauge.getState().selectInspected(null);
  // Advice is about the history it studied: the live one's does not hold for the bundle, nor the other way round.
  useGauge.getState().setAdvice(null);
  useGauge.getState().setReplay({ bundle, fileName, index, inspect: null, inspectHistory: [] });
  scrubTo(index);
  return true;
}

/** Moves the scrubber to the `index`-th sample of the bundle. */
export function scrubTo(index: number): void {
  const replay = useGauge.getState().replay;
  if (!replay) return;
  const sample = replay.bundle.samples[index];
  useGauge.getState().setReplayIndex(index);
  if (sample) {
    replayView.history.pointAt(sample);
    useGauge.getState().applySample(sample);
  }
  replayInspect(replayTime({ bundle: replay.bundle, index }));
  notify();
}

/** Inspect at the scrubber's time `t`, and the chosen client's samples up to it. */
function replayInspect(t: number): void {
  const store = useGauge.getState();
  const part = store.replay?.bundle.inspect;
  if (!part) return;
  const selected = store.inspectSelected;
  store.setReplayInspect(inspectAt(part, store.replay!.bundle.log, t), selected === null ? [] : historyUpTo(part, selected, t));
}

/** Chooses a client of the replayed bundle's Inspect part: its charts show its samples up to the scrubber. */
export function chooseReplayed(connection: number | null): void {
  const store = useGauge.getState();
  store.selectInspected(connection);
  if (store.replay) replayInspect(replayTime(store.replay));
}

/** Leaves replay: the dashboard shows the live stream again. */
export function backToLive(): void {
  replayView.active = false;
  replayView.history = new SampleHistory(1);
  replayView.markers = new ChartMarkers();
  useGauge.getState().setReplay(null);
  useGauge.getState().selectInspected(null);
  useGauge.getState().setAdvice(null);
  if (sampleHistory.latest) useGauge.getState().applySample(sampleHistory.latest);
  notify();
}
