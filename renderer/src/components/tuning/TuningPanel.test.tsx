// The tuning panel: capacity typed or slid, policy switched, in-flight window applied now or at the next connection, and the capacity scale.
// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithGauge } from '../../../../test/renderer/render.js';
import { useGauge } from '../../store/store.js';
import { capacityAt, positionOf } from './capacity-scale.js';
import { TuningPanel } from './TuningPanel.js';

describe('tuning panel', () => {
  it('refuses capacity 0 next to the field and sends nothing', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<TuningPanel />);
    const field = screen.getByLabelText('Capacity');
    await user.clear(field);
    await user.type(field, '0{Enter}');
    await waitFor(() => expect(screen.getByTestId('field-error-capacity').textContent).toBe('Must be at least 1.'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(api.setCapacity).not.toHaveBeenCalled();
  });

  it('applies a typed capacity on Enter', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<TuningPanel />);
    const field = screen.getByLabelText('Capacity');
    await user.clear(field);
    await user.type(field, '5,000{Enter}');
    await waitFor(() => expect(api.setCapacity).toHaveBeenCalledWith({ capacity: 5000 }));
    await waitFor(() => expect(useGauge.getState().capacity).toBe(5000));
    expect(screen.getByTestId('capacity-live').textContent).toBe('5,000');
  });

  it('applies the slider’s capacity once it settles', async () => {
    const { api } = renderWithGauge(<TuningPanel />);
    const slider = screen.getByRole('slider', { name: 'Capacity slider' });
    fireEvent.change(slider, { target: { value: String(positionOf(20_000)) } });
    await waitFor(() => expect(api.setCapacity).toHaveBeenCalledTimes(1));
    expect(api.setCapacity.mock.calls[0]![0].capacity).toBe(capacityAt(positionOf(20_000)));
  });

  it('switches the overflow policy at once', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<TuningPanel />);
    await user.click(screen.getByRole('radio', { name: 'Drop oldest' }));
    await waitFor(() => expect(api.setOverflowPolicy).toHaveBeenCalledWith({ policy: 'drop-oldest' }));
    await waitFor(() => expect(screen.getByTestId('policy-hint').textContent).toContain('oldest queued publish'));
  });

  it('applies the in-flight window, and says when it waits for the next connection', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<TuningPanel />);
    api.setInflight.mockResolvedValueOnce({ ok: true, value: { inflight: 20, appliedLive: false } });
    const field = screen.getByLabelText('In-flight window');
    await user.clear(field);
    await user.type(field, '20');
    await user.click(screen.getByRole('button', { name: 'Apply window' }));
    await waitFor(() => expect(screen.getByText('Not connected: the new window applies from the next connection.')).toBeTruthy());
    expect(api.setInflight).toHaveBeenCalledWith({ inflight: 20 });
  });
});

describe('capacity scale', () => {
  it('reaches both ends and reads in round numbers', () => {
    expect(capacityAt(0)).toBe(1);
    expect(capacityAt(positionOf(10_000_000))).toBe(10_000_000);
    expect(capacityAt(positionOf(1000))).toBe(1000);
    expect(String(capacityAt(350))).toMatch(/^\d{1,2}0*$/);
  });
});
