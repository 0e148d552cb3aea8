// The advisor's diagnosis in the reader's language: one catalogue sentence and its numbers.
import type { Advice } from '../../../../shared/advisor/index.js';
import type { Formatters } from '../../../../shared/format/index.js';

/** The catalogue key and parameters that say why the channel overflowed, and whether capacity helps. */
export function diagnosisWords(advice: Advice, f: Formatters): { key: string; params: Record<string, string> } {
  const d = advice.diagnosis;
  const rate = (perSec: number) => f.count(Math.round(perSec));
  switch (d.kind) {
    case 'too-little-data':
      return { key: 'advisor.diagnosis.tooLittleData', params: {} };
    case 'healthy':
      return { key: 'advisor.diagnosis.healthy', params: { peak: f.count(d.peakDepth), capacity: f.count(d.capacity) } };
    case 'burst':
      return { key: 'advisor.diagnosis.burst', params: { peak: f.count(d.peakDemand), capacity: f.count(advice.capacity) } };
    case 'stalled':
      return { key: 'advisor.diagnosis.stalled', params: { duration: f.duration(d.longestStallMs), offered: rate(d.offeredPerSec) } };
    case 'disconnected':
      return { key: 'advisor.diagnosis.disconnected', params: { duration: f.duration(d.downMs), offered: rate(d.offeredPerSec) } };
    case 'receive-maximum':
      return {
        key: 'advisor.diagnosis.receiveMaximum',
        params: { asked: f.count(d.asked), granted: f.count(d.granted), offered: rate(d.offeredPerSec), drained: rate(d.drainedPerSec) },
      };
    case 'window':
      return { key: 'advisor.diagnosis.window', params: { window: f.count(d.window), offered: rate(d.offeredPerSec), drained: rate(d.drainedPerSec) } };
    case 'overload':
      return { key: 'advisor.diagnosis.overload', params: { offered: rate(d.offeredPerSec), drained: rate(d.drainedPerSec) } };
  }
}
