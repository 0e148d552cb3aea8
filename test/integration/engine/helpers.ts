// Shared set-up for the engine's integration tests: a client, its event
// loop, a runner that records every event and error, and how long
// vi.waitFor may poll for a condition instead of sleeping.
import { createClient, EventLoopRunner, type ClientOptions, type CreateClientExtras, type Event } from '../../../main/engine/index.js';

/** A client with its loop, and what the loop reported. */
export interface EngineUnderTest {
  client: ReturnType<typeof createClient>['client'];
  eventLoop: ReturnType<typeof createClient>['eventLoop'];
  runner: EventLoopRunner;
  events: Event[];
  errors: Error[];
  /** Stops the runner and closes the connection. */
  close(): Promise<void>;
}

const open = new Set<EngineUnderTest>();

/** Creates a client; the runner is created but not started unless `start` is true. */
export function engine(options: ClientOptions, cap: number, extras: CreateClientExtras & { start?: boolean } = {}): EngineUnderTest {
  const { client, eventLoop } = createClient({ reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, ...options }, cap, extras);
  const events: Event[] = [];
  const errors: Error[] = [];
  const runner = new EventLoopRunner(eventLoop, {
    onEvent: (event) => {
      if (events.length < 200_000) events.push(event);
    },
    onError: (error) => errors.push(error),
  });
  const underTest: EngineUnderTest = {
    client,
    eventLoop,
    runner,
    events,
    errors,
    async close() {
      open.delete(underTest);
      eventLoop.close();
      await runner.stop();
    },
  };
  open.add(underTest);
  if (extras.start) runner.start();
  return underTest;
}

/** Closes every engine a test left open. */
export async function closeAllEngines(): Promise<void> {
  await Promise.all([...open].map((e) => e.close()));
}

/** vi.waitFor's options for these tests: a real broker gets up to 10 s, checked every 10 ms (vitest's own default is 1 s). */
export const POLL = { timeout: 10_000, interval: 10 } as const;

/** True when the promise is still pending after the current macrotask queue drains. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return !settled;
}

/** Events of one kind, for assertions. */
export function outgoing(events: Event[], cmd: string): Array<Extract<Event, { type: 'outgoing' }>> {
  return events.filter((e): e is Extract<Event, { type: 'outgoing' }> => e.type === 'outgoing' && e.cmd === cmd);
}
