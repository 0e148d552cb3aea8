// Short seeded chaos runs against a real mosquitto (`npm run chaos` runs
// them longer, with any seed). Each run injects faults while QoS 0, 1 and 2
// flow, checks the channel invariant ten times a second and after every
// fault, and settles the books per message at the end against an
// independent MQTT.js subscriber; see scenario.ts and ledger.ts for exactly
// what is checked. The figures are printed; only invariants are asserted.
import { describe, expect, it } from 'vitest';
import { formatReport } from './report.js';
import { runChaos, type ChaosReport, type ScenarioName } from './scenario.js';

const SECONDS = 9;

async function run(scenario: ScenarioName, seed: number): Promise<ChaosReport> {
  const report = await runChaos({ scenario, seed, seconds: SECONDS });
  console.log(formatReport(report, { timeline: report.violations.length > 0 }));
  return report;
}

describe('chaos against a real mosquitto', () => {
  it('a persistent session through cuts, stalls past keepalive and throttles: nothing vanishes, QoS 2 exactly once, QoS 1 at least once', async () => {
    const report = await run('session', 7);
    expect(report.violations).toEqual([]);
    // The run really was chaotic, and the session really carried across it.
    expect(report.loop.reconnects).toBeGreaterThan(0);
    expect(report.loop.lostPublishes).toBe(0);
    expect(report.lanes[1]!.acked).toBeGreaterThan(0);
    expect(report.lanes[2]!.acked).toBeGreaterThan(0);
    expect(report.samples).toBeGreaterThan(SECONDS * 5);
  }, 90_000);

  it('broker kill and restart (sessions lost): every loss is one the engine reported, or the dead broker’s', async () => {
    const report = await run('restart', 3);
    expect(report.violations).toEqual([]);
    expect(report.brokerRestarts).toBeGreaterThan(0);
    expect(report.sessionLostEvents).toBeGreaterThan(0);
    expect(report.lanes[2]!.acked).toBeGreaterThan(0);
  }, 90_000);

  it('capacity, policy and window changes with a paused and slowed loop under heavy load: the books balance at every sample', async () => {
    const report = await run('tuning', 5);
    expect(report.violations).toEqual([]);
    expect((report.faults.capacity ?? 0) + (report.faults.policy ?? 0)).toBeGreaterThan(3);
    expect(report.channel.droppedOldest + report.channel.droppedNewest + report.channel.failedTryPublish).toBeGreaterThan(0);
  }, 90_000);
});
