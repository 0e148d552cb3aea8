// The load generator: the spec is checked with the shared schema, then started.
import type { CommandInput } from '../../../shared/schemas.js';
import { loadSpec } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

export async function startLoad(spec: CommandInput<'startLoad'>): Promise<FieldProblem[]> {
  const parsed = loadSpec.safeParse(spec);
  if (!parsed.success) return problemsFromZod(parsed.error);
  const result = await service().startLoad(spec);
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setLoad(result.value);
  return [];
}

export async function stopLoad(): Promise<void> {
  const result = await service().stopLoad({});
  if (result.ok) useGauge.getState().setLoad(result.value);
}
