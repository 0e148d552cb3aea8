// The capacity advisor's tab: studies the live history, words the diagnosis, applies the suggested capacity, and stays read-only in replay.
// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fixtureBundle, fixtureSample } from '../../../../test/fixtures/diagnostics.js';
import { recordChannel, steps, type Step } from '../../../../test/fixtures/channel-recording.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { openBundle } from '../../actions/replay.js';
import { sampleHistory } from '../../metrics/index.js';
import { useGauge } from '../../store/store.js';
import { BottomTabs } from '../layout/BottomTabs.js';
import { TuningPanel } from '../tuning/TuningPanel.js';

const bursts: Step[] = Array.from({ length: 10 }, () => [{ offered: 500 }, ...steps(4, { offered: 0 })]).flat();
const recorded = (workload: Step[], capacity: number) => recordChannel(workload, capacity).map((s) => fixtureSample(s.t, s));

describe('the capacity advisor tab', () => {
  it('keeps in the live history what the advisor replays', () => {
    const samples = recorded(bursts, 100);
    for (const s of samples) sampleHistory.push(s);
    const kept = sampleHistory.advisorSamples(Number.NEGATIVE_INFINITY);
    expect(kept).toHaveLength(samples.length);
    expect(kept[5]).toEqual({
      t: samples[5]!.t,
      capacity: 100,
      depth: samples[5]!.depth,
      highWater: samples[5]!.highWater,
      policy: 'block',
      waitingSenders: 0,
      accepted: samples[5]!.accepted,
      failedTryPublish: samples[5]!.failedTryPublish,
      droppedOldest: 0,
      droppedNewest: 0,
      discarded: 0,
      inflight: 0,
      maxInflight: 100,
      sinceLastPollMs: 0,
      paused: false,
      connectionState: 'connected',
      bytesOutRate: samples[5]!.bytesOutRate,
      messagesOutRate: samples[5]!.messagesOutRate,
      queueLatencyP99: null,
    });
    expect(sampleHistory.advisorSamples(samples[40]!.t)).toHaveLength(samples.length - 40);
  });

  it('finds the bursts, suggests a capacity and applies it in one click', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(
      <>
        <TuningPanel />
        <BottomTabs />
      </>,
    );
    // The fake service's history arrives first, and would replace what is pushed before it.
    await settle();
    act(() => {
      useGauge.getState().setChannel({ capacity: 100 });
      for (const s of recorded(bursts, 100)) sampleHistory.push(s);
    });
    await user.click(screen.getByRole('button', { name: 'Which capacity? Ask the advisor' }));
    expect(screen.getByRole('tab', { name: 'Capacity advisor' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('advisor-diagnosis').textContent).toBe(
      'Bursts of up to 500 requests met a channel of 100 while the event loop kept up. A bigger channel absorbs them: capacity is the cure.',
    );
    expect(screen.getByTestId('advisor-check').textContent).toContain('At that capacity the model refuses 4,000; the recording shows 4,000.');
    const table = screen.getByRole('table', { name: 'Capacities compared' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-capacity'))).toEqual(['50', '100', '200', '400', '500', '800', '1000']);
    const suggested = rows.find((row) => row.classList.contains('suggested'))!;
    expect(within(suggested).getByRole('rowheader').textContent).toBe('800suggested');
    expect(within(suggested).getAllByRole('cell')[0]!.textContent).toBe('0');
    expect(within(rows[1]!).getByText('In force')).toBeTruthy();

    await user.click(within(suggested).getByRole('button', { name: 'Apply capacity 800' }));
    await waitFor(() => expect(api.setCapacity).toHaveBeenCalledWith({ capacity: 800 }));
    await waitFor(() => expect(within(suggested).getByText('In force')).toBeTruthy());
  });

  it('says so when capacity is not the cure, and suggests nothing', async () => {
    const user = userEvent.setup();
    renderWithGauge(<BottomTabs />);
    await settle();
    act(() => {
      for (const s of recorded([...steps(10, { offered: 100 }), ...steps(30, { offered: 100, paused: true })], 200)) sampleHistory.push(s);
      useGauge.getState().setBottomTab('advisor');
    });
    await user.click(screen.getByRole('button', { name: 'Advise' }));
    expect(screen.getByTestId('advisor-diagnosis').textContent).toContain('not polled for up to 3s while 1,000/s kept coming. Capacity is not the cure');
    expect(document.querySelector('.advisor-table tr.suggested')).toBeNull();
  });

  it('studies a replayed bundle up to the scrubber, and offers no apply there', async () => {
    const user = userEvent.setup();
    renderWithGauge(<BottomTabs />);
    const samples = recorded(bursts, 100);
    act(() => {
      openBundle(JSON.stringify(fixtureBundle({ samples })), 'bursts.json');
      useGauge.getState().setBottomTab('advisor');
    });
    await user.click(screen.getByRole('button', { name: 'Advise' }));
    expect(screen.getByTestId('advisor-diagnosis').getAttribute('data-kind')).toBe('burst');
    expect(screen.getByText('This is a replayed bundle: go back to live to apply a capacity.')).toBeTruthy();
    const buttons = within(screen.getByRole('table', { name: 'Capacities compared' })).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });
});
