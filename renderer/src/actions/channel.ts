// Live tuning: capacity, overflow policy, in-flight window, and stalling the
// event loop. Each is checked with the shared schema, then applied at once.
import type { z } from 'zod';
import type { OverflowPolicy } from '../../../shared/domain.js';
import { capacity as capacitySchema, inflight as inflightSchema, overflowPolicy } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';
import { useGauge } from '../store/store.js';

function problemsOf(schema: z.ZodType, value: unknown, field: string): FieldProblem[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : problemsFromZod(parsed.error).map((problem) => ({ ...problem, field }));
}

export async function applyCapacity(value: number): Promise<FieldProblem[]> {
  const problems = problemsOf(capacitySchema, value, 'capacity');
  if (problems.length > 0) return problems;
  const before = useGauge.getState().capacity;
  optimistic({ capacity: value });
  const result = await service().setCapacity({ capacity: value });
  useGauge.getState().clearPending('capacity');
  if (!result.ok) {
    useGauge.getState().setChannel({ capacity: before });
    return problemsFromService(result.error);
  }
  useGauge.getState().setChannel({ capacity: result.value.capacity, policy: result.value.policy });
  return [];
}

export async function applyPolicy(policy: OverflowPolicy): Promise<FieldProblem[]> {
  const problems = problemsOf(overflowPolicy, policy, 'policy');
  if (problems.length > 0) return problems;
  const before = useGauge.getState().policy;
  optimistic({ policy });
  const result = await service().setOverflowPolicy({ policy });
  useGauge.getState().clearPending('policy');
  if (!result.ok) {
    useGauge.getState().setChannel({ policy: before });
    return problemsFromService(result.error);
  }
  useGauge.getState().setChannel({ capacity: result.value.capacity, policy: result.value.policy });
  return [];
}

export async function applyInflight(value: number): Promise<FieldProblem[]> {
  const problems = problemsOf(inflightSchema, value, 'inflight');
  if (problems.length > 0) return problems;
  const result = await service().setInflight({ inflight: value });
  if (!result.ok) return problemsFromService(result.error);
  useGauge.getState().setChannel({ inflightWindow: result.value.inflight, inflightAppliedLive: result.value.appliedLive });
  return [];
}

/** Stalls (pauses) or resumes the event loop. */
export async function setLoopStalled(stalled: boolean): Promise<void> {
  const before = useGauge.getState().paused;
  useGauge.getState().setPending({ paused: stalled });
  useGauge.getState().setPaused(stalled);
  const result = stalled ? await service().pauseLoop({}) : await service().resumeLoop({});
  useGauge.getState().clearPending('paused');
  useGauge.getState().setPaused(result.ok ? result.value.paused : before);
}

/** Shows a change at once and holds it against older samples until the service answers. */
function optimistic(change: { capacity?: number; policy?: OverflowPolicy }): void {
  useGauge.getState().setPending(change);
  useGauge.getState().setChannel(change);
}
