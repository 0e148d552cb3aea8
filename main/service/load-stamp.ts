// The send-time stamp at the start of each generated payload: written by the load generator, read back when the message arrives.
import { LOAD_STAMP_BYTES } from '../../shared/domain.js';

/*
 * Layout, 16 bytes, big-endian, at offset 0 of the payload:
 *
 *   0      4        8                16
 *   | MGL1 | run id | send time (ms) | filler ('a') up to the payload size ...
 *
 * The magic says "this is ours"; the run id ties a message to one run, so an
 * earlier run's messages still in flight (or another generator on the same
 * topic) are never mixed into this run's latency; the send time is a float64
 * of milliseconds on the process's high-resolution clock, so sub-millisecond
 * loopback latencies survive.
 */
const MAGIC = 0x4d474c31; // "MGL1": MQTT Gauge load stamp, version 1
const RUN_OFFSET = 4;
const TIME_OFFSET = 8;
/** What fills the payload after the stamp (and all of an unstamped one), as before stamps existed. */
export const FILLER = 0x61;

/**
 * Milliseconds on a clock that is monotonic within the process and shared by
 * the sender and the receiver (both are this process): performance.now()
 * from the time origin, not Date.now(), which can jump.
 */
export function stampTime(): number {
  return performance.timeOrigin + performance.now();
}

/** Whether a payload of this many bytes can carry the stamp. */
export function canStamp(payloadSize: number): boolean {
  return payloadSize >= LOAD_STAMP_BYTES;
}

/** A fresh payload of `template`'s size, stamped with the run and send time. `template` must be at least LOAD_STAMP_BYTES long. */
export function stampedPayload(template: Buffer, runId: number, sentAt: number): Buffer {
  // A copy each time: the engine keeps the buffer until it is written (and
  // for resends), so one that is stamped again later would change under it.
  const payload = Buffer.allocUnsafe(template.length);
  template.copy(payload, LOAD_STAMP_BYTES, LOAD_STAMP_BYTES);
  payload.writeUInt32BE(MAGIC, 0);
  payload.writeUInt32BE(runId, RUN_OFFSET);
  payload.writeDoubleBE(sentAt, TIME_OFFSET);
  return payload;
}

/** What a received payload's stamp says: not ours, or the run and send time it carries. */
export type ReadStamp = { stamped: false } | { stamped: true; runId: number; sentAt: number };

const NOT_STAMPED: ReadStamp = Object.freeze({ stamped: false });

/** Reads the stamp at the start of a payload; anything that does not start with the magic is not stamped. */
export function readStamp(payload: Buffer): ReadStamp {
  if (payload.length < LOAD_STAMP_BYTES || payload.readUInt32BE(0) !== MAGIC) return NOT_STAMPED;
  const sentAt = payload.readDoubleBE(TIME_OFFSET);
  // A payload that merely starts with the magic bytes is someone else's.
  if (!Number.isFinite(sentAt) || sentAt <= 0) return NOT_STAMPED;
  return { stamped: true, runId: payload.readUInt32BE(RUN_OFFSET), sentAt };
}
