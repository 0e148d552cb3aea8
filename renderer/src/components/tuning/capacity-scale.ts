// The capacity slider's logarithmic scale: slider position to a round capacity and back, from 1 to 10,000,000.
import { LIMITS } from '../../../../shared/domain.js';

/** Slider positions: the capacity slider is logarithmic, 1 to 10,000,000 over this many steps. */
export const SLIDER_STEPS = 700;
const DECADES = Math.log10(LIMITS.maxCapacity);

/** A capacity rounded to two significant digits, so slider values read well (1,500 rather than 1,487). */
function nice(value: number): number {
  if (value < 10) return Math.round(value);
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

export function capacityAt(position: number): number {
  return Math.min(LIMITS.maxCapacity, Math.max(LIMITS.minCapacity, nice(10 ** ((position / SLIDER_STEPS) * DECADES))));
}

export function positionOf(capacity: number): number {
  if (!(capacity > 0)) return 0;
  return Math.round((Math.log10(Math.min(capacity, LIMITS.maxCapacity)) / DECADES) * SLIDER_STEPS);
}
