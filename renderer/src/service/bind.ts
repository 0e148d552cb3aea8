// Wires the service's events into the store and the metrics history, and
// loads what the UI needs to draw itself. Samples go to the ring buffers;
// only what changed reaches React.
import type { GaugeApi } from '../../../shared/contract.js';
import type { LogEntry, Sample } from '../../../shared/domain.js';
import { chartMarkers, markerFromLog, replayView, sampleHistory, type ChartMarker } from '../metrics/index.js';
import { useGauge } from '../store/store.js';
import { setService } from './current.js';

/** How much history to ask for at start: the longest chart window. */
const SEED_SECONDS = 900;

/** One sample: into the history (no render), and its slow facts into the store. */
export function ingestSample(sample: Sample): void {
  sampleHistory.push(sample);
  // In replay the gauges show the recording's sample under the scrubber.
  if (!replayView.active) useGauge.getState().applySample(sample);
}

/** Channel or loop changes of some log lines, onto the charts. */
function markLog(lines: readonly LogEntry[]): void {
  chartMarkers.add(lines.map(markerFromLog).filter((marker): marker is ChartMarker => marker !== null));
}

/** A batch of log lines: into the log, and channel or loop changes onto the charts. */
export function ingestLog(batch: LogEntry[]): void {
  useGauge.getState().appendLog(batch);
  markLog(batch);
}

/** Listens to every event of `api` and loads the first picture; returns the function that stops listening. */
export function bindService(api: GaugeApi): () => void {
  setService(api);
  const store = useGauge.getState();
  const stops = [
    api.on('sample', ingestSample),
    api.on('alerts', (alerts) => useGauge.getState().setAlerts(alerts)),
    api.on('log', ingestLog),
    api.on('messages', (batch) => useGauge.getState().receiveMessages(batch)),
    api.on('publishStatus', (status) => useGauge.getState().applyPublishStatus(status)),
    api.on('load', (load) => useGauge.getState().setLoad(load)),
    api.on('inspect', (status) => useGauge.getState().setInspect(status)),
    api.on('reports', (status) => useGauge.getState().setReports(status)),
    api.on('brokerGrant', (grant) => useGauge.getState().setBrokerGrant(grant)),
  ];
  void Promise.all([api.getSettings({}), api.listProfiles({}), api.getSnapshot({}), api.getHistory({ seconds: SEED_SECONDS })]).then(
    ([settings, profiles, snapshot, history]) => {
      if (settings.ok) store.setSettings(settings.value);
      if (profiles.ok) store.setProfiles(profiles.value.profiles, profiles.value.defaultId);
      if (snapshot.ok) {
        const s = snapshot.value;
        // The desktop shell knows the system's language better than the window's navigator.language.
        if (s.locale) store.setSystemLanguage(s.locale);
        store.setBuiltInBroker(s.builtInBroker, s.version);
        store.setActiveProfile(s.profile);
        store.setSubscriptions(s.subscriptions);
        store.setLoad(s.load);
        store.setAlerts(s.alerts);
        store.setPaused(s.paused);
        store.setInspect(s.inspect);
        store.setReports(s.reports);
        store.setBrokerGrant(s.grant);
        if (s.profile) store.setChannel({ capacity: s.profile.capacity, policy: s.profile.policy, inflightWindow: s.profile.inflight });
        if (s.sample && !useGauge.getState().sampling) useGauge.getState().applySample(s.sample);
        if (s.profile && s.sample?.connectionState === 'connected') store.setConnectAttempt({ phase: 'connected', profileName: s.profile.name, builtIn: s.profile.kind === 'builtin' });
        // What happened before this window listened (auto-connect's lines among it).
        markLog(useGauge.getState().seedLog(s.log));
      }
      if (history.ok) {
        sampleHistory.seed(history.value);
        if (sampleHistory.latest) useGauge.getState().applySample(sampleHistory.latest);
      }
      // The readiness signal end-to-end tests wait on instead of sleeping.
      if (snapshot.ok) document.documentElement.dataset.gaugeReady = 'true';
    },
  );
  return () => {
    for (const stop of stops) stop();
  };
}
