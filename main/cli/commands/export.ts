// `mqtt-gauge export`: record for a while (or ask a running web mode) and
// write a diagnostics bundle.
import type { DiagnosticsExport } from '../../../shared/contract.js';
import { summarizeBundle, type DiagnosticsBundle } from '../../../shared/diagnostics/index.js';
import { summaryLines } from '../../../shared/locales/wording.js';
import { flag, integerOption, parse, stringOption, UsageError } from '../args.js';
import { wantsGzip, writeBundleFile } from '../bundle-file.js';
import { EXIT } from '../exit-codes.js';
import { connectHeadless, DRILL_OPTIONS, drillPlan, notConnectedText, runFor, startDrills } from '../headless.js';
import { jsonLine, StatusLine, type Io } from '../io.js';
import { helpText, phrase, WordedError, type Words } from '../messages.js';
import { openRemote } from '../remote.js';
import { BROKER_OPTIONS, brokerOptionsGiven, resolveTarget } from '../target.js';

export async function exportBundle(args: string[], io: Io, w: Words): Promise<number> {
  const { t, f } = w;
  const { values } = parse(args, {
    ...BROKER_OPTIONS,
    ...DRILL_OPTIONS,
    out: { type: 'string' },
    seconds: { type: 'string' },
    'include-username': { type: 'boolean' },
    gzip: { type: 'boolean' },
    from: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(`${helpText(w, 'export')}\n`);
    return EXIT.ok;
  }
  const out = stringOption(values, 'out');
  if (!out) throw new UsageError('cli.error.required', { option: '--out' });
  const json = flag(values, 'json');
  const gzip = wantsGzip(out, flag(values, 'gzip'));
  const includeUsername = flag(values, 'include-username');
  const seconds = integerOption(values, 'seconds', 1, 86_400) ?? 10;
  const from = stringOption(values, 'from');
  const lines = new StatusLine(json ? io.stderr : io.stdout);

  let bundle: DiagnosticsBundle;
  let connected = true;
  if (from !== undefined) {
    if (brokerOptionsGiven(values) || Object.keys(DRILL_OPTIONS).some((name) => values[name] !== undefined) || values.seconds !== undefined) {
      throw new UsageError('cli.error.brokerOptionsWithFrom');
    }
    const remote = await openRemote(from);
    try {
      const result = await remote.api.exportDiagnostics({ includeUsername });
      if (!result.ok) throw new WordedError(phrase('cli.remote.refused', { why: result.error.message }));
      bundle = result.value.bundle;
    } finally {
      remote.close();
    }
  } else {
    const target = resolveTarget(values, io.env);
    const plan = drillPlan(values);
    const headless = await connectHeadless(target, io, w);
    try {
      connected = headless.connected;
      if (connected) {
        if (!json) lines.print(t('cli.connected', { target: headless.target }));
      } else lines.print(notConnectedText(w, headless));
      const endDrills = connected ? await startDrills(headless, plan, lines, w) : async () => {};
      if (!json) lines.print(t('cli.export.recording', { duration: f.seconds(seconds) }));
      await runFor(seconds, io, lines, w);
      await endDrills();
      const result = await headless.service.handle('exportDiagnostics', { includeUsername });
      if (!result.ok) throw new Error(result.error.message);
      bundle = (result.value as DiagnosticsExport).bundle;
    } finally {
      await headless.stop();
    }
  }

  let bytes: number;
  try {
    bytes = await writeBundleFile(out, bundle, gzip);
  } catch (error) {
    const message = t('cli.error.cannotWrite', { file: out, why: (error as Error).message });
    if (json) jsonLine(io.stdout, { type: 'error', error: { code: 'write-failed', message } });
    else lines.print(message);
    return EXIT.failed;
  }
  const summary = summarizeBundle(bundle);
  const text = summaryLines(summary, t, f);
  if (json) jsonLine(io.stdout, { type: 'export', file: out, bytes, gzip, connected, summary, text });
  else {
    io.stdout.write(`${t('cli.export.written', { file: out, size: f.bytes(bytes) })}\n${t('cli.summaryTitle')}\n${text.map((line) => `  ${line}`).join('\n')}\n`);
    if (!connected) io.stdout.write(`${t('cli.export.writtenAnyway')}\n`);
  }
  return connected ? EXIT.ok : EXIT.unreachable;
}
