// The leak run as a child process (`node --expose-gc --import tsx
// test/leak/leak-run.ts [--cycles N] [--capacity-changes N] [--floods N]
// [--flood-size N] [--scenarios engine,service,capacity,floods]`): Vitest's
// workers cannot be given --expose-gc, so the test spawns this and reads the
// figures it prints to stdout as one JSON document.
import { parseArgs } from 'node:util';
import { FULL_SIZES, runLeak } from './run.js';
import { LEAK_SCENARIOS, type LeakScenarioName } from './scenarios.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string' },
    'capacity-changes': { type: 'string' },
    floods: { type: 'string' },
    'flood-size': { type: 'string' },
    scenarios: { type: 'string' },
  },
});
const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const names = (values.scenarios?.split(',') ?? Object.keys(LEAK_SCENARIOS)) as LeakScenarioName[];
for (const name of names) if (!Object.hasOwn(LEAK_SCENARIOS, name)) throw new Error(`unknown leak scenario ${name}`);
const figures = await runLeak(
  {
    cycles: count(values.cycles, FULL_SIZES.cycles),
    capacityChanges: count(values['capacity-changes'], FULL_SIZES.capacityChanges),
    floods: count(values.floods, FULL_SIZES.floods),
    floodSize: count(values['flood-size'], FULL_SIZES.floodSize),
    crossCheck: false,
  },
  names,
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
