// Renders a finished run as markdown-like tables.
import type { BrokerName } from './brokers.js';
import { ratio } from './stats.js';
import { fixed, int, mib, section, spread, table, times } from './table.js';
import { inspectFigures } from './inspect-bench.js';
import { CLIENTS, CLIENT_LABELS, QOS_LEVELS, messagesAt, qosKey } from './throughput.js';
import type { BenchSummary, Target } from './types.js';

export function renderReport(summary: BenchSummary, targets: Target[]): string {
  const s = summary.settings;
  const brokers = summary.brokers;
  const out: string[] = [];
  out.push(
    `# MQTT Gauge bench${summary.quick ? ' (quick)' : ''}`,
    '',
    `Node ${process.version}, ${s.payloadBytes}-byte payloads, engine channel cap ${int(s.cap)}, QoS 1/2 window ${s.window} (engine and raw; MQTT.js unlimited).`,
    `Each throughput cell is the median of ${s.reps} runs, clients interleaved, each client in its own process.`,
    'The machine is shared and noisy: read the ratios (same run, same broker), not the absolute rates.',
    '',
  );
  if (summary.brokerErrors.length > 0) out.push(`Broker problems: ${summary.brokerErrors.join('; ')}`, '');

  for (const qos of QOS_LEVELS) {
    const key = qosKey(qos);
    const n = messagesAt(s, qos);
    const rows = brokers.map((broker: BrokerName) => {
      const t = summary.throughput[broker]![key];
      const cells = CLIENTS.map((client) => `${int(t[client].msgsPerSec)} ${spread(t[client].samples, t[client].msgsPerSec)}`.trim());
      const poll = t['engine-poll'];
      return [
        broker,
        ...cells,
        times(ratio(t.engine.msgsPerSec, t.mqttjs.msgsPerSec)),
        times(ratio(t.engine.msgsPerSec, t.raw.msgsPerSec)),
        times(ratio(poll.msgsPerSec, t.engine.msgsPerSec)),
        times(ratio(poll.msgsPerSec, t.mqttjs.msgsPerSec)),
      ];
    });
    const ends =
      qos === 0
        ? 'from the first publish until a QoS 1 sentinel sent after them is acked'
        : `from the first publish until every one is acked (${qos === 1 ? 'PUBACK' : 'PUBCOMP, after PUBREC and PUBREL'})`;
    out.push(
      section(
        `Throughput, QoS ${qos} (${int(n)} messages, msg/s)`,
        table(['broker', ...CLIENTS.map((c) => CLIENT_LABELS[c]), 'engine/MQTT.js', 'engine/raw', 'poll/engine', 'poll/MQTT.js'], rows),
        `Timed ${ends}. ± is half the spread of the runs. "poll" is the engine driven by \`await publish\` per message and an \`await poll()\` loop.`,
      ),
    );
  }

  for (const qos of QOS_LEVELS) {
    const key = qosKey(qos);
    const cpuRows = brokers.map((broker: BrokerName) => {
      const t = summary.throughput[broker]![key];
      return [broker, ...CLIENTS.map((client) => fixed(t[client].cpuUsPerMsg, 2)), times(ratio(t.engine.cpuUsPerMsg, t.mqttjs.cpuUsPerMsg)), times(ratio(t['engine-poll'].cpuUsPerMsg, t.mqttjs.cpuUsPerMsg))];
    });
    out.push(
      section(
        `Client CPU per message, QoS ${qos} run (µs/msg, user+system of the client process)`,
        table(['broker', ...CLIENTS.map((c) => CLIENT_LABELS[c]), 'engine/MQTT.js', 'poll/MQTT.js'], cpuRows),
      ),
    );
  }

  const errors = brokers.flatMap((broker) =>
    QOS_LEVELS.map(qosKey).flatMap((key) => CLIENTS.flatMap((client) => summary.throughput[broker]![key][client].errors.map((e) => `${broker} ${key} ${client}: ${e}`))),
  );
  if (errors.length > 0) out.push(section('Failed runs', errors.map((e) => `- ${e.split('\n')[0]}`).join('\n')));

  if ('error' in summary.cost) {
    out.push(section('tryPublish cost', `failed: ${summary.cost.error}`));
  } else {
    const c = summary.cost;
    out.push(
      section(
        `tryPublish cost (ns/call, median of ${c.rounds} rounds, ${c.bigRounds} for the 1M fill; no broker, not polled)`,
        table(
          ['call', 'cap 10', 'cap 1,000,000', 'cap 1M / cap 10'],
          [
            ['accepted', fixed(c.acceptedCap10Ns, 0), fixed(c.acceptedCap1MNs, 0), times(ratio(c.acceptedCap1MNs, c.acceptedCap10Ns))],
            ['rejected (full)', fixed(c.rejectedCap10Ns, 0), fixed(c.rejectedCap1MNs, 0), times(ratio(c.rejectedCap1MNs, c.rejectedCap10Ns))],
            ['baseline: keep a request-shaped object, no engine', fixed(c.baselineCap10Ns, 0), fixed(c.baselineCap1MNs, 0), times(ratio(c.baselineCap1MNs, c.baselineCap10Ns))],
          ],
        ),
        'Accepted at cap 10: 10 calls into each of 5,000 fresh clients made outside the timed region. Accepted at cap 1M: a fresh client filled by 1,000,000 calls (ring growth and GC of the retained requests included). Rejected: 200,000 calls per round on a full channel. Baseline: the same counts of objects shaped like the engine requests stored in preallocated plain arrays; at 1M it shows what keeping a million objects alive costs in V8 (promotion and GC), engine or not.',
      ),
    );
  }

  const memRows = summary.memory.map((m) =>
    'error' in m
      ? [m.policy, 'n/a', 'n/a', 'n/a', 'n/a', `failed: ${m.error.split('\n')[0]}`]
      : [
          m.policy === 'baseline' ? 'baseline (no engine)' : m.policy,
          mib(m.heapGrowthBytes),
          mib(m.rssGrowthBytes),
          mib(m.newSpaceGrowthBytes),
          int(m.depth),
          m.policy === 'baseline' ? '' : `accepted ${int(m.ok)}, refused ${int(m.refused)}, dropped oldest ${int(m.droppedOldest)}, dropped newest ${int(m.droppedNewest)}`,
        ],
  );
  out.push(
    section(
      'Memory, loop stalled (1,000,000 tryPublish of fresh 64-byte payloads, cap 1,000; growth after gc)',
      table(['policy', 'heap', 'RSS', 'V8 new space', 'depth', 'outcome'], memRows, [5]),
      'The baseline row runs the same allocation loop into a plain 1,000-slot array: growth there is the runtime, not the engine.',
    ),
  );

  if (summary.monitor) {
    if ('error' in summary.monitor) out.push(section('Monitor overhead', `failed: ${summary.monitor.error}`));
    else {
      const m = summary.monitor;
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      out.push(
        section(
          `Monitor overhead (engine publishing QoS 0 at ${int(m.rate)} msg/s; the monitor attached and detached in turn every ${int(m.windowMs)} ms in one process)`,
          table(
            ['monitor', 'CPU ms/s', 'windows'],
            [
              ['detached', fixed(m.cpuOffMsPerSec, 1), int(m.real.windows.slice(1).filter((w) => !w.on).length)],
              ['attached (10 Hz + latency histograms)', fixed(m.cpuOnMsPerSec, 1), int(m.real.windows.slice(1).filter((w) => w.on).length)],
            ],
          ),
          `Share of the client's CPU, each attached window against the detached ones either side (median): ${pct(m.share)}. ` +
            `The same estimate from a control run where the monitor is never attached (what noise alone reads as a share): ${pct(m.controlShare)}. ` +
            `Time inside the monitor's sampling: ${pct(m.samplingShare)} of the CPU of the attached windows. ` +
            `The process's CPU moves by more than the monitor costs from one second to the next (GC and V8's helper threads count in it), so the first two numbers are noisy; the third is measured directly.`,
        ),
      );
    }
  }

  if (summary.inspect) {
    if ('error' in summary.inspect) out.push(section('Inspect (the proxy)', `failed: ${summary.inspect.error}`));
    else {
      const i = inspectFigures(summary.inspect);
      const reps = summary.inspect.throughput.qos0.direct.length;
      out.push(
        section(
          `Inspect: MQTT.js to mosquitto, direct and through the proxy (msg/s, median of ${reps}, interleaved)`,
          table(
            ['QoS', 'direct', 'through the proxy', 'proxy/direct', 'proxy CPU µs/msg'],
            [
              ['0', int(i.qos0.direct), int(i.qos0.proxied), times(i.qos0.ratio), fixed(i.qos0.proxyCpuUsPerMsg, 2)],
              ['1', int(i.qos1.direct), int(i.qos1.proxied), times(i.qos1.ratio), fixed(i.qos1.proxyCpuUsPerMsg, 2)],
            ],
          ),
          `The proxy runs in its own process and parses both directions (QoS 0: ${int(summary.inspect.messages.qos0)} messages, QoS 1: ${int(summary.inspect.messages.qos1)}). ` +
            `QoS 1 round trip, one message at a time (${int(summary.inspect.latency.n)} per run): p50 ${fixed(i.latency.directP50, 3)} ms direct, ${fixed(i.latency.proxiedP50, 3)} ms through the proxy ` +
            `(added ${fixed(i.latency.addedP50, 3)} ms); p99 ${fixed(i.latency.directP99, 3)} ms and ${fixed(i.latency.proxiedP99, 3)} ms.`,
        ),
      );
    }
  }

  const met = targets.filter((t) => t.met === true).length;
  out.push(
    section(
      `Targets (${met} of ${targets.length} met in this run)`,
      table(
        ['target', 'measured', 'goal', 'met'],
        targets.map((t) => [t.name, t.measured, t.goal, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
      ),
      targets
        .filter((t) => t.note)
        .map((t) => `- ${t.name}: ${t.note}`)
        .join('\n') || undefined,
    ),
  );
  return out.join('\n');
}
