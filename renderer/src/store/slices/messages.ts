// The store's messages slice: subscriptions, the newest incoming messages, what was received and skipped, and counts per topic.
import type { StateCreator } from 'zustand';
import type { IncomingMessage, QoS } from '../../../../shared/domain.js';

/** How many incoming messages the renderer keeps, newest first. */
export const MAX_MESSAGES = 2000;
/** How many distinct topics it counts; the least recent is forgotten beyond that. */
export const MAX_TOPICS = 500;

/** A received message as listed, with a number that stays its own. */
export interface ShownMessage extends IncomingMessage {
  seq: number;
}

export interface TopicCount {
  count: number;
  lastT: number;
}

export interface MessagesSlice {
  subscriptions: Array<{ filter: string; qos: QoS }>;
  /** Newest first, at most MAX_MESSAGES. */
  messages: ShownMessage[];
  /** Every message the service reported, shown or skipped. */
  receivedTotal: number;
  /** Messages the service did not send because of the rate (its `skipped` counts, summed). */
  skippedTotal: number;
  topicCounts: Record<string, TopicCount>;
  setSubscriptions(subscriptions: Array<{ filter: string; qos: QoS }>): void;
  receiveMessages(batch: { messages: IncomingMessage[]; skipped: number }): void;
  clearMessages(): void;
}

let nextSeq = 1;

export const createMessagesSlice: StateCreator<MessagesSlice> = (set, get) => ({
  subscriptions: [],
  messages: [],
  receivedTotal: 0,
  skippedTotal: 0,
  topicCounts: {},
  setSubscriptions: (subscriptions) => set({ subscriptions }),
  receiveMessages: ({ messages, skipped }) => {
    const state = get();
    // The batch is newest first already.
    const shown = messages.map((message) => ({ ...message, seq: nextSeq++ }));
    const joined = shown.length >= MAX_MESSAGES ? shown.slice(0, MAX_MESSAGES) : shown.concat(state.messages.slice(0, MAX_MESSAGES - shown.length));
    const topicCounts = { ...state.topicCounts };
    for (const message of messages) {
      const known = topicCounts[message.topic];
      topicCounts[message.topic] = { count: (known?.count ?? 0) + 1, lastT: Math.max(known?.lastT ?? 0, message.t) };
    }
    const topics = Object.keys(topicCounts);
    if (topics.length > MAX_TOPICS) {
      topics.sort((a, b) => topicCounts[a]!.lastT - topicCounts[b]!.lastT);
      for (const topic of topics.slice(0, topics.length - MAX_TOPICS)) delete topicCounts[topic];
    }
    set({
      messages: joined,
      receivedTotal: state.receivedTotal + messages.length + skipped,
      skippedTotal: state.skippedTotal + skipped,
      topicCounts,
    });
  },
  clearMessages: () => set({ messages: [], receivedTotal: 0, skippedTotal: 0, topicCounts: {} }),
});
