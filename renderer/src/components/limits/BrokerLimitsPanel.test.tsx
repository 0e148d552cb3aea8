// The broker limits card: granted beside asked with the binding rows marked and said in words, 3.1.1's silence, and the probe's table.
// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fixtureGrant } from '../../../../test/fixtures/broker.js';
import { createFakeApi, refused, sample } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { BrokerLimitsPanel } from './BrokerLimitsPanel.js';

/** Renders the card against a fake service that is connected and has pushed `grant`. */
async function connectedCard(grant = fixtureGrant(), language: 'en' | 'zh-CN' = 'en') {
  const result = renderWithGauge(<BrokerLimitsPanel />, { language });
  await settle();
  act(() => {
    result.api.emit('sample', sample({ connectionState: 'connected' }));
    result.api.emit('brokerGrant', grant);
  });
  return result;
}

describe('broker limits card', () => {
  it('says in words which limits the broker binds, and marks those rows', async () => {
    await connectedCard();
    const binding = screen.getByTestId('limits-binding');
    expect(binding.textContent).toContain('window 100 asked, the broker allows 20');
    expect(binding.textContent).toContain('the broker takes packets of at most 4,096 bytes: payload max 4,088 bytes, less the topic');
    expect(binding.textContent).toContain('the broker accepts QoS up to 1');
    expect(binding.textContent).toContain('the broker keeps no retained messages');

    const table = screen.getByRole('table', { name: 'Asked and granted limits' });
    const window = within(table).getByRole('row', { name: /In-flight window/ });
    expect(window.dataset['binds']).toBe('broker');
    expect(within(window).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['100', '20']);
    expect(within(table).getByRole('row', { name: /Keepalive/ }).dataset['binds']).toBe('client');
  });

  it('shows what MQTT 5 means by a property the broker left out, marked as not announced', async () => {
    await connectedCard(fixtureGrant({ maximumQoS: null, retainAvailable: null }));
    const table = screen.getByRole('table', { name: 'Asked and granted limits' });
    const granted = (name: RegExp) => within(within(table).getByRole('row', { name })).getAllByRole('cell')[1]!;
    expect(granted(/Maximum QoS/).textContent).toBe('2not announced');
    expect(granted(/Maximum QoS/).querySelector('.limits-not-announced')?.textContent).toBe('not announced');
    expect(granted(/Retain available/).textContent).toBe('yesnot announced');
    // What the broker did announce is not marked.
    expect(granted(/In-flight window/).querySelector('.limits-not-announced')).toBeNull();
  });

  it('follows a new grant pushed by the service (the window changed live)', async () => {
    const { api } = await connectedCard();
    const grant = fixtureGrant();
    grant.asked.inflight = 10;
    act(() => api.emit('brokerGrant', grant));
    expect(screen.getByTestId('limits-binding').textContent).not.toContain('window');
    expect(screen.getByRole('row', { name: /In-flight window/ }).dataset['binds']).toBe('client');
  });

  it('under MQTT 3.1.1 says the broker grants nothing explicit', async () => {
    const grant = fixtureGrant();
    const v311 = { ...grant, protocolVersion: 4 as const, granted: Object.fromEntries(Object.keys(grant.granted).map((k) => [k, null])) as typeof grant.granted };
    await connectedCard(v311);
    expect(screen.getByTestId('limits-binding').textContent).toContain("the broker's CONNACK grants nothing explicit");
  });

  it('shows nothing of a grant while not connected', async () => {
    renderWithGauge(<BrokerLimitsPanel />);
    await settle();
    expect(screen.queryByRole('table', { name: 'Asked and granted limits' })).toBeNull();
    expect(screen.getByText('Connect to see what the broker grants.')).toBeTruthy();
  });

  it('probes the broker and shows what it accepted as a table', async () => {
    const user = userEvent.setup();
    const { api } = await connectedCard();
    await user.click(screen.getByRole('button', { name: 'Probe the broker' }));
    expect(api.probeBroker).toHaveBeenCalledWith({});
    const table = await screen.findByRole('table', { name: 'What the broker accepted' });
    const qos2 = within(table).getByRole('row', { name: /QoS 2 round trip/ });
    expect(qos2.dataset['outcome']).toBe('refused');
    expect(qos2.textContent).toContain('the broker closed the connection: QoS not supported (0x9b)');
    expect(within(table).getByRole('row', { name: /Retained message/ }).textContent).toContain('retain not supported (0x9a)');
    expect(within(table).getByRole('row', { name: /Payload 65.5 kB/ }).textContent).toContain("larger than the broker's Maximum Packet Size");
    expect(screen.getByTestId('probe-results').textContent).toContain('6 of 9 checks accepted at tcp://127.0.0.1:1883; the broker closed the connection 2 times.');
  });

  it('shows why a probe could not run', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    api.probeBroker.mockResolvedValue(refused({ code: 'engine', message: 'a probe is already running; wait for its report' }));
    renderWithGauge(<BrokerLimitsPanel />, { api });
    await settle();
    await user.click(screen.getByRole('button', { name: 'Probe the broker' }));
    expect((await screen.findByTestId('probe-error')).textContent).toBe('The probe could not run: a probe is already running; wait for its report');
  });

  it('reads in Chinese', async () => {
    await connectedCard(fixtureGrant(), 'zh-CN');
    expect(screen.getByTestId('limits-binding').textContent).toContain('请求的窗口为 100，服务器只允许 20');
    expect(screen.getByRole('button', { name: '探测服务器' })).toBeTruthy();
  });
});
