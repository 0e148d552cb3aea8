// Connecting, disconnecting and the saved profiles: plain functions that
// validate with the shared schema, call the service and update the store.
import type { ProfileSummary } from '../../../shared/contract.js';
import { connectionProfile, type ConnectionProfileInput } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

/** Checks a profile as the service will; the problems name the form's fields. */
export function checkProfile(input: ConnectionProfileInput): FieldProblem[] {
  const parsed = connectionProfile.safeParse(input);
  return parsed.success ? [] : problemsFromZod(parsed.error);
}

/** Connects with `input`. Sends nothing and returns the problems when it is invalid. */
export async function connectWith(input: ConnectionProfileInput): Promise<FieldProblem[]> {
  const problems = checkProfile(input);
  if (problems.length > 0) return problems;
  const store = useGauge.getState();
  store.setConnectAttempt({ phase: 'connecting', profileName: input.name, builtIn: input.kind === 'builtin' });
  const result = await service().connect({ profile: input });
  if (!result.ok) {
    const refused = problemsFromService(result.error, 'profile.');
    store.setConnectAttempt({ phase: 'refused', problems: refused });
    return refused;
  }
  const { profile, connected, error } = result.value;
  store.setActiveProfile(profile);
  store.setChannel({ capacity: profile.capacity, policy: profile.policy, inflightWindow: profile.inflight, inflightAppliedLive: true });
  const builtIn = profile.kind === 'builtin';
  store.setConnectAttempt(connected ? { phase: 'connected', profileName: profile.name, builtIn } : { phase: 'failed', profileName: profile.name, builtIn, error });
  return [];
}

export async function disconnect(): Promise<void> {
  const result = await service().disconnect({});
  if (result.ok || result.error.code === 'not-connected') useGauge.getState().setConnectAttempt({ phase: 'idle' });
}

export async function refreshProfiles(): Promise<void> {
  const result = await service().listProfiles({});
  if (result.ok) useGauge.getState().setProfiles(result.value.profiles, result.value.defaultId);
}

/** Saves `input` as a profile of the person's own (it becomes the default). */
export async function saveProfile(input: ConnectionProfileInput): Promise<{ problems: FieldProblem[]; saved: ProfileSummary | null }> {
  const problems = checkProfile(input);
  if (problems.length > 0) return { problems, saved: null };
  const result = await service().saveProfile({ profile: input });
  if (!result.ok) return { problems: problemsFromService(result.error, 'profile.'), saved: null };
  await refreshProfiles();
  return { problems: [], saved: result.value };
}

export async function deleteProfile(id: string): Promise<void> {
  const result = await service().deleteProfile({ id });
  if (result.ok) useGauge.getState().setProfiles(result.value.profiles, result.value.defaultId);
}
