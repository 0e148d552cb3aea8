// The summary in English, for exports and logs: the shared wording with the
// English catalogue. The UI and the CLI word the same items in the reader's
// language with `summaryLines`.
import { formattersFor } from '../format/index.js';
import { createTranslator } from '../locales/translator.js';
import { summaryLines } from '../locales/wording.js';
import type { DiagnosticsBundle } from './bundle.js';
import { summarizeBundle, type SummaryItem } from './summary.js';

/** How times are shown; the local wall clock (HH:MM:SS) unless told otherwise. */
export interface SummaryFormat {
  time?: (ms: number) => string;
}

/** One English sentence per summary item. */
export function summaryInEnglish(items: SummaryItem[], format: SummaryFormat = {}): string[] {
  const f = formattersFor('en');
  return summaryLines(items, createTranslator('en'), format.time ? { ...f, axisTime: format.time } : f);
}

/** Summarizes a bundle and words it in English. */
export function describeBundle(bundle: DiagnosticsBundle, format: SummaryFormat = {}): string[] {
  return summaryInEnglish(summarizeBundle(bundle), format);
}
