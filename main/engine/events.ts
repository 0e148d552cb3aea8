// The events poll() hands out: packets in and out, a lost session, and publishes refused before they reached the wire.
import type { Packet } from 'mqtt-packet';

/** Commands the event loop writes. */
export type OutgoingCmd =
  | 'connect'
  | 'publish'
  | 'subscribe'
  | 'unsubscribe'
  | 'disconnect'
  | 'pingreq'
  | 'puback'
  | 'pubrec'
  | 'pubrel'
  | 'pubcomp';

/** What one `poll()` reports. */
export type Event =
  /** A packet from the broker, as mqtt-packet parsed it. */
  | { type: 'incoming'; packet: Packet }
  /** A packet we wrote. `dup` marks a publish resent after a reconnect. */
  | { type: 'outgoing'; cmd: OutgoingCmd; messageId?: number; dup?: boolean }
  /** The broker had no session for us: these unacked publishes are gone (counted in stats). */
  | { type: 'session-lost'; lostPublishes: number; lostSubscriptions: number }
  /** A queued publish was larger than the broker accepts, so it was not sent (counted in stats as rejectedTooLarge). */
  | { type: 'rejected'; reason: 'too-large'; topic: string; size: number; limit: number }
  /** mqtt-packet refused one of a queued publish's MQTT 5 properties (its words in `message`), so it was not sent (counted in stats as rejectedInvalidProperty). */
  | { type: 'rejected'; reason: 'invalid-property'; topic: string; message: string };
