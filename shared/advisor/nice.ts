// Round numbers a person would type: the capacity the advisor suggests is one of them.
const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ that is at least `value` (and at least 1). */
export function niceAtLeast(value: number): number {
  if (!(value > 1)) return 1;
  const scale = 10 ** Math.floor(Math.log10(value));
  for (const step of STEPS) {
    const nice = Math.round(step * scale);
    if (nice >= value) return nice;
  }
  return Math.round(10 * scale);
}
