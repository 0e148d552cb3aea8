// The publishes in flight, by packet id: a flat table rather than a Map, because an entry is added and removed per QoS 1/2 message.
import type { PublishRequest } from './requests.js';

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
 */
export class InflightTable {
  private readonly byId: (InflightPublish | undefined)[] = new Array<InflightPublish | undefined>(65_536).fill(undefined);
  private readonly order = new Float64Array(65_536);
  private nextOrder = 0;
  size = 0;

  get(messageId: number): InflightPublish | undefined {
    return this.byId[messageId];
  }

  has(messageId: number): boolean {
    return this.byId[messageId] !== undefined;
  }

  set(messageId: number, entry: InflightPublish): void {
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

  clear(): void {
    if (this.size > 0) this.byId.fill(undefined);
    this.size = 0;
    this.nextOrder = 0;
  }
}
