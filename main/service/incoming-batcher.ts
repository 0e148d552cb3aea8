// Incoming messages held between pushes to the UI: the newest few kept, the rest counted as skipped.
import type { IncomingMessage, QoS } from '../../shared/domain.js';

const PREVIEW_BYTES = 1024;

/** One message as it arrived, before it is previewed for the UI. */
interface Received {
  t: number;
  topic: string;
  qos: QoS;
  retain: boolean;
  payload: Buffer;
}

/**
 * Holds incoming messages between pushes to the UI. Each message costs O(1)
 * and only the newest `keep` are held, so a flood of any rate costs bounded
 * memory; what was not kept is counted as skipped, never silently lost.
 */
export class IncomingBatcher {
  private readonly slots: Array<Received | undefined>;
  private next = 0;
  private held = 0;
  private seen = 0;
  /** Messages received in total, kept or skipped. */
  total = 0;
  /** Messages never shown because a batch held only the newest. */
  skippedTotal = 0;

  constructor(private readonly keep = 50) {
    this.slots = new Array<Received | undefined>(keep);
  }

  add(t: number, topic: string, qos: QoS, retain: boolean, payload: Buffer): void {
    this.slots[this.next] = { t, topic, qos, retain, payload };
    this.next = (this.next + 1) % this.keep;
    if (this.held < this.keep) this.held++;
    this.seen++;
    this.total++;
  }

  /** The held messages, newest first, and how many since the last take were skipped; null when nothing came. */
  take(): { messages: IncomingMessage[]; skipped: number } | null {
    if (this.seen === 0) return null;
    const messages: IncomingMessage[] = [];
    for (let i = 1; i <= this.held; i++) {
      const index = (this.next - i + this.keep) % this.keep;
      const m = this.slots[index]!;
      this.slots[index] = undefined;
      messages.push({
        t: m.t,
        topic: m.topic,
        qos: m.qos,
        retain: m.retain,
        size: m.payload.length,
        preview: m.payload.subarray(0, PREVIEW_BYTES).toString('base64'),
        truncated: m.payload.length > PREVIEW_BYTES,
      });
    }
    const skipped = this.seen - this.held;
    this.skippedTotal += skipped;
    this.seen = 0;
    this.held = 0;
    return { messages, skipped };
  }
}
