// For renderer tests: fills the store from the fake service the way the app does when it starts.
import type { FakeApi } from './fake-api.js';
import { useGauge } from '../../renderer/src/store/store.js';

/** Loads the profiles and the snapshot from the fake service, as the app does at start. */
export async function refresh(api: FakeApi): Promise<void> {
  const profiles = await api.listProfiles({});
  if (profiles.ok) useGauge.getState().setProfiles(profiles.value.profiles, profiles.value.defaultId);
  const snapshot = await api.getSnapshot({});
  if (snapshot.ok) useGauge.getState().setBuiltInBroker(snapshot.value.builtInBroker, snapshot.value.version);
}
