// Sizes of MQTT packets on the wire, as every side counts them: the
// variable-byte integer, the limits it and the topic's length prefix set,
// and the size of a PUBLISH.

/** The largest topic or filter MQTT can carry: a two-byte length prefix. */
export const MAX_TOPIC_BYTES = 65_535;
/** The largest remaining length MQTT's variable-byte integer can express. */
export const MAX_REMAINING_LENGTH = 268_435_455;

/** Bytes a variable-byte integer takes to encode `n`. */
export function varIntSize(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/**
 * A PUBLISH's remaining length: the topic with its two-byte length prefix,
 * the packet id when QoS > 0, the properties (MQTT 5: their own length
 * prefix included, so 1 for none; MQTT 3.1.1: 0), the payload.
 */
export function publishRemainingLength(topicBytes: number, qos: number, propertiesBytes: number, payloadBytes: number): number {
  return 2 + topicBytes + (qos > 0 ? 2 : 0) + propertiesBytes + payloadBytes;
}

/** A PUBLISH's whole size on the wire: the type byte, the remaining length as a variable-byte integer, and the rest. */
export function publishPacketSize(topicBytes: number, qos: number, payloadBytes: number, propertiesBytes = 0): number {
  const remaining = publishRemainingLength(topicBytes, qos, propertiesBytes, payloadBytes);
  return 1 + varIntSize(remaining) + remaining;
}
