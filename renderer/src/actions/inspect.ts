// Inspect from the UI: start the proxy for a saved profile, stop it, and choose the client whose charts are shown.
import type { ProfileSummary } from '../../../shared/contract.js';
import { problemsFromService, type FieldProblem } from '../forms/problems.js';
import { formFromProfile, profileInput } from '../components/connect/profile-form.js';
import { service } from '../service/current.js';
import { rosterOf } from '../../../shared/report/index.js';
import { chooseReplayed } from './replay.js';
import { showReportHistory } from './reports.js';
import { useGauge } from '../store/store.js';

/** Starts the proxy on `listenPort`, forwarding to `profile`'s broker; returns the problems the service found (a port in use). */
export async function startInspect(listenPort: number, profile: ProfileSummary): Promise<FieldProblem[]> {
  const result = await service().startInspect({ listenPort, profile: profileInput(formFromProfile(profile)) });
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setInspect(result.value);
  return [];
}

export async function stopInspect(): Promise<void> {
  const result = await service().stopInspect({});
  if (result.ok) useGauge.getState().setInspect(result.value);
}

/** Shows one client's charts and facts, starting from the samples the service kept. */
export async function chooseInspected(connection: number | null): Promise<void> {
  const store = useGauge.getState();
  // A replayed bundle's client: its samples are in the bundle, not in the service.
  if (store.replay) {
    chooseReplayed(connection);
    return;
  }
  store.selectInspected(connection);
  store.selectReported(null);
  // The same client's own reports, when it sends them, are charted beside what the proxy saw.
  const joined = connection === null ? undefined : rosterOf(store.inspect.clients, store.reports.clients).find((row) => row.inspected?.connection === connection)?.reported;
  void showReportHistory(joined?.clientId ?? null);
  if (connection === null) return;
  const result = await service().getInspectHistory({ connection, seconds: 300 });
  if (result.ok && useGauge.getState().inspectSelected === connection) useGauge.getState().setInspectHistory(result.value);
}
