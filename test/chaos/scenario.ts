// Chaos against a real mosquitto: a steady load of QoS 0, 1 and 2 while a
// seeded schedule of faults runs (broker kill/restart, proxy cuts, stalls
// past keepalive, throttles, capacity and policy changes, in-flight window
// changes, a paused or slow event loop, the engine's own drills). The
// channel invariant is checked ten times a second and after every fault; the
// delivery invariants are checked per message at the end (see ledger.ts),
// against an independent MQTT.js subscriber.
//
// The same seed replays the same faults with the same parameters in the
// same order; their timing against the traffic is the machine's.
import type { QoS } from 'mqtt-packet';
import { setTimeout as sleep } from 'node:timers/promises';
import { prng, startMosquitto, startProxy, startSubscriber, type Mosquitto, type Subscriber, type TcpProxy } from '../kit/index.js';
import {
  ChannelClosedError,
  createClient,
  EventLoopRunner,
  OVERFLOW_POLICIES,
  type AsyncClient,
  type ChannelStats,
  type EventLoop,
  type EventLoopStats,
  type OverflowPolicy,
} from '../../main/engine/index.js';
import { ChaosLedger, type LaneFigures } from './ledger.js';

/** The faults a scenario can draw. */
export type FaultName =
  | 'broker-restart'
  | 'proxy-cut'
  | 'proxy-stall'
  | 'proxy-throttle'
  | 'drill-throttle'
  | 'drill-stall'
  | 'drop-connection'
  | 'capacity'
  | 'policy'
  | 'inflight'
  | 'pause-loop'
  | 'slow-poll'
  | 'control';

export type ScenarioName = 'session' | 'restart' | 'tuning';

/** What a scenario runs: the link, the session, the load and the faults it draws from. */
export interface ScenarioSpec {
  summary: string;
  /** The engine reaches the broker through a fault-injecting proxy. */
  viaProxy: boolean;
  cleanSession: boolean;
  /** The broker keeps the engine's session throughout: nothing may be reported lost. */
  persistentSession: boolean;
  /** Messages per second for QoS 0, 1 and 2 (QoS 0/1 by tryPublish, QoS 2 by a waiting publish). */
  rates: [number, number, number];
  capacity: number;
  inflight: number;
  /** Faults and their weights. */
  faults: Partial<Record<FaultName, number>>;
  /** The pause between two faults, ms. */
  gapMs: [number, number];
}

export const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  session: {
    summary: 'persistent session (clean false, fixed client id) through a proxy that cuts, stalls past keepalive and throttles',
    viaProxy: true,
    cleanSession: false,
    persistentSession: true,
    rates: [600, 400, 300],
    capacity: 500,
    inflight: 50,
    faults: {
      'proxy-cut': 3,
      'proxy-stall': 2,
      'proxy-throttle': 2,
      'drill-throttle': 1,
      'drill-stall': 1,
      'drop-connection': 2,
      capacity: 2,
      policy: 2,
      inflight: 1,
      'pause-loop': 2,
      'slow-poll': 1,
      control: 1,
    },
    gapMs: [200, 700],
  },
  restart: {
    summary: 'mosquitto killed and restarted (persistence false: every session is lost) while the engine keeps publishing',
    viaProxy: true,
    cleanSession: false,
    persistentSession: false,
    rates: [600, 400, 300],
    capacity: 500,
    inflight: 50,
    faults: { 'broker-restart': 3, 'drop-connection': 1, capacity: 2, policy: 2, inflight: 1, 'pause-loop': 1, 'slow-poll': 1, control: 1 },
    gapMs: [300, 900],
  },
  tuning: {
    summary: 'a heavier load while capacity, policy and in-flight window change, the loop pauses and slows, and the connection drops (clean session)',
    viaProxy: false,
    cleanSession: true,
    persistentSession: false,
    rates: [3000, 1500, 500],
    capacity: 200,
    inflight: 20,
    faults: { capacity: 4, policy: 4, inflight: 2, 'pause-loop': 2, 'slow-poll': 2, 'drill-throttle': 1, 'drop-connection': 1, control: 2 },
    gapMs: [100, 400],
  },
};

/** How to run one scenario. */
export interface ChaosOptions {
  scenario: ScenarioName;
  seed: number;
  /** How long faults are injected; settling and checking come after. */
  seconds: number;
  /** Progress lines (the CLI prints them); silent by default. */
  log?: (line: string) => void;
}

/** Everything a run found, for printing and for assertions. */
export interface ChaosReport {
  scenario: ScenarioName;
  seed: number;
  seconds: number;
  protocolVersion: 4 | 5;
  /** How many times each fault was applied. */
  faults: Partial<Record<FaultName, number>>;
  /** The faults in order, with their time from the start (replay aid). */
  timeline: string[];
  /** Invariant checks made (10 Hz samples plus one after every fault and at the end). */
  samples: number;
  channel: ChannelStats;
  loop: Pick<EventLoopStats, 'requestsWritten' | 'publishesWritten' | 'acked' | 'lostPublishes' | 'rejectedTooLarge' | 'reconnects' | 'connectAttempts'>;
  lanes: LaneFigures[];
  brokerRestarts: number;
  /** session-lost events, and the publishes they reported lost. */
  sessionLostEvents: number;
  sessionLostPublishes: number;
  /** Poll errors by code (each ended a connection). */
  errors: Record<string, number>;
  violations: string[];
  wallSeconds: number;
}

const HOST = '127.0.0.1';
const KEEPALIVE_S = 1;
const SAMPLE_MS = 100;
const SETTLE_MS = 30_000;
const CAPACITIES = [1, 3, 10, 50, 200, 1000, 5000];
const INFLIGHT_WINDOWS = [1, 2, 10, 50, 200];

/** Runs one scenario against a fresh mosquitto and returns what it found; never throws for a broken invariant. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const spec = SCENARIOS[options.scenario];
  const run = new ChaosRun(spec, options);
  try {
    return await run.execute();
  } finally {
    await run.dispose();
  }
}

class ChaosRun {
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly tag: string;
  private readonly violations: string[] = [];
  private readonly faultCounts: Partial<Record<FaultName, number>> = {};
  private readonly timeline: string[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly protocolVersion: 4 | 5;

  private broker!: Mosquitto;
  private proxy: TcpProxy | null = null;
  private client!: AsyncClient;
  private eventLoop!: EventLoop;
  private runner!: EventLoopRunner;
  private ledger!: ChaosLedger;
  private readonly subscribers: Array<{ subscriber: Subscriber; epoch: number; read: number }> = [];
  /** connectAttempts when each broker restart began: attempts after it reach the next broker instance. */
  private readonly refusals: number[] = [];
  private startedAt = 0;
  private samples = 0;
  private previous: { channel: ChannelStats; loop: EventLoopStats } | null = null;
  private sampler: NodeJS.Timeout | null = null;
  private controlsAccepted = 0;
  private sessionLostEvents = 0;
  private sessionLostPublishes = 0;
  private brokerRestarts = 0;

  constructor(
    private readonly spec: ScenarioSpec,
    private readonly options: ChaosOptions,
  ) {
    this.random = prng(options.seed);
    this.log = options.log ?? (() => {});
    this.protocolVersion = this.random() < 0.5 ? 4 : 5;
    this.tag = `${options.scenario}${options.seed}x${Date.now().toString(36)}`;
  }

  async execute(): Promise<ChaosReport> {
    const wallStart = performance.now();
    const spec = this.spec;
    this.broker = await startMosquitto();
    if (spec.viaProxy) this.proxy = await startProxy({ host: HOST, port: this.broker.port });
    await this.addSubscriber();

    const { client, eventLoop } = createClient(
      {
        host: HOST,
        port: this.proxy?.port ?? this.broker.port,
        clientId: `chaos-engine-${this.tag}`,
        protocolVersion: this.protocolVersion,
        cleanSession: spec.cleanSession,
        keepAlive: KEEPALIVE_S,
        inflight: spec.inflight,
        connectTimeoutMs: 2_000,
        reconnect: { initialDelayMs: 20, maxDelayMs: 250 },
      },
      spec.capacity,
      { random: prng(this.options.seed ^ 0x5bd1e995) },
    );
    this.client = client;
    this.eventLoop = eventLoop;
    this.ledger = new ChaosLedger(this.tag, () => eventLoop.stats().connectAttempts);
    this.runner = new EventLoopRunner(eventLoop, {
      onEvent: (event) => {
        if (event.type === 'session-lost') {
          this.sessionLostEvents++;
          this.sessionLostPublishes += event.lostPublishes;
        }
      },
      onError: (error) => {
        const code = (error as { code?: string }).code ?? error.name;
        this.errors[code] = (this.errors[code] ?? 0) + 1;
      },
    });
    this.runner.start();
    await this.until(() => eventLoop.stats().state === 'connected', 'the first connection', 10_000);
    this.log(`${this.options.scenario}: seed ${this.options.seed}, MQTT ${this.protocolVersion === 5 ? '5' : '3.1.1'}, ${spec.summary}`);

    this.startedAt = performance.now();
    this.sampler = setInterval(() => this.check('sample'), SAMPLE_MS);
    const load = this.startLoad();
    await this.injectFaults();
    this.liftFaults();
    // A waiting publish() resolves once there is room; if the engine never
    // makes room again, that is a finding, not a hang.
    const stopped = await Promise.race([load.stop().then(() => true), sleep(SETTLE_MS).then(() => false)]);
    if (!stopped) this.violate(`the waiting QoS 2 publisher was still blocked ${SETTLE_MS} ms after the faults were lifted`);
    await this.settle();
    await this.closeGracefully();
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    return this.report(performance.now() - wallStart);
  }

  async dispose(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.eventLoop?.close();
    await this.runner?.stop();
    for (const { subscriber } of this.subscribers) await subscriber.close().catch(() => {});
    await this.proxy?.close();
    await this.broker?.stop();
  }

  // ---- the invariant ---------------------------------------------------------

  /**
   * Every request that entered the channel is accounted for, at any instant:
   *
   *     accepted = requestsWritten + droppedOldest + discarded + depth
   *
   * requestsWritten counts every request the loop took from the channel
   * (publishes refused as too large included: they are in rejectedTooLarge
   * as well); droppedNewest never entered, so it is on neither side. Also:
   * no counter ever goes backwards.
   */
  private check(where: string): void {
    const channel = this.client.channelStats();
    const loop = this.eventLoop.stats();
    this.samples++;
    const unaccounted = channel.accepted - (loop.requestsWritten + channel.droppedOldest + channel.discarded + channel.depth);
    if (unaccounted !== 0) {
      this.violate(
        `${where} at +${this.elapsed()}: accepted ${channel.accepted} ≠ written ${loop.requestsWritten} + droppedOldest ${channel.droppedOldest} + ` +
          `discarded ${channel.discarded} + depth ${channel.depth} (${unaccounted} unaccounted)`,
      );
    }
    const before = this.previous;
    if (before) {
      const pairs: Array<[string, number, number]> = [
        ['accepted', before.channel.accepted, channel.accepted],
        ['droppedOldest', before.channel.droppedOldest, channel.droppedOldest],
        ['droppedNewest', before.channel.droppedNewest, channel.droppedNewest],
        ['failedTryPublish', before.channel.failedTryPublish, channel.failedTryPublish],
        ['discarded', before.channel.discarded, channel.discarded],
        ['requestsWritten', before.loop.requestsWritten, loop.requestsWritten],
        ['acked', before.loop.acked, loop.acked],
        ['lostPublishes', before.loop.lostPublishes, loop.lostPublishes],
      ];
      for (const [name, was, is] of pairs) if (is < was) this.violate(`${where} at +${this.elapsed()}: ${name} went backwards (${was} → ${is})`);
    }
    this.previous = { channel, loop };
  }

  // ---- the load --------------------------------------------------------------

  /** QoS 0 and 1 by tryPublish on a 10 ms clock, QoS 2 by a publish() that waits for room, each at its rate. */
  private startLoad(): { stop(): Promise<void> } {
    const [rate0, rate1, rate2] = this.spec.rates;
    const started = performance.now();
    const sent: [number, number, number] = [0, 0, 0];
    const due = (rate: number) => Math.floor(((performance.now() - started) / 1000) * rate);
    const tryLane = (qos: 0 | 1, rate: number) => {
      const topic = this.topic(qos);
      for (let target = due(rate); sent[qos] < target; sent[qos]++) {
        const message = this.ledger.next(qos);
        this.ledger.answeredTry(qos, message.seq, this.client.tryPublish(topic, qos, false, message.payload, { receipt: message.receipt }));
      }
    };
    const timer = setInterval(() => {
      tryLane(0, rate0);
      tryLane(1, rate1);
    }, 10);
    let producing = true;
    const waiting = (async () => {
      const topic = this.topic(2);
      while (producing) {
        if (sent[2] >= due(rate2)) {
          await sleep(5);
          continue;
        }
        const message = this.ledger.next(2);
        sent[2]++;
        try {
          const outcome = await this.client.publish(topic, 2, false, message.payload, { receipt: message.receipt });
          this.ledger.answeredSend(2, message.seq, outcome);
        } catch (error) {
          if (!(error instanceof ChannelClosedError)) throw error;
          this.ledger.answeredSend(2, message.seq, 'closed');
          return;
        }
      }
    })();
    return {
      stop: async () => {
        clearInterval(timer);
        producing = false;
        await waiting;
      },
    };
  }

  private topic(qos: QoS): string {
    return `chaos/${this.tag}/q${qos}`;
  }

  // ---- the faults ------------------------------------------------------------

  private async injectFaults(): Promise<void> {
    const end = this.startedAt + this.options.seconds * 1000;
    const entries = Object.entries(this.spec.faults) as Array<[FaultName, number]>;
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    const [gapMin, gapMax] = this.spec.gapMs;
    while (performance.now() < end) {
      await sleep(this.between(gapMin, gapMax));
      if (performance.now() >= end) break;
      let pick = this.random() * total;
      const fault = entries.find(([, weight]) => (pick -= weight) < 0)?.[0] ?? entries[0]![0];
      await this.apply(fault);
      this.check(`after ${fault}`);
    }
  }

  private async apply(fault: FaultName): Promise<void> {
    this.faultCounts[fault] = (this.faultCounts[fault] ?? 0) + 1;
    const note = (detail: string) => {
      const line = `+${this.elapsed()} ${fault}${detail ? ` ${detail}` : ''}`;
      this.timeline.push(line);
      this.log(`  ${line}`);
    };
    const proxy = this.proxy;
    switch (fault) {
      case 'broker-restart':
        note('');
        await this.restartBroker();
        return;
      case 'proxy-cut':
        note('');
        proxy?.cutAll();
        return;
      case 'proxy-stall': {
        // Past keepalive: the engine must find the link half-open (1.5 × keepalive) and come back.
        const ms = Math.round(KEEPALIVE_S * 1500 + this.between(200, 1000));
        note(`${ms} ms`);
        proxy?.stall();
        await sleep(ms);
        proxy?.resume();
        return;
      }
      case 'proxy-throttle': {
        const rate = Math.round(this.between(500, 4000));
        const ms = Math.round(this.between(500, 2000));
        note(`${rate} B/s for ${ms} ms`);
        proxy?.throttle(rate);
        await sleep(ms);
        proxy?.throttle(null);
        return;
      }
      case 'drill-throttle': {
        const rate = Math.round(this.between(1000, 20_000));
        const ms = Math.round(this.between(300, 1500));
        note(`${rate} B/s for ${ms} ms`);
        this.eventLoop.throttleWrites(rate);
        await sleep(ms);
        this.eventLoop.throttleWrites(null);
        return;
      }
      case 'drill-stall': {
        const ms = Math.round(this.between(200, 2500));
        const stalled = this.eventLoop.stallSocket(ms);
        note(`${ms} ms${stalled ? '' : ' (not connected: skipped)'}`);
        if (stalled) await sleep(ms);
        return;
      }
      case 'drop-connection':
        note('');
        this.eventLoop.dropConnection('chaos: connection dropped');
        return;
      case 'capacity': {
        const capacity = this.pick(CAPACITIES);
        note(String(capacity));
        this.client.setCapacity(capacity);
        return;
      }
      case 'policy': {
        const policy: OverflowPolicy = this.pick(OVERFLOW_POLICIES);
        note(policy);
        this.client.setOverflowPolicy(policy);
        return;
      }
      case 'inflight': {
        const window = this.pick(INFLIGHT_WINDOWS);
        note(String(window));
        this.eventLoop.setInflight(window);
        return;
      }
      case 'pause-loop': {
        const ms = Math.round(this.between(200, 2000));
        note(`${ms} ms`);
        this.runner.pause();
        await sleep(ms);
        this.runner.resume();
        return;
      }
      case 'slow-poll': {
        const delay = Math.round(this.between(1, 20));
        const ms = Math.round(this.between(300, 1500));
        note(`${delay} ms per poll for ${ms} ms`);
        this.runner.setPollDelay(delay);
        await sleep(ms);
        this.runner.setPollDelay(0);
        return;
      }
      case 'control': {
        // Control requests share the channel with publishes and are never dropped.
        const filter = `chaos/${this.tag}/idle`;
        const result = this.random() < 0.5 ? this.client.trySubscribe(filter, 0) : this.client.tryUnsubscribe(filter);
        if (result.ok) this.controlsAccepted++;
        note(result.ok ? 'queued' : result.error);
        return;
      }
    }
  }

  /**
   * Kills mosquitto (SIGKILL: no goodbye, and with `persistence false` every
   * session dies with it) and starts it again on the same port. The proxy
   * refuses new connections until the new subscriber has subscribed, so the
   * engine cannot publish into a broker nobody listens to yet: what the
   * subscriber misses is then only what the engine lost or the dead broker
   * held. Attempts counted before the refusal reach the old broker, those
   * after it the new one (see epochOfAttempt).
   */
  private async restartBroker(): Promise<void> {
    const proxy = this.proxy!;
    proxy.refuse(true);
    this.refusals.push(this.eventLoop.stats().connectAttempts);
    await this.broker.kill();
    this.brokerRestarts++;
    const old = this.subscribers.at(-1);
    await old?.subscriber.close();
    this.ingest();
    await this.broker.start();
    await this.addSubscriber();
    proxy.refuse(false);
  }

  /** Lifts every fault still in force, so the run can settle. */
  private liftFaults(): void {
    this.proxy?.resume();
    this.proxy?.throttle(null);
    this.proxy?.refuse(false);
    this.eventLoop.throttleWrites(null);
    this.runner.setPollDelay(0);
    this.runner.resume();
  }

  // ---- the end ---------------------------------------------------------------

  /** Waits until nothing is queued or in flight and every acked message has reached the subscriber. */
  private async settle(): Promise<void> {
    const loop = this.eventLoop;
    const settled = await this.until(
      () => {
        const stats = loop.stats();
        return stats.state === 'connected' && stats.inflight === 0 && this.client.channelStats().depth === 0;
      },
      'the channel and the in-flight window to empty',
      SETTLE_MS,
    );
    if (!settled) return;
    const finalEpoch = this.refusals.length;
    await this.until(
      () => {
        this.ingest();
        return this.ledger.ackedNotReceived((attempt) => this.epochOfAttempt(attempt), finalEpoch) === 0;
      },
      'the subscriber to receive every acked message',
      15_000,
    );
    // QoS 0 stragglers (and any duplicate still on its way): until the subscriber has been quiet for a moment.
    let last = -1;
    await this.until(
      async () => {
        const count = this.subscribers.reduce((sum, s) => sum + s.subscriber.messages.length, 0);
        const quiet = count === last;
        last = count;
        if (!quiet) await sleep(200);
        return quiet;
      },
      'the subscriber to go quiet',
      5_000,
    );
    this.ingest();
    this.check('settled');
  }

  /** Sends DISCONNECT behind everything, lets it go out, closes, and checks the books once more. */
  private async closeGracefully(): Promise<void> {
    await this.client.disconnect();
    await this.until(() => this.eventLoop.stats().state === 'disconnected', 'the DISCONNECT to go out', 5_000);
    this.eventLoop.close();
    await this.runner.stop();
    this.check('closed');
  }

  private report(wallMs: number): ChaosReport {
    const finalEpoch = this.refusals.length;
    const lanes = this.ledger.settle({ epochOfAttempt: (a) => this.epochOfAttempt(a), finalEpoch, persistentSession: this.spec.persistentSession }, this.violations);
    const channel = this.client.channelStats();
    const loop = this.eventLoop.stats();
    const sum = (pick: (lane: LaneFigures) => number) => lanes.reduce((total, lane) => total + pick(lane), 0);
    // The engine's counters against the per-message outcomes: the same totals, reached two ways.
    const books: Array<[string, number, number]> = [
      ['channel.accepted vs accepted publishes + control requests + the DISCONNECT', channel.accepted, this.ledger.acceptedCount() + this.controlsAccepted + 1],
      ['requestsWritten vs written publishes + control requests + the DISCONNECT', loop.requestsWritten, sum((l) => l.written) + this.controlsAccepted + 1],
      ['droppedOldest vs evicted publishes', channel.droppedOldest, sum((l) => l.evicted)],
      ['droppedNewest vs publishes refused by drop-newest', channel.droppedNewest, sum((l) => l.droppedNewest)],
      ['failedTryPublish vs tryPublish calls answered full', channel.failedTryPublish, sum((l) => l.full)],
      ['discarded vs publishes discarded at close', channel.discarded, sum((l) => l.discarded)],
      ['acked vs acked receipts', loop.acked, sum((l) => l.acked)],
      ['lostPublishes vs lost receipts', loop.lostPublishes, sum((l) => l.lost)],
      ['lostPublishes vs the session-lost events', loop.lostPublishes, this.sessionLostPublishes],
      ['rejectedTooLarge vs 0', loop.rejectedTooLarge, 0],
    ];
    for (const [what, engine, counted] of books) if (engine !== counted) this.violate(`${what}: ${engine} ≠ ${counted}`);
    if (this.spec.persistentSession && loop.lostPublishes !== 0) this.violate(`the session persisted, yet ${loop.lostPublishes} publishes were reported lost`);
    return {
      scenario: this.options.scenario,
      seed: this.options.seed,
      seconds: this.options.seconds,
      protocolVersion: this.protocolVersion,
      faults: this.faultCounts,
      timeline: this.timeline,
      samples: this.samples,
      channel,
      loop: {
        requestsWritten: loop.requestsWritten,
        publishesWritten: loop.publishesWritten,
        acked: loop.acked,
        lostPublishes: loop.lostPublishes,
        rejectedTooLarge: loop.rejectedTooLarge,
        reconnects: loop.reconnects,
        connectAttempts: loop.connectAttempts,
      },
      lanes,
      brokerRestarts: this.brokerRestarts,
      sessionLostEvents: this.sessionLostEvents,
      sessionLostPublishes: this.sessionLostPublishes,
      errors: this.errors,
      violations: this.violations,
      wallSeconds: wallMs / 1000,
    };
  }

  // ---- helpers -----------------------------------------------------------------

  /** The broker instance a connect attempt reached: 0 for the first, +1 after each restart. */
  private epochOfAttempt(attempt: number): number {
    let epoch = 0;
    for (const refusedAt of this.refusals) if (attempt > refusedAt) epoch++;
    return epoch;
  }

  /** A persistent subscriber (clean false, fixed id, QoS 2) straight to the broker, never through the proxy. */
  private async addSubscriber(): Promise<void> {
    const subscriber = await startSubscriber(`mqtt://${HOST}:${this.broker.port}`, `chaos/${this.tag}/#`, {
      qos: 2,
      clean: false,
      clientId: `chaos-witness-${this.tag}`,
    });
    this.subscribers.push({ subscriber, epoch: this.refusals.length, read: 0 });
  }

  /** Hands what the subscribers received since the last call to the ledger. */
  private ingest(): void {
    for (const entry of this.subscribers) {
      const messages = entry.subscriber.messages;
      for (; entry.read < messages.length; entry.read++) this.ledger.receivedPayload(messages[entry.read]!.payload, entry.epoch);
    }
  }

  /** Waits for a condition; false (and a violation naming `what`) when it does not come within `ms`. */
  private async until(condition: () => boolean | Promise<boolean>, what: string, ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    for (;;) {
      if (await condition()) return true;
      if (performance.now() > deadline) {
        const stats = this.eventLoop?.stats();
        this.violate(
          `timed out after ${ms} ms waiting for ${what}` +
            (stats ? ` (state ${stats.state}, inflight ${stats.inflight}, depth ${this.client.channelStats().depth}, last error ${stats.lastError?.code ?? 'none'})` : ''),
        );
        return false;
      }
      await sleep(20);
    }
  }

  private violate(message: string): void {
    if (this.violations.length < 100) this.violations.push(message);
  }

  private elapsed(): string {
    return `${((performance.now() - this.startedAt) / 1000).toFixed(2)}s`;
  }

  private between(min: number, max: number): number {
    return min + this.random() * (max - min);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
