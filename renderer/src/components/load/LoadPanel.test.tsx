// The load form sends whether to stamp payloads, stamped unless the person switches it off.
// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { LoadPanel } from './LoadPanel.js';

describe('load panel', () => {
  it('starts stamped runs by default, and plain ones once the stamp switch is off', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<LoadPanel />);
    await settle();
    await user.click(screen.getByRole('button', { name: 'Start load' }));
    await waitFor(() => expect(api.startLoad).toHaveBeenCalledTimes(1));
    expect(api.startLoad.mock.calls[0]![0]).toMatchObject({ stamp: true });

    await user.click(screen.getByRole('button', { name: 'Stop load' }));
    const stamp = screen.getByRole('switch', { name: 'Stamp payloads with their send time (for end-to-end latency)' });
    await user.click(stamp);
    expect(stamp.getAttribute('aria-checked')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Start load' }));
    await waitFor(() => expect(api.startLoad).toHaveBeenCalledTimes(2));
    expect(api.startLoad.mock.calls[1]![0]).toMatchObject({ stamp: false });
  });
});
