// Which limit binds, worked out from a grant: the broker's lower window, its packet limit, an overridden keepalive, refused features, and 3.1.1's silence.
import { describe, expect, it } from 'vitest';
import { fixtureGrant } from '../test/fixtures/broker.js';
import { brokerLimits, payloadMaxFor, type BrokerGrant } from './broker-limits.js';
import { publishPacketSize } from './mqtt-sizes.js';
import { formattersFor } from './format/index.js';
import { bindingSummary, limitStatementText } from './locales/limits-wording.js';
import { createTranslator } from './locales/translator.js';

const en = { t: createTranslator('en'), f: formattersFor('en') };
const row = (grant: BrokerGrant, id: string) => brokerLimits(grant).rows.find((r) => r.id === id)!;

describe('brokerLimits', () => {
  it('a Receive Maximum below the asked window binds, and says so in words', () => {
    const limits = brokerLimits(fixtureGrant());
    const window = limits.rows.find((r) => r.id === 'receiveMaximum')!;
    expect(window).toMatchObject({ asked: 100, granted: 20, effective: 20, brokerBinds: true, statement: 'windowCapped' });
    expect(limitStatementText(window, en.t, en.f)).toBe('window 100 asked, the broker allows 20');
    expect(limits.binding.map((r) => r.id)).toEqual(['receiveMaximum', 'maximumPacketSize', 'maximumQoS', 'retainAvailable']);
  });

  it('a window smaller than the broker allows is ours, and a missing Receive Maximum means 65,535', () => {
    const grant = fixtureGrant({ receiveMaximum: null });
    expect(row(grant, 'receiveMaximum')).toMatchObject({ effective: 100, brokerBinds: false, statement: 'windowOurs', params: { granted: 65_535 } });
  });

  it('the broker\'s Maximum Packet Size binds and gives the largest payload that fits it', () => {
    const packet = row(fixtureGrant(), 'maximumPacketSize');
    expect(packet).toMatchObject({ effective: 4096, brokerBinds: true, statement: 'packetCapped' });
    const payload = packet.params['payload'] as number;
    expect(publishPacketSize(0, 1, payload, 1)).toBe(4096);
    expect(limitStatementText(packet, en.t, en.f)).toBe('the broker takes packets of at most 4,096 bytes: payload max 4,088 bytes, less the topic');
  });

  it('payloadMaxFor steps over the size of the remaining length itself', () => {
    for (const limit of [64, 127, 130, 16_386, 2_097_155]) {
      const payload = payloadMaxFor(limit, 5);
      expect(publishPacketSize(0, 1, payload, 1)).toBeLessThanOrEqual(limit);
      expect(publishPacketSize(0, 1, payload + 1, 1)).toBeGreaterThan(limit);
    }
  });

  it('a Server Keep Alive other than the one asked overrides it', () => {
    const keepAlive = row(fixtureGrant({ serverKeepAliveSec: 10 }), 'keepAlive');
    expect(keepAlive).toMatchObject({ asked: 30, granted: 10, effective: 10, brokerBinds: true, statement: 'keepAliveOverridden' });
    expect(limitStatementText(keepAlive, en.t, en.f)).toBe('keepalive 30s asked, the broker set 10s (Server Keep Alive)');
    expect(row(fixtureGrant({ serverKeepAliveSec: 30 }), 'keepAlive')).toMatchObject({ brokerBinds: false, statement: 'keepAliveOurs' });
  });

  it('refused features bind; features the CONNACK leaves out are available', () => {
    const grant = fixtureGrant({ wildcardSubscriptionAvailable: false, maximumQoS: null, retainAvailable: null });
    expect(row(grant, 'wildcardSubscriptions')).toMatchObject({ effective: false, brokerBinds: true, statement: 'wildcardsRefused' });
    expect(row(grant, 'maximumQoS')).toMatchObject({ effective: 2, brokerBinds: false, statement: 'qosAll' });
    expect(row(grant, 'retainAvailable')).toMatchObject({ effective: true, brokerBinds: false });
    expect(row(grant, 'sharedSubscriptions')).toMatchObject({ effective: true, brokerBinds: false });
  });

  it('an assigned client id and a lowered session expiry are the broker\'s', () => {
    const grant = fixtureGrant({ assignedClientId: 'auto-7', sessionExpirySec: 0 });
    grant.asked.sessionExpirySec = 3600;
    expect(row(grant, 'clientId')).toMatchObject({ effective: 'auto-7', brokerBinds: true, statement: 'clientIdAssigned' });
    expect(row(grant, 'sessionExpiry')).toMatchObject({ asked: 3600, effective: 0, brokerBinds: true, statement: 'sessionExpiryOverridden' });
  });

  it('under MQTT 3.1.1 nothing is granted explicitly, nothing of the broker binds, and the summary says so', () => {
    const grant: BrokerGrant = {
      ...fixtureGrant(),
      protocolVersion: 4,
      asked: { inflight: 100, keepAliveSec: 30, sessionExpirySec: null, maxPacketSize: 1 << 20, topicAliasMaximum: null, clientId: 'x' },
      granted: Object.fromEntries(Object.keys(fixtureGrant().granted).map((k) => [k, null])) as BrokerGrant['granted'],
    };
    const limits = brokerLimits(grant);
    expect(limits.explicit).toBe(false);
    expect(limits.binding).toEqual([]);
    expect(limits.rows.map((r) => r.id)).toEqual(['receiveMaximum', 'maximumPacketSize', 'keepAlive', 'clientId']);
    expect(bindingSummary(limits, en.t, en.f)[0]).toMatch(/^MQTT 3\.1\.1: the broker's CONNACK grants nothing explicit/);
  });

  it('the statements read in Chinese too', () => {
    const zh = { t: createTranslator('zh-CN'), f: formattersFor('zh-CN') };
    expect(limitStatementText(row(fixtureGrant(), 'receiveMaximum'), zh.t, zh.f)).toBe('请求的窗口为 100，服务器只允许 20');
  });
});
