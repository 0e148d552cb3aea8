// One list of clients from two witnesses: the proxy's view of each connection and each client's own report, joined by client id.
import type { InspectClient } from '../inspect.js';
import type { ReportedClient } from './fleet.js';

/** A row of the client list: what the proxy saw, what the client reported, or both. */
export interface RosterRow {
  /** Stable across pushes: "c<connection>" for a row the proxy saw, "r<client id>" for a client only its reports show. */
  key: string;
  clientId: string | null;
  inspected: InspectClient | null;
  reported: ReportedClient | null;
}

/** The id a forwarded connection goes by: its own, or the one the broker assigned it. */
export function inspectedId(client: InspectClient): string | null {
  return client.identity.clientId || client.grant?.assignedClientId || null;
}

/**
 * The proxy's connections in their order, each joined with the report of
 * the same client id, then the clients only their reports show, in the
 * order the listener gives them (client-id order). A report joins one connection only: the open one with that id, the
 * newest when it reconnected; the earlier, closed connections are history
 * the report says nothing about.
 */
export function rosterOf(inspected: readonly InspectClient[], reported: readonly ReportedClient[]): RosterRow[] {
  const byId = new Map<string, ReportedClient>();
  for (const report of reported) byId.set(report.clientId, report);
  const joined = new Map<string, InspectClient>();
  for (const client of inspected) {
    const id = inspectedId(client);
    if (id === null || !byId.has(id)) continue;
    const current = joined.get(id);
    const open = client.closedAt === null;
    const better = !current || (open && current.closedAt !== null) || (open === (current.closedAt === null) && client.connection > current.connection);
    if (better) joined.set(id, client);
  }
  const rows: RosterRow[] = inspected.map((client) => {
    const id = inspectedId(client);
    const isJoined = id !== null && joined.get(id) === client;
    return { key: `c${client.connection}`, clientId: id, inspected: client, reported: isJoined ? byId.get(id)! : null };
  });
  for (const report of reported) {
    if (!joined.has(report.clientId)) rows.push({ key: `r${report.clientId}`, clientId: report.clientId, inspected: null, reported: report });
  }
  return rows;
}
