// The broker's grant against a real mosquitto: its Receive Maximum and Maximum Packet Size beside what the engine asked, and which one binds.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { brokerLimits } from '../../../shared/broker-limits.js';
import { formattersFor } from '../../../shared/format/index.js';
import { bindingSummary } from '../../../shared/locales/limits-wording.js';
import { createTranslator } from '../../../shared/locales/translator.js';
import { startMosquitto, type Mosquitto } from '../../kit/index.js';
import { closeAllEngines, engine, POLL } from '../engine/helpers.js';

const en = { t: createTranslator('en'), f: formattersFor('en') };

describe('broker limits from a mosquitto with max_inflight_messages 20 and a packet limit', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    // message_size_limit bounds payloads but is not announced in the CONNACK; max_packet_size is.
    broker = await startMosquitto({ extraConfig: ['max_inflight_messages 20', 'message_size_limit 2000', 'max_packet_size 4096'] });
  });
  afterAll(() => broker.stop());
  afterEach(() => closeAllEngines());

  it('at MQTT 5 with a window of 100 asked, the grant shows Receive Maximum 20 and the binding statement says so', async () => {
    const e = engine({ host: broker.host, port: broker.port, protocolVersion: 5, inflight: 100 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state).toBe('connected'), POLL);
    const grant = e.eventLoop.brokerGrant()!;
    expect(grant).toMatchObject({ protocolVersion: 5, asked: { inflight: 100 }, granted: { receiveMaximum: 20, maximumPacketSize: 4096 } });
    expect(e.eventLoop.stats().maxInflight).toBe(20);

    const limits = brokerLimits(grant);
    expect(limits.binding.map((row) => row.id)).toEqual(expect.arrayContaining(['receiveMaximum', 'maximumPacketSize']));
    const words = bindingSummary(limits, en.t, en.f);
    expect(words).toContain('window 100 asked, the broker allows 20');
    expect(words).toContain('the broker takes packets of at most 4,096 bytes: payload max 4,088 bytes, less the topic');
  });

  it('a window smaller than the broker allows stays ours', async () => {
    const e = engine({ host: broker.host, port: broker.port, protocolVersion: 5, inflight: 5 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state).toBe('connected'), POLL);
    const window = brokerLimits(e.eventLoop.brokerGrant()!).rows.find((row) => row.id === 'receiveMaximum');
    expect(window).toMatchObject({ asked: 5, granted: 20, effective: 5, brokerBinds: false });
  });

  it('at MQTT 3.1.1 the broker grants nothing explicit, and the card says so', async () => {
    const e = engine({ host: broker.host, port: broker.port, protocolVersion: 4, inflight: 100 }, 100, { start: true });
    await vi.waitFor(() => expect(e.eventLoop.stats().state).toBe('connected'), POLL);
    const limits = brokerLimits(e.eventLoop.brokerGrant()!);
    expect(limits.explicit).toBe(false);
    expect(bindingSummary(limits, en.t, en.f)[0]).toMatch(/grants nothing explicit/);
  });
});
