// Reading a client report off the wire: a typed report, or a named reason it is not one; never an exception.
import { utf8Length } from '../text.js';
import { clientReportSchema, MAX_REPORT_BYTES, REPORT_VERSION, type ClientReport } from './report.js';

/** Why a message on the report topic was not a report; each is counted and shown, none is fatal. */
export type ReportProblem =
  | { kind: 'too-large'; bytes: number }
  | { kind: 'not-json' }
  | { kind: 'not-an-object' }
  | { kind: 'future-version'; version: number }
  | { kind: 'invalid'; field: string; message: string };

export type ReportParse = { ok: true; report: ClientReport } | { ok: false; problem: ReportProblem };

/**
 * Parses one report payload, decoded from UTF-8. `bytes` is its size on the
 * wire when the caller knows it: a payload too large is refused before it is
 * decoded or parsed.
 */
export function parseReport(payload: string, bytes = utf8Length(payload)): ReportParse {
  if (bytes > MAX_REPORT_BYTES) return { ok: false, problem: { kind: 'too-large', bytes } };
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { ok: false, problem: { kind: 'not-json' } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: { kind: 'not-an-object' } };
  const version = (value as { version?: unknown }).version;
  // A newer format may mean other things by the same names: counted, not read.
  if (typeof version === 'number' && version > REPORT_VERSION) return { ok: false, problem: { kind: 'future-version', version } };
  const parsed = clientReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: { kind: 'invalid', field: issue.path.join('.') || '(report)', message: issue.message } };
  }
  return { ok: true, report: parsed.data };
}

/** The client id a report topic names (`gauge/report/<id>`), or null for another topic. */
export function reportTopicClient(topic: string, prefix: string): string | null {
  return topic.startsWith(prefix) && topic.length > prefix.length ? topic.slice(prefix.length) : null;
}
