// Diagnostics bundles, shared by the main process (which writes them), the
// renderer's replay mode and the CLI (which read them).
export { BUNDLE_FORMAT, BUNDLE_VERSION, bundleFileName, type BundleConnection, type DiagnosticsBundle } from './bundle.js';
export { parseBundle, type BundleParse, type BundleProblem } from './parse.js';
export { bundleSchema } from './schema.js';
export { describeBundle, summaryInEnglish, type SummaryFormat } from './summary-english.js';
export { SUMMARY_KEYS, summarizeBundle, type SummaryItem, type SummaryKey } from './summary.js';
