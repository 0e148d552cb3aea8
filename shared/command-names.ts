// Every command's name in a fixed order, for the preload and the web client.
import type { CommandName } from './schemas.js';

/** Every command, in a fixed order; the preload exposes one method for each. */
export const COMMAND_NAMES: readonly CommandName[] = [
  'connect',
  'disconnect',
  'publish',
  'startLoad',
  'stopLoad',
  'setCapacity',
  'setOverflowPolicy',
  'setInflight',
  'pauseLoop',
  'resumeLoop',
  'subscribe',
  'unsubscribe',
  'getSnapshot',
  'getHistory',
  'getSettings',
  'setSettings',
  'listProfiles',
  'saveProfile',
  'deleteProfile',
  'setFault',
  'exportDiagnostics',
  'startInspect',
  'stopInspect',
  'getInspect',
  'getInspectHistory',
  'probeBroker',
];
