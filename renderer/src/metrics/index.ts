// The one metrics history and marker list of the running app. Module-level
// on purpose: the sample stream writes here without going through React.
import { ChartMarkers } from './markers.js';
import { SampleHistory } from './sample-history.js';

export const sampleHistory = new SampleHistory();
export const chartMarkers = new ChartMarkers();

/**
 * Replay of a diagnostics bundle: its own history and markers, which the
 * charts and gauges read instead of the live ones while `active`. Its
 * history's `latest` is the sample under the scrubber.
 */
export const replayView = {
  active: false,
  history: new SampleHistory(1),
  markers: new ChartMarkers(),
};

/** The history the charts and gauges show: the replayed one, or the live one. */
export function shownHistory(): SampleHistory {
  return replayView.active ? replayView.history : sampleHistory;
}

/** The markers the charts show. */
export function shownMarkers(): ChartMarkers {
  return replayView.active ? replayView.markers : chartMarkers;
}

export { SampleHistory, SERIES, type SeriesName, type SeriesWindow } from './sample-history.js';
export { ChartMarkers, markerFromLog, type ChartMarker } from './markers.js';
