// The load panel's timing figures: end-to-end latency beside queue and ack latency, overruns worded apart from refusals, in both languages.
// @vitest-environment happy-dom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LoadStatus } from '../../../../shared/domain.js';
import { sample } from '../../../../test/renderer/fake-api.js';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import { IDLE_LOAD } from '../../store/slices/load.js';
import { LoadProgress } from './LoadProgress.js';

const running = (figures: Partial<LoadStatus>): LoadStatus => ({ ...IDLE_LOAD, running: true, rate: 1000, startedAt: Date.now() - 1000, sent: 1000, accepted: 1000, stamping: 'on', ...figures });

describe('load timing', () => {
  it('shows end-to-end p50/p99 next to queue and ack latency, and how many stamps came back', async () => {
    const { api } = renderWithGauge(<LoadProgress />);
    await settle();
    act(() => {
      api.emit('sample', sample({ queueLatencyP50: 0.4, queueLatencyP99: 2, ackLatencyP50: 1.5, ackLatencyP99: 9 }));
      api.emit('load', running({ endToEnd: { p50: 152, p99: 203, received: 998, otherRuns: 0 } }));
    });
    expect(screen.getByTestId('load-queue-latency').textContent).toBe('0.4ms / 2ms');
    expect(screen.getByTestId('load-ack-latency').textContent).toBe('1.5ms / 9ms');
    expect(screen.getByTestId('load-end-to-end').textContent).toBe('152ms / 203ms');
    expect(screen.getByTestId('load-end-to-end-note').textContent).toBe('Publish → receive, over 998 stamped messages that came back.');
  });

  it('asks for a subscription when the topic is not subscribed, and says when the payload is too small for a stamp', async () => {
    const { api } = renderWithGauge(<LoadProgress />);
    await settle();
    act(() => {
      api.emit('load', running({ endToEnd: null }));
    });
    expect(screen.getByTestId('load-end-to-end').textContent).toBe('—');
    expect(screen.getByTestId('load-end-to-end-note').textContent).toBe("Subscribe to the load's topic to measure end-to-end latency.");
    act(() => {
      api.emit('load', running({ stamping: 'payload-too-small', endToEnd: null }));
    });
    expect(screen.getByTestId('load-end-to-end-note').textContent).toBe('Payloads under 16 bytes cannot carry the send-time stamp: no end-to-end latency for this run.');
  });

  it('tells the generator falling behind apart from the channel refusing', async () => {
    const { api } = renderWithGauge(<LoadProgress />);
    await settle();
    act(() => {
      api.emit('load', running({ overruns: 0, failed: 0 }));
    });
    expect(screen.getByTestId('load-overruns').textContent).toBe('On schedule: every burst started within 20 ms of its time.');
    expect(screen.queryByTestId('load-refused-note')).toBeNull();
    act(() => {
      api.emit('load', running({ overruns: 4, overrunLagMs: 200, behindMs: 1500, failed: 0 }));
    });
    expect(screen.getByTestId('load-overruns').textContent).toBe('The generator could not keep up: 4 bursts started over 20 ms late (50ms late on average). Now 1.5s behind its schedule.');
    expect(screen.queryByTestId('load-refused-note')).toBeNull();
    act(() => {
      api.emit('load', running({ overruns: 0, failed: 120, accepted: 880 }));
    });
    expect(screen.getByTestId('load-overruns').textContent).toBe('On schedule: every burst started within 20 ms of its time.');
    expect(screen.getByTestId('load-refused-note').textContent).toBe('The channel refused 120 tryPublish calls: it was full (the generator itself kept up with those).');
  });

  it('speaks Chinese too', async () => {
    const { api } = renderWithGauge(<LoadProgress />, { language: 'zh-CN' });
    await settle();
    act(() => {
      api.emit('load', running({ endToEnd: null, overruns: 3, overrunLagMs: 90 }));
    });
    expect(screen.getByTestId('load-end-to-end-note').textContent).toBe('订阅负载的主题即可测量端到端延迟。');
    expect(screen.getByTestId('load-overruns').textContent).toContain('生成器跟不上：3 个突发');
  });
});
