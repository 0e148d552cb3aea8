// The client report, version 1: what an application tells MQTT Gauge about its own MQTT client's queue, once a second.
import { z } from 'zod';

export const REPORT_VERSION = 1;
/** Where reports go: `gauge/report/<client id>`. */
export const REPORT_TOPIC_PREFIX = 'gauge/report/';
/** A report is a few hundred bytes; anything this large is not one, and is refused before it is parsed. */
export const MAX_REPORT_BYTES = 4096;

const count = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(0, `${what} must not be negative`);
const text = (what: string) => z.string({ error: `${what} must be text` }).max(256, `${what} is too long (at most 256 characters)`);

/**
 * Every field but `version` and `time` is optional: a client fills what its
 * library exposes (rumqttc cannot read its channel's depth; paho has no
 * public in-flight count). Fields this version does not know are ignored, so
 * a newer reporter still reads here.
 */
export const clientReportSchema = z
  .object({
    version: z.literal(REPORT_VERSION, { error: `version must be ${REPORT_VERSION}` }).describe('The report format version.'),
    time: count('time').describe('Wall-clock milliseconds (Unix epoch) when the report was made.'),
    clientId: text('clientId').optional().describe("The reporting client's MQTT client id."),
    library: text('library').optional().describe('The client library and its version, e.g. "paho-mqtt 1.6.1".'),
    capacity: count('capacity').optional().describe("The bound of the client's request queue or channel."),
    depth: count('depth').optional().describe('Requests queued now.'),
    accepted: count('accepted').optional().describe('Publishes the library accepted, since the client started.'),
    failedTryPublish: count('failedTryPublish').optional().describe('Publishes refused at once because the queue was full (try_publish errors, MQTT_ERR_QUEUE_SIZE), since the client started.'),
    dropped: count('dropped').optional().describe('Publishes the client dropped, since it started.'),
    inflight: count('inflight').optional().describe('QoS 1 and 2 publishes awaiting their acknowledgement.'),
    maxInflight: count('maxInflight').optional().describe('The in-flight window.'),
    pending: count('pending').optional().describe('Requests taken from the queue and not yet written.'),
    connection: z.enum(['connected', 'connecting', 'disconnected'], { error: 'connection must be connected, connecting or disconnected' }).optional(),
    reconnects: count('reconnects').optional().describe('Reconnections since the client started.'),
  })
  .describe('MQTT Gauge client report, version 1: published by a client about itself, about once a second, on gauge/report/<client id>.');

export type ClientReport = z.infer<typeof clientReportSchema>;
