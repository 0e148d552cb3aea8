// `mqtt-gauge bench`: the load generator, and what got through.
import { LIMITS, PUBLISH_MODES, type LoadStatus, type Sample } from '../../../shared/domain.js';
import { describeIssue } from '../../../shared/problems.js';
import { publishTopic, type LoadSpec } from '../../../shared/schemas.js';
import { choiceOption, flag, integerOption, parse, stringOption, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { connectHeadless, reportUnreachable } from '../headless.js';
import { jsonLine, StatusLine, type Io } from '../io.js';
import { helpText, issuePhrase, type Words } from '../messages.js';
import { progressText as timeProgress } from '../status.js';
import { BROKER_OPTIONS, resolveTarget } from '../target.js';

/** How long to wait, after the last message was sent, for what is queued and in flight. */
const DRAIN_MS = 10_000;

export async function bench(args: string[], io: Io, w: Words): Promise<number> {
  const { t, f } = w;
  const { values } = parse(args, {
    ...BROKER_OPTIONS,
    rate: { type: 'string' },
    count: { type: 'string' },
    seconds: { type: 'string' },
    burst: { type: 'string' },
    qos: { type: 'string' },
    'payload-size': { type: 'string' },
    mode: { type: 'string' },
    topic: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(`${helpText(w, 'bench')}\n`);
    return EXIT.ok;
  }
  const rate = integerOption(values, 'rate', 1, LIMITS.maxLoadRate);
  if (rate === undefined) throw new UsageError('cli.error.required', { option: '--rate' });
  const count = integerOption(values, 'count', 1, LIMITS.maxLoadCount);
  const seconds = integerOption(values, 'seconds', 1, LIMITS.maxLoadDurationSec);
  if (count === undefined && seconds === undefined) throw new UsageError('cli.error.countOrSeconds');
  const topic = stringOption(values, 'topic') ?? 'gauge/load';
  const topicCheck = publishTopic.safeParse(topic);
  if (!topicCheck.success) throw new UsageError('cli.error.badOption', { option: '--topic', problem: issuePhrase(describeIssue(topicCheck.error.issues[0]!)) });
  const spec: LoadSpec = {
    topic,
    rate,
    burst: integerOption(values, 'burst', 1, LIMITS.maxLoadBurst) ?? 1,
    ...(count !== undefined ? { count } : {}),
    ...(seconds !== undefined ? { durationSec: seconds } : {}),
    qos: (integerOption(values, 'qos', 0, 2) ?? 0) as 0 | 1 | 2,
    payloadSize: integerOption(values, 'payload-size', 0, LIMITS.maxPayloadBytes) ?? 64,
    mode: choiceOption(values, 'mode', PUBLISH_MODES) ?? 'tryPublish',
  };
  const json = flag(values, 'json');
  const target = resolveTarget(values, io.env);

  const lines = new StatusLine(json ? io.stderr : io.stdout);
  const headless = await connectHeadless(target, io, w);
  const { service } = headless;
  try {
    if (!headless.connected) {
      reportUnreachable(io, lines, json, w, headless);
      return EXIT.unreachable;
    }
    if (!json) lines.print(t('cli.connected', { target: headless.target }));

    let latest: Sample | null = null;
    service.on('sample', (sample) => (latest = sample));
    await waitFor(() => latest !== null, 2000);
    const before = latest!;
    service.monitor.queueLatency.reset();
    service.monitor.ackLatency.reset();
    const startedAt = performance.now();

    let drawnAt = 0;
    const finished = new Promise<LoadStatus>((resolve) => {
      service.on('load', (status) => {
        if (!status.running) return resolve(status);
        // In place on a terminal at each update; a line a second into a pipe or a log.
        if (json || (!lines.live && performance.now() - drawnAt < 1000)) return;
        drawnAt = performance.now();
        lines.update(progressText(w, status, spec, startedAt));
      });
    });
    const started = await service.handle('startLoad', spec);
    if (!started.ok) throw new UsageError('cli.error.refused', { message: started.error.message });
    const stopListening = io.onInterrupt(() => {
      lines.print(t('cli.stopping'));
      void service.handle('stopLoad', {});
    });
    const status = await finished;
    stopListening();
    if (!json) {
      lines.update(progressText(w, status, spec, startedAt));
      lines.end();
      lines.print(t('cli.bench.draining'));
    }
    await waitFor(() => latest !== null && latest.depth === 0 && latest.inflight === 0, DRAIN_MS);
    const after: Sample = latest!;
    const durationSec = (performance.now() - startedAt) / 1000;
    const queue = service.monitor.queueLatency.summary();
    const ack = service.monitor.ackLatency.summary();
    const result = {
      sent: status.sent,
      accepted: status.accepted,
      failed: status.failed,
      dropped: status.dropped,
      durationSec: round(durationSec, 3),
      throughputPerSec: round(Math.max(0, after.messagesOut - before.messagesOut) / durationSec, 1),
      acceptedPerSec: round(status.accepted / durationSec, 1),
      queueLatencyMs: { p50: queue.p50, p99: queue.p99 },
      ackLatencyMs: { p50: ack.p50, p99: ack.p99 },
      reconnects: Math.max(0, after.reconnects - before.reconnects),
      endReason: status.endReason ?? 'stopped',
    };
    if (json) jsonLine(io.stdout, { type: 'bench', target: headless.target, builtInBroker: target.builtIn, spec, ...result });
    else {
      const text = t('cli.bench.result', {
        sent: f.count(result.sent),
        accepted: f.count(result.accepted),
        failed: f.count(result.failed),
        dropped: f.count(result.dropped),
        duration: f.duration(result.durationSec * 1000),
        throughput: f.count(result.throughputPerSec),
        queueP50: f.latency(queue.p50),
        queueP99: f.latency(queue.p99),
        acked: String(spec.qos > 0),
        ackP50: f.latency(ack.p50),
        ackP99: f.latency(ack.p99),
        reconnects: f.count(result.reconnects),
      });
      io.stdout.write(`${text}\n`);
    }
    if (status.endReason === 'disconnected') {
      if (!json) lines.print(t('cli.lostMidRun'));
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    await headless.stop();
  }
}

function progressText(w: Words, status: LoadStatus, spec: LoadSpec, startedAt: number): string {
  const { t, f } = w;
  const elapsed = (performance.now() - startedAt) / 1000;
  const progress = spec.count !== undefined ? f.percent(Math.min(1, Math.floor((status.sent / spec.count) * 100) / 100)) : timeProgress(w, Math.floor(elapsed), spec.durationSec ?? null);
  return t('cli.bench.progress', { sent: f.count(status.sent), accepted: f.count(status.accepted), failed: f.count(status.failed), dropped: f.count(status.dropped), progress });
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
