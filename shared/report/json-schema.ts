// The client report as a JSON Schema document, for reporters in other languages; generated from the one zod schema, so the two cannot differ.
import { z } from 'zod';
import { clientReportSchema } from './report.js';

/** Where the repository keeps the generated document. */
export const REPORT_SCHEMA_FILE = 'schemas/client-report.v1.schema.json';

/** The JSON Schema (draft 2020-12) of a version 1 client report, as the file holds it. */
export function reportJsonSchema(): string {
  const schema = { title: 'MQTT Gauge client report', ...z.toJSONSchema(clientReportSchema, { io: 'input' }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
