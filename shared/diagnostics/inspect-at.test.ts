// Inspect at one moment of a bundle: which sample stands for a client then, and whether it was open or closed.
import { describe, expect, it } from 'vitest';
import { FIXTURE_START as T } from '../../test/fixtures/diagnostics.js';
import { fixtureInspectClient, fixtureInspectSample } from '../../test/fixtures/inspect.js';
import { inspectAt, sampleAt } from './inspect-at.js';

describe('Inspect at a moment of a bundle', () => {
  it('takes the last sample at or before the moment', () => {
    const samples = [0, 100, 200, 300].map((dt) => fixtureInspectSample(T + dt, { inflight: dt }));
    expect(sampleAt(samples, T + 250)?.inflight).toBe(200);
    expect(sampleAt(samples, T + 300)?.inflight).toBe(300);
    expect(sampleAt(samples, T - 1)).toBeUndefined();
    expect(sampleAt([], T)).toBeUndefined();
  });

  it('shows a client that closed later as open then, and as closed with its ending after', () => {
    const ending = { by: 'broker', clean: false, reasonCode: null, reason: 'the broker closed the connection without DISCONNECT' } as const;
    const client = fixtureInspectClient(3, 'gone', { closedAt: T + 500, ending, latest: fixtureInspectSample(T + 500, { state: 'closed' }) });
    const part = { status: { listening: false, listen: null, upstream: 'mqtt://b:1883', clients: [client] }, histories: { '3': [fixtureInspectSample(T + 100, { publishRate: 42 }), fixtureInspectSample(T + 400)] } };
    const before = inspectAt(part, [], T + 200).clients[0]!;
    expect(before).toMatchObject({ closedAt: null, ending: null, latest: { state: 'connected', publishRate: 42 } });
    const after = inspectAt(part, [], T + 600).clients[0]!;
    expect(after).toMatchObject({ closedAt: T + 500, ending, latest: { state: 'closed' } });
    expect(inspectAt(part, [], T - 1).clients).toHaveLength(0);
  });
});
