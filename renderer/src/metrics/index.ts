// The one metrics history and marker list of the running app. Module-level
// on purpose: the sample stream writes here without going through React.
import { ChartMarkers } from './markers.js';
import { SampleHistory } from './sample-history.js';

export const sampleHistory = new SampleHistory();
export const chartMarkers = new ChartMarkers();

export { SampleHistory, SERIES, type SeriesName, type SeriesWindow } from './sample-history.js';
export { ChartMarkers, markerFromLog, type ChartMarker } from './markers.js';
