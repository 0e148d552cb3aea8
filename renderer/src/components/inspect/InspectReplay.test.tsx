// Replaying the Inspect part of a diagnostics bundle: the clients as they were at the scrubber, their verdicts rebuilt from the log, read-only.
// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/domain.js';
import { fixtureBundle, fixtureSample, FIXTURE_START } from '../../../../test/fixtures/diagnostics.js';
import { fixtureInspectClient, fixtureInspectSample, notReading } from '../../../../test/fixtures/inspect.js';
import { backToLive, openBundle } from '../../actions/replay.js';
import { useGauge } from '../../store/store.js';
import { fakeLayout } from '../../../../test/renderer/layout.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { Dashboard } from '../layout/Dashboard.js';

const T = FIXTURE_START;
const verdictLog = (t: number, key: string, params: Record<string, string | number>): LogEntry => ({ seq: t, t, level: key.endsWith('cleared') ? 'info' : 'error', category: 'inspect', message: key, key, params });
// Sensor 7 stopped reading at T+1 s ("not reading" from T+2 s), read again at T+4 s (cleared), stopped again at T+6 s and still was at the end.
const sensor = fixtureInspectClient(1, 'sensor-7', { latest: fixtureInspectSample(T + 8000, { unreadMs: 2000 }), verdicts: [notReading(T + 7000, 1000, 4096)] });
const late = fixtureInspectClient(2, 'late-joiner', { openedAt: T + 5000, latest: fixtureInspectSample(T + 8000) });
const bundle = fixtureBundle({
  samples: Array.from({ length: 9 }, (_, i) => fixtureSample(T + i * 1000)),
  log: [
    verdictLog(T + 2000, 'log.inspect-verdict', { connection: 1, clientId: 'sensor-7', rule: 'not-reading', waitedMs: 1000, waitingBytes: 65_536 }),
    verdictLog(T + 4000, 'log.inspect-verdict-cleared', { connection: 1, clientId: 'sensor-7', rule: 'not-reading' }),
    verdictLog(T + 7000, 'log.inspect-verdict', { connection: 1, clientId: 'sensor-7', rule: 'not-reading', waitedMs: 1000, waitingBytes: 4096 }),
  ],
  inspect: {
    status: { listening: true, listen: '127.0.0.1:18830', upstream: 'mqtt://broker:1883', clients: [sensor, late] },
    histories: {
      '1': Array.from({ length: 9 }, (_, i) => fixtureInspectSample(T + i * 1000, { unreadMs: (i >= 1 && i < 4) || i >= 6 ? 1000 * (i >= 6 ? i - 6 : i - 1) + 1 : 0, deliveryRate: i < 1 ? 500 : 0 })),
      '2': [fixtureInspectSample(T + 6000), fixtureInspectSample(T + 7000), fixtureInspectSample(T + 8000)],
    },
  },
});

const scrub = (index: number) => fireEvent.change(screen.getByRole('slider', { name: 'Time' }), { target: { value: String(index) } });
const verdictOf = (connection: number) => screen.getByTestId(`inspect-verdict-${connection}`).getAttribute('data-verdict');

describe('replay of the Inspect part of a bundle', () => {
  it('shows each client as it was at the scrubber, with the verdicts that held then', async () => {
    fakeLayout({ '.inspect-table-scroll': 240, '.inspect-table tbody tr[data-index]': 38 });
    renderWithGauge(<Dashboard />);
    await settle();
    act(() => void openBundle(JSON.stringify(bundle), 'support.json'));
    expect(screen.getByTestId('replay-inspect-part').textContent).toContain('2');
    act(() => useGauge.getState().setView('inspect'));
    // Read-only: the scrubber instead of the proxy's controls.
    expect(screen.getByRole('region', { name: 'Replay' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start the proxy' })).toBeNull();
    // At the end: both clients, sensor 7 not reading.
    expect(verdictOf(1)).toBe('not-reading');
    expect(verdictOf(2)).toBe('');
    // At T+3 s: the first stall held, the late joiner had not connected yet.
    act(() => {
      scrub(3);
    });
    expect(verdictOf(1)).toBe('not-reading');
    expect(screen.queryByTestId('inspect-row-2')).toBeNull();
    // At T+5 s: sensor 7 read again, so no verdict, though the bundle ended with one.
    act(() => {
      scrub(5);
    });
    expect(verdictOf(1)).toBe('');
    // Choosing it shows its samples up to the scrubber, from the bundle.
    act(() => {
      fireEvent.click(screen.getByTestId('inspect-row-1'));
    });
    expect(useGauge.getState().replay?.inspectHistory.map((s) => s.t)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T + i * 1000));
    act(() => {
      scrub(8);
    });
    expect(useGauge.getState().replay?.inspectHistory).toHaveLength(9);
    const detail = screen.getByTestId('inspect-detail');
    expect(within(detail).getByTestId('inspect-verdict-not-reading').textContent).toMatch(/4\.1 kB|4 KiB|4,096/);
    act(() => backToLive());
    expect(screen.queryByTestId('inspect-row-1')).toBeNull();
    expect(screen.getByRole('button', { name: 'Start the proxy' })).toBeTruthy();
  });
});
