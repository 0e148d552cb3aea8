// `npm run chaos [-- --seconds N --seed S --scenario session|restart|tuning|all --timeline]`:
// the long chaos runs against a real mosquitto, with their figures. Exits 1
// when any invariant broke; the seed replays the same faults.
import { parseArgs } from 'node:util';
import { formatReport } from './report.js';
import { runChaos, SCENARIOS, type ScenarioName } from './scenario.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    scenario: { type: 'string', default: 'all' },
    timeline: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const names = values.scenario === 'all' ? (Object.keys(SCENARIOS) as ScenarioName[]) : [values.scenario as ScenarioName];
for (const name of names) if (!Object.hasOwn(SCENARIOS, name)) throw new Error(`unknown scenario ${name}; one of ${Object.keys(SCENARIOS).join(', ')}, or all`);

console.log(`chaos: ${names.join(', ')}; ${seconds} s of faults each; seed ${seed} (replay with --seed ${seed})`);
let broken = 0;
for (const scenario of names) {
  const report = await runChaos({ scenario, seed, seconds, log: values.timeline ? (line) => console.log(line) : undefined });
  console.log('');
  console.log(formatReport(report));
  broken += report.violations.length;
}
process.exitCode = broken > 0 ? 1 : 0;
