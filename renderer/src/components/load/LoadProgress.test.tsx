// Load progress follows the run the service reports, even one started elsewhere.
// @vitest-environment happy-dom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithGauge, settle } from '../../../../test/renderer/render.js';
import type { LoadStatus } from '../../../../shared/domain.js';
import { IDLE_LOAD } from '../../store/slices/load.js';
import { LoadProgress } from './LoadProgress.js';

/** A running load's status: the given figures over an idle one's. */
const running = (figures: Partial<LoadStatus>): LoadStatus => ({ ...IDLE_LOAD, running: true, stamping: 'on', ...figures });

describe('load progress', () => {
  it('draws the progress of a run started elsewhere (the CLI, another window) from what the run was asked for', async () => {
    const { api } = renderWithGauge(<LoadProgress />);
    await settle();
    act(() => api.emit('load', running({ sent: 250, accepted: 250, failed: 0, dropped: 0, rate: 1000, startedAt: Date.now() - 250, count: 1000 })));
    const bar = screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Load progress' });
    expect(bar.value).toBeCloseTo(0.25);
    act(() => api.emit('load', running({ sent: 10, accepted: 10, failed: 0, dropped: 0, rate: 10, startedAt: Date.now() - 30_000, durationSec: 60 })));
    expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Load progress' }).value).toBeCloseTo(0.5, 1);
    act(() => api.emit('load', running({ sent: 10, accepted: 10, failed: 0, dropped: 0, rate: 10, startedAt: Date.now() })));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
