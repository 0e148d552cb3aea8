// Reporting clients in the Inspect list: joined with the proxy's row of the same client id, listed alone without the proxy, their alerts and silence shown, and bad reports counted where the listener is.
// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtureInspectClient } from '../../../../test/fixtures/inspect.js';
import { fixtureReportedClient, fixtureReports } from '../../../../test/fixtures/reports.js';
import { fakeLayout } from '../../../../test/renderer/layout.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { useGauge } from '../../store/store.js';
import { InspectView } from './InspectView.js';

const LISTENING = { listening: true, listen: '127.0.0.1:18830', upstream: 'mqtt://b:1883' };

async function view() {
  fakeLayout({ '.inspect-table-scroll': 400, '.inspect-table tbody tr[data-index]': 38 });
  renderWithGauge(<InspectView />);
  await settle();
}

describe('reporting clients in the Inspect list', () => {
  it("joins a client's report to the proxy's row of the same id, and lists a client only its reports show on a row of its own", async () => {
    await view();
    act(() => {
      useGauge.getState().setInspect({ ...LISTENING, clients: [fixtureInspectClient(1, 'sensor-1'), fixtureInspectClient(2, 'sensor-2')] });
      useGauge.getState().setReports(fixtureReports([fixtureReportedClient('sensor-2', { latest: { version: 1, time: 1, capacity: 100, depth: 85 } }), fixtureReportedClient('rust-app')]));
    });
    const rows = screen.getAllByRole('row').filter((row) => row.dataset.clientId);
    expect(rows.map((row) => [row.dataset.clientId, row.dataset.reported])).toEqual([
      ['sensor-1', 'false'],
      ['sensor-2', 'true'],
      ['rust-app', 'true'],
    ]);
    expect(screen.getByTestId('inspect-row-2-queue').textContent).toBe('85 / 100');
    expect(screen.getByTestId('inspect-row-1-queue').textContent).toBe('— / —');
    expect(screen.getByTestId('report-row-rust-app').textContent).toContain('reports only paho-mqtt 1.6.1');
    expect(screen.getByTestId('inspect-clients').textContent).toContain('2 open, 2 seen · 2 reporting');
  });

  it("shows a report-only client's figures, alerts and facts when chosen, and its silence once its reports stop", async () => {
    await view();
    const alert = { id: 'try-publish-failing' as const, severity: 'critical' as const, message: 'failing', since: 1, params: { failedPerSec: 1990 } };
    act(() => useGauge.getState().setReports(fixtureReports([fixtureReportedClient('paho-1', { failedTryPublishRate: 1990, alerts: [alert], latest: { version: 1, time: 2, library: 'paho-mqtt 1.6.1', capacity: 10, accepted: 10, failedTryPublish: 1990 } })])));
    expect(screen.getByTestId('report-verdict-paho-1').dataset.verdict).toBe('try-publish-failing');
    fireEvent.click(screen.getByTestId('report-row-paho-1'));
    await settle();
    const detail = screen.getByTestId('report-detail');
    expect(within(detail).getByTestId('report-alert-try-publish-failing').textContent).toContain('1,990');
    expect(within(detail).getByTestId('report-failed').dataset.level).toBe('crit');
    expect(within(detail).getByTestId('report-queue').textContent).toContain('its library does not expose the depth');
    expect(screen.getByTestId('fact-library').textContent).toBe('paho-mqtt 1.6.1');
    act(() => useGauge.getState().setReports(fixtureReports([fixtureReportedClient('paho-1', { silent: true, silentMs: 6000 })])));
    expect(screen.getByTestId('report-verdict-paho-1').dataset.verdict).toBe('silent');
    expect(screen.getByTestId('report-alert-silent').textContent).toContain('No report for 6s');
  });

  it('counts the messages that were not reports by why, beside the listener', async () => {
    await view();
    const bad = { total: 3, byKind: { 'too-large': 1, 'not-json': 2, 'not-an-object': 0, 'future-version': 0, invalid: 0 }, last: { at: 1, topic: 'gauge/report/x', kind: 'not-json' as const, detail: '' } };
    act(() => useGauge.getState().setReports(fixtureReports([], { bad })));
    const counter = screen.getByTestId('bad-reports');
    expect(counter.dataset.total).toBe('3');
    expect(screen.getByTestId('bad-reports-not-json').dataset.count).toBe('2');
    expect(screen.queryByTestId('bad-reports-invalid')).toBeNull();
    expect(screen.getByTestId('report-listening').textContent).toContain('gauge/report/#');
  });
});
