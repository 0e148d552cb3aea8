// The connection form: the built-in broker's limits, problems shown next to their fields, and refusals worded from the broker's reason.
// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { refresh } from '../../../../test/renderer/refresh.js';
import type { ProfileSummary } from '../../../../shared/contract.js';
import { BUILTIN_SUMMARY, createFakeApi, ok, refused } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge } from '../../../../test/renderer/render.js';
import { ConnectPanel } from './ConnectPanel.js';

async function openNewProfile() {
  const user = userEvent.setup();
  const result = renderWithGauge(<ConnectPanel />);
  await act(() => refresh(result.api));
  await user.click(screen.getByRole('button', { name: 'New' }));
  return { user, ...result };
}

describe('connection form', () => {
  it('lists the built-in broker’s limits from the ids the service sends, in the reader’s language', async () => {
    const { api } = renderWithGauge(<ConnectPanel />, { language: 'zh-CN' });
    await act(() => refresh(api));
    const limits = await screen.findByRole('list', { name: '限制：' });
    const items = [...limits.querySelectorAll('li:not([aria-hidden])')].map((item) => item.getAttribute('title'));
    expect(items).toHaveLength(6);
    expect(items[0]).toBe('仅支持 MQTT 3.1.1，请求 MQTT 5 的客户端会被拒绝。');
    expect(items.at(-1)).toContain('mosquitto');
  });

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
    api.connect.mockResolvedValueOnce(
      refused({
        code: 'invalid-input',
        message: 'profile.clientId: the client id is not valid UTF-8',
        field: 'profile.clientId',
        issues: [{ field: 'profile.clientId', message: 'the client id is not valid UTF-8', code: 'custom', params: { problem: 'notUtf8' } }],
      }),
    );
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

  it('says a host name that cannot be resolved is a DNS problem, from the error’s code', async () => {
    const api = createFakeApi();
    api.connect.mockImplementationOnce(async ({ profile }) =>
      ok({
        profile: { ...BUILTIN_SUMMARY, ...profile, id: 'p-1', kind: 'custom', name: 'Lab' } as ProfileSummary,
        connected: false,
        error: { kind: 'connection', code: 'dns', message: 'tcp broker.invalid:1883: getaddrinfo failed', reasonCode: undefined, at: Date.now() },
      }),
    );
    const user = userEvent.setup();
    renderWithGauge(<ConnectPanel />, { api, language: 'zh-CN' });
    await act(() => refresh(api));
    await user.click(screen.getByRole('button', { name: '新建' }));
    await user.type(screen.getByLabelText('配置名称'), 'Lab');
    await user.click(screen.getByRole('button', { name: '连接' }));
    const outcome = await screen.findByTestId('connect-outcome');
    await waitFor(() => expect(outcome.getAttribute('data-error-kind')).toBe('dns'));
    expect(outcome.textContent).toContain('找不到主机');
    expect(outcome.textContent).toContain('getaddrinfo failed');
  });
});
