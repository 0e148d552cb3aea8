// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { refresh } from '../../test/refresh.js';
import type { ProfileSummary } from '../../../../shared/contract.js';
import { BUILTIN_SUMMARY, createFakeApi, ok, refused } from '../../test/fake-api.js';
import { renderWithGauge } from '../../test/render.js';
import { ConnectPanel } from './ConnectPanel.js';

async function openNewProfile() {
  const user = userEvent.setup();
  const result = renderWithGauge(<ConnectPanel />);
  await act(() => refresh(result.api));
  await user.click(screen.getByRole('button', { name: 'New' }));
  return { user, ...result };
}

describe('connection form', () => {
  it('refuses a port out of range, says so next to the field, and sends nothing', async () => {
    const { user, api } = await openNewProfile();
    await user.type(screen.getByLabelText('Profile name'), 'Lab broker');
    const port = screen.getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '70000');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('field-error-port').textContent).toContain('Must be at most 65,535.');
    expect(port.getAttribute('aria-describedby')).toContain(screen.getByTestId('field-error-port').id);
    expect(api.connect).not.toHaveBeenCalled();
  });

  it('refuses an empty host and a host with a scheme', async () => {
    const { user, api } = await openNewProfile();
    await user.type(screen.getByLabelText('Profile name'), 'Lab broker');
    const host = screen.getByLabelText('Host');
    await user.clear(host);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByTestId('field-error-host').textContent).toContain('Required.');
    await user.type(host, 'mqtt://broker');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByTestId('field-error-host').textContent).toContain('without spaces, scheme');
    expect(api.connect).not.toHaveBeenCalled();
  });

  it('shows the service’s error next to the field it names', async () => {
    const api = createFakeApi();
    api.connect.mockResolvedValueOnce(refused({ code: 'invalid-input', message: 'profile.clientId: the client id is not valid UTF-8', field: 'profile.clientId' }));
    const user = userEvent.setup();
    renderWithGauge(<ConnectPanel />, { api });
    await act(() => refresh(api));
    await user.type(screen.getByLabelText('Client ID'), 'gauge-1');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByTestId('field-error-clientId').textContent).toContain('Not valid UTF-8'));
    expect(screen.getByLabelText('Client ID').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends a valid profile and shows a refusal with the broker’s reason', async () => {
    const api = createFakeApi();
    api.connect.mockImplementationOnce(async ({ profile }) =>
      ok({
        profile: { ...BUILTIN_SUMMARY, ...profile, id: 'p-1', kind: 'custom', name: 'Lab' } as ProfileSummary,
        connected: false,
        error: { kind: 'connection', code: 'refused', message: 'the broker refused the connection: not authorized (0x05)', reasonCode: 5, at: Date.now() },
      }),
    );
    const { user } = await (async () => {
      const user = userEvent.setup();
      renderWithGauge(<ConnectPanel />, { api });
      await act(() => refresh(api));
      await user.click(screen.getByRole('button', { name: 'New' }));
      return { user };
    })();
    await user.type(screen.getByLabelText('Profile name'), 'Lab');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(api.connect).toHaveBeenCalledTimes(1);
    expect(api.connect.mock.calls[0]![0].profile).toMatchObject({ name: 'Lab', host: 'localhost', port: 1883, kind: 'custom' });
    const outcome = await screen.findByTestId('connect-outcome');
    await waitFor(() => expect(outcome.getAttribute('data-phase')).toBe('failed'));
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(outcome.textContent).toContain('The broker refused the connection: not authorized (0x05).');
  });
});
