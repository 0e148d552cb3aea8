// `npm run fuzz [-- --cases N --seed S]`: the long wire-fuzz run, with its figures.
import { parseArgs } from 'node:util';
import { runWireFuzz } from './wire-fuzz.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const cases = Number(values.cases);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
console.log(`wire fuzzing: ${cases.toLocaleString('en-US')} cases, seed ${seed} (replay with --seed ${seed})`);
const started = performance.now();
const report = await runWireFuzz(seed, cases, (done) => {
  if (process.stdout.isTTY && done % 250 === 0) process.stdout.write(`\r${done.toLocaleString('en-US')} cases`);
});
if (process.stdout.isTTY) process.stdout.write('\r');
const seconds = (performance.now() - started) / 1000;
console.log(`${report.cases.toLocaleString('en-US')} cases in ${seconds.toFixed(1)} s; ${report.eventsProcessed.toLocaleString('en-US')} packets processed; ${report.reconnects.toLocaleString('en-US')} reconnects`);
for (const [outcome, count] of Object.entries(report.outcomes).sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(7)}  ${outcome}`);
console.log(`crashes: ${report.uncaughtExceptions}, unhandled rejections: ${report.unhandledRejections}, unexpected errors: ${report.unexpected.length}`);
for (const u of report.unexpected.slice(0, 20)) console.log(`  ${u.case}: ${u.error}`);
process.exitCode = report.unexpected.length + report.uncaughtExceptions + report.unhandledRejections > 0 ? 1 : 0;
