// The store's connection slice: saved profiles, the active one, the built-in broker, the last connect attempt, and a lost service.
import type { StateCreator } from 'zustand';
import type { BuiltInBrokerInfo, ProfileSummary } from '../../../../shared/contract.js';
import type { ErrorInfo } from '../../../../shared/domain.js';
import type { FieldProblem } from '../../forms/problems.js';

/** Where the last connect attempt stands, as the form shows it. */
export type ConnectAttempt =
  | { phase: 'idle' }
  | { phase: 'connecting'; profileName: string; builtIn: boolean }
  | { phase: 'connected'; profileName: string; builtIn: boolean }
  /** The first attempt failed; the engine keeps retrying in the background. */
  | { phase: 'failed'; profileName: string; builtIn: boolean; error: ErrorInfo | null }
  /** The service refused the command (bad input, …); nothing was changed. */
  | { phase: 'refused'; problems: FieldProblem[] };

export interface ConnectionSlice {
  profiles: ProfileSummary[];
  defaultProfileId: string;
  /** The profile the engine uses now (null before the first connect). */
  activeProfile: ProfileSummary | null;
  builtInBroker: BuiltInBrokerInfo | null;
  serviceVersion: string;
  connectAttempt: ConnectAttempt;
  /** Why the connection to the service itself closed (web mode), or null while it is open. */
  serviceLost: string | null;
  setServiceLost(reason: string | null): void;
  setProfiles(profiles: ProfileSummary[], defaultId: string): void;
  setActiveProfile(profile: ProfileSummary | null): void;
  setBuiltInBroker(info: BuiltInBrokerInfo, version: string): void;
  setConnectAttempt(attempt: ConnectAttempt): void;
}

export const createConnectionSlice: StateCreator<ConnectionSlice> = (set) => ({
  profiles: [],
  defaultProfileId: 'builtin',
  activeProfile: null,
  builtInBroker: null,
  serviceVersion: '',
  connectAttempt: { phase: 'idle' },
  serviceLost: null,
  setServiceLost: (serviceLost) => set({ serviceLost }),
  setProfiles: (profiles, defaultProfileId) => set({ profiles, defaultProfileId }),
  setActiveProfile: (activeProfile) => set({ activeProfile }),
  setBuiltInBroker: (builtInBroker, serviceVersion) => set({ builtInBroker, serviceVersion }),
  setConnectAttempt: (connectAttempt) => set({ connectAttempt }),
});
