// Asking the capacity advisor: it studies the live history's window, or the replayed bundle's samples up to the scrubber.
import { advise, type Advice, type AdvisorWindow } from '../../../shared/advisor/index.js';
import { sampleHistory } from '../metrics/index.js';
import { useGauge } from '../store/store.js';
import type { All } from '../store/types.js';

/** Advice on the last `windowSec` seconds (all of it for 0): of the bundle up to the scrubber while replaying, else of the live history. */
export function adviseOn(state: Pick<All, 'replay' | 'inflightWindow'>, windowSec: AdvisorWindow): Advice {
  const replay = state.replay;
  if (replay) {
    const upTo = replay.bundle.samples.slice(0, replay.index + 1);
    const end = upTo.at(-1)?.t ?? 0;
    const from = windowSec === 0 ? Number.NEGATIVE_INFINITY : end - windowSec * 1000;
    return advise(
      upTo.filter((s) => s.t >= from),
      { askedInflight: replay.bundle.channel.inflight },
    );
  }
  const end = sampleHistory.lastTime ?? 0;
  const from = windowSec === 0 ? Number.NEGATIVE_INFINITY : end - windowSec * 1000;
  return advise(sampleHistory.advisorSamples(from), { askedInflight: state.inflightWindow });
}

/** Studies the chosen window now and shows the advice in its tab. */
export function adviseNow(): Advice {
  const state = useGauge.getState();
  const advice = adviseOn(state, state.advisorWindow);
  state.setAdvice(advice);
  state.setBottomTab('advisor');
  return advice;
}
