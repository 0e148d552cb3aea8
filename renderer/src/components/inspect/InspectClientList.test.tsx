// The client list in front of thousands of clients: only the rows in view are in the page, and scrolling brings the others.
// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtureInspectClient } from '../../../../test/fixtures/inspect.js';
import { useGauge } from '../../store/store.js';
import { fakeLayout } from '../../../../test/renderer/layout.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { InspectClientList } from './InspectClientList.js';

describe('the Inspect client list', () => {
  it('renders a window of a 2,000-client list, and the rows further down when scrolled to', async () => {
    fakeLayout({ '.inspect-table-scroll': 240, '.inspect-table tbody tr[data-index]': 38 });
    renderWithGauge(<InspectClientList />);
    await settle();
    const clients = Array.from({ length: 2000 }, (_, i) => fixtureInspectClient(i + 1, `device-${i + 1}`));
    act(() => useGauge.getState().setInspect({ listening: true, listen: '127.0.0.1:18830', upstream: 'mqtt://b:1883', clients }));
    const rendered = () => screen.getAllByRole('row').filter((row) => row.dataset.testid?.startsWith('inspect-row-'));
    expect(screen.getByTestId('inspect-clients').textContent).toContain('2,000');
    expect(rendered().length).toBeGreaterThan(3);
    expect(rendered().length).toBeLessThan(60);
    expect(screen.getByTestId('inspect-row-1')).toBeTruthy();
    expect(screen.queryByTestId('inspect-row-1500')).toBeNull();
    const scroller = screen.getByTestId('inspect-clients').querySelector<HTMLElement>('.inspect-table-scroll')!;
    act(() => {
      scroller.scrollTop = 1499 * 38;
      fireEvent.scroll(scroller);
    });
    expect(screen.getByTestId('inspect-row-1500')).toBeTruthy();
    expect(screen.queryByTestId('inspect-row-1')).toBeNull();
  });
});
