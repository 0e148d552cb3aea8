// `npm run leak [-- --cross-check] [--cycles N --capacity-changes N --floods N --flood-size N]`:
// the leak scenarios at the full sizes (200 cycles, 100 capacity
// changes, 10 floods of 20,000), with their figures. Needs --expose-gc,
// which `npm run leak` passes. `--cross-check` also counts instances with
// v8.queryObjects (by constructor identity; slower) next to the heap
// snapshot's by-name counts. Exits 1 when a scenario keeps more than a few
// MB or leaves instances behind.
import { parseArgs } from 'node:util';
import { FULL_SIZES, runLeak } from './run.js';
import type { LeakFigures } from './scenarios.js';

const RETAINED_LIMIT = 3 * 1024 * 1024;

const { values } = parseArgs({
  options: {
    cycles: { type: 'string' },
    'capacity-changes': { type: 'string' },
    floods: { type: 'string' },
    'flood-size': { type: 'string' },
    'cross-check': { type: 'boolean', default: false },
  },
});
const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const sizes = {
  cycles: count(values.cycles, FULL_SIZES.cycles),
  capacityChanges: count(values['capacity-changes'], FULL_SIZES.capacityChanges),
  floods: count(values.floods, FULL_SIZES.floods),
  floodSize: count(values['flood-size'], FULL_SIZES.floodSize),
  crossCheck: values['cross-check'],
};

const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
const counts = (instances: Record<string, number>) =>
  Object.keys(instances).length === 0
    ? '(not counted)'
    : Object.entries(instances)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');

console.log(`leak: ${sizes.cycles} cycles, ${sizes.capacityChanges} capacity changes, ${sizes.floods} floods of ${sizes.floodSize.toLocaleString('en-US')}`);
const figures: LeakFigures[] = await runLeak(sizes);
let failed = 0;
console.log('');
console.log('| scenario | heap before MB | during MB | after MB | retained MB | RSS after MB | instances equal | seconds |');
console.log('|----------|---------------:|----------:|---------:|------------:|-------------:|----------------:|--------:|');
for (const f of figures) {
  const equal = JSON.stringify(f.after.instances) === JSON.stringify(f.before.instances);
  if (!equal || f.retainedBytes >= RETAINED_LIMIT) failed++;
  console.log(`| ${f.scenario} | ${mb(f.before.heapUsed)} | ${mb(f.during.heapUsed)} | ${mb(f.after.heapUsed)} | ${mb(f.retainedBytes)} | ${mb(f.after.rss)} | ${equal ? 'yes' : 'NO'} | ${f.seconds.toFixed(1)} |`);
}
for (const f of figures) {
  console.log('');
  console.log(`${f.scenario}: ${f.work}`);
  console.log(`  before: ${counts(f.before.instances)}`);
  console.log(`  during: ${counts(f.during.instances)}`);
  console.log(`  after:  ${counts(f.after.instances)}`);
  if (f.crossCheck) {
    console.log(`  queryObjects before: ${counts(f.crossCheck.before)}`);
    console.log(`  queryObjects after:  ${counts(f.crossCheck.after)}`);
  }
}
console.log('');
console.log(failed === 0 ? `every scenario gave its memory back (retained < ${mb(RETAINED_LIMIT)} MB, instance counts as before)` : `${failed} scenario(s) kept memory or instances`);
process.exitCode = failed === 0 ? 0 : 1;
