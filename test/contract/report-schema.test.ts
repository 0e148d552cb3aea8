// The client report's JSON Schema file, which reporters in other languages read, is the schema the parser uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_FILE, reportJsonSchema } from '../../shared/report/json-schema.js';

/** The fields of version 1, in the schema's order. */
const FIELDS = ['version', 'time', 'clientId', 'library', 'capacity', 'depth', 'accepted', 'failedTryPublish', 'dropped', 'inflight', 'maxInflight', 'pending', 'connection', 'reconnects'];

describe('the client report JSON Schema file', () => {
  it('keeps the JSON Schema file the same as the schema the parser uses', () => {
    const file = readFileSync(join(import.meta.dirname, '..', '..', REPORT_SCHEMA_FILE), 'utf8');
    expect(file, `regenerate it with: npx tsx scripts/report-schema.ts`).toBe(reportJsonSchema());
    const schema = JSON.parse(file) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['version', 'time']);
    expect(Object.keys(schema.properties)).toEqual(FIELDS);
  });
});
