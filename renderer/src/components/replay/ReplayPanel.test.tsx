// Replaying a diagnostics bundle: read-only, scrubbed, back to live; a file that is not a bundle is refused with a reason.
// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtureBundle, fixtureSample, FIXTURE_START } from '../../../../test/fixtures/diagnostics.js';
import { backToLive, openBundle } from '../../actions/replay.js';
import { useGauge } from '../../store/store.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { Dashboard } from '../layout/Dashboard.js';

const bundle = fixtureBundle({
  samples: [fixtureSample(FIXTURE_START, { depth: 10 }), fixtureSample(FIXTURE_START + 100, { depth: 200 }), fixtureSample(FIXTURE_START + 200, { depth: 0 })],
});

describe('replay of a diagnostics bundle', () => {
  it('shows the bundle read-only, scrubs through it, and goes back to live', async () => {
    renderWithGauge(<Dashboard />);
    await settle();
    expect(screen.getByRole('switch', { name: 'Stall the event loop' })).toBeTruthy();
    act(() => void openBundle(JSON.stringify(bundle), 'customer.json'));
    const replay = screen.getByRole('region', { name: 'Replay' });
    expect(replay.textContent).toContain('Replaying customer.json');
    expect(screen.getByRole('list', { name: 'Summary' }).children.length).toBeGreaterThan(0);
    expect(screen.getByTestId('replay-peak-depth').textContent).toBe('200');
    // No live control on a recording.
    expect(screen.queryByRole('switch', { name: 'Stall the event loop' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Fault drills' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Publish' })).toBeNull();
    // The scrubber moves the gauges to the sample under it.
    fireEvent.change(screen.getByRole('slider', { name: 'Time' }), { target: { value: '1' } });
    expect(useGauge.getState().replay?.index).toBe(1);
    act(() => backToLive());
    expect(screen.queryByRole('region', { name: 'Replay' })).toBeNull();
    expect(screen.getByRole('switch', { name: 'Stall the event loop' })).toBeTruthy();
  });

  it('says why a file is not a bundle, and stays live', async () => {
    renderWithGauge(<Dashboard />);
    await settle();
    act(() => void openBundle('{"format": "mqtt-gauge-diagnostics", "version": 1, "samp', 'broken.json'));
    expect(screen.getByRole('alert').textContent).toMatch(/truncated/);
    expect(screen.queryByRole('region', { name: 'Replay' })).toBeNull();
    act(() => void openBundle(JSON.stringify({ ...bundle, version: 99 }), 'newer.json'));
    expect(screen.getByRole('alert').textContent?.length).toBeGreaterThan(10);
    expect(useGauge.getState().replay).toBeNull();
  });
});
