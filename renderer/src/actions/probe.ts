// "Probe the broker": asks the service to probe the current profile's broker on a connection of its own, and keeps the report in the store.
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

/** Runs a probe of the current profile's broker; the store follows it from running to its report (or why it could not run). */
export async function probeBroker(): Promise<void> {
  const store = useGauge.getState();
  store.setProbe({ phase: 'running' });
  const result = await service().probeBroker({});
  store.setProbe(result.ok ? { phase: 'done', report: result.value } : { phase: 'failed', message: result.error.message });
}
