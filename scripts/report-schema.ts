// Writes the client report's JSON Schema file from the zod schema (`npx tsx scripts/report-schema.ts`); a test checks the file is current.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_SCHEMA_FILE, reportJsonSchema } from '../shared/report/json-schema.js';

writeFileSync(join(import.meta.dirname, '..', REPORT_SCHEMA_FILE), reportJsonSchema());
console.log(`wrote ${REPORT_SCHEMA_FILE}`);
