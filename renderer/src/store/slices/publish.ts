// The store's publish slice: the draft being composed and the history of messages published by hand, with each one's state.
import type { StateCreator } from 'zustand';
import type { PublishAccepted } from '../../../../shared/contract.js';
import type { PayloadFormat, PublishMode, PublishStatus, QoS } from '../../../../shared/domain.js';
import type { FieldProblem } from '../../forms/problems.js';

/** What the person is composing in the publish panel. */
export interface PublishDraft {
  topic: string;
  qos: QoS;
  retain: boolean;
  mode: PublishMode;
  format: PayloadFormat;
  payload: string;
  /** MQTT 5 properties, as typed; empty means "not set". */
  contentType: string;
  responseTopic: string;
  messageExpiry: string;
  userProperties: Array<{ name: string; value: string }>;
}

/** Where one sent message is: from "on its way to the service" to acked or failed. */
export type PublishState = 'sending' | 'queued' | 'written' | 'acked' | 'failed' | 'full' | 'dropped' | 'closed' | 'refused';

/** One message published by hand, as the history lists it. */
export interface PublishRecord {
  /** The renderer's own number for it (the service's id comes with the reply). */
  seq: number;
  id: string | null;
  draft: PublishDraft;
  bytes: number | null;
  sentAt: number;
  state: PublishState;
  /** Enqueue → written, ms. */
  writtenMs?: number;
  /** Written → ack, ms. */
  ackMs?: number;
  reasonCode?: number;
  /** Why it failed, in the service's words. */
  reason?: string;
  problems?: FieldProblem[];
}

/** How many sent messages the history keeps. */
export const MAX_PUBLISH_HISTORY = 100;
/** Early statuses (that came before the reply naming their id) kept at most. */
const MAX_EARLY_STATUSES = 500;

export const EMPTY_DRAFT: PublishDraft = {
  topic: 'gauge/test',
  qos: 1,
  retain: false,
  mode: 'publish',
  format: 'text',
  payload: 'hello',
  contentType: '',
  responseTopic: '',
  messageExpiry: '',
  userProperties: [],
};

export interface PublishSlice {
  draft: PublishDraft;
  /** Newest first. */
  publishHistory: PublishRecord[];
  editDraft(change: Partial<PublishDraft>): void;
  /** Adds a message that is on its way; returns its record number. */
  recordSending(draft: PublishDraft): number;
  recordAccepted(seq: number, accepted: PublishAccepted): void;
  recordRefused(seq: number, problems: FieldProblem[], reason: string): void;
  applyPublishStatus(status: PublishStatus): void;
}

let nextSeq = 1;
/** Statuses that arrived before the reply that names their id, by id. */
const early = new Map<string, PublishStatus[]>();

function withStatus(record: PublishRecord, status: PublishStatus): PublishRecord {
  switch (status.state) {
    case 'written':
      // A late "written" never moves an acked or failed message back.
      return record.state === 'acked' || record.state === 'failed'
        ? { ...record, writtenMs: status.latencyMs }
        : { ...record, state: 'written', writtenMs: status.latencyMs };
    case 'acked':
      return { ...record, state: 'acked', ackMs: status.latencyMs, reasonCode: status.reasonCode };
    case 'failed':
      // Evicted by the overflow policy (Drop oldest) after it was queued: dropped, not failed.
      if (status.reason === 'dropped') return { ...record, state: 'dropped' };
      return { ...record, state: 'failed', reason: status.reason, reasonCode: status.reasonCode, ...(status.latencyMs !== undefined ? { ackMs: status.latencyMs } : {}) };
  }
}

export const createPublishSlice: StateCreator<PublishSlice> = (set, get) => ({
  draft: EMPTY_DRAFT,
  publishHistory: [],
  editDraft: (change) => set({ draft: { ...get().draft, ...change } }),
  recordSending: (draft) => {
    const seq = nextSeq++;
    const record: PublishRecord = { seq, id: null, draft, bytes: null, sentAt: Date.now(), state: 'sending' };
    set({ publishHistory: [record, ...get().publishHistory].slice(0, MAX_PUBLISH_HISTORY) });
    return seq;
  },
  recordAccepted: (seq, accepted) => {
    const pending = early.get(accepted.id) ?? [];
    early.delete(accepted.id);
    set({
      publishHistory: get().publishHistory.map((record) => {
        if (record.seq !== seq) return record;
        let next: PublishRecord = { ...record, id: accepted.id, bytes: accepted.bytes, state: accepted.outcome };
        if (accepted.outcome === 'queued') for (const status of pending) next = withStatus(next, status);
        return next;
      }),
    });
  },
  recordRefused: (seq, problems, reason) =>
    set({ publishHistory: get().publishHistory.map((record) => (record.seq === seq ? { ...record, state: 'refused', problems, reason } : record)) }),
  applyPublishStatus: (status) => {
    const history = get().publishHistory;
    const index = history.findIndex((record) => record.id === status.id);
    if (index === -1) {
      // The reply naming this id is still on its way (or the message was sent elsewhere).
      const list = early.get(status.id) ?? [];
      list.push(status);
      early.set(status.id, list);
      if (early.size > MAX_EARLY_STATUSES) early.delete(early.keys().next().value!);
      return;
    }
    const next = history.slice();
    next[index] = withStatus(history[index]!, status);
    set({ publishHistory: next });
  },
});
