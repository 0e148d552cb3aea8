// The publishes in flight, by packet id: a flat table rather than a Map, because an entry is added and removed per QoS 1/2 message.
import type { PublishRequest } from './requests.js';

/** Slots a new table holds (ids 0..255); it doubles up to 65,536 as higher ids are used. */
const INITIAL_SLOTS = 256;

/** A QoS 1/2 publish that has been written and not yet fully acknowledged. */
export interface InflightPublish {
  request: PublishRequest;
  messageId: number;
  /** 'publish': waiting for PUBACK/PUBREC; 'release': PUBREL sent, waiting for PUBCOMP. */
  phase: 'publish' | 'release';
  sentAt: number;
}

/**
 * Packet ids are 1..65535, so the table is one array indexed by id: adding
 * and removing an entry is a store, with none of a Map's hashing and
 * rehashing churn on the per-message path. The send order (needed only to
 * resend after a reconnect, and for reports) is kept as a sequence number
 * per entry and sorted when asked for, which is rare.
 *
 * The table starts small and doubles when an id beyond it is set: a client
 * that never sends QoS 1/2 (or has just started) holds a few KiB, not the
 * 1 MiB a full table costs, which matters to a process with thousands of
 * clients. Ids are taken in turn, so a busy client grows to full size once.
 */
export class InflightTable {
  private byId: (InflightPublish | undefined)[] = new Array<InflightPublish | undefined>(INITIAL_SLOTS).fill(undefined);
  private order = new Float64Array(INITIAL_SLOTS);
  private nextOrder = 0;
  size = 0;

  get(messageId: number): InflightPublish | undefined {
    return this.byId[messageId];
  }

  has(messageId: number): boolean {
    return this.byId[messageId] !== undefined;
  }

  set(messageId: number, entry: InflightPublish): void {
    if (messageId >= this.byId.length) this.grow(messageId);
    if (this.byId[messageId] === undefined) this.size++;
    this.byId[messageId] = entry;
    this.order[messageId] = this.nextOrder++;
  }

  delete(messageId: number): void {
    if (this.byId[messageId] === undefined) return;
    this.byId[messageId] = undefined;
    this.size--;
  }

  /** The entries in the order they were added, oldest first. */
  values(): InflightPublish[] {
    const entries: InflightPublish[] = [];
    if (this.size === 0) return entries;
    for (const entry of this.byId) if (entry !== undefined) entries.push(entry);
    return entries.sort((a, b) => this.order[a.messageId]! - this.order[b.messageId]!);
  }

  private grow(messageId: number): void {
    let slots = this.byId.length;
    while (slots <= messageId) slots *= 2;
    const byId = new Array<InflightPublish | undefined>(slots).fill(undefined);
    for (let id = 0; id < this.byId.length; id++) byId[id] = this.byId[id];
    const order = new Float64Array(slots);
    order.set(this.order);
    this.byId = byId;
    this.order = order;
  }

  clear(): void {
    if (this.size > 0) this.byId.fill(undefined);
    this.size = 0;
    this.nextOrder = 0;
  }
}
