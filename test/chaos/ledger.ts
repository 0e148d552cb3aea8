// Per-message bookkeeping for the chaos runs: what the application was told
// when it published each message, what the engine's receipt said later, and
// what the independent subscriber received. The delivery invariants are
// checked from here once a run has settled.
import type { QoS } from 'mqtt-packet';
import type { PublishFailure, PublishReceipt, TryResult } from '../../main/engine/index.js';

/** What the publish call itself answered. */
const enum Answer {
  Pending = 0,
  /** tryPublish ok, or publish() resolved 'queued': the channel accepted it. */
  Accepted = 1,
  /** tryPublish 'full' (block policy): never accepted. */
  Full = 2,
  /** tryPublish 'dropped' or publish() resolved 'dropped': refused by drop-newest, never accepted. */
  Dropped = 3,
  /** The channel was closed: never accepted. */
  Closed = 4,
}

/** How the engine's receipt ended the message. */
const enum Ending {
  None = 0,
  Acked = 1,
  Lost = 2,
  Dropped = 3,
  Closed = 4,
  TooLarge = 5,
  InvalidProperty = 6,
}

const ENDING_BY_FAILURE: Record<PublishFailure, Ending> = {
  dropped: Ending.Dropped,
  lost: Ending.Lost,
  closed: Ending.Closed,
  'too-large': Ending.TooLarge,
  'invalid-property': Ending.InvalidProperty,
};

/** One QoS's messages, indexed by their sequence number. */
class Lane {
  answer: Answer[] = [];
  written: boolean[] = [];
  ending: Ending[] = [];
  /** How many final endings the receipt reported: more than one is a bug. */
  endings: number[] = [];
  /** The engine's connect attempt whose connection carried the ack (see ChaosLedger.ackAttempt). */
  ackAttempt: number[] = [];
  /** Copies received, per subscriber epoch. */
  received: Array<Map<number, number> | undefined> = [];

  constructor(readonly qos: QoS) {}

  get count(): number {
    return this.answer.length;
  }
}

/** Figures for one QoS at the end of a run. */
export interface LaneFigures {
  qos: QoS;
  published: number;
  accepted: number;
  full: number;
  droppedNewest: number;
  /** Accepted, then evicted by drop-oldest. */
  evicted: number;
  /** Accepted, then thrown away by a closing channel. */
  discarded: number;
  /** Taken from the channel by the event loop and written. */
  written: number;
  acked: number;
  /** Reported lost by the engine (its session was gone on reconnect). */
  lost: number;
  /** Distinct messages the subscriber received. */
  received: number;
  /** Extra copies the subscriber received (QoS 1 may repeat; QoS 0 and 2 must not). */
  duplicates: number;
  /** Reported lost by the engine, yet received: the broker had it, its ack died with the connection. */
  lostButArrived: number;
  /** Acked by a broker that was killed afterwards, and never delivered: the broker's loss, not the client's. */
  ackedThenBrokerLost: number;
}

/**
 * Tracks every published message by QoS and sequence number. Payloads are
 * `<tag>:<qos>:<seq>` so the subscriber's copies can be matched back.
 */
export class ChaosLedger {
  private readonly lanes: [Lane, Lane, Lane] = [new Lane(0), new Lane(1), new Lane(2)];
  private readonly violations: string[] = [];

  /**
   * @param ackAttempt returns the engine's connect-attempt count when an ack
   * is read: acks are only read on an established connection, so this names
   * the connection (and hence the broker instance) that acknowledged it.
   */
  constructor(
    readonly tag: string,
    private readonly ackAttempt: () => number,
  ) {}

  /** Starts a message: returns its sequence number, payload and receipt. */
  next(qos: QoS): { seq: number; payload: string; receipt: PublishReceipt } {
    const lane = this.lanes[qos];
    const seq = lane.count;
    lane.answer.push(Answer.Pending);
    lane.written.push(false);
    lane.ending.push(Ending.None);
    lane.endings.push(0);
    lane.ackAttempt.push(0);
    lane.received.push(undefined);
    const end = (ending: Ending): void => {
      lane.endings[seq]!++;
      if (lane.ending[seq] === Ending.None) lane.ending[seq] = ending;
    };
    const receipt: PublishReceipt = {
      onWritten: () => {
        if (lane.written[seq]) this.violate(`q${qos}#${seq}: onWritten reported twice`);
        lane.written[seq] = true;
      },
      onAcked: () => {
        lane.ackAttempt[seq] = this.ackAttempt();
        end(Ending.Acked);
      },
      onFailed: (reason) => end(ENDING_BY_FAILURE[reason]),
    };
    return { seq, payload: `${this.tag}:${qos}:${seq}`, receipt };
  }

  /** Records what tryPublish answered. */
  answeredTry(qos: QoS, seq: number, result: TryResult): void {
    this.lanes[qos].answer[seq] = result.ok ? Answer.Accepted : result.error === 'full' ? Answer.Full : result.error === 'dropped' ? Answer.Dropped : Answer.Closed;
  }

  /** Records what publish() settled with. */
  answeredSend(qos: QoS, seq: number, outcome: 'queued' | 'dropped' | 'closed'): void {
    this.lanes[qos].answer[seq] = outcome === 'queued' ? Answer.Accepted : outcome === 'dropped' ? Answer.Dropped : Answer.Closed;
  }

  /** Records a copy the subscriber of broker epoch `epoch` received; ignores messages of other runs. */
  receivedPayload(payload: Buffer, epoch: number): void {
    const [tag, qosText, seqText] = payload.toString().split(':');
    if (tag !== this.tag) return;
    const qos = Number(qosText);
    const seq = Number(seqText);
    const lane = this.lanes[qos as QoS];
    if (!lane || !Number.isInteger(seq) || seq < 0 || seq >= lane.count) {
      this.violate(`the subscriber received ${payload.toString()}, which was never published`);
      return;
    }
    const copies = (lane.received[seq] ??= new Map());
    copies.set(epoch, (copies.get(epoch) ?? 0) + 1);
  }

  /** Messages accepted by the channel, all QoS. */
  acceptedCount(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.answer.filter((a) => a === Answer.Accepted).length, 0);
  }

  /** QoS 1/2 messages acked whose copy has not reached the subscriber yet (for waiting at the end). */
  ackedNotReceived(epochOfAttempt: (attempt: number) => number, finalEpoch: number): number {
    let missing = 0;
    for (const lane of [this.lanes[1], this.lanes[2]]) {
      for (let seq = 0; seq < lane.count; seq++) {
        if (lane.ending[seq] === Ending.Acked && epochOfAttempt(lane.ackAttempt[seq]!) === finalEpoch && !lane.received[seq]) missing++;
      }
    }
    return missing;
  }

  /** Problems found while recording (a receipt reporting twice, a stranger's message). */
  recorded(): readonly string[] {
    return this.violations;
  }

  /**
   * Settles the books once the run is over (nothing queued, nothing in
   * flight) and returns the figures per QoS, adding every broken rule to
   * `violations`:
   *
   * - every publish call got an answer, and every accepted message exactly
   *   one ending; an accepted QoS 0 message is written, evicted or
   *   discarded; an accepted QoS 1/2 message is acked, lost, evicted or
   *   discarded (never "written and then nothing");
   * - a message refused or dropped by the channel never reaches the
   *   subscriber, nor does one thrown away by a closing channel;
   * - QoS 0 and QoS 2 arrive at most once (QoS 2 at most once across
   *   broker restarts as well);
   * - every QoS 1/2 message the engine acked reaches the subscriber, unless
   *   it was acked by a broker instance that was killed later (its epoch is
   *   not the last): that broker may have died before delivering it, which
   *   is the broker's loss (`ackedThenBrokerLost`), not the client's;
   * - with `persistentSession`, nothing is reported lost at all.
   */
  settle(options: { epochOfAttempt: (attempt: number) => number; finalEpoch: number; persistentSession: boolean }, violations: string[]): LaneFigures[] {
    violations.push(...this.violations);
    return this.lanes.map((lane) => this.settleLane(lane, options, violations));
  }

  private settleLane(lane: Lane, options: { epochOfAttempt: (attempt: number) => number; finalEpoch: number; persistentSession: boolean }, violations: string[]): LaneFigures {
    const figures: LaneFigures = {
      qos: lane.qos,
      published: lane.count,
      accepted: 0,
      full: 0,
      droppedNewest: 0,
      evicted: 0,
      discarded: 0,
      written: 0,
      acked: 0,
      lost: 0,
      received: 0,
      duplicates: 0,
      lostButArrived: 0,
      ackedThenBrokerLost: 0,
    };
    const problems = new Map<string, number[]>();
    const problem = (rule: string, seq: number): void => {
      const list = problems.get(rule) ?? [];
      list.push(seq);
      problems.set(rule, list);
    };
    for (let seq = 0; seq < lane.count; seq++) {
      const answer = lane.answer[seq]!;
      const ending = lane.ending[seq]!;
      const copies = lane.received[seq];
      let copyCount = 0;
      if (copies) for (const n of copies.values()) copyCount += n;
      if (copyCount > 0) figures.received++;
      figures.duplicates += Math.max(0, copyCount - 1);
      if (lane.written[seq]) figures.written++;
      if (lane.endings[seq]! > 1) problem('the receipt ended it more than once', seq);

      switch (answer) {
        case Answer.Pending:
          problem('the publish call never settled', seq);
          continue;
        case Answer.Full:
          figures.full++;
          if (ending !== Ending.None || lane.written[seq]) problem('refused as full, yet the engine went on with it', seq);
          if (copyCount > 0) problem('refused as full, yet it arrived', seq);
          continue;
        case Answer.Dropped:
          figures.droppedNewest++;
          if (ending !== Ending.Dropped) problem('refused by drop-newest without a "dropped" receipt', seq);
          if (copyCount > 0) problem('refused by drop-newest, yet it arrived', seq);
          continue;
        case Answer.Closed:
          if (copyCount > 0) problem('refused by a closed channel, yet it arrived', seq);
          continue;
        case Answer.Accepted:
          break;
      }
      figures.accepted++;
      if (ending === Ending.Dropped) {
        figures.evicted++;
        if (lane.written[seq]) problem('evicted by drop-oldest after it was written', seq);
        if (copyCount > 0) problem('evicted by drop-oldest, yet it arrived', seq);
        continue;
      }
      if (ending === Ending.Closed) {
        figures.discarded++;
        if (copyCount > 0) problem('discarded by a closing channel, yet it arrived', seq);
        continue;
      }
      if (ending === Ending.TooLarge) {
        problem('refused as too large (no message in this run is)', seq);
        continue;
      }
      if (ending === Ending.InvalidProperty) {
        problem('refused for an MQTT 5 property (no message in this run has one)', seq);
        continue;
      }
      if (!lane.written[seq]) {
        problem('accepted, but never written, dropped or discarded', seq);
        continue;
      }
      if (lane.qos === 0) {
        if (ending !== Ending.None) problem('a QoS 0 message got an ack or loss receipt', seq);
        if (copyCount > 1) problem('a QoS 0 message arrived more than once', seq);
        continue;
      }
      if (lane.qos === 2 && copyCount > 1) problem('a QoS 2 message arrived more than once', seq);
      if (ending === Ending.Lost) {
        figures.lost++;
        if (options.persistentSession) problem('reported lost although the session persisted', seq);
        if (copyCount > 0) figures.lostButArrived++;
        continue;
      }
      if (ending !== Ending.Acked) {
        problem('written, but neither acked nor reported lost', seq);
        continue;
      }
      figures.acked++;
      if (copyCount > 0) continue;
      if (options.epochOfAttempt(lane.ackAttempt[seq]!) < options.finalEpoch) figures.ackedThenBrokerLost++;
      else problem('acked, but it never reached the subscriber', seq);
    }
    for (const [rule, seqs] of problems) {
      violations.push(`QoS ${lane.qos}: ${rule}: ${seqs.length} message(s), e.g. #${seqs.slice(0, 5).join(', #')}`);
    }
    return figures;
  }

  private violate(message: string): void {
    if (this.violations.length < 50) this.violations.push(message);
  }
}
