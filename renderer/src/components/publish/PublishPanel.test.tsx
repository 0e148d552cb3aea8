// The publish panel: bad topics and payloads refused before sending, publish and tryPublish, a message followed to acked or failed, MQTT 5 properties.
// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useGauge } from '../../store/store.js';
import { BUILTIN_SUMMARY, createFakeApi, ok, sample } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { PublishPanel } from './PublishPanel.js';

function setup() {
  const user = userEvent.setup();
  const result = renderWithGauge(<PublishPanel />);
  return { user, ...result };
}

describe('publish panel', () => {
  it('refuses a topic with a wildcard and sends nothing', async () => {
    const { user, api } = setup();
    const topic = screen.getByLabelText('Topic');
    await user.clear(topic);
    await user.type(topic, 'sensors/#');
    expect(screen.getByTestId('field-error-topic').textContent).toBe('A publish topic cannot contain the wildcards + or #.');
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(api.publish).not.toHaveBeenCalled();
    expect(topic.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses invalid JSON as it is typed, and sends nothing', async () => {
    const { user, api } = setup();
    await user.selectOptions(screen.getByLabelText('Payload format'), 'json');
    const payload = screen.getByLabelText('Payload');
    fireEvent.change(payload, { target: { value: '{"temp": 21.5,' } });
    expect(screen.getByTestId('field-error-payload').textContent).toMatch(/^Not valid JSON: /);
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(api.publish).not.toHaveBeenCalled();
    fireEvent.change(payload, { target: { value: '{"temp": 21.5}' } });
    expect(screen.queryByTestId('field-error-payload')).toBeNull();
  });

  it('publishes with Ctrl+Enter from the payload', async () => {
    const { user, api } = setup();
    await user.click(screen.getByLabelText('Payload'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(api.publish).toHaveBeenCalledTimes(1));
    expect(api.publish.mock.calls[0]![0]).toEqual({ mode: 'publish', topic: 'gauge/test', qos: 1, retain: false, payload: 'hello', format: 'text' });
  });

  it('sends tryPublish when chosen, and says at once when the channel is full', async () => {
    const api = createFakeApi();
    api.publish.mockResolvedValueOnce(ok({ id: 'p3', outcome: 'full', bytes: 5 }));
    const user = userEvent.setup();
    renderWithGauge(<PublishPanel />, { api });
    await user.click(screen.getByRole('radio', { name: 'tryPublish' }));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(screen.getByTestId('publish-status').getAttribute('data-state')).toBe('full'));
    expect(api.publish.mock.calls[0]![0]).toMatchObject({ mode: 'tryPublish' });
    expect(screen.getByTestId('publish-status').textContent).toContain('the channel is full');
  });

  it('follows the message from queued to written to acked, with latencies', async () => {
    const api = createFakeApi();
    api.publish.mockResolvedValueOnce(ok({ id: 'p7', outcome: 'queued', bytes: 5 }));
    const user = userEvent.setup();
    renderWithGauge(<PublishPanel />, { api });
    await user.click(screen.getByRole('radio', { name: 'QoS 1' }));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const status = screen.getByTestId('publish-status');
    await waitFor(() => expect(status.getAttribute('data-state')).toBe('queued'));
    act(() => api.emit('publishStatus', { id: 'p7', state: 'written', t: Date.now(), latencyMs: 1.5 }));
    expect(status.getAttribute('data-state')).toBe('written');
    act(() => api.emit('publishStatus', { id: 'p7', state: 'acked', t: Date.now(), latencyMs: 12 }));
    expect(status.getAttribute('data-state')).toBe('acked');
    expect(status.textContent).toContain('Acked: written after 1.5ms, acked 12ms later.');
    expect(screen.getAllByRole('button', { name: 'Resend to gauge/test' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Resend to gauge/test' }));
    await waitFor(() => expect(api.publish).toHaveBeenCalledTimes(2));
  });

  it('shows a failure with its reason', async () => {
    const { user, api } = setup();
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(screen.getByTestId('publish-status').getAttribute('data-state')).toBe('queued'));
    act(() => api.emit('publishStatus', { id: 'p1', state: 'failed', t: Date.now(), reason: 'the broker refused it (reason 0x87)', reasonCode: 0x87 }));
    expect(screen.getByTestId('publish-status').textContent).toContain('Failed: the broker refused it (reason 0x87)');
  });

  it('sends MQTT 5 properties when connected with MQTT 5', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<PublishPanel />);
    expect(screen.queryByLabelText('Content type')).toBeNull();
    await settle();
    act(() => {
      useGauge.getState().setActiveProfile({ ...BUILTIN_SUMMARY, kind: 'custom', protocolVersion: 5 });
      api.emit('sample', sample({ connectionState: 'connected' }));
    });
    await user.type(await screen.findByLabelText('Content type'), 'text/plain');
    await user.type(screen.getByLabelText('Message expiry (s)'), '60');
    await user.click(screen.getByRole('button', { name: 'Add a user property' }));
    await user.type(screen.getByLabelText('User property 1 name'), 'site');
    await user.type(screen.getByLabelText('User property 1 value'), 'lab');
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(api.publish).toHaveBeenCalledTimes(1));
    expect(api.publish.mock.calls[0]![0].properties).toEqual({ contentType: 'text/plain', messageExpiryInterval: 60, userProperties: { site: 'lab' } });
  });
});
