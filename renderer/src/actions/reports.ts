// Client reports from the UI: listen at a saved profile's broker, stop, and choose a reporting client whose figures and charts are shown.
import type { ProfileSummary } from '../../../shared/contract.js';
import { problemsFromService, type FieldProblem } from '../forms/problems.js';
import { formFromProfile, profileInput } from '../components/connect/profile-form.js';
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

/** Listens for reports on `<topicPrefix>#` at `profile`'s broker (null: the current connection's); returns the problems the service found. */
export async function startReports(profile: ProfileSummary | null, topicPrefix: string): Promise<FieldProblem[]> {
  const result = await service().startReports({ ...(profile ? { profile: profileInput(formFromProfile(profile)) } : {}), topicPrefix });
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setReports(result.value);
  return [];
}

export async function stopReports(): Promise<void> {
  const result = await service().stopReports({});
  if (result.ok) useGauge.getState().setReports(result.value);
}

/** Loads the points the service kept of `clientId`, for the charts (null: none shown). */
export async function showReportHistory(clientId: string | null): Promise<void> {
  const store = useGauge.getState();
  store.setReportHistory(clientId, []);
  if (clientId === null) return;
  const result = await service().getReportHistory({ clientId });
  if (result.ok && useGauge.getState().reportHistoryOf === clientId) useGauge.getState().setReportHistory(clientId, result.value);
}

/** Chooses a client only its reports show (null: none); a proxied row's choice is cleared. */
export async function chooseReported(clientId: string | null): Promise<void> {
  const store = useGauge.getState();
  store.selectInspected(null);
  store.selectReported(clientId);
  await showReportHistory(clientId);
}
