// The fault drills panel: values checked before anything is sent, each drill sent with its value, drills in force shown and switched off.
// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ingestSample } from '../../service/bind.js';
import { sample } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge } from '../../../../test/renderer/render.js';
import { DrillsPanel } from './DrillsPanel.js';

describe('fault drills panel', () => {
  it('refuses a stall of 0 s next to the field and sends nothing', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<DrillsPanel />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Drill' }), 'stall-socket');
    const seconds = screen.getByRole('textbox', { name: 'Seconds' });
    await user.clear(seconds);
    await user.type(seconds, '0');
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await waitFor(() => expect(screen.getByTestId('field-error-drill').textContent).toBe('Must be at least 1.'));
    expect(api.setFault).not.toHaveBeenCalled();
  });

  it('sends each drill with its value, checked by the shared schema', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<DrillsPanel />);
    const rate = screen.getByRole('textbox', { name: 'Bytes per second' });
    await user.clear(rate);
    await user.type(rate, '5000');
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await waitFor(() => expect(api.setFault).toHaveBeenCalledWith({ kind: 'throttle', bytesPerSec: 5000 }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Drill' }), 'drop-connection');
    expect(screen.queryByRole('textbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await waitFor(() => expect(api.setFault).toHaveBeenCalledWith({ kind: 'drop-connection' }));
  });

  it('shows the drills in force from the samples, and switches them off', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<DrillsPanel />);
    expect(screen.getByTestId('drills-active').textContent).toContain('No drill is on.');
    act(() => ingestSample(sample({ t: 10_000, faults: { throttleBytesPerSec: 1000, stalledUntil: 13_000, pollDelayMs: 250 } })));
    const active = screen.getByRole('list', { name: 'Drills in force' });
    expect(active.textContent).toContain('Writes throttled to');
    expect(active.textContent).toContain('Socket stalled, 3 s left');
    expect(active.textContent).toContain('Each poll delayed by');
    await user.click(screen.getByRole('button', { name: 'Stop throttle' }));
    await waitFor(() => expect(api.setFault).toHaveBeenCalledWith({ kind: 'throttle', bytesPerSec: null }));
    await user.click(screen.getByRole('button', { name: 'Stop slow poll' }));
    await waitFor(() => expect(api.setFault).toHaveBeenCalledWith({ kind: 'slow-poll', delayMs: 0 }));
  });
});
