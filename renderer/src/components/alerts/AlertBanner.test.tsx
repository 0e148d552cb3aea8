// The alert banner as a person sees it: advice that follows the service's numbers, the one-click fix, and the Chinese wording.
// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sample } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { useGauge } from '../../store/store.js';
import { AlertBanner } from './AlertBanner.js';

describe('alert banner', () => {
  it('shows each alert with its advice, follows its numbers as the service pushes them, and offers the fix', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<AlertBanner />);
    expect(screen.getByTestId('alert-banner').getAttribute('data-count')).toBe('0');
    await settle();
    const since = Date.now();
    act(() => {
      api.emit('sample', sample({ paused: true, sinceLastPollMs: 2000, depth: 10 }));
      api.emit('alerts', [{ id: 'loop-stalled', severity: 'critical', message: 'english', since, params: { sinceLastPollMs: 2000, paused: true, depth: 10 } }]);
    });
    const alert = screen.getByTestId('alert-loop-stalled');
    expect(alert.getAttribute('data-severity')).toBe('critical');
    expect(screen.getByRole('alert').textContent).toBe('Event loop stalled');
    expect(alert.textContent).toContain('has not been polled for 2 s');
    expect(alert.textContent).toContain('(10 queued)');
    // The stall goes on: the service pushes the alert again with its new numbers.
    act(() => api.emit('alerts', [{ id: 'loop-stalled', severity: 'critical', message: 'english', since, params: { sinceLastPollMs: 4200, paused: true, depth: 800 } }]));
    expect(screen.getByTestId('alert-loop-stalled').textContent).toContain('has not been polled for 4.2 s');
    expect(screen.getByTestId('alert-loop-stalled').textContent).toContain('(800 queued)');
    expect(screen.getByRole('alert').textContent).toBe('Event loop stalled');
    await user.click(screen.getByRole('button', { name: 'Resume the loop' }));
    await waitFor(() => expect(api.resumeLoop).toHaveBeenCalledTimes(1));
    act(() => api.emit('alerts', []));
    expect(screen.queryByTestId('alert-loop-stalled')).toBeNull();
    expect(screen.getByTestId('alert-banner').getAttribute('data-count')).toBe('0');
  });

  it('offers the advisor beside doubling when tryPublish fails, and it opens on the advice', async () => {
    const user = userEvent.setup();
    const { api } = renderWithGauge(<AlertBanner />);
    await settle();
    act(() => api.emit('alerts', [{ id: 'try-publish-failing', severity: 'critical', message: 'english', since: Date.now(), params: { failedPerSec: 4000 } }]));
    expect(screen.getByRole('button', { name: 'Raise capacity to 2,000' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ask the advisor' }));
    expect(useGauge.getState().bottomTab).toBe('advisor');
    expect(useGauge.getState().advice?.diagnosis.kind).toBe('too-little-data');
  });

  it('words alerts in Chinese', async () => {
    const { api } = renderWithGauge(<AlertBanner />, { language: 'zh-CN' });
    await settle();
    act(() => api.emit('sample', sample({ policy: 'drop-oldest' })));
    act(() => api.emit('alerts', [{ id: 'messages-dropped', severity: 'warning', message: 'english', since: Date.now(), params: { droppedOldestPerSec: 120, droppedNewestPerSec: 0 } }]));
    expect(screen.getByTestId('alert-messages-dropped').textContent).toContain('每秒丢弃 120 条发布');
    expect(screen.getByRole('button', { name: '将策略切换为阻塞' })).toBeTruthy();
  });
});
