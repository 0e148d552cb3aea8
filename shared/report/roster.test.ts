// Joining reports to the proxy's connections: by client id, to the newest open connection of a client that reconnected, and report-only clients after, in id order.
import { describe, expect, it } from 'vitest';
import { fixtureInspectClient } from '../../test/fixtures/inspect.js';
import { fixtureReportedClient } from '../../test/fixtures/reports.js';
import { rosterOf } from './roster.js';

describe('rosterOf', () => {
  it("joins a report to the client's open connection, not to the closed one it reconnected from", () => {
    const closed = fixtureInspectClient(1, 'app', { closedAt: 5 });
    const open = fixtureInspectClient(3, 'app');
    const rows = rosterOf([closed, fixtureInspectClient(2, 'other'), open], [fixtureReportedClient('app')]);
    expect(rows.map((r) => [r.key, r.reported?.clientId ?? null])).toEqual([
      ['c1', null],
      ['c2', null],
      ['c3', 'app'],
    ]);
  });

  it('joins by the id the broker assigned when the client sent none, and lists the unjoined reports after the connections', () => {
    const assigned = fixtureInspectClient(1, '');
    assigned.grant = { reasonCode: 0, reason: 'accepted', sessionPresent: false, receiveMaximum: null, maximumPacketSize: null, topicAliasMaximum: null, serverKeepAliveSec: null, assignedClientId: 'auto-7' };
    const rows = rosterOf([assigned], [fixtureReportedClient('zeta'), fixtureReportedClient('auto-7'), fixtureReportedClient('alpha')]);
    expect(rows.map((r) => [r.key, r.inspected?.connection ?? null, r.reported?.clientId ?? null])).toEqual([
      ['c1', 1, 'auto-7'],
      ['rzeta', null, 'zeta'],
      ['ralpha', null, 'alpha'],
    ]);
  });
});
