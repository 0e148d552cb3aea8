// Fault drills: real faults in the client's transport or loop, switched on
// (and off) live. Each command is checked with the shared schema first.
import type { FaultState } from '../../../shared/domain.js';
import { faultCommand } from '../../../shared/schemas.js';
import { problemsFromService, problemsFromZod, type FieldProblem } from '../forms/problems.js';
import { service } from '../service/current.js';

/** Sends one drill command; returns the problems (none when the service took it) and the drills now in force. */
export async function setFault(command: unknown): Promise<{ problems: FieldProblem[]; faults: FaultState | null }> {
  const parsed = faultCommand.safeParse(command);
  if (!parsed.success) return { problems: problemsFromZod(parsed.error), faults: null };
  const result = await service().setFault(parsed.data);
  if (!result.ok) return { problems: problemsFromService(result.error), faults: null };
  return { problems: [], faults: result.value };
}
