// Subscribing and unsubscribing: the filter is checked with the shared schema first.
import type { QoS } from '../../../shared/domain.js';
import { commandSchemas } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

export async function subscribe(filter: string, qos: QoS): Promise<FieldProblem[]> {
  const parsed = commandSchemas.subscribe.safeParse({ filter, qos });
  if (!parsed.success) return problemsFromZod(parsed.error);
  const result = await service().subscribe({ filter, qos });
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setSubscriptions(result.value);
  return [];
}

export async function unsubscribe(filter: string): Promise<FieldProblem[]> {
  const result = await service().unsubscribe({ filter });
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setSubscriptions(result.value);
  return [];
}
