// What Inspect showed at one moment of a replayed bundle: each client as it was
// then (its sample at that time, open or closed, the verdicts that held), rebuilt
// from the bundle's Inspect part and its log.
import type { LogEntry } from '../domain.js';
import { INSPECT_VERDICT_RULES, type InspectClient, type InspectSample, type InspectStatus, type InspectVerdict, type InspectVerdictRule } from '../inspect.js';
import type { DiagnosticsBundle } from './bundle.js';

type InspectPart = NonNullable<DiagnosticsBundle['inspect']>;

const isRule = (value: unknown): value is InspectVerdictRule => typeof value === 'string' && (INSPECT_VERDICT_RULES as readonly string[]).includes(value);

/** The last sample at or before `t` (samples are oldest first); undefined when all are later. */
export function sampleAt(samples: readonly InspectSample[], t: number): InspectSample | undefined {
  let lo = 0;
  let hi = samples.length - 1;
  let found: InspectSample | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = samples[mid]!;
    if (s.t <= t) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The verdicts on `connection` that held at `t`. The log says when each was
 * raised and cleared, with its numbers; a verdict still held when the bundle
 * was made is there too, in case the log (which is bounded) lost its raising.
 */
function verdictsAt(client: InspectClient, log: readonly LogEntry[], t: number): InspectVerdict[] {
  const held = new Map<InspectVerdictRule, InspectVerdict>();
  for (const entry of log) {
    if (entry.t > t) break;
    if (entry.category !== 'inspect' || entry.params?.connection !== client.connection || !isRule(entry.params.rule)) continue;
    const rule = entry.params.rule;
    if (entry.key === 'log.inspect-verdict-cleared') held.delete(rule);
    else if (entry.key === 'log.inspect-verdict' && !held.has(rule)) {
      const { connection: _connection, clientId: _clientId, rule: _rule, ...params } = entry.params;
      held.set(rule, { id: rule, severity: entry.level === 'error' ? 'critical' : 'warning', message: entry.message, since: entry.t, params } as InspectVerdict);
    }
  }
  for (const verdict of client.verdicts) if (verdict.since <= t && !held.has(verdict.id)) held.set(verdict.id, verdict);
  return [...held.values()].sort((a, b) => a.since - b.since);
}

/** Inspect's status at `t`: the clients opened by then, each with its sample, ending and verdicts at that moment. */
export function inspectAt(part: InspectPart, log: readonly LogEntry[], t: number): InspectStatus {
  const clients: InspectClient[] = [];
  for (const client of part.status.clients) {
    if (client.openedAt > t) continue;
    const closed = client.closedAt !== null && client.closedAt <= t;
    const history = part.histories[String(client.connection)] ?? [];
    // Before its first kept sample, the earliest one stands for it (not the bundle's last, which is later).
    const latest = sampleAt(history, t) ?? history[0] ?? client.latest;
    clients.push({
      ...client,
      closedAt: closed ? client.closedAt : null,
      ending: closed ? client.ending : null,
      latest: closed ? client.latest : latest,
      verdicts: closed ? [] : verdictsAt(client, log, t),
    });
  }
  return { ...part.status, clients };
}

/** The samples of `connection` up to `t`, for its charts in replay. */
export function historyUpTo(part: InspectPart, connection: number, t: number): InspectSample[] {
  const samples = part.histories[String(connection)] ?? [];
  return samples.filter((s) => s.t <= t);
}
