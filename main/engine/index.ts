// The MQTT engine: a bounded request channel between an AsyncClient and an
// EventLoop, modelled on rumqttc. Node only; knows nothing of the monitor or
// the UI.
import { RequestChannel, type OverflowPolicy } from './channel.js';
import { AsyncClient } from './client.js';
import { EventLoop, type EventLoopHooks } from './event-loop.js';
import { resolveOptions, type ClientOptions } from './options.js';

export { AsyncClient, type PublishExtras, type TryResult } from './client.js';
export {
  EventLoop,
  PollInterrupted,
  type BrokerGrant,
  type ConnectionState,
  type ErrorInfo,
  type EventLoopFaults,
  type EventLoopHooks,
  type EventLoopStats,
  type LatencyRecorder,
} from './event-loop.js';
export { EventLoopRunner, type RunnerHandlers } from './runner.js';
export {
  MAX_CAPACITY,
  MIN_CAPACITY,
  OVERFLOW_POLICIES,
  RequestChannel,
  type ChannelStats,
  type OverflowPolicy,
  type SendOutcome,
  type TrySendResult,
} from './channel.js';
export * from './errors.js';
export type { Event, OutgoingCmd } from './events.js';
export { MAX_INFLIGHT, resolveOptions, type ClientOptions, type ResolvedOptions, type TlsOptions, type Transport } from './options.js';
export type { PublishFailure, PublishProperties, PublishReceipt, Subscription } from './requests.js';
export { ProtocolState } from './state.js';
export { openTransport, type TransportStream } from './transport.js';
export { reportOf, reportTo, type Reporter, type ReportToOptions } from './report-to.js';
export { ENGINE_NAME, ENGINE_VERSION } from './version.js';

/** Extra, optional knobs of `createClient`. */
export interface CreateClientExtras extends EventLoopHooks {
  policy?: OverflowPolicy;
}

/**
 * Creates a client and its event loop joined by a channel of capacity `cap`.
 * Nothing connects until `eventLoop.poll()` is called.
 */
export function createClient(options: ClientOptions, cap: number, extras: CreateClientExtras = {}): { client: AsyncClient; eventLoop: EventLoop } {
  const resolved = resolveOptions(options);
  const clock = extras.clock ?? (() => performance.now());
  const stamp = extras.queueLatency ? clock : undefined;
  const channel = new RequestChannel(cap, extras.policy ?? 'block', stamp);
  const client = new AsyncClient(channel, { protocolVersion: resolved.protocolVersion, maxPacketSize: resolved.maxPacketSize });
  const eventLoop = new EventLoop(resolved, channel, { ...extras, clock });
  return { client, eventLoop };
}
