// Chaos reports as text: what was done, what the engine counted, what the
// subscriber got, and whether every invariant held.
import type { ChaosReport } from './scenario.js';

const n = (value: number): string => value.toLocaleString('en-US');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A report as markdown-ish text, for the CLI and the test log. */
export function formatReport(report: ChaosReport, options: { timeline?: boolean } = {}): string {
  const { channel, loop } = report;
  const faults = Object.entries(report.faults)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ×${count}`)
    .join(', ');
  const errors = Object.entries(report.errors)
    .map(([code, count]) => `${code} ×${count}`)
    .join(', ');
  const lines = [
    `### chaos ${report.scenario}, seed ${report.seed}: ${report.seconds} s of faults, MQTT ${report.protocolVersion === 5 ? '5' : '3.1.1'}, ${report.wallSeconds.toFixed(1)} s in all`,
    '',
    `faults: ${faults || 'none'}`,
    `connections: ${n(loop.connectAttempts)} attempts, ${n(loop.reconnects)} reconnects, ${report.brokerRestarts} broker restarts; poll errors: ${errors || 'none'}`,
    `channel: accepted ${n(channel.accepted)} = written ${n(loop.requestsWritten)} + droppedOldest ${n(channel.droppedOldest)} + discarded ${n(channel.discarded)} + depth ${n(channel.depth)}; ` +
      `droppedNewest ${n(channel.droppedNewest)}, failedTryPublish ${n(channel.failedTryPublish)}, failedTryControl ${n(channel.failedTryControl)}`,
    `engine: acked ${n(loop.acked)}, lost ${n(loop.lostPublishes)} (${report.sessionLostEvents} session-lost events reporting ${n(report.sessionLostPublishes)}), publishes written incl. resends ${n(loop.publishesWritten)}`,
    `invariant checked ${n(report.samples)} times`,
    '',
    table(
      ['QoS', 'published', 'accepted', 'full', 'drop-newest', 'evicted', 'discarded', 'written', 'acked', 'lost', 'received', 'dupes', 'lost yet arrived', 'acked, broker died'],
      report.lanes.map((lane) => [
        String(lane.qos),
        n(lane.published),
        n(lane.accepted),
        n(lane.full),
        n(lane.droppedNewest),
        n(lane.evicted),
        n(lane.discarded),
        n(lane.written),
        lane.qos === 0 ? '–' : n(lane.acked),
        lane.qos === 0 ? '–' : n(lane.lost),
        n(lane.received),
        n(lane.duplicates),
        lane.qos === 0 ? '–' : n(lane.lostButArrived),
        lane.qos === 0 ? '–' : n(lane.ackedThenBrokerLost),
      ]),
    ),
    '',
    report.violations.length === 0 ? 'every invariant held' : `VIOLATIONS (${report.violations.length}):\n${report.violations.map((v) => `  - ${v}`).join('\n')}`,
  ];
  if (options.timeline) lines.push('', 'timeline:', ...report.timeline.map((t) => `  ${t}`));
  return lines.join('\n');
}
