// Runs the leak scenarios against one mosquitto and returns their figures.
import { startMosquitto } from '../kit/index.js';
import { LEAK_SCENARIOS, type LeakFigures, type LeakScenarioName, type LeakSizes } from './scenarios.js';

/** The sizes: 200 connect/disconnect cycles, 100 capacity changes, 10 floods of 20,000 messages. */
export const FULL_SIZES: LeakSizes = { cycles: 200, capacityChanges: 100, floods: 10, floodSize: 20_000, crossCheck: false };

export async function runLeak(sizes: LeakSizes, names: readonly LeakScenarioName[] = Object.keys(LEAK_SCENARIOS) as LeakScenarioName[]): Promise<LeakFigures[]> {
  // mosquitto leaves Nagle on by default, so a QoS 2 flow on loopback waits
  // out the peer's 40 ms delayed ACK at each small reply: 200 cycles would
  // take 10 s of nothing. Off here; it changes timing, not what is retained.
  const broker = await startMosquitto({ extraConfig: ['set_tcp_nodelay true'] });
  try {
    const figures: LeakFigures[] = [];
    for (const name of names) figures.push(await LEAK_SCENARIOS[name](broker, sizes));
    return figures;
  } finally {
    await broker.stop();
  }
}
